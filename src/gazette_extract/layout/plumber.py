"""The pdfplumber/pdfminer page reader: a PDF → one ``RawPage`` per page (see source.py).

Each page is parsed once and closed before the next is read, so memory stays flat. Nothing is
cleaned up here: that is the reader-independent work of page.py. A page that cannot be read, or
goes over a limit (limits.py, enforced inside pdfminer by pdfminer_limits.py), is yielded as an
``UnreadablePage``; the other pages are read all the same.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.layout import LTContainer
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect, PDFXRefFallback
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1
from pdfplumber.page import Page, fix_fontname_bytes
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.pdfinternals import resolve_all

from . import limits, pdfminer_limits
from ..errors import DamagedPdfError, EncryptedPdfError
from .source import RawBox, RawChar, RawPage, UnreadablePage, check_pdf_header

pdfminer_limits.install()

# Damage recovered while reading (a rebuilt cross-reference table): logged like the libraries'
# own records, which the layout stage keeps as page notes (limits.DAMAGE_LOGGERS).
log = logging.getLogger(__name__)


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open ``path``, turning every way a file can fail to be a readable PDF into a named error."""
    check_pdf_header(path)
    try:
        pdf = _open(path, path)
    except _XrefDamage as damage:
        # pdfminer rebuilds a missing cross-reference table itself, but gives up on one that
        # points into the wrong place or on a file cut short: rebuild it by scanning the file
        try:
            pdf = _open(path, io.BytesIO(_without_xref(path.read_bytes())))
        except _XrefDamage:
            raise damage.error from None
        log.warning("the cross-reference table is damaged (%s): rebuilt by scanning the file", damage.cause)
        return pdf
    if any(isinstance(xref, PDFXRefFallback) for xref in pdf.doc.xrefs):
        log.warning("the cross-reference table is missing or damaged: rebuilt by scanning the file")
    return pdf


class _XrefDamage(Exception):
    """Opening failed on damage a rebuilt cross-reference table may get round; ``error`` says it."""

    def __init__(self, error: DamagedPdfError, cause: str) -> None:
        super().__init__(str(error))
        self.error, self.cause = error, cause


# The keyword that leads pdfminer to the cross-reference table, and the catalog object, whose
# reference a trailer needs: a file cut short has lost its trailer but seldom its catalog.
_STARTXREF = re.compile(rb"startxref")
_CATALOG = re.compile(rb"(\d+)\s+(\d+)\s+obj\s*<<(?:(?!endobj).){0,4000}?/Type\s*/Catalog\b", re.S)


def _without_xref(data: bytes) -> bytes:
    """The file with its ``startxref`` keywords masked (same length: every offset stays right),
    so pdfminer scans it for objects, up to its last whole object; plus a trailer naming the
    catalog when there is one."""
    data = _STARTXREF.sub(b"startxre_", data)
    data = data[: data.rfind(b"endobj") + len(b"endobj")]  # an object cut short at the end goes
    catalog = _CATALOG.search(data)
    if catalog:
        data += b"\ntrailer\n<< /Root %s %s R >>\n" % (catalog[1], catalog[2])
    return data


def _open(path: Path, source) -> pdfplumber.PDF:
    """pdfplumber's PDF of ``source`` (the file, or its bytes), its page tree read; named errors."""
    pdf = None
    try:
        with pdfminer_limits.page_budget(limits.current()):
            pdf = pdfplumber.open(source)
            _read_page_tree(pdf)
    except limits.PageAbandoned as exc:
        _close(pdf)
        raise DamagedPdfError(f"{path} cannot be opened: its page tree or cross-reference streams {exc.reason}") from exc
    # pdfminer raises any built-in exception on a damaged file (ValueError, KeyError, TypeError,
    # IndexError, AssertionError, RecursionError for a deep page tree...), pdfplumber wraps some:
    # opening is the boundary where every one of them means "this file cannot be read".
    except Exception as exc:
        _close(pdf)
        cause = _cause(exc)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedPdfError(f"{path} is encrypted and needs a password") from exc
        error = DamagedPdfError(f"{path} is damaged or truncated ({type(cause).__name__})")
        error.__cause__ = exc
        raise _XrefDamage(error, type(cause).__name__) from exc
    if not pdf.pages:
        pdf.close()
        raise _XrefDamage(DamagedPdfError(f"{path} has no readable pages (damaged or truncated)"), "no page found")
    return pdf


