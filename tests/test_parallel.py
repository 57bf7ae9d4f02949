"""Parallel page parsing (``extract --workers N``) gives exactly the single-process extraction.

Not a timed test: the speed-up is measured by ``make bench`` (bench/bench.py).
"""

from __future__ import annotations

import os

import pytest
from conftest import sample_pdf
from pdfminer.pdftypes import PDFStream, resolve1

from gazette_extract import layout, pipeline
from gazette_extract.errors import DamagedPdfError
from gazette_extract.layout import pdfium


def test_two_workers_give_the_same_extraction(extraction_b, reader):
    """Every field of the extraction is equal with workers=2 and workers=1 (the session's run), with each reader."""
    parallel = pipeline.run(sample_pdf("gazette-b"), workers=2, reader=reader)
    assert parallel.model_dump(mode="json") == extraction_b.model_dump(mode="json")
    assert parallel.model_dump_json() == extraction_b.model_dump_json()


def test_three_processes_and_short_ranges_give_the_same_pages(monkeypatch):
    """This process and two workers, ranges of 2–3 pages and the readers' caches released every
    few pages: the same pages and table fragments as one process, in order; progress counts to the end."""
    monkeypatch.setattr(pipeline, "MAX_RANGE_PAGES", 3)
    monkeypatch.setattr(pipeline, "OWN_RANGE_PAGES", 2)
    monkeypatch.setattr(pdfium, "REOPEN_PAGES", 5)
    path = sample_pdf("gazette-b")
    seen = []
    parallel = pipeline.parse_pages(path, workers=3, progress=lambda done, total: seen.append((done, total)))
    serial = pipeline.parse_pages(path, workers=1)
    assert [p.page for p in parallel.pages] == list(range(1, len(serial.pages) + 1))
    assert parallel == serial
    assert seen[-1] == (len(serial.pages), len(serial.pages))


def _die(first: int, last: int) -> None:
    os._exit(1)  # a worker killed (out of memory, a crash inside a PDF library)


def test_a_worker_that_dies_is_one_named_error(monkeypatch):
    """The worker processes (forked, so they run the replaced range parser) die: the run ends
    with DamagedPdfError (exit 2 on the command line), not a hang or a traceback."""
    monkeypatch.setattr(pipeline, "_parse_range", _die)
    with pytest.raises(DamagedPdfError, match="a worker process died"):
        pipeline.parse_pages(sample_pdf("gazette-b"), workers=2)


@pytest.mark.parametrize("workers", [2, 3])
def test_page_ranges_cover_every_page_once_in_order(workers, reader):
    """Ranges handed to the workers cover a short PDF page by page, like one process."""
    path = sample_pdf("gazette-b")
    pdf = layout.open_pdf(path, reader)
    try:
        serial = pipeline._parse_pages_here(pdf, 0, 11)
    finally:
        pdf.close()
    pipeline._open_in_worker(str(path), reader)  # what each worker does once, here in this process
    try:
        parts = [pipeline._parse_range(first, min(first + 4, 12) - 1) for first in range(0, 12, 4)]
    finally:
        pipeline._worker_pdf.close()
        pipeline._worker_pdf = None
    assert [p.page for part in parts for p in part.pages] == list(range(1, 13))
    assert [p for part in parts for p in part.pages] == serial.pages
    assert [f for part in parts for f in part.fragments] == serial.fragments


def test_pages_are_released_and_read_again_identically():
    """After a page is read by the pdfplumber reader its content streams are undecoded again
    (memory stays flat), and reading the page a second time gives the same layout."""
    pdf = layout.open_pdf(sample_pdf("gazette-b"), "pdfplumber")
    try:
        first = list(layout.iter_pages(pdf, 0, 2))
        for pdf_page in pdf.document.pages[:3]:
            streams = [resolve1(item) for item in pdf_page.page_obj.contents]
            assert streams
            assert all(isinstance(s, PDFStream) and s.data is None and s.rawdata is not None for s in streams)
            assert not hasattr(pdf_page, "_layout")
        second = list(layout.iter_pages(pdf, 0, 2))
    finally:
        pdf.close()
    assert first == second
