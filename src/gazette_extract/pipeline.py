"""Runs the stages in order — the only module that knows the order.

layout (per page, streaming) → tables.find_fragments (per page) → furniture → front matter
(cover, 目录) → tables.build_tables → segment → place tables in documents → records →
validate. Pages are parsed once; glyphs and edges are dropped as soon as a page's table
fragments are taken, so memory grows only with the compact lines of the document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__, layout, patterns, records, segment, tables, toc, validate
from .errors import NoTextLayerError, NothingToExtractError
from .models import DocumentSpan, Extraction, GazetteInfo, PageLayout, Table

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ParsedPages:
    """What the per-page pass keeps: compact page layouts and the table fragments."""

    pages: list[PageLayout]
    fragments: list


def _parse_range(path: str, first: int, last: int) -> ParsedPages:
    """Parse PDF pages ``first``..``last`` (0-based, inclusive) in this process."""
    pages, fragments = [], []
    pdf = layout.open_pdf(Path(path))
    try:
        for index in range(first, last + 1):
            pdf_page = pdf.pages[index]
            try:
                page = layout.read_page(pdf_page, index + 1)
            finally:
                pdf_page.close()
            fragments.extend(tables.find_fragments(page))
            pages.append(replace(page, glyphs=(), edges=()))
    finally:
        pdf.close()
    return ParsedPages(pages, fragments)


def parse_pages(path: Path, workers: int = 1, progress: ProgressCallback | None = None) -> ParsedPages:
    """The per-page pass over the whole PDF, in one process or split in page ranges over several."""
    pdf = layout.open_pdf(path)
    n_pages = len(pdf.pages)
    if workers <= 1 or n_pages < 2 * workers:
        pages, fragments = [], []
        try:
            for page in layout.iter_pages(pdf):
                fragments.extend(tables.find_fragments(page))
                pages.append(replace(page, glyphs=(), edges=()))
                if progress:
                    progress(page.page, n_pages)
        finally:
            pdf.close()
        return ParsedPages(pages, fragments)
    pdf.close()
    chunk = -(-n_pages // (workers * 4))
    ranges = [(s, min(s + chunk, n_pages) - 1) for s in range(0, n_pages, chunk)]
    pages, fragments = [], []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for parsed in pool.map(_parse_range, [str(path)] * len(ranges), [r[0] for r in ranges], [r[1] for r in ranges]):
            pages.extend(parsed.pages)
            fragments.extend(parsed.fragments)
            if progress:
                progress(len(pages), n_pages)
    return ParsedPages(pages, fragments)


def place_tables(found: list[Table], spans: list[DocumentSpan]) -> list[Table]:
    """Give each table the 文号 of the document it is printed in, and the 附件 label above it."""
    placed = []
    for t in found:
        key = (t.page_start, t.rows[0].top if t.rows else 0.0)
        doc = None
        for span in spans:
            if (span.document.page_start, span.top) <= key:
                doc = span
        if doc is None:
            placed.append(t)
            continue
        label = None
        for att in doc.attachments:
            if (att.page_start, att.top) <= key:
                label = att.label
        placed.append(t.model_copy(update={"doc_number": doc.document.doc_number, "attachment_label": label}))
    return placed


def _attachment_title(t: Table, spans: list[DocumentSpan]) -> str | None:
    for span in spans:
        if span.document.doc_number == t.doc_number:
            for att in span.document.attachments:
                if att.label == t.attachment_label:
                    return att.title
    return None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(path: Path, workers: int = 1, progress: ProgressCallback | None = None) -> Extraction:
    """Extract everything from one PDF; raise a named error for input that cannot be extracted."""
    path = Path(path)
    parsed = parse_pages(path, workers, progress)
    pages = parsed.pages
    if all(p.image_only or (not p.lines and p.unmapped_glyphs == 0) for p in pages):
        if any(p.image_only for p in pages):
            raise NoTextLayerError(f"{path} is a scan without a text layer: run OCR on it first")
        raise NothingToExtractError(f"{path} has no text to extract")
    sha = sha256_of(path)
    gazette_id = sha[:16]
    pages = layout.strip_furniture(pages)
    front = toc.parse_front_matter(pages, gazette_id)
    found = tables.build_tables(parsed.fragments, pages, gazette_id)
    regions = [segment.Region(f.page, f.bbox) for f in parsed.fragments]
    stream = segment.body_stream(pages, front.body_first_page, regions)
    spans = segment.segment(stream, pages, front.entries, gazette_id)
    found = place_tables(found, spans)
    found = [t.model_copy(update={"kind": records.classify(t, _attachment_title(t, spans))}) for t in found]
    if not front.entries and not found and not any(_is_document(s) for s in spans):
        raise NothingToExtractError(
            f"{path}: nothing to extract (no 目录, no 文号, no titled document and no table found)"
        )
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
        printed_pages=[p.printed_page for p in pages],
        toc_found=bool(front.toc_pages),
        warnings=_page_warnings(pages),
    )
    checks = validate.run_checks(extraction, pages)
    return extraction.model_copy(update={"checks": checks})


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


def _page_warnings(pages: list[PageLayout]) -> list[str]:
    warnings = []
    unmapped = [p.page for p in pages if p.unmapped_glyphs]
    if unmapped:
        warnings.append(f"glyphs without Unicode mapping on pages {unmapped}")
    ocr = [p.page for p in pages if p.ocr_text_layer]
    if ocr:
        warnings.append(f"OCR text layer on pages {ocr}")
    return warnings