class _UnreadableSlot:
    """Stands in ``pdf.pages`` for a page whose dictionary pdfplumber cannot take (a MediaBox
    of non-numbers), so the page numbers of the others stay right."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def close(self) -> None:
        """Nothing to release (``pdfplumber.PDF.close`` closes every page)."""


class _TolerantPDFPage(PDFPage):
    """pdfminer's page, which keeps the page tree walk going when one page's dictionary is
    damaged (a MediaBox of non-numbers): that page is marked with ``damage`` instead."""

    damage: str | None = None

    def __init__(self, doc, pageid, attrs, label=None) -> None:
        try:
            super().__init__(doc, pageid, attrs, label)
        except Exception as exc:  # noqa: BLE001 — any failure of one page dictionary is damage of that page
            self.doc, self.pageid, self.attrs, self.label = doc, pageid, attrs, label
            self.damage = type(exc).__name__


def _read_page_tree(pdf: pdfplumber.PDF) -> None:
    """Fill ``pdf.pages`` as pdfplumber does, but one bad page dictionary costs only its page.

    The list is kept by ``pdf.close()`` (which would otherwise walk the page tree again to close
    the pages it finds): ``_pages`` is taken out of the PDF's cached properties.
    """
    pdf.cached_properties = [name for name in type(pdf).cached_properties if name != "_pages"]
    pages: list = []
    doctop = 0.0
    for number, page_obj in enumerate(_TolerantPDFPage.create_pages(pdf.doc), start=1):
        if page_obj.damage:
            pages.append(_UnreadableSlot(f"its page dictionary cannot be read ({page_obj.damage})"))
            continue
        try:
            page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        except Exception as exc:  # noqa: BLE001 — any failure of one page dictionary is damage of that page
            pages.append(_UnreadableSlot(f"its page dictionary cannot be read ({type(_cause(exc)).__name__})"))
            continue
        doctop += page.height
        pages.append(page)
    pdf._pages = pages
    tree = resolve1(pdf.doc.catalog.get("Pages"))
    declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
    if isinstance(declared, int) and declared != len(pages):
        log.warning("the page tree declares %d page(s) but %d were found in it", declared, len(pages))


def _cause(exc: BaseException) -> BaseException:
    """The pdfminer exception inside pdfplumber's wrapper, or ``exc`` itself."""
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def _close(pdf: pdfplumber.PDF | None) -> None:
    """Close a PDF whose opening failed, without walking its (damaged) page tree again."""
    if pdf is not None:
        pdf.cached_properties = [name for name in type(pdf).cached_properties if name != "_pages"]
        if not hasattr(pdf, "_pages"):
            pdf._pages = []
        pdf.close()


# pdfminer layout class → pdfplumber object kind (LTChar → "char"), as pdfplumber names them.
_KIND_OF_CLASS: dict[type, str] = {}
_LT_PREFIX = re.compile(r"^LT")

_Objects = tuple[list[RawChar], list[RawBox], list[RawBox], list[RawBox]]


def _box(obj: dict) -> RawBox:
    return RawBox(obj["x0"], obj["x1"], obj["top"], obj["bottom"], bool(obj.get("stroke", True)))


def _plumber_objects(pdf_page) -> _Objects:
    """Chars, lines, rects and images from pdfplumber's own ``page.objects`` (the slow path)."""
    objects = pdf_page.objects
    chars = [
        RawChar(ch["text"], ch.get("fontname", ""), ch["size"], ch["x0"], ch["x1"], ch["top"], ch["bottom"])
        for ch in objects.get("char", ())
    ]
    return (
        chars,
        [_box(o) for o in objects.get("line", ())],
        [_box(o) for o in objects.get("rect", ())],
        [_box(o) for o in objects.get("image", ())],
    )


