"""Runs the stages in order — the only module that knows the order.

layout (per page, streaming) → tables.find_fragments (per page) → furniture → front matter
(cover, 目录) → tables.build_tables → segment → place tables in documents → classify tables →
stated counts → records → validate. Pages are parsed once; glyphs and edges are dropped as soon
as a page's table fragments are taken, so memory grows only with the compact lines of the document.
Pages are read under per-page ``Limits`` (layout/limits.py): a page that cannot be read is kept
as an empty page with a note, and only a file without one readable page is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__, counts, layout, patterns, records, segment, tables, toc, validate
from .errors import DamagedPdfError, NoTextLayerError, NothingToExtractError, UndecodableTextError
from .gc_policy import fewer_collections
from .layout import limits as page_limits
from .layout.limits import Limits
from .models import DocumentSpan, Extraction, GazetteInfo, PageLayout, PageNote, Table
from .records.common import attachment_title

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ParsedPages:
    """What the per-page pass keeps: compact page layouts and the table fragments (and the damage
    the PDF library recovered from while opening the file)."""

    pages: list[PageLayout]
    fragments: list
    opening_damage: tuple[str, ...] = ()


def _parse_pages_here(
    pdf: layout.OpenPdf, first: int, last: int, progress: ProgressCallback | None = None
) -> ParsedPages:
    """Parse pages ``first``..``last`` in this process: table fragments taken, glyphs and edges dropped."""
    pages, fragments = [], []
    n_pages = pdf.page_count
    with fewer_collections():  # in a worker process too
        for page in layout.iter_pages(pdf, first, last):
            found = tables.find_fragments(page)
            fragments.extend(found)
            # what later stages need of the page: its lines outside tables (a table's text is in
            # its fragment); glyphs and edges go now
            pages.append(replace(page, lines=tables.lines_outside(page.lines, found), glyphs=(), edges=()))
            if progress:
                progress(page.page, n_pages)
    return ParsedPages(pages, fragments)


# The parallel page pass (``workers`` > 1): this process and ``workers - 1`` worker processes
# read page ranges handed out in order; this process reads a few pages at a time and, between
# them, hands the workers their next ranges, so no process idles while pages are left.
# A worker's range is about this share of the pages not yet handed out, per process (guided
# scheduling: long ranges first, short ones at the end, so that the processes finish together),
# within these bounds; each worker has this many ranges queued, so it never waits for the next.
RANGE_SHARE = 4
MIN_RANGE_PAGES = 2
MAX_RANGE_PAGES = 50
RANGES_QUEUED = 2
# Pages this process reads between two hand-outs.
OWN_RANGE_PAGES = 4
# The PDF a worker process has open: opened once per worker (by ``_open_in_worker``), not per
# page range; a file handle cannot be shared with the parent, whose reads would move its offset.
_worker_pdf: layout.OpenPdf | None = None
_worker_limits: Limits | None = None


def _open_in_worker(path: str, reader: str = layout.DEFAULT_READER, limits: Limits | None = None) -> None:
    global _worker_pdf, _worker_limits
    _worker_limits = limits
    with page_limits.applied(limits):
        _worker_pdf, _ = _open_checked(Path(path), reader)  # the parent reported the damage recovered


def _parse_range(first: int, last: int) -> ParsedPages:
    """Parse PDF pages ``first``..``last`` (0-based, inclusive) in a worker process."""
    with page_limits.applied(_worker_limits):
        return _parse_pages_here(_worker_pdf, first, last)


def _open_checked(path: Path, reader: str = layout.DEFAULT_READER) -> tuple[layout.OpenPdf, tuple[str, ...]]:
    """Open the PDF under the page limits (opening counts as one page) and check its page count
    against its size; returns the PDF and the damage the library recovered from on the way."""
    limits = page_limits.current()
    with page_limits.captured_damage() as damage:
        try:
            with page_limits.page_watch(limits):
                pdf = layout.open_pdf(path, reader)
        except page_limits.PageAbandoned as exc:
            raise DamagedPdfError(f"{path} cannot be opened: it {exc.reason}") from exc
    n_pages = pdf.page_count
    most = max(1, path.stat().st_size // page_limits.MIN_BYTES_PER_PAGE)
    if n_pages > most:
        pdf.close()
        raise DamagedPdfError(
            f"{path} is damaged: it claims {n_pages:,} pages, more than a file of its size can hold ({most:,})"
        )
    return pdf, damage.summary()


def parse_pages(
    path: Path, workers: int = 1, progress: ProgressCallback | None = None, reader: str = layout.DEFAULT_READER
) -> ParsedPages:
    """The per-page pass over the whole PDF, in one process or split in page ranges over several.

    With several workers, this process and ``workers - 1`` worker processes (each opening the
    PDF once, with the same reader) parse page ranges handed out in order; the ranges are put
    back in page order, so the result is the same as in one process.
    """
    pdf, opening_damage = _open_checked(path, reader)
    n_pages = pdf.page_count
    if workers <= 1 or n_pages < 2 * workers:
        try:
            return replace(_parse_pages_here(pdf, 0, n_pages - 1, progress), opening_damage=opening_damage)
        finally:
            pdf.close()
    pdf.close()  # the workers start (fork) with no PDF open; this process opens it again after
    try:
        parts = _ParallelPass(path, reader, n_pages, workers, progress).run()
    except BrokenProcessPool as exc:  # a worker killed (out of memory) or crashed inside a library
        raise DamagedPdfError(f"{path}: a worker process died while reading its pages (try --workers 1)") from exc
    pages = [page for part in parts for page in part.pages]
    return ParsedPages(pages, [f for part in parts for f in part.fragments], opening_damage)


class _ParallelPass:
    """Pages ``0..n_pages-1`` parsed by this process and ``workers - 1`` worker processes.

    The workers' results are received (unpickled) by the pool's thread in this process while it
    reads its own pages; should that thread fail to allocate — this process reading a page near
    its ``--page-memory-mb`` ceiling with the pdfplumber reader — the pool breaks and the run ends
    as when a worker dies (``DamagedPdfError``, exit 2).
    """

    def __init__(self, path: Path, reader: str, n_pages: int, workers: int, progress: ProgressCallback | None) -> None:
        self.path, self.reader, self.n_pages, self.workers, self.progress = path, reader, n_pages, workers, progress
        self.next_page = 0  # the first page not handed out yet
        self.parts: dict[int, ParsedPages] = {}  # by first page
        self.queued: dict[Future[ParsedPages], int] = {}  # a worker's range → its first page
        self.done_pages = 0

    def run(self) -> list[ParsedPages]:
        """The parsed ranges in page order."""
        pool = ProcessPoolExecutor(
            max_workers=self.workers - 1,
            initializer=_open_in_worker,
            initargs=(str(self.path), self.reader, page_limits.current()),
        )
        try:
            self._hand_out(pool)  # starts the workers
            self._parse_own_share(pool)
            while self.queued:
                self._collect(wait(self.queued, return_when=FIRST_COMPLETED).done)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return [self.parts[first] for first in sorted(self.parts)]

    def _take(self, size: int) -> tuple[int, int]:
        first = self.next_page
        self.next_page = min(self.n_pages, first + size)
        return first, self.next_page - 1

    def _hand_out(self, pool: ProcessPoolExecutor) -> None:
        """Queue ranges until every worker has ``RANGES_QUEUED``."""
        while self.next_page < self.n_pages and len(self.queued) < RANGES_QUEUED * (self.workers - 1):
            left = self.n_pages - self.next_page
            first, last = self._take(max(MIN_RANGE_PAGES, min(MAX_RANGE_PAGES, left // (RANGE_SHARE * self.workers))))
            self.queued[pool.submit(_parse_range, first, last)] = first

    def _parse_own_share(self, pool: ProcessPoolExecutor) -> None:
        """Read a few pages at a time here, collecting and handing out between them."""
        pdf, _ = _open_checked(self.path, self.reader)
        try:
            while self.next_page < self.n_pages:
                first, last = self._take(OWN_RANGE_PAGES)
                self._add(first, _parse_pages_here(pdf, first, last))
                self._collect([f for f in self.queued if f.done()])
                self._hand_out(pool)
        finally:
            pdf.close()

    def _collect(self, done: Iterable[Future[ParsedPages]]) -> None:
        for future in done:
            self._add(self.queued.pop(future), future.result())

    def _add(self, first: int, part: ParsedPages) -> None:
        self.parts[first] = part
        self.done_pages += len(part.pages)
        if self.progress:
            self.progress(self.done_pages, self.n_pages)


def place_tables(found: list[Table], spans: list[DocumentSpan]) -> tuple[list[Table], list[DocumentSpan]]:
    """Give each table the 文号 of the document it is printed in and the 附件 label above it;
    a document then ends on the last page of its text or of its tables."""
    placed = []
    last_page: dict[int, int] = {}
    for t in found:
        key = _table_top(t)
        holder = None
        for index, span in enumerate(spans):
            if (span.document.page_start, span.top) <= key:
                holder = index
        if holder is None:
            placed.append(t)
            continue
        doc = spans[holder]
        label = None
        for att in doc.attachments:
            if (att.page_start, att.top) <= key:
                label = att.label
        last_page[holder] = max(last_page.get(holder, 0), t.page_end)
        placed.append(t.model_copy(update={"doc_number": doc.document.doc_number, "attachment_label": label}))
    spans = [
        replace(span, document=span.document.model_copy(update={"page_end": last_page[i]}))
        if last_page.get(i, 0) > span.document.page_end
        else span
        for i, span in enumerate(spans)
    ]
    return placed, spans


def _table_top(t: Table) -> tuple[int, float]:
    """Where a table starts: the top of its first frame (its header, even one left alone at the
    foot of a page above its first row), else of its first row."""
    if t.frames:
        return t.frames[0].page, t.frames[0].top
    return t.page_start, t.rows[0].top if t.rows else 0.0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def gazette_id_of(sha256: str) -> str:
    """A gazette's id: the first 16 hex characters of its PDF's sha256."""
    return sha256[:16]


def run(
    path: Path,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    reader: str = layout.DEFAULT_READER,
    limits: Limits | None = None,
) -> Extraction:
    """Extract everything from one PDF; raise a named error for input that cannot be extracted.

    ``reader`` names the PDF reader (``layout.READERS``): ``"pdfium"`` (default) or the reference
    ``"pdfplumber"``; both give the same records, and the gazette row says which one ran.
    ``limits`` (default ``Limits()``) bound the reading of each page; a page over one, or one
    that cannot be read, is reported by a failing ``page_readable`` check and the rest extracted.
    """
    with fewer_collections():
        return _run(Path(path), workers, progress, reader, limits)


def _run(
    path: Path, workers: int, progress: ProgressCallback | None, reader: str, limits: Limits | None
) -> Extraction:
    """``run``'s work, with the collection policy already applied."""
    with page_limits.applied(limits):
        parsed = parse_pages(path, workers, progress, reader)
    pages = parsed.pages
    if all(p.unreadable for p in pages):
        first = pages[0]
        raise DamagedPdfError(f"{path}: no page can be read (p.{first.page} {first.unreadable})")
    if not parsed.fragments and not any(p.lines for p in pages):
        if any(p.image_only for p in pages):
            raise NoTextLayerError(f"{path} is a scan without a text layer: run OCR on it first")
        raise _nothing_found(path, pages, "no text to extract")
    sha = sha256_of(path)
    gazette_id = gazette_id_of(sha)
    pages = layout.strip_furniture(pages)
    front = toc.parse_front_matter(pages, gazette_id)
    found = tables.build_tables(parsed.fragments, pages, gazette_id)
    stream = segment.body_stream(pages, front.body_first_page)
    spans = segment.segment(stream, pages, front.entries, gazette_id, [f for t in found for f in t.frames])
    found, spans = place_tables(found, spans)
    found = [t.model_copy(update={"kind": records.classify(t, attachment_title(spans, t))}) for t in found]
    if not front.entries and not found and not any(_is_document(s) for s in spans):
        raise _nothing_found(path, pages, "nothing to extract (no 目录, no 文号, no titled document and no table found)")
    found, stated_counts = counts.apply([s.document for s in spans], found)
    record_set = records.build_records(found, spans, gazette_id)
    cover = front.cover
    header_title = next((p.header for p in pages if p.header), "")
    gazette = GazetteInfo(
        gazette_id=gazette_id,
        source_file=path.name,
        sha256=sha,
        title=cover.title or _title_from_header(header_title),
        year=cover.year,
        issue_no=cover.issue_no,
        total_issue_no=cover.total_issue_no,
        publish_date=cover.publish_date,
        publisher=cover.publisher,
        page_count=len(pages),
        extractor_version=__version__,
        reader=reader,
    )
    extraction = Extraction(
        gazette=gazette,
        toc=list(front.entries),
        documents=[s.document for s in spans],
        tables=found,
        approval_items=record_set.approval_items,
        projects=record_set.projects,
        tasks=record_set.tasks,
        roster_members=record_set.roster_members,
        references=record_set.references,
        stated_counts=stated_counts,
        printed_pages=[p.printed_page for p in pages],
        page_turns=[p.turn for p in pages],
        toc_found=bool(front.toc_pages),
        page_notes=_opening_notes(parsed.opening_damage) + layout.page_notes(pages),
    )
    checks = validate.run_checks(extraction)
    return extraction.model_copy(update={"checks": checks})


def _opening_notes(damage: tuple[str, ...]) -> list[PageNote]:
    """The note for damage recovered while opening the file (page 0: the file as a whole)."""
    return [layout.recovered_note(0, damage)] if damage else []


def _nothing_found(path: Path, pages: list[PageLayout], what: str) -> Exception:
    """The error for a PDF that yields nothing: undecodable fonts are the likely cause when present."""
    if any(p.unmapped_glyphs for p in pages):
        return UndecodableTextError(
            f"{path}: its fonts have no Unicode mapping, so its text cannot be read (OCR the pages instead)"
        )
    return NothingToExtractError(f"{path}: {what}")


def _is_document(span: DocumentSpan) -> bool:
    """A standalone PDF counts as a document when it has a 文号 or a Chinese title set apart."""
    doc = span.document
    return bool(doc.doc_number) or bool(doc.title and patterns.regex.search(r"\p{Han}{4,}", doc.title))


def _title_from_header(header: str) -> str | None:
    """The 刊名 in a running header such as 某市人民政府公报 2021年第4期."""
    for word in header.split():
        if word.endswith(("公报", "公報")):
            return word
    return None
