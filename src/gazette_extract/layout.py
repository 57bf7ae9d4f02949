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

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from operator import attrgetter, itemgetter
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException
from pdfminer.layout import LTContainer
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSException
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.pdfinternals import resolve_all

from . import patterns
from .errors import DamagedPdfError, EncryptedPdfError, NotAPdfError
from .models import Edge, Glyph, PageLayout, PageNote, TextLine

# A glyph copy closer than this fraction of the font size (and than half its own width) to one
# already placed is fake bold.
FAKE_BOLD_TOLERANCE = 0.25
# A horizontal gap wider than this many font sizes splits a line into segments: columns of a
# borderless roster sit only 1–1.5 em apart, while glyph spacing inside words stays < 0.6 em.
SEGMENT_GAP = 0.9
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
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise NotAPdfError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not head.strip():
        raise NotAPdfError(f"{path} is empty")
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{path} is not a PDF (no %PDF- header)")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be read
    except PdfminerException as exc:  # pdfplumber wraps every pdfminer error raised on open
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedPdfError(f"{path} is encrypted and needs a password") from exc
        raise DamagedPdfError(f"{path} is damaged or truncated ({type(cause).__name__})") from exc
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
    bold_of: dict[str, bool] = {}  # _is_bold_font per font name: a page has only a few fonts
    for ch in chars:
        text = ch["text"]
        if text.startswith("(cid:"):
            unmapped += 1
            continue
        if not text.strip():
            continue
        top = ch["top"]
        size = ch["size"] or (ch["bottom"] - top) or 1.0
        x0 = ch["x0"]
        # a copy must sit closer than a fraction of the glyph's own width: narrow glyphs (l, .)
        # printed one advance apart are real repetition, not fake bold
        tol = min(size * FAKE_BOLD_TOLERANCE, max(ch["x1"] - x0, 0.1) * 0.5)
        key_row = int(top // max(tol, 0.5))
        duplicate = None
        for row in (key_row - 1, key_row, key_row + 1):
            candidates = placed.get((text, row))
            if candidates:
                for idx in candidates:
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
        fontname = ch.get("fontname", "")
        bold = bold_of.get(fontname)
        if bold is None:
            bold = bold_of[fontname] = _is_bold_font(fontname)
        key = (text, key_row)
        if key in placed:
            placed[key].append(len(glyphs))
        else:
            placed[key] = [len(glyphs)]
        glyphs.append(
            Glyph(
                text=normalize_glyph_text(text),
                x0=x0,
                top=top,
                x1=ch["x1"],
                bottom=ch["bottom"],
                size=round(size, 2),
                bold=bold,
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
    if len(segments) == 1:  # one run of text: the line itself, nothing more to keep
        return segments[0][0], ()
    return " ".join(s[0] for s in segments), tuple(segments)


# pdfminer layout class → pdfplumber object kind (LTChar → "char"), as pdfplumber names them.
_KIND_OF_CLASS: dict[type, str] = {}
_LT_PREFIX = re.compile(r"^LT")

_X0 = attrgetter("x0")
_COUNT = itemgetter(1)


def group_lines(glyphs: list[Glyph], page: int) -> list[TextLine]:
    """Cluster glyphs into lines by vertical overlap, each line read left to right."""
    if not glyphs:
        return []
    # Sort by (vertical middle, x0); the index keeps equal keys in their original order.
    ordered = sorted([((g.top + g.bottom) / 2, g.x0, i, g) for i, g in enumerate(glyphs)])
    lines: list[list[Glyph]] = []
    first = ordered[0]
    current: list[Glyph] = [first[3]]
    current_size = first[3].size
    mid = first[0]
    for g_mid, _, _, g in ordered[1:]:
        size = g.size
        if abs(g_mid - mid) <= 0.45 * (size if size < current_size else current_size):
            current.append(g)
        else:
            lines.append(current)
            current = [g]
            mid = g_mid
        current_size = size
    lines.append(current)
    out = []
    for members in lines:
        members.sort(key=_X0)
        text, segments = glyph_text(members)
        g = members[0]
        x0, top, x1, bottom = g.x0, g.top, g.x1, g.bottom
        sizes: dict[float, int] = {}
        n_bold = 0
        for g in members:
            if g.x0 < x0:
                x0 = g.x0
            if g.top < top:
                top = g.top
            if g.x1 > x1:
                x1 = g.x1
            if g.bottom > bottom:
                bottom = g.bottom
            key = round(g.size, 1)
            sizes[key] = sizes.get(key, 0) + 1
            if g.bold:
                n_bold += 1
        # the most common size; among equally common ones the first seen (as Counter.most_common)
        size = max(sizes.items(), key=_COUNT)[0]
        out.append(
            TextLine(
                text=text,
                x0=x0,
                top=top,
                x1=x1,
                bottom=bottom,
                size=size,
                bold=n_bold * 2 > len(members),
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


def _page_objects(pdf_page) -> dict[str, list[dict]]:
    """The chars, lines, rects and images of a page, as in pdfplumber's ``page.objects``.

    The same dicts (same order, same coordinates: top-left origin, MediaBox offset) cut down
    to the keys ``read_page`` uses, built straight from pdfminer's layout objects. pdfplumber
    converts every attribute of every object (colours, paths, matrices), which costs a
    quarter of the parse; this is the per-page hot path. Falls back to ``page.objects`` for
    anything but a plain page of a PDF opened without layout analysis or Unicode normalisation.
    """
    pdf = pdf_page.pdf
    if pdf.laparams is not None or pdf.unicode_norm is not None or not getattr(pdf_page, "is_original", False):
        return pdf_page.objects
    height = pdf_page.height
    mb_x0, mb_top = pdf_page.mediabox[:2]
    chars: list[dict] = []
    lines: list[dict] = []
    rects: list[dict] = []
    images: list[dict] = []
    objects = {"char": chars, "line": lines, "rect": rects, "image": images}
    kind_of = _KIND_OF_CLASS

    def walk(items) -> None:
        for obj in items:
            if isinstance(obj, LTContainer):  # figures: pdfplumber takes their children
                walk(obj._objs)
                continue
            cls = obj.__class__
            kind = kind_of.get(cls)
            if kind is None:
                kind = kind_of[cls] = _LT_PREFIX.sub("", cls.__name__).lower()
            if kind == "char":
                fontname = obj.fontname
                if not isinstance(fontname, str):
                    fontname = resolve_all(fontname)
                    if isinstance(fontname, bytes):
                        fontname = fix_fontname_bytes(fontname)
                x0, x1 = obj.x0, obj.x1
                if mb_x0 != 0:
                    x0, x1 = x0 + mb_x0, x1 + mb_x0
                chars.append(
                    {
                        "text": obj.get_text(),
                        "fontname": fontname,
                        "size": obj.size,
                        "x0": x0,
                        "x1": x1,
                        "top": (height - obj.y1) + mb_top,
                        "bottom": (height - obj.y0) + mb_top,
                    }
                )
            elif kind == "line" or kind == "rect" or kind == "image":
                x0, x1 = obj.x0, obj.x1
                if mb_x0 != 0:
                    x0, x1 = x0 + mb_x0, x1 + mb_x0
                item = {"x0": x0, "x1": x1, "top": (height - obj.y1) + mb_top, "bottom": (height - obj.y0) + mb_top}
                if kind == "rect":
                    if "stroke" in obj.__dict__:
                        item["stroke"] = resolve_all(obj.stroke)
                    rects.append(item)
                elif kind == "line":
                    lines.append(item)
                else:
                    images.append(item)

    walk(pdf_page.layout._objs)
    return objects


def read_page(pdf_page, page_no: int) -> PageLayout:
    """Parse one pdfplumber page into a ``PageLayout`` (furniture still unresolved)."""
    objects = _page_objects(pdf_page)
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


def _undecoded_streams(pdf_page) -> list[tuple[PDFStream, bytes]]:
    """The page's content streams that are still undecoded, with their raw (compressed) bytes."""
    streams = []
    for item in pdf_page.page_obj.contents:
        stream = resolve1(item)
        if isinstance(stream, PDFStream) and stream.data is None and stream.rawdata is not None:
            streams.append((stream, stream.rawdata))
    return streams


def iter_pages(pdf: pdfplumber.PDF, first: int = 0, last: int | None = None) -> Iterator[PageLayout]:
    """Layouts of pages ``first``..``last`` (0-based, inclusive), one page in memory at a time.

    After each page, pdfplumber's caches of it are flushed (``page.close()``) and its content
    streams go back to their undecoded state: pdfminer keeps a decoded stream on the page
    object and in the document's object cache, so without that the decoded text of every page
    read so far would stay in memory. Re-reading a stream decodes it again, with the same result.
    """
    last = len(pdf.pages) - 1 if last is None else last
    for index in range(first, last + 1):
        pdf_page = pdf.pages[index]
        streams = _undecoded_streams(pdf_page)
        try:
            page = read_page(pdf_page, index + 1)
        except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
            raise DamagedPdfError(f"page {index + 1} cannot be read ({type(exc).__name__})") from exc
        finally:
            pdf_page.close()
            for stream, rawdata in streams:
                stream.data, stream.rawdata = None, rawdata
        yield page


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


def page_notes(pages: list[PageLayout]) -> list[PageNote]:
    """Page facts the checks report: glyphs without Unicode mapping, OCR layers, bare scans."""
    notes = []
    for p in pages:
        if p.unmapped_glyphs:
            notes.append(PageNote(page=p.page, printed_page=p.printed_page, kind="unmapped_glyphs", count=p.unmapped_glyphs))
        if p.ocr_text_layer:
            notes.append(PageNote(page=p.page, printed_page=p.printed_page, kind="ocr_text_layer"))
        if p.image_only:
            notes.append(PageNote(page=p.page, printed_page=p.printed_page, kind="image_only"))
    return notes
