"""The PDFium page reader (pypdfium2): a PDF → one ``RawPage`` per page, as ``plumber.py`` gives it.

The reference reader is pdfplumber/pdfminer; this one reads the same raw objects with the same
meaning (``source.py``), several times faster, through pypdfium2's raw C API:

- **glyphs**: PDFium's text page gives each character, its text object and its origin. A glyph
  box is pdfminer's: the advance width wide and one em tall, from the font's descent (descriptor
  ``/Descent``) up, through the text matrix — not PDFium's tight outline of the glyph, which line
  grouping cannot use, nor its "loose" box, which falls back to the outline when a font's
  metrics are missing. Advances are the font's widths, asked once per font and character.
- **font names** are the ``/BaseFont`` without the subset prefix (``ABCDEF+``), which PDFium
  strips; bold detection ignores that prefix for both readers (glyphs.py).
- **text that pdfminer keeps**: invisible text (render mode 3, an OCR layer) and clipped text are
  kept, as pdfplumber keeps them — pdfminer neither clips nor looks at the render mode.
- **spaces PDFium invents** between words and lines (``FPDFText_IsGenerated``) are dropped;
  spaces drawn in the PDF are kept.
- **unmapped glyphs** (``FPDFText_HasUnicodeMapError``: the font has no Unicode for the code)
  become ``(cid:N)``, as pdfminer writes them, so the unmapped-glyph count works unchanged.
- **fake bold** (假粗体): PDFium's text page drops a text object that repeats the one before it a
  fraction of a glyph away; pdfminer keeps both copies, and the copies are what marks the glyphs
  bold (glyphs.py). A dropped copy is recovered from the page objects: same font and size, same
  extent, shifted — its glyphs are the kept object's glyphs moved by the shift.
- **paths** are classified as pdfminer does: each subpath on its own; a single segment is a line;
  four axis-parallel sides closed on themselves (``re`` or m-l-l-l-h) are a rectangle, with the
  stroke flag of its painting operator; anything else is a curve and not read. Paths and images
  inside form XObjects are read through the forms' matrices, as text is.
- **coordinates**: PDF user space turned into the displayed page (``/Rotate``) and MediaBox offset
  exactly as pdfminer's page matrix and pdfplumber's top-left flip do it.

Pages are loaded one at a time; the text page and the page are closed before the next is read.
A page PDFium cannot load is yielded as ``UnreadablePage`` instead of stopping the document.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from ctypes import POINTER, byref, c_double, c_float, c_int, c_uint, c_void_p
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import DamagedPdfError, EncryptedPdfError
from .source import RawBox, RawChar, RawPage, UnreadablePage, check_pdf_header

__all__ = ["open_pdf", "page_count", "raw_pages"]


def _c(name: str, restype, *argtypes):
    """A private prototype of a PDFium function: handles as plain integers (``c_void_p``).

    pypdfium2's own prototypes wrap every handle in a ctypes pointer object; comparing and
    hashing those per character is the slow part of a plain-Python reader. A prototype built
    on the same function address keeps pypdfium2's bindings untouched.
    """
    address = ctypes.cast(getattr(pdfium_c, name), c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_pfloat, _pdouble, _pint = POINTER(c_float), POINTER(c_double), POINTER(c_int)

_LoadPage = _c("FPDF_LoadPage", c_void_p, c_void_p, c_int)
_ClosePage = _c("FPDF_ClosePage", None, c_void_p)
_GetRotation = _c("FPDFPage_GetRotation", c_int, c_void_p)
_GetMediaBox = _c("FPDFPage_GetMediaBox", c_int, c_void_p, _pfloat, _pfloat, _pfloat, _pfloat)
_GetBoundingBox = _c("FPDF_GetPageBoundingBox", c_int, c_void_p, POINTER(pdfium_c.FS_RECTF))
_TextLoad = _c("FPDFText_LoadPage", c_void_p, c_void_p)
_TextClose = _c("FPDFText_ClosePage", None, c_void_p)
_CountChars = _c("FPDFText_CountChars", c_int, c_void_p)
_GetUnicode = _c("FPDFText_GetUnicode", c_uint, c_void_p, c_int)
_GetText = _c("FPDFText_GetText", c_int, c_void_p, c_int, c_int, POINTER(ctypes.c_ushort))
_GetTextObject = _c("FPDFText_GetTextObject", c_void_p, c_void_p, c_int)
_GetLooseCharBox = _c("FPDFText_GetLooseCharBox", c_int, c_void_p, c_int, POINTER(pdfium_c.FS_RECTF))
_GetCharOrigin = _c("FPDFText_GetCharOrigin", c_int, c_void_p, c_int, _pdouble, _pdouble)
_GetCharMatrix = _c("FPDFText_GetMatrix", c_int, c_void_p, c_int, POINTER(pdfium_c.FS_MATRIX))
_IsGenerated = _c("FPDFText_IsGenerated", c_int, c_void_p, c_int)
_HasUnicodeMapError = _c("FPDFText_HasUnicodeMapError", c_int, c_void_p, c_int)
_TextObjFont = _c("FPDFTextObj_GetFont", c_void_p, c_void_p)
_TextObjFontSize = _c("FPDFTextObj_GetFontSize", c_int, c_void_p, _pfloat)
_FontBaseName = _c("FPDFFont_GetBaseFontName", ctypes.c_size_t, c_void_p, ctypes.c_char_p, ctypes.c_size_t)
_FontDescent = _c("FPDFFont_GetDescent", c_int, c_void_p, c_float, _pfloat)
_FontGlyphWidth = _c("FPDFFont_GetGlyphWidth", c_int, c_void_p, c_uint, c_float, _pfloat)
_CountObjects = _c("FPDFPage_CountObjects", c_int, c_void_p)
_GetObject = _c("FPDFPage_GetObject", c_void_p, c_void_p, c_int)
_FormCount = _c("FPDFFormObj_CountObjects", c_int, c_void_p)
_FormObject = _c("FPDFFormObj_GetObject", c_void_p, c_void_p, ctypes.c_ulong)
_ObjType = _c("FPDFPageObj_GetType", c_int, c_void_p)
_ObjMatrix = _c("FPDFPageObj_GetMatrix", c_int, c_void_p, POINTER(pdfium_c.FS_MATRIX))
_ObjBounds = _c("FPDFPageObj_GetBounds", c_int, c_void_p, _pfloat, _pfloat, _pfloat, _pfloat)
_PathDrawMode = _c("FPDFPath_GetDrawMode", c_int, c_void_p, _pint, _pint)
_PathCount = _c("FPDFPath_CountSegments", c_int, c_void_p)
_PathSegment = _c("FPDFPath_GetPathSegment", c_void_p, c_void_p, c_int)
_SegmentPoint = _c("FPDFPathSegment_GetPoint", c_int, c_void_p, _pfloat, _pfloat)
_SegmentType = _c("FPDFPathSegment_GetType", c_int, c_void_p)
_SegmentClose = _c("FPDFPathSegment_GetClose", c_int, c_void_p)

_TEXT, _PATH, _IMAGE, _FORM = (
    pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM,
)
_MOVETO, _LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO

# A fake-bold copy sits less than this many ems from the text it repeats (PDFium itself drops a
# copy within 0.9 glyph widths; producers offset copies by a few hundredths of an em).
_COPY_OFFSET = 0.5
# Two text objects of one string have the same extent to within this (points).
_SAME_EXTENT = 0.01
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

Matrix = tuple[float, float, float, float, float, float]

# PDFium computes glyph positions in single precision: digits past 1/10000 pt are noise, and left
# in they tip a gap that sits exactly on a threshold (a column gap of exactly 0.9 em) the other
# way than pdfminer's double precision does. Positions and advances are rounded to these digits.
_DIGITS = 4


# PDFium keeps every font and parsed object of a document until the document is closed: the
# reader reopens it after this many pages, so memory stays flat however long the PDF is (and
# however many fonts it embeds page by page).
REOPEN_PAGES = 100


class Document:
    """A PDF open in PDFium for this reader: its path and PDFium's document (reopened as it goes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf = _load(path)
        self.page_count = len(self.pdf)

    def __len__(self) -> int:
        return self.page_count

    def handle(self) -> int:
        return ctypes.cast(self.pdf.raw, c_void_p).value

    def reopen(self) -> None:
        """Close and open the document again, dropping PDFium's caches of the pages read so far."""
        self.pdf.close()
        self.pdf = _load(self.path)

    def close(self) -> None:
        self.pdf.close()


