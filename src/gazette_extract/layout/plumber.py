"""The pdfplumber/pdfminer page reader: a PDF → one ``RawPage`` per page (see source.py).

Each page is parsed once and closed before the next is read, so memory stays flat. Nothing is
cleaned up here: that is the reader-independent work of page.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.layout import LTContainer
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSException
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.pdfinternals import resolve_all

from ..errors import DamagedPdfError, EncryptedPdfError
from .source import RawBox, RawChar, RawPage, check_pdf_header


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open ``path``, turning every way a file can fail to be a readable PDF into a named error."""
    check_pdf_header(path)
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
    """The page's content streams that are still undecoded, with their raw (compressed) bytes."""
    streams = []
    for item in pdf_page.page_obj.contents:
        stream = resolve1(item)
        if isinstance(stream, PDFStream) and stream.data is None and stream.rawdata is not None:
            streams.append((stream, stream.rawdata))
    return streams


def page_count(pdf: pdfplumber.PDF) -> int:
    """Number of pages of an open PDF."""
    return len(pdf.pages)


def raw_pages(pdf: pdfplumber.PDF, first: int = 0, last: int | None = None) -> Iterator[RawPage]:
    """Raw pages ``first``..``last`` (0-based, inclusive), one page in memory at a time.

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
