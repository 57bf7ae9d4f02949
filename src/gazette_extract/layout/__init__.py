"""Stage 1 — layout (版面): PDF pages → ``PageLayout`` (lines, glyphs, ruling edges).

A reader (``plumber``: pdfplumber/pdfminer) opens the PDF and yields raw pages through the
page-source seam (``source``: ``RawPage``, ``PageReader``); everything after that is
reader-independent and done once for every later stage:

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

import pdfplumber

from ..models import PageLayout
from . import plumber
from .furniture import page_notes, strip_furniture
from .glyphs import _dedupe_glyphs, is_cjk, normalize_glyph_text
from .lines import glyph_text, group_lines
from .page import build_page
from .plumber import open_pdf
from .source import PageReader, RawBox, RawChar, RawPage

__all__ = [
    "PageReader",
    "RawBox",
    "RawChar",
    "RawPage",
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


def iter_pages(pdf: pdfplumber.PDF, first: int = 0, last: int | None = None) -> Iterator[PageLayout]:
    """Layouts of pages ``first``..``last`` (0-based, inclusive), one page in memory at a time."""
    reader: PageReader[pdfplumber.PDF] = plumber
    for raw in reader.raw_pages(pdf, first, last):
        yield build_page(raw)
