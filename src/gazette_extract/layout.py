"""Stage 1 — layout (版面): PDF pages → ``PageLayout`` (lines, glyphs, ruling edges).

Each page is parsed once and closed before the next is read, so memory stays flat. Clean-up
done here, once for every later stage:
- fake-bold copies (假粗体: each glyph drawn 2–4 times a fraction of a point apart) collapse to
  one glyph marked bold; genuine repetition (年年) is kept because its copies are a glyph apart;
- Kangxi radicals and CJK radical-supplement look-alikes (⽅ U+2F45) become unified ideographs,
  without NFKC on the whole text (which would also fold fullwidth punctuation);
- glyphs a font cannot map to Unicode (pdfminer's ``(cid:N)``) are counted, never emitted;
- layout spaces between Chinese characters are not text; wide gaps split a line into segments;
- the running header (页眉), the printed page number (页码) and margin marks are removed from
  the body and recorded separately (see ``strip_furniture``).
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from . import patterns
from .errors import DamagedPdfError, EncryptedPdfError, NotAPdfError
from .models import Edge, Glyph, PageLayout, TextLine

# A glyph copy closer than this fraction of the font size to one already placed is fake bold.
FAKE_BOLD_TOLERANCE = 0.25
# A horizontal gap wider than this many font sizes splits a line into segments (columns).
SEGMENT_GAP = 1.6
# A gap wider than this fraction of the font size between two non-CJK glyphs is a space.
SPACE_GAP = 0.25
# Running headers sit in the top band, page numbers in the top or bottom band of the page.
HEADER_BAND = 0.11
FOOTER_BAND = 0.89
# A ruling line is at most this thick; thicker rectangles are shading, not rules.
RULE_MAX_THICKNESS = 3.0
# An image covering this share of the page makes it a scan.
SCAN_COVERAGE = 0.6

# CJK Radicals Supplement look-alikes that have no compatibility decomposition.
_RADICAL_SUPPLEMENT = {
    "⺀": "冫", "⺁": "厂", "⺃": "乚", "⺅": "亻", "⺇": "几", "⺉": "刂", "⺋": "㔾", "⺌": "小",
    "⺍": "小", "⺎": "兀", "⺏": "尣", "⺐": "尢", "⺑": "𡯂", "⺒": "巳", "⺓": "幺", "⺔": "彑",
    "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺",
    "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺦": "丬",
    "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹",
    "⺯": "糸", "⺰": "纟", "⺱": "网", "⺲": "罒", "⺳": "网", "⺴": "罒", "⺵": "罒", "⺶": "羊",
    "⺷": "羊", "⺸": "羊", "⺹": "耂", "⺺": "聿", "⺻": "聿", "⺼": "月", "⺽": "臼", "⺾": "艹",
    "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角",
    "⻇": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶",
    "⻏": "阝", "⻐": "金", "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阝", "⻖": "阝",
    "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食",
    "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟",
    "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐", "⻭": "齿", "⻮": "齿",
    "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀", "⻳": "龟",
}


def normalize_glyph_text(text: str) -> str:
    """Map a look-alike radical to its unified ideograph; leave all else (fullwidth too) alone."""
    if len(text) != 1:
        return unicodedata.normalize("NFC", text)
    code = ord(text)
    if 0x2F00 <= code <= 0x2FDF:  # Kangxi Radicals: each has a compatibility decomposition
        return unicodedata.normalize("NFKC", text)
    if 0x2E80 <= code <= 0x2EFF:
        return _RADICAL_SUPPLEMENT.get(text) or unicodedata.normalize("NFKC", text)
    if 0xF900 <= code <= 0xFAFF:  # CJK Compatibility Ideographs
        return unicodedata.normalize("NFC", text)
    return text


def is_cjk(ch: str) -> bool:
    """Han characters and CJK/fullwidth punctuation, between which spaces are only layout."""
    code = ord(ch[0])
    return (
        0x3000 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FFFF
        or ch in "—…·“”‘’"
    )


def _is_bold_font(fontname: str) -> bool:
    name = fontname.lower()
    return any(k in name for k in ("bold", "heavy", "black", "hei", "xbs", "xiaobiaosong", "biaosong"))


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open ``path``, turning every way a file can fail to be a readable PDF into a named error."""
    try:
        head = path.read_bytes()[:1024]
    except OSError as exc:
        raise NotAPdfError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not head.strip():
        raise NotAPdfError(f"{path} is empty")
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{path} is not a PDF (no %PDF- header)")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be read
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPdfError(f"{path} is encrypted and needs a password") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DamagedPdfError(f"{path} is damaged or truncated ({type(exc).__name__})") from exc
    if not pdf.pages:
        pdf.close()
        raise DamagedPdfError(f"{path} has no readable pages (damaged or truncated)")
    return pdf


