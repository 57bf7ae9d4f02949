"""Glyph clean-up (字形清理): reader-neutral passes over a page's raw glyphs.

- fake-bold copies (假粗体: each glyph drawn 2–4 times a fraction of a point apart) collapse to
  one glyph marked bold; genuine repetition (年年) is kept because its copies are a glyph apart;
- a glyph is bold by its face's name (…Bold, 黑体 …Hei…) only relative to the page: the face
  that prints most (over half) of the page's glyphs is its regular weight, whatever its name;
- Kangxi radicals and CJK radical-supplement look-alikes (⽅ U+2F45) become unified ideographs,
  without NFKC on the whole text (which would also fold fullwidth punctuation); the dash
  look-alike ― becomes —;
- glyphs a font cannot map to Unicode (``(cid:N)``) are counted, never emitted.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from ..models import Glyph
from .source import RawChar

# A glyph copy closer than this fraction of the font size (and than half its own width) to one
# already placed is fake bold.
FAKE_BOLD_TOLERANCE = 0.25
# ... and never more than this many points.
FAKE_BOLD_MAX_OFFSET = 1.0

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


# Punctuation look-alikes a text layer carries for Chinese punctuation: U+2015 HORIZONTAL BAR is the
# legacy GB2312 mapping of the 破折号 (A1AA, —), and fonts that draw — and ― with one glyph let a
# browser's PDF carry either (2021―2022 for 2021—2022).
_PUNCTUATION_LOOKALIKES = {"―": "—"}


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
    return _PUNCTUATION_LOOKALIKES.get(text, text)


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


def _face_name(fontname: str) -> str:
    """A font's name without its subset prefix (ABCDEF+): PDFium strips it, and one face may be
    embedded as several subsets on a page."""
    if len(fontname) > 7 and fontname[6] == "+" and fontname[:6].isupper() and fontname[:6].isalpha():
        return fontname[7:]
    return fontname


def _is_bold_font(fontname: str) -> bool:
    """A bold face by its name; the subset prefix is ignored (six random capitals can spell HEI)."""
    name = _face_name(fontname).lower()
    return any(k in name for k in ("bold", "heavy", "black", "hei", "xbs", "xiaobiaosong", "biaosong"))


def _body_face(faces: list[str]) -> str | None:
    """The face (字体) that prints more than half of a page's glyphs, when it is a bold-looking one.

    Boldness that marks titles and captions is relative to the text around them: a gazette may
    set its whole body in one bold-looking family (黑体: a face named …Hei…), and then the body's
    own face is the page's regular weight, bold only where fake bold (假粗体) strikes it twice.
    """
    if not faces:
        return None
    ((face, count),) = Counter(faces).most_common(1)
    return face if count * 2 > len(faces) and _is_bold_font(face) else None


def space_widths(chars: list[RawChar]) -> dict[str, float]:
    """Width of a word space per font, as a share of the font size, from the space glyphs the
    page prints (the font's own space advance: Times 0.25 em, Arial 0.28 em, a CJK font's
    half-width space 0.5 em); fonts that print no space are absent."""
    seen: dict[str, list[float]] = {}
    for ch in chars:
        if ch.text == " " and ch.size > 0 and ch.x1 > ch.x0:
            seen.setdefault(ch.fontname, []).append((ch.x1 - ch.x0) / ch.size)
    return {font: sorted(ws)[len(ws) // 2] for font, ws in seen.items()}


def _dedupe_glyphs(chars: list[RawChar]) -> tuple[list[Glyph], int]:
    """Glyphs of a page with fake-bold copies merged; returns them and the unmapped count.

    Per page hot path: glyphs already placed are indexed by text, then by row band, so a glyph
    whose text has not been seen yet costs one lookup; what is per font or per size (bold face,
    rounded size, space width) is worked out once.
    """
    spaces = space_widths(chars)
    placed: dict[str, dict[int, list[int]]] = {}  # text → row band → indexes into glyphs
    xs: list[float] = []
    tops: list[float] = []
    glyphs: list[Glyph] = []
    unmapped = 0
    bold_of: dict[str, bool] = {}  # _is_bold_font per font name: a page has only a few fonts
    rounded_size: dict[float, float] = {}
    space_width_of: dict[tuple[str, float], float] = {}  # (font, size) → word-space width
    share, most = FAKE_BOLD_TOLERANCE, FAKE_BOLD_MAX_OFFSET
    new_glyph = tuple.__new__  # Glyph(...) without its Python-level __new__: a glyph is a tuple
    face_of: dict[str, str] = {}  # _face_name per font name
    faces: list[str] = []  # the face of each glyph, by index
    struck_twice: set[int] = set()  # indexes of glyphs printed again as fake bold
    for text, fontname, size, x0, x1, top, bottom in chars:
        if len(text) != 1:
            if text.startswith("(cid:"):
                unmapped += 1
                continue
            if not text.strip():
                continue
        elif text.isspace():
            continue
        size = size or (bottom - top) or 1.0
        # a copy must sit closer than a fraction of the glyph's own width: narrow glyphs (l, .)
        # printed one advance apart are real repetition, not fake bold; and within a point: fake
        # bold strikes again 0.2–0.5 pt off, while text running past a narrow cell over the next
        # cell's own text can put an equal digit 1.3 pt from it (2022/202|3 over a centred 2)
        width = x1 - x0
        tol = size * share  # min(size × share, half the width (at least 0.05), most)
        half_width = (width if width > 0.1 else 0.1) * 0.5
        if half_width < tol:
            tol = half_width
        if most < tol:
            tol = most
        key_row = int(top // (tol if tol > 0.5 else 0.5))
        rows = placed.get(text)
        if rows is None:
            rows = placed[text] = {}
        else:
            duplicate = None
            for row in (key_row - 1, key_row, key_row + 1):
                for idx in rows.get(row, ()):
                    if abs(xs[idx] - x0) <= tol and abs(tops[idx] - top) <= tol:
                        duplicate = idx
                        break
                if duplicate is not None:
                    break
            if duplicate is not None:
                g = glyphs[duplicate]
                struck_twice.add(duplicate)
                if not g.bold:
                    glyphs[duplicate] = g._replace(bold=True)
                continue
        bold = bold_of.get(fontname)
        if bold is None:
            bold = bold_of[fontname] = _is_bold_font(fontname)
            face_of[fontname] = _face_name(fontname)
        faces.append(face_of[fontname])
        band = rows.get(key_row)
        if band is None:
            rows[key_row] = [len(glyphs)]
        else:
            band.append(len(glyphs))
        xs.append(x0)
        tops.append(top)
        code = ord(text[0])
        if len(text) != 1 or 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:
            text = normalize_glyph_text(text)
        shown_size = rounded_size.get(size)
        if shown_size is None:
            shown_size = rounded_size[size] = round(size, 2)
        space = spaces.get(fontname)
        if space:
            key = (fontname, size)
            space_width = space_width_of.get(key)
            if space_width is None:
                space_width = space_width_of[key] = round(space * size, 2)
        else:
            space_width = 0.0
        glyphs.append(new_glyph(Glyph, (text, x0, top, x1, bottom, shown_size, bold, space_width)))
    body = _body_face(faces)
    if body is not None:
        glyphs = [
            g._replace(bold=False) if face == body and k not in struck_twice else g
            for k, (g, face) in enumerate(zip(glyphs, faces))
        ]
    return glyphs, unmapped
