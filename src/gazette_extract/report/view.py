"""What the report shows, as typed view objects built from the written output.

Everything here is plain data (no HTML): the template in ``templates/`` lays it out and
escapes every text. Geometry is in PDF points (top-left origin), as in cells.parquet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex
from pydantic import BaseModel

from ..models import Cell, Check, Document, Extraction, Table, TableFrame
from ..summary import summary_rows
from .pages import A4, PageImage

# How our own check messages cite pages ("PDF p.66", "pp.70-72").
PAGE_CITATION = regex.compile(r"\bpp?\.\s*(?P<first>\d+)")
# How check subjects and messages name tables (t07); only ids of this extraction's tables count.
TABLE_ID_TOKEN = regex.compile(r"\b(t\d+)\b")

# Record kinds of the output, with the fields the sortable views leave out (shown elsewhere).
RECORD_KINDS = (
    ("approval_items", "approval items (行政审批事项)"),
    ("projects", "projects (项目)"),
    ("tasks", "tasks (任务)"),
    ("roster_members", "roster members (名单)"),
    ("references", "cited documents (引用文件)"),
)
_RECORD_HIDDEN = {"gazette_id", "extra", "table_id", "row", "page", "doc_id"}


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle over a page (PDF points)."""

    x: float
    y: float
    w: float
    h: float

    @classmethod
    def of(cls, x0: float, top: float, x1: float, bottom: float) -> Box:
        return cls(round(x0, 1), round(top, 1), round(max(0.0, x1 - x0), 1), round(max(0.0, bottom - top), 1))


@dataclass(frozen=True, slots=True)
class RowBox:
    """A data row's box on its page, numbered as the table prints it (1-based)."""

    row: int
    box: Box
    element_id: str


@dataclass(frozen=True, slots=True)
class PageFigure:
    """One page of a table, with the overlays: grid, header band, section rows, row boxes."""

    page: int
    width: float
    height: float
    has_image: bool
    continued: bool
    grid_path: str
    frame: Box | None
    header: Box | None
    sections: tuple[Box, ...]
    rows: tuple[RowBox, ...]


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class BodyCell:
    text: str
    fill: bool = False  # repeated from a merged (group) cell above: filled down


@dataclass(frozen=True, slots=True)
class BodyRow:
    """A printed row of the stitched table: a section row (label) or a data row (cells)."""

    kind: str  # "section" | "data"
    label: str = ""
    row: int = -1
    page: int = 0
    anchor: str = ""
    box_id: str = ""
    cells: tuple[BodyCell, ...] = ()


@dataclass(frozen=True, slots=True)
class TableView:
    table: Table
    anchor: str
    document: Link | None
    header: tuple[tuple[HeaderCell, ...], ...]
    body: tuple[BodyRow, ...]
    figures: tuple[PageFigure, ...]


@dataclass(frozen=True, slots=True)
class DocumentView:
    document: Document
    anchor: str
    tables: tuple[Link, ...]
    record_counts: tuple[tuple[str, int], ...]
    page_links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class CheckView:
    check: Check
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class RecordRow:
    values: tuple[str, ...]
    where: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class RecordSection:
    kind: str
    title: str
    anchor: str
    columns: tuple[str, ...]
    rows: tuple[RecordRow, ...]


@dataclass(frozen=True, slots=True)
class GalleryPage:
    """A page of the page gallery, with the tables printed on it outlined."""

    page: int
    width: float
    height: float
    has_image: bool
    tables: tuple[tuple[Link, Box], ...]


@dataclass(slots=True)
class ReportView:
    title: str
    source_file: str
    summary: list[tuple[str, str]]
    image_note: str | None
    failed: list[CheckView]
    other_checks: list[Check]
    documents: list[DocumentView]
    tables: list[TableView]
    records: list[RecordSection]
    gallery: list[GalleryPage]
    every_page: bool
    images: list[PageImage] = field(default_factory=list)


def table_anchor(table_id: str) -> str:
    return f"table-{table_id}"


def row_anchor(table_id: str, row: int) -> str:
    return f"{table_id}-r{row}"


def page_anchor(page: int) -> str:
    return f"page-{page}"


def doc_anchor(doc_id: str) -> str:
    return f"doc-{doc_id}"