def _dedupe_glyphs(chars: list[dict]) -> tuple[list[Glyph], int]:
    """Glyphs of a page with fake-bold copies merged; returns them and the unmapped count."""
    placed: dict[tuple[str, int], list[int]] = {}
    glyphs: list[Glyph] = []
    unmapped = 0
    for ch in chars:
        text = ch["text"]
        if text.startswith("(cid:"):
            unmapped += 1
            continue
        if not text.strip():
            continue
        size = ch["size"] or (ch["bottom"] - ch["top"]) or 1.0
        x0, top = ch["x0"], ch["top"]
        tol = size * FAKE_BOLD_TOLERANCE
        key_row = int(top // max(tol, 0.5))
        duplicate = None
        for row in (key_row - 1, key_row, key_row + 1):
            for idx in placed.get((text, row), ()):
                g = glyphs[idx]
                if abs(g.x0 - x0) <= tol and abs(g.top - top) <= tol:
                    duplicate = idx
                    break
            if duplicate is not None:
                break
        if duplicate is not None:
            g = glyphs[duplicate]
            if not g.bold:
                glyphs[duplicate] = replace(g, bold=True)
            continue
        placed.setdefault((text, key_row), []).append(len(glyphs))
        glyphs.append(
            Glyph(
                text=normalize_glyph_text(text),
                x0=x0,
                top=top,
                x1=ch["x1"],
                bottom=ch["bottom"],
                size=round(size, 2),
                bold=_is_bold_font(ch.get("fontname", "")),
            )
        )
    return glyphs, unmapped


def _edges(page_objects: dict) -> list[Edge]:
    """Ruling edges from line objects and from the sides of thin or outlined rectangles."""
    edges: list[Edge] = []
    for ln in page_objects.get("line", ()):
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if abs(bottom - top) <= RULE_MAX_THICKNESS and x1 - x0 > 1:
            edges.append(Edge("h", x0, (top + bottom) / 2, x1, (top + bottom) / 2))
        elif abs(x1 - x0) <= RULE_MAX_THICKNESS and bottom - top > 1:
            edges.append(Edge("v", (x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
    for rc in page_objects.get("rect", ()):
        x0, x1, top, bottom = rc["x0"], rc["x1"], rc["top"], rc["bottom"]
        w, h = x1 - x0, bottom - top
        if h <= RULE_MAX_THICKNESS and w > 1:
            edges.append(Edge("h", x0, (top + bottom) / 2, x1, (top + bottom) / 2))
        elif w <= RULE_MAX_THICKNESS and h > 1:
            edges.append(Edge("v", (x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
        elif rc.get("stroke", True):
            edges.extend(
                (
                    Edge("h", x0, top, x1, top),
                    Edge("h", x0, bottom, x1, bottom),
                    Edge("v", x0, top, x0, bottom),
                    Edge("v", x1, top, x1, bottom),
                )
            )
    return edges


def glyph_text(glyphs: list[Glyph]) -> tuple[str, tuple[tuple[str, float, float], ...]]:
    """Text of glyphs on one baseline (sorted by x): layout spaces dropped, wide gaps segmented."""
    segments: list[tuple[str, float, float]] = []
    parts: list[str] = []
    seg_x0 = glyphs[0].x0
    prev = glyphs[0]
    parts.append(prev.text)
    for g in glyphs[1:]:
        gap = g.x0 - prev.x1
        size = max(prev.size, g.size)
        if gap > SEGMENT_GAP * size:
            segments.append(("".join(parts), seg_x0, prev.x1))
            parts, seg_x0 = [], g.x0
        elif gap > SPACE_GAP * size and not (is_cjk(prev.text[-1]) or is_cjk(g.text[0])):
            parts.append(" ")
        parts.append(g.text)
        prev = g
    segments.append(("".join(parts), seg_x0, prev.x1))
    text = " ".join(s[0] for s in segments)
    return text, tuple(segments)


def group_lines(glyphs: list[Glyph], page: int) -> list[TextLine]:
    """Cluster glyphs into lines by vertical overlap, each line read left to right."""
    if not glyphs:
        return []
    ordered = sorted(glyphs, key=lambda g: ((g.top + g.bottom) / 2, g.x0))
    lines: list[list[Glyph]] = []
    current: list[Glyph] = [ordered[0]]
    mid = (ordered[0].top + ordered[0].bottom) / 2
    for g in ordered[1:]:
        g_mid = (g.top + g.bottom) / 2
        if abs(g_mid - mid) <= 0.45 * min(g.size, current[-1].size):
            current.append(g)
        else:
            lines.append(current)
            current = [g]
            mid = g_mid
    lines.append(current)
    out = []
    for members in lines:
        members.sort(key=lambda g: g.x0)
        text, segments = glyph_text(members)
        sizes = Counter(round(g.size, 1) for g in members)
        out.append(
            TextLine(
                text=text,
                x0=min(g.x0 for g in members),
                top=min(g.top for g in members),
                x1=max(g.x1 for g in members),
                bottom=max(g.bottom for g in members),
                size=sizes.most_common(1)[0][0],
                bold=sum(g.bold for g in members) * 2 > len(members),
                page=page,
                segments=segments,
            )
        )
    return out


def _parse_page_number(text: str) -> int | None:
    m = patterns.PAGE_NUMBER.match(text)
    if not m:
        return None
    return int(m["n"] or m["n2"] or m["n3"])


def read_page(pdf_page, page_no: int) -> PageLayout:
    """Parse one pdfplumber page into a ``PageLayout`` (furniture still unresolved)."""
    objects = pdf_page.objects
    width, height = float(pdf_page.width), float(pdf_page.height)
    chars = objects.get("char", [])
    glyphs, unmapped = _dedupe_glyphs(chars)
    edges = _edges(objects)
    image_area = sum(
        max(0.0, im["x1"] - im["x0"]) * max(0.0, im["bottom"] - im["top"]) for im in objects.get("image", ())
    )
    covered = image_area >= SCAN_COVERAGE * width * height
    lines = group_lines(glyphs, page_no)
    body_size = statistics.median([ln.size for ln in lines]) if lines else 0.0
    return PageLayout(
        page=page_no,
        width=width,
        height=height,
        printed_page=None,
        header="",
        lines=tuple(lines),
        glyphs=tuple(glyphs),
        edges=tuple(edges),
        body_size=body_size,
        unmapped_glyphs=unmapped,
        ocr_text_layer=covered and bool(glyphs),
        image_only=covered and not glyphs and unmapped == 0,
    )


def iter_pages(pdf: pdfplumber.PDF) -> Iterator[PageLayout]:
    """Yield each page's layout, flushing pdfplumber's caches so memory does not grow."""
    for index, pdf_page in enumerate(pdf.pages):
        try:
            layout = read_page(pdf_page, index + 1)
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
            raise DamagedPdfError(f"page {index + 1} cannot be read ({type(exc).__name__})") from exc
        finally:
            pdf_page.close()
        yield layout


def _furniture_key(text: str) -> str:
    """Header text with digits removed, so 第4期 and page numbers do not hide recurrence."""
    return "".join(ch for ch in text if not ch.isdigit() and not ch.isspace())


def strip_furniture(pages: list[PageLayout]) -> list[PageLayout]:
    """Remove running headers, page numbers and margin marks from the lines; record page numbers.

    It runs after the per-page work, on pages whose glyphs and edges were already released.

    A running header is a line in the top band whose text (digits ignored) recurs at the top
    of at least two other pages; a page number is a line in the top or bottom band made only
    of a number in a page-number style (— 14 —, ·14·, 第14页, 14). A margin mark is a lone
    glyph outside the column of body text (binding marks 装/订/线 on a form's margin).
    """
    header_counts: Counter[str] = Counter()
    for p in pages:
        seen = {_furniture_key(ln.text) for ln in p.lines if ln.bottom <= p.height * HEADER_BAND}
        header_counts.update(k for k in seen if k)
    min_repeat = 3 if len(pages) >= 4 else max(2, len(pages))
    out = []
    for p in pages:
        keep: list[TextLine] = []
        header_parts: list[str] = []
        printed = None
        column = _text_column(p)
        for ln in p.lines:
            in_header = ln.bottom <= p.height * HEADER_BAND
            in_footer = ln.top >= p.height * FOOTER_BAND
            if (in_header or in_footer) and printed is None:
                number = _parse_page_number(ln.text)
                if number is not None:
                    printed = number
                    continue
            if in_header and header_counts[_furniture_key(ln.text)] >= min_repeat:
                header_parts.append(ln.text)
                continue
            if in_footer and header_counts.get(_furniture_key(ln.text), 0) >= min_repeat:
                continue
            if column and len(ln.text) == 1 and (ln.x1 < column[0] - ln.size or ln.x0 > column[1] + ln.size):
                continue  # a margin mark
            keep.append(ln)
        out.append(replace(p, lines=tuple(keep), printed_page=printed, header=" ".join(header_parts)))
    return out


def _text_column(p: PageLayout) -> tuple[float, float] | None:
    """Left and right extent of the lines of several glyphs: the page's column of text."""
    long_lines = [ln for ln in p.lines if len(ln.text) >= 6]
    if not long_lines:
        return None
    return min(ln.x0 for ln in long_lines), max(ln.x1 for ln in long_lines)
