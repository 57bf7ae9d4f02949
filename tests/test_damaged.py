"""Damaged and hostile PDFs (issue 11): one bad page never costs the others, limits hold, no
traceback and no library log line reaches the user.

The damaged files are made here from the first 14 pages of the sample gazette (pikepdf); the
values asserted are the sample's own 文号 and titles, as its seed text prints them.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from gazette_extract import cli, pipeline
from gazette_extract.errors import DamagedPdfError
from gazette_extract.layout import limits
from gazette_extract.layout.limits import Limits, PageAbandoned
from gazette_extract.layout.pdfminer_limits import _BoundedZlib, page_budget

pikepdf = pytest.importorskip("pikepdf")

TIMEOUT = 300
# The pdfminer reader: the limits inside content streams (operators, inflated bytes) and the
# damage notes are its own; PDFium parses in C and recovers from damage without saying so.
PDFMINER = ("--reader", "pdfplumber")
# The first two documents of samples/gazette-a.pdf (its seed text: 目录 and document heads).
FIRST_DOCS = {
    "朔政发〔2021〕26号": "朔州市人民政府关于推动创新创业高质量发展打造“双创”升级版的实施意见",
    "朔政发〔2021〕27号": "朔州市人民政府关于落实衔接省政府取消下放一批行政审批事项的通知",
}


def cli_run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gazette_extract.cli", *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT
    )


def gazette_14(tmp_path: Path, damage=None, name: str = "g14.pdf") -> Path:
    """The first 14 pages of the sample gazette, with ``damage(pdf)`` applied (pikepdf)."""
    src = SAMPLES / "gazette-a.pdf"
    if not src.is_file():
        pytest.skip("samples/gazette-a.pdf is not there yet")
    dst = tmp_path / name
    with pikepdf.open(src) as pdf:
        del pdf.pages[14:]
        if damage:
            damage(pdf)
        pdf.save(dst, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return dst


def contents_lost(page_no: int):
    """The page's content stream replaced by a number: what a cut or overwritten object leaves."""

    def damage(pdf) -> None:
        pdf.pages[page_no - 1].obj.Contents = pdf.make_indirect(pikepdf.Integer(0))

    return damage


def failed(checks: list[dict], name: str) -> list[dict]:
    return [c for c in checks if c["check"] == name and not c["ok"] and not c["skipped"]]


# ---------------------------------------------------------------- one bad page, the others kept


def test_one_damaged_page_keeps_the_other_pages(tmp_path):
    pdf = gazette_14(tmp_path, contents_lost(8))
    out = tmp_path / "out"
    r = cli_run("extract", pdf, "--out", out, *PDFMINER)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    extraction = json.loads((out / "gazette.json").read_text(encoding="utf-8"))
    assert extraction["gazette"]["page_count"] == 14
    found = {d["doc_number"]: d["title"] for d in extraction["documents"]}
    assert found == FIRST_DOCS
    (bad,) = failed(extraction["checks"], "page_readable")
    assert bad["subject"] == "PDF p.8" and bad["level"] == "error"
    assert "content stream is missing" in bad["message"]
    assert {"page": 8, "kind": "unreadable"}.items() <= extraction["page_notes"][0].items()
    # the pages around it were read
    pages = {p["page"] for d in extraction["documents"] for p in d["paragraphs"]}
    assert {7, 9} <= pages and 8 not in pages
    assert "1 / 0" in r.stdout  # the summary: pages unreadable / damage recovered

    strict = cli_run("extract", pdf, "--out", tmp_path / "strict", "--strict", *PDFMINER)
    assert strict.returncode == 1 and strict.stderr == ""
    checked = cli_run("validate", pdf, "--json", *PDFMINER)
    assert checked.returncode == 1 and checked.stderr == ""
    assert [c["subject"] for c in failed(json.loads(checked.stdout)["checks"], "page_readable")] == ["PDF p.8"]
    again = cli_run("validate", out, "--json")  # re-checked from the output's page notes
    assert [c["subject"] for c in failed(json.loads(again.stdout)["checks"], "page_readable")] == ["PDF p.8"]


def test_pdfium_reads_a_page_without_content_as_blank_and_keeps_the_others(tmp_path):
    """PDFium takes a page whose content stream is lost for an empty page (it says nothing of
    the damage): the other pages' documents are extracted all the same."""
    out = tmp_path / "out"
    r = cli_run("extract", gazette_14(tmp_path, contents_lost(8)), "--out", out, "--reader", "pdfium")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    extraction = json.loads((out / "gazette.json").read_text(encoding="utf-8"))
    assert {d["doc_number"]: d["title"] for d in extraction["documents"]} == FIRST_DOCS
    pages = {p["page"] for d in extraction["documents"] for p in d["paragraphs"]}
    assert {7, 9} <= pages and 8 not in pages