def tables_of(doc: Document, tables: Sequence[Table]) -> list[Table]:
    """The tables printed in a document: same 文号, or (no 文号) starting inside its pages."""
    if doc.doc_number:
        return [t for t in tables if t.doc_number == doc.doc_number]
    return [t for t in tables if t.doc_number is None and doc.page_start <= t.page_start <= doc.page_end]


def cited_pages(check: Check, page_count: int) -> list[int]:
    """The PDF pages a check's message cites (p.66; a range pp.70-72 by its first page)."""
    pages = [int(m["first"]) for m in PAGE_CITATION.finditer(check.message)]
    return list(dict.fromkeys(p for p in pages if 1 <= p <= page_count))


def check_subjects(check: Check, extraction: Extraction) -> tuple[list[Document], list[Table], list[int]]:
    """The documents, tables and pages a check is about, read from its subject and message."""
    text = f"{check.subject} {check.message}"
    # a subject starts with the 文号 (or "doc_id title") of the document it is about
    first_word = check.subject.split(" ", 1)[0]
    docs = [d for d in extraction.documents if first_word in (d.doc_number, d.doc_id)]
    known = {t.table_id: t for t in extraction.tables}
    tables = [known[t] for t in dict.fromkeys(TABLE_ID_TOKEN.findall(text)) if t in known]
    pages = cited_pages(check, extraction.gazette.page_count)
    if not pages:
        pages = [t.page_start for t in tables] or [d.page_start for d in docs]
    return docs, tables, pages


def header_rows(columns: Sequence[str]) -> tuple[tuple[HeaderCell, ...], ...]:
    """The header in one or two levels from the leaf labels (two-level ones joined as 父/子).

    A parent is shown only over two or more adjacent columns that share it: a lone label with a
    slash (开/竣工时间) is one label, since a printed parent always spans several columns.
    """
    parts = [c.split("/", 1) if "/" in c else [c] for c in columns]
    groups: list[tuple[str | None, list[int]]] = []
    for i, p in enumerate(parts):
        parent = p[0] if len(p) == 2 else None
        if parent is not None and groups and groups[-1][0] == parent:
            groups[-1][1].append(i)
        else:
            groups.append((parent, [i]))
    if not any(parent is not None and len(cols) > 1 for parent, cols in groups):
        return (tuple(HeaderCell(c) for c in columns),)
    top: list[HeaderCell] = []
    below: list[HeaderCell] = []
    for parent, cols in groups:
        if parent is not None and len(cols) > 1:
            top.append(HeaderCell(parent, colspan=len(cols)))
            below.extend(HeaderCell(parts[i][1]) for i in cols)
        else:
            top.extend(HeaderCell(columns[i], rowspan=2) for i in cols)
    return (tuple(top), tuple(below))


def body_rows(table: Table, cells: dict[int, list[Cell]]) -> tuple[BodyRow, ...]:
    """Section rows and data rows in printed order; a cell repeating the merged (group) cell
    above it — same box on the same page, or carried onto a new page — is marked as filled."""
    sections = defaultdict(list)
    for s in table.sections:
        sections[s.first_row].append(s)
    out: list[BodyRow] = []
    previous: dict[int, Cell] = {}
    for r in range(table.n_rows):
        for s in sections.get(r, ()):
            label = s.label if s.stated_count is None else f"{s.label}（{s.stated_count}项）"
            out.append(BodyRow(kind="section", label=label, page=s.page))
            previous = {}
        row_cells = sorted(cells.get(r, []), key=lambda c: c.col)
        body: list[BodyCell] = []
        for c in row_cells:
            above = previous.get(c.col)
            same_box = above is not None and (above.page, above.x0, above.top) == (c.page, c.x0, c.top)
            fill = bool(c.text) and above is not None and above.text == c.text and (same_box or above.page != c.page)
            body.append(BodyCell(c.text, fill))
        previous = {c.col: c for c in row_cells}
        page = row_cells[0].page if row_cells else table.page_start
        out.append(
            BodyRow(
                kind="data", row=r, page=page, anchor=row_anchor(table.table_id, r),
                box_id=f"box-{row_anchor(table.table_id, r)}", cells=tuple(body),
            )
        )
    return tuple(out)


