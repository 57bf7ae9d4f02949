"""10. Tables (表格): chained fragments → ``Table`` with its header, typed rows, sections,
caption and notes; forms read as 列1…列N.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

import regex

from .. import patterns
from ..models import PageLayout, Table, TableFrame, TableRow, TableSection
from .captions import Caption, caption_of, find_notes
from .cell_text import flat, join_text_lines
from .cut_rows import stitch_rows
from .headers import Column, header_depth, is_form, leaf_columns, top_title_row
from .row_kinds import classify_row, section_of, section_text
from .rows import RawRow, fragment_rows
from .settings import DEFAULT_SETTINGS, BBox, TableFragment, TableSettings
from .stitching import (
    chain_fragments,
    continuation_columns,
    form_columns,
    fragments_by_page,
    header_texts,
    repeated_header_rows,
    strip_cut_label_rest,
)


def build_tables(
    fragments: list[TableFragment],
    pages: list[PageLayout],
    gazette_id: str,
    settings: TableSettings = DEFAULT_SETTINGS,
) -> list[Table]:
    """Stitch fragments into tables, read headers and rows, and find captions and notes.

    A table introduced only by a numbered heading (二、…) takes the caption of the table
    before it when that one's heading has the previous number: one list split into several
    tables under one title.
    """
    pages_by_no = {p.page: p for p in pages}
    by_page = fragments_by_page(fragments)
    tables: list[Table] = []
    prev_caption: Caption | None = None
    for chain in chain_fragments(fragments, pages_by_no, settings):
        caption = caption_of(chain[0], pages_by_no, by_page, settings)
        if caption.title is None and caption.heading and prev_caption and prev_caption.heading and prev_caption.title:
            if _heading_number(caption.heading) == (_heading_number(prev_caption.heading) or -9) + 1:
                caption = Caption(prev_caption.title, caption.heading)
        table = _build_table(chain, caption, pages_by_no, by_page, gazette_id, f"t{len(tables) + 1:02d}", settings)
        if table is not None:
            tables.append(table)
            prev_caption = caption
    return tables


# The rest of a label cut off at a page foot is its last line or two: a few characters (号, 间).
MAX_LABEL_REST_CHARS = 3


def _cut_header_rest(
    chain: Sequence[TableFragment], header_rows: int, columns: Sequence[Column], settings: TableSettings
) -> dict[int, str]:
    """A header row cut by the page break (a word processor splits a row): the table's first
    fragment holds only its header, at the foot of a page, and the labels' last lines (号 of
    序/号, 间 of 开/竣工时/间) open the next page as a row of their own — a few characters under
    some columns, no figure, most cells blank. Their text per leaf column (none when the next
    page does not open so)."""
    if len(chain) < 2 or chain[0].n_rows != header_rows:
        return {}
    first, frag = chain[0], chain[1]
    cols, dx = continuation_columns(frag, first, columns, 0, settings)
    if cols is not columns or frag.n_rows < 2:
        return {}
    (row,) = fragment_rows(frag, columns, 0, dx, 1)[:1]
    texts = {i: flat(t) for i, t in enumerate(row.texts) if flat(t)}
    if not texts or len(texts) * 2 > len(columns):
        return {}
    if any(len(t) > MAX_LABEL_REST_CHARS or any(ch.isdigit() for ch in t) for t in texts.values()):
        return {}
    return texts


def _heading_number(text: str) -> int | None:
    m = regex.match(r"^[（(]?\s*([一二三四五六七八九十]{1,3})", text)
    return patterns.cn_number(m[1]) if m else None


def _build_table(
    chain: list[TableFragment],
    caption: Caption,
    pages_by_no: dict[int, PageLayout],
    by_page: dict[int, list[TableFragment]],
    gazette_id: str,
    table_id: str,
    settings: TableSettings,
) -> Table | None:
    first = chain[0]
    if is_form(first):
        return _build_form(chain, caption, pages_by_no, by_page, gazette_id, table_id, settings)
    title_row = top_title_row(first)
    start = 1 if title_row else 0
    depth = header_depth(first, start)
    columns = leaf_columns(first, start, depth)
    header = header_texts(first, start, depth)
    label_rest = _cut_header_rest(chain, start + depth, columns, settings)
    if label_rest:
        columns = [replace(c, label=c.label + label_rest.get(i, "")) for i, c in enumerate(columns)]
    labels = [c.label for c in columns]

    raw: list[RawRow] = []
    frames: list[TableFrame] = []
    for k, frag in enumerate(chain):
        skip = start + depth if k == 0 else repeated_header_rows(frag, header, labels)
        if k == 1 and label_rest:
            skip += 1  # the header's cut-off label lines, read into the labels
        cols, dx = continuation_columns(frag, first, columns, skip, settings) if k else (columns, 0.0)
        frag_rows = fragment_rows(frag, cols, skip, dx, k)
        if k > 0 and frag_rows:
            strip_cut_label_rest(frag, skip, labels, frag_rows[0].texts)
        raw.extend(frag_rows)
        frames.append(table_frame(frag, skip, continued=k > 0))
    for row in raw:
        row.kind = classify_row(row, settings)
    raw = stitch_rows(raw, len(columns))

    rows: list[TableRow] = []
    sections: list[TableSection] = []
    notes: list[str] = []
    stated: int | None = None
    category: str | None = None
    if caption.heading:
        # A numbered heading right above the table (一、某市铁路重点建设项目) names this table
        # of a list split into several: it is the table's title and the category of its rows.
        category = section_of(caption.heading, 0, first.page).label
    for row in raw:
        filled = [flat(t) for t in dict.fromkeys(row.texts) if t]
        text = join_text_lines(filled)
        if row.kind == "section":
            sec = section_of(section_text(filled), len(rows), row.page)
            sections.append(sec.model_copy(update={"top": row.top, "bottom": row.bottom}))
            category = sec.label
        elif row.kind == "total":
            m = patterns.STATED_TOTAL.search(text) or patterns.TOTAL_ROW.match(text)
            if m and m["n"]:
                stated = int(m["n"])
        elif row.kind == "note":
            notes.append(text)
        elif row.kind == "data":
            rows.append(
                TableRow(
                    row=len(rows),
                    page=row.page,
                    top=row.top,
                    bottom=row.bottom,
                    category=category,
                    texts=row.texts,
                    boxes=row.boxes,
                )
            )
    if not rows:
        return None

    title = category if caption.heading else caption.title
    if title is None and title_row:
        title = flat(first.cells[first.cell_at(0, 0)].text)
    if stated is None and title:
        m = patterns.COUNT_IN_PARENS.search(title) or patterns.STATED_TOTAL.search(title)
        if m:
            stated = int(m["n"])
    last = chain[-1]
    notes.extend(find_notes(last, pages_by_no.get(last.page), by_page.get(last.page, [])))
    return Table(
        gazette_id=gazette_id,
        table_id=table_id,
        title=title,
        columns=labels,
        n_rows=len(rows),
        stated_count=stated,
        page_start=first.page,
        page_end=last.page,
        sections=sections,
        rows=rows,
        notes=notes,
        frames=frames,
    )


def table_frame(frag: TableFragment, header_rows: int, continued: bool) -> TableFrame:
    """Where a fragment is printed: its grid, and the bottom of its first ``header_rows`` rows."""
    return TableFrame(
        page=frag.page,
        x0=frag.bbox[0],
        top=frag.bbox[1],
        x1=frag.bbox[2],
        bottom=frag.bbox[3],
        xs=list(frag.xs),
        ys=list(frag.ys),
        header_bottom=frag.ys[min(header_rows, frag.n_rows)] if header_rows else None,
        continued=continued,
    )


def form_rows(frag: TableFragment, columns: Sequence[Column], dx: float) -> list[RawRow]:
    """Every grid row of a form fragment, as printed.

    A cell's text stands once, in the column where the cell starts (its left rule); the other
    columns it spans, and the rows below its first under a row span, are "" — a form's blank
    cells are input fields, and its rows divide the width each in their own way, so nothing is
    repeated or filled down. Boxes are those of the cell covering each column.
    """
    bounds = [c.x0 for c in columns] + [columns[-1].x1]
    tol = max(3.0, 0.25 * (frag.xs[-1] - frag.xs[0]) / max(1, len(columns)))
    rows: list[RawRow] = []
    for r in range(frag.n_rows):
        texts = [""] * len(columns)
        boxes: list[BBox] = []
        ids: list[tuple[int, ...]] = []
        for col in columns:
            cx = (col.x0 + col.x1) / 2 - dx
            c = min(max(bisect.bisect_right(frag.xs, cx) - 1, 0), frag.n_cols - 1)
            idx = frag.cell_at(r, c)
            boxes.append(frag.cells[idx].bbox)
            ids.append((idx,))
        for idx in dict.fromkeys(frag.cell_at(r, c) for c in range(frag.n_cols)):
            cell = frag.cells[idx]
            if cell.row != r or not cell.text:
                continue
            k = bisect.bisect_right(bounds, cell.bbox[0] + dx + tol) - 1
            k = min(max(k, 0), len(columns) - 1)
            texts[k] = f"{texts[k]}\n{cell.text}" if texts[k] else cell.text
        rows.append(
            RawRow(
                page=frag.page,
                grid_row=r,
                top=frag.ys[r],
                bottom=frag.ys[r + 1],
                texts=texts,
                boxes=boxes,
                cell_ids=ids,
                spans=[1] * len(columns),
            )
        )
    return rows


def _rest_of_form_row(texts: Sequence[str], above: Sequence[str]) -> bool:
    """A form's row cut by the page break: the next page opens with a row whose label column is
    blank and whose text stands only under cells the row above the break filled (合作需求 | …
    混合所有制 | 改革): the rest of that row, not a row of its own (a form's rows open with a label)."""
    filled = [c for c, t in enumerate(texts) if t.strip()]
    return bool(filled) and not texts[0].strip() and bool(above[0].strip()) and all(above[c].strip() for c in filled)


def _join_cut_cell(head: str, rest: str) -> str:
    return join_text_lines([head, rest]) if head and rest else head or rest


def _build_form(
    chain: list[TableFragment],
    caption: Caption,
    pages_by_no: dict[int, PageLayout],
    by_page: dict[int, list[TableFragment]],
    gazette_id: str,
    table_id: str,
    settings: TableSettings,
) -> Table | None:
    """A form (``is_form``): no header, columns 列1…列N, every printed grid row a data row —
    its section rows (一、企业基本情况) are captions inside the form and count as rows, blank
    rows are input areas — with no fill-down and no sections; notes printed under the frame
    are still notes."""
    first = chain[0]
    columns = form_columns(chain, settings)
    rows: list[TableRow] = []
    for k, frag in enumerate(chain):
        for i, raw in enumerate(form_rows(frag, columns, first.xs[0] - frag.xs[0])):
            if k and not i and rows and _rest_of_form_row(raw.texts, rows[-1].texts):
                rows[-1].texts = [_join_cut_cell(a, b) for a, b in zip(rows[-1].texts, raw.texts)]
                continue
            rows.append(
                TableRow(
                    row=len(rows),
                    page=raw.page,
                    top=raw.top,
                    bottom=raw.bottom,
                    texts=raw.texts,
                    boxes=raw.boxes,
                )
            )
    if not rows:
        return None
    title = caption.title or (section_of(caption.heading, 0, first.page).label if caption.heading else None)
    stated: int | None = None
    if title:
        m = patterns.COUNT_IN_PARENS.search(title) or patterns.STATED_TOTAL.search(title)
        if m:
            stated = int(m["n"])
    last = chain[-1]
    return Table(
        gazette_id=gazette_id,
        table_id=table_id,
        title=title,
        columns=[c.label for c in columns],
        n_rows=len(rows),
        stated_count=stated,
        page_start=first.page,
        page_end=last.page,
        rows=rows,
        notes=find_notes(last, pages_by_no.get(last.page), by_page.get(last.page, [])),
        frames=[table_frame(frag, 0, continued=k > 0) for k, frag in enumerate(chain)],
    )