def _page_objects(pdf_page) -> _Objects:
    """The chars, lines, rects and images of a page, as pdfplumber's ``page.objects`` has them.

    The same objects (same order, same coordinates: top-left origin, MediaBox offset) cut down
    to the fields a ``RawPage`` carries, built straight from pdfminer's layout objects.
    pdfplumber converts every attribute of every object (colours, paths, matrices), which costs
    a quarter of the parse; this is the per-page hot path. Falls back to ``page.objects`` for
    anything but a plain page of a PDF opened without layout analysis or Unicode normalisation.
    """
    pdf = pdf_page.pdf
    if pdf.laparams is not None or pdf.unicode_norm is not None or not getattr(pdf_page, "is_original", False):
        return _plumber_objects(pdf_page)
    height = pdf_page.height
    mb_x0, mb_top = pdf_page.mediabox[:2]
    chars: list[RawChar] = []
    lines: list[RawBox] = []
    rects: list[RawBox] = []
    images: list[RawBox] = []
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
                top, bottom = (height - obj.y1) + mb_top, (height - obj.y0) + mb_top
                chars.append(RawChar(obj.get_text(), fontname, obj.size, x0, x1, top, bottom))
            elif kind == "line" or kind == "rect" or kind == "image":
                x0, x1 = obj.x0, obj.x1
                if mb_x0 != 0:
                    x0, x1 = x0 + mb_x0, x1 + mb_x0
                top, bottom = (height - obj.y1) + mb_top, (height - obj.y0) + mb_top
                if kind == "rect":
                    stroke = bool(resolve_all(obj.stroke)) if "stroke" in obj.__dict__ else True
                    rects.append(RawBox(x0, x1, top, bottom, stroke))
                elif kind == "line":
                    lines.append(RawBox(x0, x1, top, bottom))
                else:
                    images.append(RawBox(x0, x1, top, bottom))

    walk(pdf_page.layout._objs)
    return chars, lines, rects, images


def read_page(pdf_page, page_no: int) -> RawPage:
    """The raw objects of one pdfplumber page."""
    chars, lines, rects, images = _page_objects(pdf_page)
    return RawPage(
        page=page_no,
        width=float(pdf_page.width),
        height=float(pdf_page.height),
        rotation=int(pdf_page.rotation or 0),
        chars=chars,
        lines=lines,
        rects=rects,
        images=images,
    )


def _undecoded_streams(pdf_page) -> list[tuple[PDFStream, bytes]]:
    """The page's content streams that are still undecoded, with their raw (compressed) bytes.

    A content stream that is missing from the file (cut short) or is not a stream is damage
    pdfminer passes over in silence: logged here, and a page whose every content stream is
    missing cannot be read (``PageAbandoned``).
    """
    streams = []
    contents = pdf_page.page_obj.contents
    missing = 0
    for item in contents:
        stream = resolve1(item)
        if not isinstance(stream, PDFStream):
            missing += 1
        elif stream.data is None and stream.rawdata is not None:
            streams.append((stream, stream.rawdata))
    if missing and missing == len(contents):
        raise limits.PageAbandoned("its content stream is missing from the file (cut short or damaged)")
    if missing:
        log.warning("%d of the page's %d content streams are missing from the file", missing, len(contents))
    return streams


def page_count(pdf: pdfplumber.PDF) -> int:
    """Number of pages of an open PDF."""
    return len(pdf.pages)


def raw_pages(pdf: pdfplumber.PDF, first: int = 0, last: int | None = None) -> Iterator[RawPage | UnreadablePage]:
    """Raw pages ``first``..``last`` (0-based, inclusive), one page in memory at a time.

    After each page, pdfplumber's caches of it are flushed (``page.close()``) and its content
    streams go back to their undecoded state: pdfminer keeps a decoded stream on the page
    object and in the document's object cache, so without that the decoded text of every page
    read so far would stay in memory. Re-reading a stream decodes it again, with the same result.
    A page that cannot be read or goes over a limit of ``limits.current()`` is an ``UnreadablePage``.
    """
    last = len(pdf.pages) - 1 if last is None else last
    for index in range(first, last + 1):
        pdf_page = pdf.pages[index]
        if isinstance(pdf_page, _UnreadableSlot):
            yield UnreadablePage(index + 1, pdf_page.reason)
            continue
        streams: list[tuple[PDFStream, bytes]] = []
        page: RawPage | UnreadablePage
        try:
            with pdfminer_limits.page_budget(limits.current()):
                streams = _undecoded_streams(pdf_page)
                page = read_page(pdf_page, index + 1)
        except limits.PageAbandoned as exc:
            page = UnreadablePage(index + 1, exc.reason)
        # As on opening: on a damaged page pdfminer raises any built-in exception (and
        # RecursionError for deeply nested arrays): each means this page is damaged. MemoryError
        # is the memory ceiling (limits.memory_ceiling); what the page held is freed on the way out.
        except Exception as exc:  # noqa: BLE001
            cause = _cause(exc)
            if isinstance(cause, MemoryError):
                reason = limits.memory_reason(limits.current().page_memory_bytes)
            else:
                reason = f"its content cannot be parsed ({type(cause).__name__})"
            page = UnreadablePage(index + 1, reason)
        finally:
            pdf_page.close()
            for stream, rawdata in streams:
                stream.data, stream.rawdata = None, rawdata
        yield page