def row_box(row_cells: Iterable[Cell]) -> tuple[int, Box] | None:
    """A data row's box: across its cells, but only as tall as its own band — a merged cell
    spanning several rows is taller, so the row is where all its cells overlap vertically."""
    real = [c for c in row_cells if c.x1 > c.x0]
    if not real:
        return None
    page = real[0].page
    on_page = [c for c in real if c.page == page]
    top = max(c.top for c in on_page)
    bottom = min(c.bottom for c in on_page)
    if bottom <= top:
        top, bottom = min(c.top for c in on_page), max(c.bottom for c in on_page)
    return page, Box.of(min(c.x0 for c in on_page), top, max(c.x1 for c in on_page), bottom)


def grid_path(frame: TableFrame) -> str:
    """SVG path data of a frame's ruled grid (every column and row line across the frame)."""
    moves = [f"M{x:.1f} {frame.top:.1f}V{frame.bottom:.1f}" for x in frame.xs]
    moves += [f"M{frame.x0:.1f} {y:.1f}H{frame.x1:.1f}" for y in frame.ys]
    return "".join(moves)


def page_size(page: int, images: dict[int, PageImage], extent: dict[int, tuple[float, float]]) -> tuple[float, float]:
    """A page's size: from its image, else A4 (landscape when the drawn geometry is wider)."""
    if page in images:
        return images[page].width, images[page].height
    x1, bottom = extent.get(page, (0.0, 0.0))
    if x1 > A4[0] or bottom > A4[1]:
        return max(A4[1], x1), max(A4[0], bottom)
    return A4


def table_figures(
    table: Table,
    cells: dict[int, list[Cell]],
    images: dict[int, PageImage],
    extent: dict[int, tuple[float, float]],
) -> tuple[PageFigure, ...]:
    """One figure per page the table is printed on, with its overlays."""
    frames = {f.page: f for f in table.frames}
    boxes: dict[int, list[RowBox]] = defaultdict(list)
    for r in range(table.n_rows):
        found = row_box(cells.get(r, []))
        if found:
            page, box = found
            boxes[page].append(RowBox(r + 1, box, f"box-{row_anchor(table.table_id, r)}"))
    figures = []
    for page in range(table.page_start, table.page_end + 1):
        frame = frames.get(page)
        if frame is None and page not in boxes:
            continue
        width, height = page_size(page, images, extent)
        figures.append(
            PageFigure(
                page=page,
                width=width,
                height=height,
                has_image=page in images,
                continued=frame.continued if frame else page > table.page_start,
                grid_path=grid_path(frame) if frame else "",
                frame=Box.of(frame.x0, frame.top, frame.x1, frame.bottom) if frame else None,
                header=Box.of(frame.x0, frame.top, frame.x1, frame.header_bottom)
                if frame and frame.header_bottom is not None else None,
                sections=tuple(
                    Box.of(frame.x0 if frame else 0.0, s.top, frame.x1 if frame else width, s.bottom)
                    for s in table.sections
                    if s.page == page and s.top is not None and s.bottom is not None
                ),
                rows=tuple(boxes.get(page, ())),
            )
        )
    return tuple(figures)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "★" if value else ""
    return str(value)


def _belongs(record: BaseModel, doc: Document, table_ids: set[str]) -> bool:
    """A record is the document's when it carries its 文号, else its id or one of its tables."""
    if doc.doc_number:
        return getattr(record, "doc_number", None) == doc.doc_number
    return getattr(record, "doc_id", None) == doc.doc_id or getattr(record, "table_id", None) in table_ids


def record_section(kind: str, title: str, records: Sequence[BaseModel], table_ids: set[str], gallery: set[int]) -> RecordSection:
    """A sortable view of one record kind; each row links to its table row (or document) and page."""
    fields = [name for name in (type(records[0]).model_fields if records else {}) if name not in _RECORD_HIDDEN]
    rows = []
    for rec in records:
        where = []
        table_id, row = getattr(rec, "table_id", None), getattr(rec, "row", None)
        if table_id in table_ids and row is not None:
            where.append(Link(f"#{row_anchor(table_id, row)}", f"{table_id} row {row + 1}"))
        if getattr(rec, "doc_id", None):  # records read from running text name their document
            where.append(Link(f"#{doc_anchor(rec.doc_id)}", rec.doc_id))
        where.append(Link(f"#{page_anchor(rec.page)}" if rec.page in gallery else "", f"p.{rec.page}"))
        rows.append(RecordRow(tuple(_text(getattr(rec, name)) for name in fields), tuple(where)))
    return RecordSection(kind, title, f"records-{kind}", tuple(fields), tuple(rows))


