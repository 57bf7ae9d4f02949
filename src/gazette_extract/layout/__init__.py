"""Stage 1 — layout (版面): PDF pages → ``PageLayout`` (lines, glyphs, ruling edges).

A reader opens the PDF and yields raw pages through the page-source seam (``source``:
``RawPage``, ``PageReader``) — ``pdfium`` (PDFium via pypdfium2, the default, several times
faster) or ``plumber`` (pdfplumber/pdfminer, the reference it is checked against, selected as
``"pdfplumber"``); everything after that is reader-independent and done once for every later stage:

- ``glyphs``: fake-bold copies (假粗体) merged into one bold glyph, look-alike radicals
  (⽅ U+2F45) mapped to unified ideographs, unmapped ``(cid:N)`` glyphs counted, never emitted;
- ``lines``: glyphs grouped into lines; layout spaces between Chinese characters dropped, wide
  gaps split a line into segments;
- ``page``: a ``RawPage`` → ``PageLayout`` (ruling edges from lines and rectangles, scans);
- ``furniture``: the running header (页眉), the printed page number (页码) and margin marks
  removed from the body and recorded separately, over all pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DamagedPdfError
from ..models import PageLayout
from . import pdfium, plumber
from .furniture import page_notes, strip_furniture
from .glyphs import _dedupe_glyphs, is_cjk, normalize_glyph_text
from .lines import glyph_text, group_lines
from .page import build_page
from .source import PageReader, RawBox, RawChar, RawPage, UnreadablePage

# The readers by the name the CLI and the Python API take (``--reader``); the first is the default.
READERS: dict[str, PageReader[Any]] = {"pdfium": pdfium, "pdfplumber": plumber}
DEFAULT_READER = "pdfium"

__all__ = [
    "DEFAULT_READER",
    "READERS",
    "OpenPdf",
    "PageReader",
    "RawBox",
    "RawChar",
    "RawPage",
    "UnreadablePage",
    "_dedupe_glyphs",
    "build_page",
    "glyph_text",
    "group_lines",
    "is_cjk",
    "iter_pages",
    "normalize_glyph_text",
    "open_pdf",
    "page_notes",
    "strip_furniture",
]


@dataclass(frozen=True, slots=True)
class OpenPdf:
    """A PDF opened by one reader (``reader``: its name in ``READERS``); close it when done."""

    reader: str
    document: Any

    @property
    def page_count(self) -> int:
        return READERS[self.reader].page_count(self.document)

    def close(self) -> None:
        self.document.close()

    def __enter__(self) -> OpenPdf:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_pdf(path: Path, reader: str = DEFAULT_READER) -> OpenPdf:
    """Open ``path`` with the named reader; a file that is no readable PDF raises a named error."""
    if reader not in READERS:
        raise ValueError(f"unknown reader {reader!r} (one of: {', '.join(READERS)})")
    return OpenPdf(reader, READERS[reader].open_pdf(Path(path)))


def iter_pages(pdf: OpenPdf, first: int = 0, last: int | None = None) -> Iterator[PageLayout]:
    """Layouts of pages ``first``..``last`` (0-based, inclusive), one page in memory at a time."""
    for raw in READERS[pdf.reader].raw_pages(pdf.document, first, last):
        if isinstance(raw, UnreadablePage):
            raise DamagedPdfError(f"page {raw.page} cannot be read ({raw.reason})")
        yield build_page(raw)
