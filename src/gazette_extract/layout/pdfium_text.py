"""The PDFium reader's glyphs (字形): PDFium's text page → ``RawChar`` per glyph, by text object.

The hot path of the reader. A glyph box is pdfminer's: from the glyph's origin, the advance
wide, from the font's descent (descriptor ``/Descent``) one em up, through the text matrix — not
PDFium's tight outline of the glyph, which line grouping cannot use, nor its "loose" box, which
falls back to the outline when a font's metrics are missing. Advances are the font's widths,
asked once per font and character. What is per character costs three PDFium calls (its text
object, its Unicode-map error, its origin); what text objects share — font, size, matrix: a
*face* — is built once per face, and the text of the whole page comes in one call.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, byref, c_double, c_float, c_void_p
from typing import NamedTuple

from . import pdfium_api as C
from .source import RawChar

Matrix = tuple[float, float, float, float, float, float]

# PDFium computes glyph positions in single precision: digits past 1/10000 pt are noise, and left
# in they tip a gap that sits exactly on a threshold (a column gap of exactly 0.9 em) the other
# way than pdfminer's double precision does. Positions and advances are rounded to these digits.
DIGITS = 4


class Face(NamedTuple):
    """What text objects of one font, size and matrix share: everything a glyph box needs but
    its origin and advance."""

    name: str
    size: float
    a: float
    b: float
    c: float
    d: float
    axis_aligned: bool
    lo: float  # the box's bottom in text space: the font's descent (negative) at this size
    hi: float  # the box's top: one em above ``lo``
    scale: float  # a width at 1000 units per em → text space
    font: int
    widths: dict[int, float]  # advance per character at 1000 units per em, shared by the font


class TextRun(NamedTuple):
    """The glyphs the text page gives one text object, and the object's face."""

    face: Face
    glyphs: list[RawChar]


class _Faces:
    """The faces of one text page; fonts' names, descents and widths read once per font.

    A text object's size and its first character's matrix are read into one buffer, so the face
    is found by the raw bytes of its size and the matrix's linear part (the translation, which
    differs from object to object, is left out of the key).
    """

    def __init__(self, text_page: c_void_p) -> None:
        self.text_page = text_page
        self.fonts: dict[int, tuple[str, float, dict[int, float]]] = {}
        self.faces: dict[tuple[int, bytes], Face] = {}
        self.values = (c_float * 7)()  # size, then the matrix a b c d e f
        self.size_ptr = ctypes.cast(self.values, POINTER(c_float))
        self.matrix_ptr = ctypes.cast(ctypes.addressof(self.values) + 4, POINTER(c_float))
        self.key_bytes = (ctypes.c_char * 20).from_buffer(self.values)  # size, a, b, c, d

    def of(self, index: int, obj: int) -> Face:
        """The face of text object ``obj``, whose first character on the text page is ``index``."""
        font = C.TextObjFont(obj)
        C.TextObjFontSize(obj, self.size_ptr)
        C.GetCharMatrix(self.text_page, index, self.matrix_ptr)
        key = (font, self.key_bytes.raw)
        face = self.faces.get(key)
        if face is None:
            face = self.faces[key] = self._new(font)
        return face

    def _new(self, font: int) -> Face:
        size, a, b, c, d = self.values[:5]
        known = self.fonts.get(font)
        if known is None:
            descent = c_float()
            C.FontDescent(font, c_float(1000.0), byref(descent))
            known = self.fonts[font] = (_font_name(font) if font else "", descent.value / 1000.0, {})
        lo = known[1] * size
        return Face(known[0], size, a, b, c, d, b == 0 and c == 0, lo, lo + size, size / 1000.0, font, known[2])


def _glyph_width(font: int, widths: dict[int, float], unicode: int) -> float:
    """A character's advance at 1000 units per em from the font (0 when PDFium has none), cached."""
    w = c_float()
    ok = C.FontGlyphWidth(font, unicode, c_float(1000.0), byref(w))
    width = widths[unicode] = w.value if ok else 0.0
    return width