def build_view(
    extraction: Extraction,
    cells: dict[str, dict[int, list[Cell]]],
    images: dict[int, PageImage],
    gallery_pages: Iterable[int],
    image_note: str | None,
) -> ReportView:
    """Every part of the report, in the order it is shown."""
    g = extraction.gazette
    gallery = sorted(set(gallery_pages))
    gallery_set = set(gallery)
    extent: dict[int, tuple[float, float]] = {}
    for t in extraction.tables:
        for f in t.frames:
            x1, bottom = extent.get(f.page, (0.0, 0.0))
            extent[f.page] = (max(x1, f.x1), max(bottom, f.bottom))

    docs_by_table: dict[str, Document] = {}
    documents = []
    for d in extraction.documents:
        tables = tables_of(d, extraction.tables)
        docs_by_table.update({t.table_id: d for t in tables})
        ids = {t.table_id for t in tables}
        counts = []
        for kind, _ in RECORD_KINDS:
            n = sum(1 for r in getattr(extraction, kind) if _belongs(r, d, ids))
            if n:
                counts.append((kind, n))
        pages = [p for p in range(d.page_start, d.page_end + 1) if p in gallery_set]
        documents.append(
            DocumentView(
                document=d,
                anchor=doc_anchor(d.doc_id),
                tables=tuple(Link(f"#{table_anchor(t.table_id)}", f"{t.table_id} {t.title or ''}".strip()) for t in tables),
                record_counts=tuple(counts),
                page_links=tuple(Link(f"#{page_anchor(p)}", str(p)) for p in pages),
            )
        )

    table_views = []
    for t in extraction.tables:
        doc = docs_by_table.get(t.table_id)
        table_cells = cells.get(t.table_id, {})
        table_views.append(
            TableView(
                table=t,
                anchor=table_anchor(t.table_id),
                document=Link(f"#{doc_anchor(doc.doc_id)}", doc.doc_number or doc.title or doc.doc_id) if doc else None,
                header=header_rows(t.columns),
                body=body_rows(t, table_cells),
                figures=table_figures(t, table_cells, images, extent),
            )
        )

    failed = []
    for c in extraction.checks:
        if not c.failed:
            continue
        docs, tables, pages = check_subjects(c, extraction)
        links = [Link(f"#{doc_anchor(d.doc_id)}", d.doc_number or d.doc_id) for d in docs]
        links += [Link(f"#{table_anchor(t.table_id)}", t.table_id) for t in tables]
        links += [Link(f"#{page_anchor(p)}", f"p.{p}") for p in pages if p in gallery_set]
        failed.append(CheckView(c, tuple(links)))

    table_ids = {t.table_id for t in extraction.tables}
    records = [
        record_section(kind, title, getattr(extraction, kind), table_ids, gallery_set)
        for kind, title in RECORD_KINDS
        if getattr(extraction, kind)
    ]

    outlines: dict[int, list[tuple[Link, Box]]] = defaultdict(list)
    for t in extraction.tables:
        for f in t.frames:
            outlines[f.page].append((Link(f"#{table_anchor(t.table_id)}", t.table_id), Box.of(f.x0, f.top, f.x1, f.bottom)))
    gallery_view = []
    for p in gallery:
        width, height = page_size(p, images, extent)
        gallery_view.append(GalleryPage(p, width, height, p in images, tuple(outlines.get(p, ()))))

    return ReportView(
        title=f"{g.title} {g.year or ''}年第{g.issue_no or '?'}期" if g.title else g.source_file,
        source_file=g.source_file,
        summary=summary_rows(extraction),
        image_note=image_note,
        failed=failed,
        other_checks=sorted((c for c in extraction.checks if not c.failed), key=lambda c: (c.ok, not c.skipped, c.check)),
        documents=documents,
        tables=table_views,
        records=records,
        gallery=gallery_view,
        every_page=len(gallery) == g.page_count,
        images=[images[p] for p in sorted(images)],
    )
