"""The PDFium page reader (pypdfium2): a PDF → one ``RawPage`` per page, as ``plumber.py`` gives it.

The reference reader is pdfplumber/pdfminer; this one reads the same raw objects with the same
meaning (``source.py``), several times faster, through pypdfium2's raw C API (pdfium_api.py):

- **glyphs** (pdfium_text.py): PDFium's text page gives each character, its text object and its
  origin; a glyph box is pdfminer's (the advance wide, one em tall from the font's descent).
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
  stroke flag of its painting operator; anything else is a curve, read by its straight parts
  (drawing.py), as the pdfplumber reader reads pdfminer's curves. A path that paints nothing
  (no stroke and no fill, or white) is skipped (drawing.py). Paths and images inside form
  XObjects are read through the forms' matrices, as text is.
- **coordinates**: PDF user space turned into the displayed page (``/Rotate``) and MediaBox offset
  exactly as pdfminer's page matrix and pdfplumber's top-left flip do it.

Pages are loaded one at a time; the text page and the page are closed before the next is read.
A page PDFium cannot load is yielded as ``UnreadablePage`` instead of stopping the document.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from ctypes import byref, c_float, c_int, c_uint, c_void_p
from pathlib import Path

import pypdfium2 as pdfium

from ..errors import DamagedPdfError, EncryptedPdfError
from . import pdfium_api as C
from .drawing import curve_boxes, paints
from .pdfium_text import Matrix, TextRun, text_page_glyphs
from .source import RawBox, RawChar, RawPage, UnreadablePage, check_pdf_header

__all__ = ["open_pdf", "page_count", "raw_pages"]

# A fake-bold copy sits less than this many ems from the text it repeats (PDFium itself drops a
# copy within 0.9 glyph widths; producers offset copies by a few hundredths of an em).
_COPY_OFFSET = 0.5
# Two text objects of one string have the same extent to within this (points).
_SAME_EXTENT = 0.01
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


# PDFium keeps every font and parsed object of a document until the document is closed: the
# reader reopens it after this many pages read, so memory stays flat however long the PDF is (and
# however many fonts it embeds page by page), in one call of ``raw_pages`` or over many short ones
# (a worker process reading page ranges).
REOPEN_PAGES = 100


class Document:
    """A PDF open in PDFium for this reader: its path and PDFium's document (reopened as it goes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf = _load(path)
        self.page_count = len(self.pdf)
        self.pages_read = 0  # since the document was last opened

    def __len__(self) -> int:
        return self.page_count

    def handle(self) -> int:
        return ctypes.cast(self.pdf.raw, c_void_p).value

    def reopen(self) -> None:
        """Close and open the document again, dropping PDFium's caches of the pages read so far."""
        self.pdf.close()
        self.pdf = _load(self.path)
        self.pages_read = 0

    def close(self) -> None:
        self.pdf.close()


