"""The page-source seam (页面来源): what a PDF reader hands to the layout stage.

A reader (``pdfium.py``: PDFium, the default; ``plumber.py``: pdfplumber/pdfminer, the reference)
opens a PDF and yields one ``RawPage`` per page: the page box, its rotation and the raw drawing objects —
glyphs, ruling lines, rectangles and images — with nothing cleaned up. Everything after that
(fake-bold dedupe, radical look-alikes, lines, ruling edges, scan detection: ``page.py``) is
reader-independent, so two readers of the same PDF give the same ``PageLayout`` as long as
they agree on these raw objects.

Coordinates are PDF points in the displayed page (``/Rotate`` already applied), origin at the
top-left corner: ``top`` < ``bottom``, as pdfplumber reports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from ..errors import NotAPdfError

# NamedTuples, not frozen dataclasses: a page holds thousands of glyphs and building them is
# the reader's hot path; they are immutable and typed all the same.


class RawChar(NamedTuple):
    """One drawn glyph as the reader decoded it (``(cid:N)`` text when the font has no Unicode map)."""

    text: str
    fontname: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float


class RawBox(NamedTuple):
    """The bounding box of a drawn line, rectangle or image; ``stroke`` is False for a fill-only rectangle."""

    x0: float
    x1: float
    top: float
    bottom: float
    stroke: bool = True


class UnreadablePage(NamedTuple):
    """A page the reader could not read (damaged, or over a limit: limits.py); the others still are.

    ``page`` is 1-based; ``reason`` says why in a few words (``content stream cannot be parsed
    (PSSyntaxError)``, ``more than 1,000,000 content-stream operators``).
    """

    page: int
    reason: str


class RawPage(NamedTuple):
    """Everything the layout stage needs from one page (``page`` is 1-based)."""

    page: int
    width: float
    height: float
    rotation: int
    chars: list[RawChar]
    lines: list[RawBox]
    rects: list[RawBox]
    images: list[RawBox]


Document = TypeVar("Document")


def check_pdf_header(path: Path) -> None:
    """Raise ``NotAPdfError`` for a file that cannot be read, is empty or has no ``%PDF-`` header."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise NotAPdfError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not head.strip():
        raise NotAPdfError(f"{path} is empty")
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{path} is not a PDF (no %PDF- header)")


class PageReader(Protocol[Document]):
    """A PDF reader module (``pdfium``, ``plumber``): a module with these functions satisfies the protocol.

    ``open_pdf`` raises ``NotAPdfError`` / ``EncryptedPdfError`` / ``DamagedPdfError`` (errors.py)
    for a file it cannot read; ``raw_pages`` reads pages ``first``..``last`` (0-based, inclusive)
    one at a time, keeping none, and yields an ``UnreadablePage`` instead of raising for a page it
    cannot read or that exceeds a limit of ``limits.current()`` (the layout stage turns it into a
    page note and a failing ``page_readable`` check). Third-party log records are left to the
    layout stage, which captures them per page (limits.py).
    """

    def open_pdf(self, path: Path) -> Document: ...

    def page_count(self, pdf: Document) -> int: ...

    def raw_pages(
        self, pdf: Document, first: int = 0, last: int | None = None
    ) -> Iterator[RawPage | UnreadablePage]: ...