def test_non_number_mediabox_costs_only_its_page(tmp_path):
    """pdfplumber's MalformedPDFException (issue 11's traceback) now marks one page unreadable."""

    def damage(pdf) -> None:
        pdf.pages[2].obj.MediaBox = pikepdf.Array([pikepdf.Name.Bad, 0, 595, 842])

    extraction = pipeline.run(gazette_14(tmp_path, damage), reader="pdfplumber")
    (bad,) = [c for c in extraction.checks if c.check == "page_readable" and not c.ok]
    assert bad.subject == "PDF p.3" and "page dictionary" in bad.message
    assert {d.doc_number for d in extraction.documents} == set(FIRST_DOCS)


def test_file_without_a_readable_page_is_refused(tmp_path):
    def damage(pdf) -> None:
        for page in range(1, 15):
            contents_lost(page)(pdf)

    out = tmp_path / "out"
    r = cli_run("extract", gazette_14(tmp_path, damage), "--out", out, *PDFMINER)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith("error: ") and "no page can be read" in r.stderr
    assert not out.exists()


# ---------------------------------------------------------------- limits


def test_flate_bomb_page_is_abandoned_within_its_ceiling(tmp_path):
    deflate = zlib.compressobj(9)
    bomb = b"".join(deflate.compress(b" " * (1 << 20)) for _ in range(64)) + deflate.flush()  # 64 MB

    def damage(pdf) -> None:
        stream = pikepdf.Stream(pdf, b"")
        stream.write(bomb, filter=pikepdf.Name.FlateDecode)
        pdf.pages[4].contents_add(stream, prepend=True)

    extraction = pipeline.run(gazette_14(tmp_path, damage), limits=Limits(page_stream_bytes=8_000_000), reader="pdfplumber")
    (bad,) = [c for c in extraction.checks if c.check == "page_readable" and not c.ok]
    assert bad.subject == "PDF p.5" and "more than 8 MB" in bad.message
    assert {d.doc_number for d in extraction.documents} == set(FIRST_DOCS)


def test_slow_page_is_abandoned_and_reading_goes_on(tmp_path):
    """A million nested brackets keep pdfminer busy far past one second: that page is skipped,
    the pages after it are read normally (the process is not left in a bad state)."""

    def damage(pdf) -> None:
        pdf.pages[1].contents_add(pikepdf.Stream(pdf, b"[" * 1_000_000 + b"]" * 1_000_000 + b" TJ\n"), prepend=True)

    started = time.perf_counter()
    extraction = pipeline.run(gazette_14(tmp_path, damage), limits=Limits(page_seconds=1.0), reader="pdfplumber")
    assert time.perf_counter() - started < 60
    (bad,) = [c for c in extraction.checks if c.check == "page_readable" and not c.ok]
    assert bad.subject == "PDF p.2" and "longer than 1 s" in bad.message
    assert {d.doc_number for d in extraction.documents} == set(FIRST_DOCS)


def test_operator_ceiling(tmp_path):
    out = tmp_path / "out"
    r = cli_run("extract", gazette_14(tmp_path), "--out", out, "--page-operators", "400", *PDFMINER)
    assert r.returncode == 0, r.stderr
    checks = json.loads((out / "validation.json").read_text(encoding="utf-8"))["checks"]
    over = failed(checks, "page_readable")
    assert over and all("more than 400 content-stream operators" in c["message"] for c in over)
    assert len(over) < 14  # the cover and short pages stay under it


def test_page_count_must_fit_the_file(tmp_path, monkeypatch):
    """A reader that finds 10^9 pages in a small file reports damage, it does not start reading."""

    class Claims:
        page_count = 10**9

        def close(self) -> None:
            pass

    pdf = gazette_14(tmp_path)
    monkeypatch.setattr(pipeline.layout, "open_pdf", lambda path, reader: Claims())
    with pytest.raises(DamagedPdfError, match="claims 1,000,000,000 pages"):
        pipeline.run(pdf)