def _load(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == C.ERR_PASSWORD:
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
    for index in range(first, last + 1):
        if pdf.pages_read >= REOPEN_PAGES:
            pdf.reopen()
            doc = pdf.handle()
        pdf.pages_read += 1
        page = C.LoadPage(doc, index)
        if not page:
            yield UnreadablePage(index + 1, "PDFium cannot load the page")
            continue
        try:
            raw = _read_page(page, index + 1)
        finally:
            C.ClosePage(page)
        yield raw


# ------------------------------------------------------------------ the page box


def _page_transform(page: int) -> tuple[float, float, float, Matrix]:
    """Width, height, rotation and the matrix from user space to pdfplumber's page coordinates.

    pdfminer turns the page by ``/Rotate`` with the MediaBox origin moved to 0 (its page matrix);
    pdfplumber then adds the MediaBox's left edge back and flips y: ``top = height - y + top0``.
    The result maps a user-space point (x, y) to (x, top).
    """
    rotation = (C.GetRotation(page) % 4) * 90
    l, b, r, t = c_float(), c_float(), c_float(), c_float()
    if C.GetMediaBox(page, byref(l), byref(b), byref(r), byref(t)):
        box = (l.value, b.value, r.value, t.value)
    else:  # inherited from the page tree: PDFium's page box is MediaBox ∩ CropBox
        rect = C.FS_RECTF()
        C.GetBoundingBox(page, byref(rect))
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
    m = C.FS_MATRIX()
    if not C.ObjMatrix(obj, byref(m)):
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
    text_page = C.TextLoad(page)
    if not text_page:
        return UnreadablePage(page_no, "PDFium cannot read the page's text")
    try:
        glyphs_of = text_page_glyphs(text_page, to_page)
    finally:
        C.TextClose(text_page)
    chars: list[RawChar] = []
    lines: list[RawBox] = []
    rects: list[RawBox] = []
    images: list[RawBox] = []
    walk = _ObjectWalk(glyphs_of, to_page, chars, lines, rects, images)
    page_ref = c_void_p(page)
    walk.holder([C.GetObject(page_ref, i) for i in range(C.CountObjects(page))], _IDENTITY)
    for run in glyphs_of.values():  # text PDFium placed outside any object walked (none seen)
        chars.extend(run.glyphs)
    return RawPage(
        page=page_no, width=width, height=height, rotation=rotation,
        chars=chars, lines=lines, rects=rects, images=images,
    )


class _ObjectWalk:
    """Page objects in content order, through form XObjects: text, paths and images."""

    def __init__(self, glyphs_of: dict[int, TextRun], to_page: Matrix, chars, lines, rects, images) -> None:
        self.glyphs_of = glyphs_of
        self.to_page = to_page
        self.chars: list[RawChar] = chars
        self.lines: list[RawBox] = lines
        self.rects: list[RawBox] = rects
        self.images: list[RawBox] = images
        self.text_boxes: dict[int, tuple[int, float, float, float, float, float]] = {}

    def holder(self, objects: list[int], form: Matrix) -> None:
        """The objects of the page or of one form (``form``: form space → user space)."""
        earlier_text: list[tuple[int, int, float, list[RawChar]]] = []  # (object, font, size, glyphs) read
        take_run, extend = self.glyphs_of.pop, self.chars.extend
        for obj in objects:
            run = take_run(obj, None)
            if run is not None:  # a text object the text page read: no need to ask its type
                glyphs = run.glyphs
                extend(glyphs)
                earlier_text.append((obj, run.face.font, run.face.size, glyphs))
                continue
            kind = C.ObjType(obj)
            if kind == C.TEXT:
                glyphs = self._repeated_text(obj, earlier_text, form)
                if glyphs:
                    extend(glyphs)
                    font, size = self._text_box(obj)[:2]
                    earlier_text.append((obj, font, size, glyphs))
            elif kind == C.PATH:
                self._path(obj, _compose(_object_matrix(obj), form))
            elif kind == C.IMAGE:
                x0, x1, top, bottom = self._bounds(obj, form)
                self.images.append(RawBox(x0, x1, top, bottom))
            elif kind == C.FORM:
                children = [C.FormObject(obj, i) for i in range(C.FormCount(obj))]
                self.holder(children, _compose(_object_matrix(obj), form))

    def _bounds(self, obj: int, form: Matrix) -> tuple[float, float, float, float]:
        l, b, r, t = c_float(), c_float(), c_float(), c_float()
        C.ObjBounds(obj, byref(l), byref(b), byref(r), byref(t))
        corners = [(l.value, b.value), (r.value, t.value), (l.value, t.value), (r.value, b.value)]
        return _box_of(corners, _compose(form, self.to_page))

    def _repeated_text(
        self, obj: int, earlier: list[tuple[int, int, float, list[RawChar]]], form: Matrix
    ) -> list[RawChar]:
        """The glyphs of a text object PDFium dropped as a copy of an earlier one (fake bold).

        PDFium drops a text object repeating one of the five before it, and a glyph repeating one
        of the seven before it on the line; a copy drawn as several pieces (one per font run) is
        dropped either way. The copy has the kept object's font, size and extent, a fraction of
        an em away: its glyphs are the kept object's, moved by the difference of the positions.
        ``earlier`` are the text objects read so far, with glyphs, font and size.
        """
        font, size, l, b, r, t = self._text_box(obj)
        width, height = r - l, t - b
        boxes = self.text_boxes
        for other, o_font, o_size, glyphs in reversed(earlier):
            if o_font != font or o_size != size:
                continue
            _, _, ol, ob, o_r, o_t = boxes.get(other) or self._text_box(other)
            dx, dy = l - ol, b - ob
            if (
                abs(o_r - ol - width) <= _SAME_EXTENT
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
            C.TextObjFontSize(obj, byref(size))
            l, b, r, t = c_float(), c_float(), c_float(), c_float()
            C.ObjBounds(obj, byref(l), byref(b), byref(r), byref(t))
            known = self.text_boxes[obj] = (C.TextObjFont(obj), size.value, l.value, b.value, r.value, t.value)
        return known

    def _path(self, obj: int, matrix: Matrix) -> None:
        """Lines and rectangles of a painted path object, as pdfminer's ``paint_path`` finds them."""
        fill, stroke = c_int(), c_int()
        C.PathDrawMode(obj, byref(fill), byref(stroke))
        if not paints(bool(stroke.value), bool(fill.value), _colour(obj, C.StrokeColor), _colour(obj, C.FillColor)):
            return
        a, b, c, d, e, f = _compose(matrix, self.to_page)
        x, y = c_float(), c_float()
        px, py = byref(x), byref(y)
        shape: list[str] = []
        points: list[tuple[float, float]] = []
        controls = 0  # PDFium gives a Bézier curve as three segments: two control points, the end
        get_segment, segment_type, segment_point, segment_close = (
            C.PathSegment, C.SegmentType, C.SegmentPoint, C.SegmentClose
        )
        moveto, lineto, bezierto = C.MOVETO, C.LINETO, C.BEZIERTO
        for i in range(C.PathCount(obj)):
            segment = get_segment(obj, i)
            kind = segment_type(segment)
            if kind == bezierto:
                controls += 1
                if controls % 3:
                    continue  # a control point: pdfminer's points are the operators' end points
            segment_point(segment, px, py)
            if kind == moveto:
                self._subpath(shape, points, bool(stroke.value))
                shape, points = [], []
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            shape.append("m" if kind == moveto else "l" if kind == lineto else "c")
            points.append(point)
            if segment_close(segment) and points:
                shape.append("h")
                points.append(points[0])
        self._subpath(shape, points, bool(stroke.value))

    def _subpath(self, ops: list[str], pts: list[tuple[float, float]], stroke: bool) -> None:
        """One subpath: a line (m-l), a rectangle (four axis-parallel sides, closed) or a curve
        (its straight parts)."""
        if len(ops) < 2 or ops[0] != "m":
            return
        shape = "".join(ops)
        if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-1]
        if shape in ("ml", "mlh"):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            self.lines.append(RawBox(min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)))
            return
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                self.rects.append(RawBox(min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2), stroke))
                return
        lines, rects = curve_boxes(pts, stroke)  # a curve: its straight parts, as pdfminer's curves
        self.lines.extend(lines)
        self.rects.extend(rects)


def _colour(obj: int, get) -> tuple[float, float, float] | None:
    """A path's stroke or fill colour as PDFium gives it (RGB, 0–1), None when it has none (a
    pattern): the colour ``drawing.paints`` looks at."""
    r, g, b, alpha = c_uint(), c_uint(), c_uint(), c_uint()
    if not get(obj, byref(r), byref(g), byref(b), byref(alpha)):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)
