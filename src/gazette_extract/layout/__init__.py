"""Stage 1 — layout (版面): PDF pages → ``PageLayout`` (lines, glyphs, ruling edges).

A reader opens the PDF and yields raw pages through the page-source seam (``source``:
``RawPage``, ``PageReader``) — ``pdfium`` (PDFium via pypdfium2, the default, several times
faster) or ``plumber`` (pdfplumber/pdfminer, the reference it is checked against, selected as
``"pdfplumber"``); both give only painted paths and curves by their straight parts (``drawing``:
the helpers they share); everything after that is reader-independent and done once for every
later stage:

- ``glyphs``: fake-bold copies (假粗体) merged into one bold glyph, look-alike radicals
  (⽅ U+2F45) mapped to unified ideographs, unmapped ``(cid:N)`` glyphs counted, never emitted;
- ``lines``: glyphs grouped into lines; layout spaces between Chinese characters dropped, wide
  gaps split a line into segments;
- ``page``: a ``RawPage`` → ``PageLayout`` (ruling edges from lines and rectangles, scans);
- ``furniture``: the running header (页眉), the printed page number (页码) and margin marks
  removed from the body and recorded separately, over all pages;
- ``limits``: per-page limits (time, decoded stream bytes, operators) and the guards every reader
  runs under here: a page the reader cannot read or that goes over a limit becomes an empty
  ``PageLayout`` with its reason (``unreadable``), and the libraries' log records of a page
  become its ``recovered`` damage; the other pages are read all the same.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..models import PageLayout
from . import limits, pdfium
from .furniture import page_notes, recovered_note, strip_furniture
from .glyphs import _dedupe_glyphs, is_cjk, normalize_glyph_text
from .limits import Limits
from .lines import glyph_text, group_lines, is_word_gap
from .page import build_page, unreadable_page
from .source import PageReader, RawBox, RawChar, RawPage, UnreadablePage



class _Readers(dict):
    """Reader modules by name; a module named by a string is imported on first use, so that
    pdfplumber and pdfminer load only when the reference reader is asked for."""

    def __getitem__(self, name: str) -> PageReader[Any]:
        module = super().__getitem__(name)
        if isinstance(module, str):
            module = importlib.import_module(module, __name__)
            self[name] = module
        return module


# The readers by the name the CLI and the Python API take (``--reader``); the first is the default.
READERS: dict[str, PageReader[Any]] = _Readers(pdfium=pdfium, pdfplumber=".plumber")
DEFAULT_READER = "pdfium"

__all__ = [
    "DEFAULT_READER",
    "READERS",
    "Limits",
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
    "is_word_gap",
    "iter_pages",
    "normalize_glyph_text",
    "open_pdf",
    "page_notes",
    "recovered_note",
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
    """Layouts of pages ``first``..``last`` (0-based, inclusive), one page in memory at a time.

    Every page is read under ``limits.current()``: an ``UnreadablePage`` from the reader becomes an
    empty layout with its reason; a page still running at its deadline, or driving memory past
    the limit (``page_watch``), is abandoned here, for any reader, and reading resumes at the
    next page with a fresh ``raw_pages``. The
    PDF libraries' log records of each page are kept as the damage recovered on it.
    """
    reader = READERS[pdf.reader]
    page_limits = limits.current()
    last = reader.page_count(pdf.document) - 1 if last is None else last
    index = first  # 0-based index of the next page to read
    while index <= last:
        raws = reader.raw_pages(pdf.document, index, last)
        abandoned = False
        try:
            while not abandoned:
                with limits.captured_damage() as damage:
                    try:
                        with limits.page_watch(page_limits):
                            raw = next(raws, None)
                    except limits.PageAbandoned as exc:  # the reader did not stop at the limit itself
                        raw, abandoned = UnreadablePage(index + 1, exc.reason), True
                if raw is None:
                    return
                index = raw.page
                if isinstance(raw, UnreadablePage):
                    yield unreadable_page(raw, damage.summary())
                else:
                    page = build_page(raw)
                    yield replace(page, recovered=damage.summary()) if damage.count else page
        finally:
            close = getattr(raws, "close", None)
            if close is not None:
                close()
