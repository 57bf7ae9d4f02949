"""Build OUT/report.html: load the written output, render the pages, fill the template."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import jinja2
import markupsafe
import pyarrow.parquet as pq

from ..errors import NotAnExtractionError, OutputNotWritableError
from ..models import Cell, Extraction
from ..pipeline import sha256_of
from ..validate import load_extraction
from .pages import PageImage, render_pages
from .view import build_view, check_subjects

REPORT_FILE = "report.html"


def load_cells(out_dir: Path) -> dict[str, dict[int, list[Cell]]]:
    """cells.parquet as table_id → row → cells (text and box on the page)."""
    path = out_dir / "cells.parquet"
    try:
        rows = pq.read_table(path, columns=list(Cell.model_fields)).to_pylist()
        loaded = [Cell.model_validate(r) for r in rows]
    except (OSError, KeyError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        raise NotAnExtractionError(f"{path} cannot be read as the cells of an extraction ({exc})") from exc
    cells: dict[str, dict[int, list[Cell]]] = defaultdict(lambda: defaultdict(list))
    for cell in loaded:
        cells[cell.table_id][cell.row].append(cell)
    return cells


def find_pdf(out_dir: Path, extraction: Extraction) -> Path | None:
    """The extracted PDF by its recorded file name (as given, beside OUT/, or in it), if its
    sha256 is the one recorded: a different file of the same name is not used."""
    name = Path(extraction.gazette.source_file)
    for candidate in (name, out_dir.parent / name.name, out_dir / name.name):
        if candidate.is_file() and sha256_of(candidate) == extraction.gazette.sha256:
            return candidate
    return None


def pages_to_show(extraction: Extraction, all_pages: bool) -> list[int]:
    """Every page with --all-pages; else the pages holding tables or cited by failed checks."""
    if all_pages:
        return list(range(1, extraction.gazette.page_count + 1))
    pages = {p for t in extraction.tables for p in range(t.page_start, t.page_end + 1)}
    for c in extraction.checks:
        if c.failed:
            pages.update(check_subjects(c, extraction)[2])
    return sorted(pages)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gazette_extract.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = cell_html
    return env


def cell_html(text: str) -> markupsafe.Markup:
    """A cell's text, escaped, with line breaks kept and ★ marked."""
    escaped = markupsafe.escape(text)
    return markupsafe.Markup(
        str(escaped).replace("\n", markupsafe.Markup("<br>")).replace("★", markupsafe.Markup('<span class="star">★</span>'))
    )


def render_report(out_dir: Path, pdf: Path | None = None, all_pages: bool = False) -> str:
    """The report's HTML for the extraction in ``out_dir`` (page images from ``pdf`` if given,
    else from the recorded source file when it is found and unchanged)."""
    extraction = load_extraction(out_dir)
    cells = load_cells(out_dir)
    pages = pages_to_show(extraction, all_pages)
    note = None
    if pdf is None:
        pdf = find_pdf(out_dir, extraction)
        if pdf is None:
            note = (
                f"No page images: the PDF {extraction.gazette.source_file} was not found beside the output "
                "(give it with --pdf). Overlays are drawn on blank pages."
            )
    elif sha256_of(pdf) != extraction.gazette.sha256:
        note = f"No page images: {pdf.name} is not the PDF this output was extracted from (its sha256 differs)."
        pdf = None
    turns = {i + 1: turn for i, turn in enumerate(extraction.page_turns) if turn}
    images: dict[int, PageImage] = render_pages(pdf, pages, turns=turns) if pdf is not None else {}
    view = build_view(extraction, cells, images, pages, note)
    return _environment().get_template("report.html.j2").render(view=view)


def write_report(out_dir: Path, pdf: Path | None = None, all_pages: bool = False) -> Path:
    """Write OUT/report.html (atomically: a temp file renamed into place) and return its path."""
    out_dir = Path(out_dir)
    html = render_report(out_dir, pdf, all_pages)
    target = out_dir / REPORT_FILE
    tmp = target.with_name(f".{REPORT_FILE}.tmp-{os.getpid()}")
    try:
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputNotWritableError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target