def _load(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdfError(f"{path} is encrypted and needs a password") from exc
        raise DamagedPdfError(f"{path} is damaged or truncated ({exc})") from exc


def open_pdf(path: Path) -> Document:
    """Open ``path`` with PDFium, turning every way a file can fail into a named error (errors.py)."""
    check_pdf_header(path)
    doc = Document(path)
    if doc.page_count == 0:
        doc.close()
        raise DamagedPdfError(f"{path} has no readable pages (damaged or truncated)")
    return doc


def page_count(pdf: Document) -> int:
    """Number of pages of an open PDF."""
    return pdf.page_count


def raw_pages(pdf: Document, first: int = 0, last: int | None = None) -> Iterator[RawPage | UnreadablePage]:
    """Raw pages ``first``..``last`` (0-based, inclusive), each closed before the next is read."""
    last = pdf.page_count - 1 if last is None else last
    doc = pdf.handle()
    for read, index in enumerate(range(first, last + 1)):
        if read and read % REOPEN_PAGES == 0:
            pdf.reopen()
            doc = pdf.handle()
        page = _LoadPage(doc, index)
        if not page:
            yield UnreadablePage(index + 1, "PDFium cannot load the page")
            continue
        try:
            raw = _read_page(page, index + 1)
        finally:
            _ClosePage(page)
        yield raw


# ------------------------------------------------------------------ the page box


def _page_transform(page: int) -> tuple[float, float, float, Matrix]:
    """Width, height, rotation and the matrix from user space to pdfplumber's page coordinates.

    pdfminer turns the page by ``/Rotate`` with the MediaBox origin moved to 0 (its page matrix);
    pdfplumber then adds the MediaBox's left edge back and flips y: ``top = height - y + top0``.
    The result maps a user-space point (x, y) to (x, top).
    """
    rotation = (_GetRotation(page) % 4) * 90
    l, b, r, t = c_float(), c_float(), c_float(), c_float()
    if _GetMediaBox(page, byref(l), byref(b), byref(r), byref(t)):
        box = (l.value, b.value, r.value, t.value)
    else:  # inherited from the page tree: PDFium's page box is MediaBox ∩ CropBox
        rect = pdfium_c.FS_RECTF()
        _GetBoundingBox(page, byref(rect))
        box = (rect.left, rect.bottom, rect.right, rect.top)
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    # pdfminer's page matrix (pdfinterp.process_page)
    if rotation == 90:
        ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
    elif rotation == 180:
        ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
    elif rotation == 270:
        ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
    else:
        ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
    # pdfplumber's page box (page.py: _normalize_box, _invert_box)
    nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    width, height = nx1 - nx0, ny1 - ny0
    top0 = -ny0
    a, bb, c, d, e, f = ctm
    # x' = a x + c y + e + nx0 ;  top = height - (b x + d y + f) + top0
    to_page = (a, -bb, c, -d, e + nx0, height - f + top0)
    return width, height, rotation, to_page


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _object_matrix(obj: int) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not _ObjMatrix(obj, byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _box_of(points: list[tuple[float, float]], m: Matrix) -> tuple[float, float, float, float]:
    """x0, x1, top, bottom of points mapped by ``m``."""
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x, y in points]
    ys = [b * x + d * y + f for x, y in points]
    return min(xs), max(xs), min(ys), max(ys)


# ------------------------------------------------------------------ one page


def _read_page(page: int, page_no: int) -> RawPage | UnreadablePage:
    width, height, rotation, to_page = _page_transform(page)
    text_page = _TextLoad(page)
    if not text_page:
        return UnreadablePage(page_no, "PDFium cannot read the page's text")
    try:
        glyphs_of = _text_page_glyphs(text_page, to_page)
    finally:
        _TextClose(text_page)
    chars: list[RawChar] = []
    lines: list[RawBox] = []
    rects: list[RawBox] = []
    images: list[RawBox] = []
    walk = _ObjectWalk(glyphs_of, to_page, chars, lines, rects, images)
    walk.holder([_GetObject(page, i) for i in range(_CountObjects(page))], _IDENTITY)
    for obj_chars in glyphs_of.values():  # text PDFium placed outside any object walked (none seen)
        if obj_chars is not None:
            chars.extend(obj_chars)
    return RawPage(
        page=page_no, width=width, height=height, rotation=rotation,
        chars=chars, lines=lines, rects=rects, images=images,
    )


class _Style(NamedTuple):
    """What is per text object, not per glyph: font name, size, matrix, descent and widths."""

    name: str
    size: float
    a: float
    b: float
    c: float
    d: float
    axis_aligned: bool
    descent: float  # text space, below the baseline (negative): pdfminer's box starts there
    font: int
    widths: dict[int, float]  # advance per character at 1000 units per em, shared by the font


class _StyleReader:
    """Reads the style of a text object once; fonts' names, descents and widths once per font."""

    def __init__(self, text_page: int) -> None:
        self.text_page = text_page
        self.fonts: dict[int, tuple[str, float, dict[int, float]]] = {}
        self.size = c_float()
        self.size_ref = byref(self.size)
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = byref(self.matrix)

    def __call__(self, index: int, obj: int) -> _Style:
        font = _TextObjFont(obj)
        known = self.fonts.get(font)
        if known is None:
            descent = c_float()
            _FontDescent(font, c_float(1000.0), byref(descent))
            known = self.fonts[font] = (_font_name(font) if font else "", descent.value / 1000.0, {})
        _TextObjFontSize(obj, self.size_ref)
        _GetCharMatrix(self.text_page, index, self.matrix_ref)
        m, size = self.matrix, self.size.value
        return _Style(known[0], size, m.a, m.b, m.c, m.d, m.b == 0 and m.c == 0, known[1] * size, font, known[2])


def _glyph_width(style: _Style, unicode: int) -> float:
    """A character's advance at 1000 units per em from the font (0 when PDFium has none), cached."""
    w = c_float()
    ok = _FontGlyphWidth(style.font, unicode, c_float(1000.0), byref(w))
    width = style.widths[unicode] = w.value if ok else 0.0
    return width


def _page_text(text_page: int, count: int) -> str | None:
    """The unicode of every character at once, when it lines up one to one with the characters."""
    buf = (ctypes.c_ushort * (2 * count + 1))()
    n = _GetText(text_page, 0, count, buf)
    text = bytes(buf)[: max(0, n - 1) * 2].decode("utf-16-le", errors="surrogatepass")
    return text if len(text) == count else None


def _font_name(font: int) -> str:
    """The ``/BaseFont`` of a font (PDFium strips the subset prefix), decoded like pdfplumber."""
    buf = ctypes.create_string_buffer(256)
    n = _FontBaseName(font, buf, 256)
    raw = buf.raw[: max(0, min(n, 256) - 1)]
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _text_page_glyphs(text_page: int, to_page: Matrix) -> dict[int, list[RawChar]]:
    """The glyphs PDFium's text page found, by text object, in page coordinates (the hot path).

    A glyph's box is pdfminer's: from its origin, the advance wide, from the descent one em up,
    through the text matrix. The advance is the font's width of the character (cached per font);
    when PDFium has no width for it (a code without Unicode), the loose box's width stands in.
    Three calls per glyph (text object, Unicode-map error, origin); the text comes in one call.
    """
    pa, pb, pc, pd, pe, pf = to_page
    rect = pdfium_c.FS_RECTF()
    rect_ref = byref(rect)
    ox, oy = c_double(), c_double()
    ox_ref, oy_ref = byref(ox), byref(oy)
    count = _CountChars(text_page)
    text_all = _page_text(text_page, count)
    style_of = _StyleReader(text_page)
    by_object: dict[int, list[RawChar]] = {}
    styles: dict[int, _Style] = {}
    current_obj = None
    get_object, map_error, get_origin, get_loose = _GetTextObject, _HasUnicodeMapError, _GetCharOrigin, _GetLooseCharBox
    new_char = tuple.__new__  # RawChar(...) without its Python-level __new__: a glyph is a tuple
    for i in range(count):
        obj = get_object(text_page, i)
        if obj is None:  # a line break or space PDFium inserted between objects
            continue
        u = ord(text_all[i]) if text_all is not None else _GetUnicode(text_page, i)
        if (u == 32 or u == 13 or u == 10) and _IsGenerated(text_page, i):
            continue
        get_origin(text_page, i, ox_ref, oy_ref)
        if obj != current_obj:
            current_obj = obj
            known = styles.get(obj)
            if known is None:
                style = style_of(i, obj)
                known = styles[obj] = style
                by_object[obj] = []
            style = known
            out = by_object[obj]
            name, size, a, b, c, d, axis_aligned, lo, _, widths = style
            hi = lo + size
        text = f"(cid:{u})" if map_error(text_page, i) else chr(u)
        adv = widths.get(u)
        if adv is None:
            adv = _glyph_width(style, u)
        adv *= size / 1000.0
        if adv == 0.0 and a:  # no width for the character (no Unicode): the box PDFium has
            get_loose(text_page, i, rect_ref)
            adv = round((rect.right - rect.left) / a, _DIGITS)
        x, y = round(ox.value, _DIGITS), round(oy.value, _DIGITS)
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
        out.append(new_char(RawChar, (text, name, T1 - T0, X0, X1, T0, T1)))
    return by_object


class _ObjectWalk:
    """Page objects in content order, through form XObjects: text, paths and images."""

    def __init__(self, glyphs_of: dict[int, list[RawChar]], to_page: Matrix, chars, lines, rects, images) -> None:
        self.glyphs_of = glyphs_of
        self.to_page = to_page
        self.chars: list[RawChar] = chars
        self.lines: list[RawBox] = lines
        self.rects: list[RawBox] = rects
        self.images: list[RawBox] = images
        self.read: dict[int, list[RawChar]] = {}  # glyphs of the text objects read, by object
        self.text_boxes: dict[int, tuple[int, float, float, float, float, float]] = {}

    def holder(self, objects: list[int], form: Matrix) -> None:
        """The objects of the page or of one form (``form``: form space → user space)."""
        earlier_text: list[int] = []
        for obj in objects:
            kind = _ObjType(obj)
            if kind == _TEXT:
                glyphs = self.glyphs_of.pop(obj, None)
                if glyphs is None:
                    glyphs = self._repeated_text(obj, earlier_text, form)
                if glyphs:
                    self.chars.extend(glyphs)
                    self.read[obj] = glyphs
                earlier_text.append(obj)
            elif kind == _PATH:
                self._path(obj, _compose(_object_matrix(obj), form))
            elif kind == _IMAGE:
                x0, x1, top, bottom = self._bounds(obj, form)
                self.images.append(RawBox(x0, x1, top, bottom))
            elif kind == _FORM:
                children = [_FormObject(obj, i) for i in range(_FormCount(obj))]
                self.holder(children, _compose(_object_matrix(obj), form))

    def _bounds(self, obj: int, form: Matrix) -> tuple[float, float, float, float]:
        l, b, r, t = c_float(), c_float(), c_float(), c_float()
        _ObjBounds(obj, byref(l), byref(b), byref(r), byref(t))
        corners = [(l.value, b.value), (r.value, t.value), (l.value, t.value), (r.value, b.value)]
        return _box_of(corners, _compose(form, self.to_page))

    def _repeated_text(self, obj: int, earlier: list[int], form: Matrix) -> list[RawChar]:
        """The glyphs of a text object PDFium dropped as a copy of an earlier one (fake bold).

        PDFium drops a text object repeating one of the five before it, and a glyph repeating one
        of the seven before it on the line; a copy drawn as several pieces (one per font run) is
        dropped either way. The copy has the kept object's font, size and extent, a fraction of
        an em away: its glyphs are the kept object's, moved by the difference of the positions.
        """
        font, size, l, b, r, t = self._text_box(obj)
        width, height = r - l, t - b
        for other in reversed(earlier):
            glyphs = self.read.get(other)
            if not glyphs:
                continue
            o_font, o_size, ol, ob, o_r, o_t = self._text_box(other)
            dx, dy = l - ol, b - ob
            if (
                o_font == font
                and o_size == size
                and abs(o_r - ol - width) <= _SAME_EXTENT
                and abs(o_t - ob - height) <= _SAME_EXTENT
                and abs(dx) <= max(height, size) * _COPY_OFFSET
                and abs(dy) <= max(height, size) * _COPY_OFFSET
            ):
                m = _compose(form, self.to_page)
                shift_x, shift_top = m[0] * dx + m[2] * dy, m[1] * dx + m[3] * dy
                return [
                    g._replace(x0=g.x0 + shift_x, x1=g.x1 + shift_x, top=g.top + shift_top, bottom=g.bottom + shift_top)
                    for g in glyphs
                ]
        return []

    def _text_box(self, obj: int) -> tuple[int, float, float, float, float, float]:
        """Font, font size and bounds of a text object (cached: asked again for every later copy)."""
        known = self.text_boxes.get(obj)
        if known is None:
            size = c_float()
            _TextObjFontSize(obj, byref(size))
            l, b, r, t = c_float(), c_float(), c_float(), c_float()
            _ObjBounds(obj, byref(l), byref(b), byref(r), byref(t))
            known = self.text_boxes[obj] = (_TextObjFont(obj), size.value, l.value, b.value, r.value, t.value)
        return known

    def _path(self, obj: int, matrix: Matrix) -> None:
        """Lines and rectangles of a painted path object, as pdfminer's ``paint_path`` finds them."""
        fill, stroke = c_int(), c_int()
        _PathDrawMode(obj, byref(fill), byref(stroke))
        if not fill.value and not stroke.value:
            return
        a, b, c, d, e, f = _compose(matrix, self.to_page)
        x, y = c_float(), c_float()
        px, py = byref(x), byref(y)
        shape: list[str] = []
        points: list[tuple[float, float]] = []
        for i in range(_PathCount(obj)):
            segment = _PathSegment(obj, i)
            _SegmentPoint(segment, px, py)
            kind = _SegmentType(segment)
            if kind == _MOVETO:
                self._subpath(shape, points, bool(stroke.value))
                shape, points = [], []
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            shape.append("m" if kind == _MOVETO else "l" if kind == _LINETO else "c")
            points.append(point)
            if _SegmentClose(segment) and points:
                shape.append("h")
                points.append(points[0])
        self._subpath(shape, points, bool(stroke.value))

    def _subpath(self, ops: list[str], pts: list[tuple[float, float]], stroke: bool) -> None:
        """One subpath: a line (m-l), a rectangle (four axis-parallel sides, closed) or a curve."""
        if len(ops) < 2 or ops[0] != "m":
            return
        shape = "".join(ops)
        if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-1]
        if shape in ("ml", "mlh"):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            self.lines.append(RawBox(min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)))
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                self.rects.append(RawBox(min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2), stroke))