def test_bounded_inflater_matches_zlib_and_refuses_a_bomb():
    bounded = _BoundedZlib()
    data = bytes(range(256)) * 5000
    packed = zlib.compress(data)
    assert bounded.decompress(packed) == zlib.decompress(packed)
    with pytest.raises(zlib.error):
        bounded.decompress(packed[: len(packed) // 2])
    inflater = bounded.decompressobj()
    assert inflater.decompress(packed[:100]) + inflater.decompress(packed[100:]) == data
    with page_budget(Limits(page_stream_bytes=100_000)), pytest.raises(PageAbandoned, match="more than 0.1 MB"):
        bounded.decompress(packed)


def test_page_watch_interrupts_and_restores_the_alarm():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(PageAbandoned, match="longer than 0.3 s"), limits.page_watch(Limits(page_seconds=0.3)):
        while True:
            pass
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_page_watch_stops_a_page_that_eats_memory():
    """pdfminer expanding a font's /W range of 10^20 widths grows a dict until memory runs out:
    the watch abandons the page when resident memory passes the limit, and the memory is freed."""
    ceiling = limits.resident_bytes() + 150_000_000
    widths: dict[int, float] = {}
    with pytest.raises(PageAbandoned, match="needed more than 150 MB"), limits.page_watch(Limits(page_memory_bytes=150_000_000)):
        for glyph in range(10**20):
            widths[glyph] = 1000.0
    assert limits.resident_bytes() < ceiling + 200_000_000
    widths.clear()


# ---------------------------------------------------------------- log hygiene, tracebacks


def test_recovered_damage_is_a_note_not_a_log_line(tmp_path):
    src = gazette_14(tmp_path)
    data = src.read_bytes()
    xref = data.rfind(b"\nxref")
    damaged = tmp_path / "xref.pdf"
    damaged.write_bytes(data[:xref] + data[data.find(b"trailer", xref) :])  # the table cut out
    out = tmp_path / "out"
    r = cli_run("extract", damaged, "--out", out, *PDFMINER)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    summary = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    (note,) = [c for c in summary["checks"] if c["check"] == "damage_recovered" and not c["ok"]]
    assert note["level"] == "info" and "cross-reference table" in note["message"]
    assert summary["info"] == 1
    assert "/ 1" in r.stdout  # summary: pages unreadable / damage recovered
    verbose = cli_run("extract", damaged, "--out", tmp_path / "v", "--verbose", *PDFMINER)
    assert verbose.returncode == 0 and "cross-reference table" in verbose.stderr


def test_unexpected_failure_is_one_line_without_debug(tmp_path, monkeypatch):
    pdf = gazette_14(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw\nover two lines")

    monkeypatch.setattr(cli.pipeline, "run", broken)
    runner = CliRunner()
    r = runner.invoke(cli.app, ["extract", str(pdf), "--out", str(tmp_path / "out")])
    assert r.exit_code == 3
    assert "unexpected RuntimeError: something nobody foresaw over two lines" in r.output
    assert "Traceback" not in r.output
    r = runner.invoke(cli.app, ["extract", str(pdf), "--out", str(tmp_path / "out"), "--debug"])
    assert isinstance(r.exception, RuntimeError)
    for name in limits.DAMAGE_LOGGERS:  # what the runs above configured, undone for later tests
        logging.getLogger(name).propagate = True


def test_any_reader_gets_unreadable_pages_and_the_deadline(monkeypatch):
    """The layout stage's handling is reader-independent: a reader's UnreadablePage becomes an
    empty page with its reason, and a reader stuck on a page (which does not watch the clock
    itself) is abandoned at the deadline and started again at the next page."""
    from types import SimpleNamespace

    from gazette_extract import layout
    from gazette_extract.layout.source import RawPage, UnreadablePage

    def raw(page: int) -> RawPage:
        return RawPage(page, 595.0, 842.0, 0, [], [], [], [])

    def raw_pages(pdf, first=0, last=None):
        for index in range(first, last + 1):
            if index == 1:
                yield UnreadablePage(2, "its content cannot be parsed (PSSyntaxError)")
            elif index == 2:
                while True:  # stuck, e.g. inside a C library's loop that Python can interrupt
                    time.sleep(0.01)
            else:
                yield raw(index + 1)

    reader = SimpleNamespace(page_count=lambda pdf: 4, raw_pages=raw_pages)
    monkeypatch.setitem(layout.READERS, "stand-in", reader)
    with limits.applied(Limits(page_seconds=0.5)):
        pages = list(layout.iter_pages(layout.OpenPdf("stand-in", object())))
    assert [p.page for p in pages] == [1, 2, 3, 4]
    assert [p.unreadable for p in pages] == [
        None,
        "its content cannot be parsed (PSSyntaxError)",
        "took longer than 0.5 s to read (limit --page-seconds)",
        None,
    ]
    assert [n.kind for n in layout.page_notes(pages)] == ["unreadable", "unreadable"]


def test_memory_ceiling_fails_an_allocation_past_the_limit():
    with pytest.raises(MemoryError), limits.memory_ceiling(Limits(page_memory_bytes=100_000_000)):
        bytearray(600_000_000)
    assert len(bytearray(200_000_000)) == 200_000_000  # restored after the block