def _font_name(font: int) -> str:
    """The ``/BaseFont`` of a font (PDFium strips the subset prefix), decoded like pdfplumber."""
    buf = ctypes.create_string_buffer(256)
    n = C.FontBaseName(font, buf, 256)
    raw = buf.raw[: max(0, min(n, 256) - 1)]
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _page_codes(text_page: c_void_p, count: int) -> list[int]:
    """The Unicode code of every character of the text page: in one call when the text lines up
    one to one with the characters (no surrogate pairs), else one call per character."""
    buf = (ctypes.c_ushort * (2 * count + 1))()
    n = C.GetText(text_page.value, 0, count, buf)
    text = bytes(buf)[: max(0, n - 1) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) == count:
        return list(map(ord, text))
    return [C.GetUnicode(text_page, i) for i in range(count)]


def text_page_glyphs(text_page_handle: int, to_page: Matrix) -> dict[int, TextRun]:
    """The glyphs PDFium's text page found, by text object, in page coordinates.

    A glyph's box is pdfminer's: from its origin, the advance wide, from the descent one em up,
    through the text matrix. The advance is the font's width of the character (cached per font);
    when PDFium has no width for it (a code without Unicode), the loose box's width stands in.
    """
    text_page = c_void_p(text_page_handle)
    pa, pb, pc, pd, pe, pf = to_page
    rect = C.FS_RECTF()
    rect_ref = byref(rect)
    ox, oy = c_double(), c_double()
    ox_ref, oy_ref = byref(ox), byref(oy)
    count = C.CountChars(text_page_handle)
    face_of = _Faces(text_page).of
    by_object: dict[int, TextRun] = {}
    current_obj = None
    get_object, map_error, get_origin, get_loose = C.GetTextObject, C.HasUnicodeMapError, C.GetCharOrigin, C.GetLooseCharBox
    is_generated, run_of, digits = C.IsGenerated, by_object.get, DIGITS
    new_tuple = tuple.__new__  # a NamedTuple without its Python-level __new__
    raw_y = rounded_y = None  # the glyphs of a line share their origin's y: rounded once
    for i, u in enumerate(_page_codes(text_page, count)):
        obj = get_object(text_page, i)
        if obj is None:  # a line break or space PDFium inserted between objects
            continue
        if (u == 32 or u == 13 or u == 10) and is_generated(text_page, i):
            continue
        get_origin(text_page, i, ox_ref, oy_ref)
        if obj != current_obj:
            current_obj = obj
            run = run_of(obj)
            if run is None:
                run = by_object[obj] = new_tuple(TextRun, (face_of(i, obj), []))
            face, out = run
            name, _, a, b, c, d, axis_aligned, lo, hi, scale, font, widths = face
        text = f"(cid:{u})" if map_error(text_page, i) else chr(u)
        adv = widths.get(u)
        if adv is None:
            adv = _glyph_width(font, widths, u)
        adv *= scale
        if adv == 0.0 and a:  # no width for the character (no Unicode): the box PDFium has
            get_loose(text_page, i, rect_ref)
            adv = round((rect.right - rect.left) / a, digits)
        x = round(ox.value, digits)
        if oy.value != raw_y:
            raw_y = oy.value
            rounded_y = round(raw_y, digits)
        y = rounded_y
        if axis_aligned:
            x0, x1 = x, x + a * adv
            y0, y1 = y + d * lo, y + d * hi
        else:  # rotated or skewed text: the box of the four corners
            xs = (x + c * lo, x + c * hi, x + a * adv + c * lo, x + a * adv + c * hi)
            ys = (y + d * lo, y + d * hi, y + b * adv + d * lo, y + b * adv + d * hi)
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        # the page's rotation is a multiple of 90°: two opposite corners give the box
        X0, X1 = pa * x0 + pc * y0 + pe, pa * x1 + pc * y1 + pe
        T0, T1 = pb * x0 + pd * y0 + pf, pb * x1 + pd * y1 + pf
        if X1 < X0:
            X0, X1 = X1, X0
        if T1 < T0:
            T0, T1 = T1, T0
        out.append(new_tuple(RawChar, (text, name, T1 - T0, X0, X1, T0, T1)))
    return by_object
