"""The page limits (limits.py) inside pdfminer, the parser under the pdfplumber reader.

pdfminer inflates a Flate stream whole (``zlib.decompress``), and a corrupt one byte by byte
into one growing string: a 400 MB bomb costs 400 MB or more before anything could refuse it.
It also runs a page's operators with no ceiling. Two narrowly scoped replacements, installed
once by ``install()`` when the plumber reader is imported, bound both:

- the ``zlib`` name inside ``pdfminer.pdftypes`` (its only user) becomes ``_BoundedZlib``, whose
  ``decompress`` / ``decompressobj`` inflate in 1 MB steps (``max_length``) and charge every
  step to the page's ``PageBudget``: past ``Limits.page_stream_bytes`` the page is abandoned.
  Results are otherwise identical: a truncated stream still raises ``zlib.error``, so
  pdfminer's own recovery (``decompress_corrupted``) runs as before, bounded the same way;
- ``pdfminer.pdfinterp.PDFContentParser`` becomes a subclass whose ``nextobject`` counts the
  page's operators against ``Limits.page_operators`` and checks the page's clock every 1,024
  objects (the time limit where ``SIGALRM`` cannot be used: a thread that is not the main one).

A budget is active inside ``page_budget()``; outside one (opening a file outside a page read,
or pdfminer used by other code) each stream is bounded on its own and operators are not counted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pdfminer import pdfinterp, pdftypes
from pdfminer.psparser import PSKeyword

from .limits import Limits, PageBudget, current, memory_ceiling

# Inflate at most this many bytes per step, so a bomb is refused within 1 MB of its ceiling.
INFLATE_STEP = 1 << 20
# Check the page's clock once per this many content-stream objects.
CLOCK_EVERY = 1024

_budget: ContextVar[PageBudget | None] = ContextVar("gazette_extract_page_budget", default=None)


@contextmanager
def page_budget(limits: Limits) -> Iterator[PageBudget]:
    """Charge the decoding and the operators run in the block to one fresh ``PageBudget``, under
    the memory ceiling (pdfminer expands a font's width or CMap ranges of any size into dicts)."""
    budget = PageBudget(limits)
    token = _budget.set(budget)
    try:
        with memory_ceiling(limits):
            yield budget
    finally:
        _budget.reset(token)


class _BoundedDecompressor:
    """``zlib.decompressobj()`` whose output is charged to the page budget as it is produced."""

    def __init__(self, *args, **kwargs) -> None:
        self._inflater = zlib.decompressobj(*args, **kwargs)
        self._budget = _budget.get() or PageBudget(current())

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        chunks = []
        step = INFLATE_STEP if max_length <= 0 else min(INFLATE_STEP, max_length)
        produced = 0
        while True:
            chunk = self._inflater.decompress(data, step)
            self._budget.spend_decoded(len(chunk))
            chunks.append(chunk)
            produced += len(chunk)
            data = self._inflater.unconsumed_tail
            if max_length > 0 and produced >= max_length:
                break
            # a full step may leave output pending inside zlib even when all input is consumed
            if not data and len(chunk) < step:
                break
        return b"".join(chunks)

    def flush(self, *args) -> bytes:
        out = self._inflater.flush(*args)
        self._budget.spend_decoded(len(out))
        return out

    @property
    def eof(self) -> bool:
        return self._inflater.eof

    @property
    def unused_data(self) -> bytes:
        return self._inflater.unused_data

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inflater.unconsumed_tail


class _BoundedZlib:
    """The ``zlib`` module as pdfminer.pdftypes sees it: inflation bounded, everything else as is."""

    error = zlib.error
    decompressobj = _BoundedDecompressor

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = _BoundedDecompressor()
        out = inflater.decompress(data)
        if not inflater.eof:  # what zlib.decompress raises, so pdfminer's recovery path runs
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def __getattr__(self, name: str):
        return getattr(zlib, name)


class _CountingContentParser(pdfinterp.PDFContentParser):
    """pdfminer's content-stream parser, counting the page's operators and minding its clock."""

    def nextobject(self):
        item = super().nextobject()
        budget = _budget.get()
        if budget is not None:
            if isinstance(item[1], PSKeyword):
                budget.spend_operators(1)
            self._seen = getattr(self, "_seen", 0) + 1
            if self._seen % CLOCK_EVERY == 0:
                budget.check_clock()
        return item


_installed = False


def install() -> None:
    """Put the bounded inflater and the counting parser in place (idempotent)."""
    global _installed
    if _installed:
        return
    pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdfinterp.PDFContentParser = _CountingContentParser  # type: ignore[misc]
    _installed = True
