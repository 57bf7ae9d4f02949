"""5. Rows (数据行): a fragment's grid rows read against the table's leaf columns (``RawRow``)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from .cell_text import join_text_lines
from .headers import Column
from .settings import BBox, TableFragment


@dataclass(slots=True)
class RawRow:
    """A grid row read against the table's leaf columns, before classification."""

    page: int
    grid_row: int
    top: float
    bottom: float
    texts: list[str]
    boxes: list[BBox]
    cell_ids: list[tuple[int, ...]]  # per leaf column: indices of the fragment cells it shows
    spans: list[int]  # per leaf column: the longest row span among those cells
    cont: bool = False  # first row of a continuation fragment
    frag_index: int = 0
    kind: str = "data"
    n_distinct: int = 0
    widest: float = 0.0  # width share of the widest non-empty cell


def map_columns(frag: TableFragment, columns: Sequence[Column], dx: float) -> list[list[int]]:
    """Grid columns of ``frag`` under each leaf column (by the grid column's centre, after
    shifting the fragment by ``dx`` onto the first fragment). A leaf column no grid column is
    centred in lies under a wider one — a continuation whose rows merge it with its neighbours
    prints no rule there — and takes that one (a merged cell repeats into every column it spans)."""
    out: list[list[int]] = [[] for _ in columns]
    bounds = [col.x0 for col in columns] + [columns[-1].x1]
    for c in range(frag.n_cols):
        cx = (frag.xs[c] + frag.xs[c + 1]) / 2 + dx
        i = bisect.bisect_right(bounds, cx) - 1
        if 0 <= i < len(columns):
            out[i].append(c)
    for i, col in enumerate(columns):
        if not out[i]:
            c = bisect.bisect_right(frag.xs, (col.x0 + col.x1) / 2 - dx) - 1
            if 0 <= c < frag.n_cols:
                out[i].append(c)
    return out


def fragment_rows(frag: TableFragment, columns: Sequence[Column], start: int, dx: float, frag_index: int) -> list[RawRow]:
    """Grid rows from ``start`` down, with texts per leaf column.

    Merged cells repeat: a row-spanning cell gives its text to every row it covers, a
    column-spanning cell to every leaf column it covers (the contract: merged cells are
    repeated into every row they span).
    """
    col_map = map_columns(frag, columns, dx)
    width = frag.xs[-1] - frag.xs[0]
    n_cols, cells = frag.n_cols, frag.cells
    joined: dict[int, str] = {}  # a cell's text as one line, once per cell (merged cells repeat)
    rows: list[RawRow] = []
    for r in range(start, frag.n_rows):
        row_owner = frag.owner[r * n_cols : (r + 1) * n_cols]
        texts, boxes, ids, spans = [], [], [], []
        for grid_cols in col_map:
            if len(grid_cols) == 1:
                idxs: tuple[int, ...] = (row_owner[grid_cols[0]],)
            else:
                idxs = tuple(dict.fromkeys(row_owner[c] for c in grid_cols))
            if len(idxs) == 1:  # one cell under the leaf column: most rows of most tables
                cell = cells[idxs[0]]
                if idxs[0] not in joined:
                    joined[idxs[0]] = join_text_lines([cell.text])
                texts.append(joined[idxs[0]])
                boxes.append(tuple(cell.bbox))
                spans.append(cell.row_span)
            else:
                under = [cells[i] for i in idxs]
                texts.append(join_text_lines([c.text for c in under]))
                if under:
                    boxes.append(
                        (
                            min(c.bbox[0] for c in under),
                            min(c.bbox[1] for c in under),
                            max(c.bbox[2] for c in under),
                            max(c.bbox[3] for c in under),
                        )
                    )
                else:
                    boxes.append((0.0, 0.0, 0.0, 0.0))
                spans.append(max((c.row_span for c in under), default=1))
            ids.append(idxs)
        filled = [cells[i] for i in set(row_owner) if cells[i].text]
        widest = max(((c.bbox[2] - c.bbox[0]) / width for c in filled), default=0.0) if width else 0.0
        rows.append(
            RawRow(
                page=frag.page,
                grid_row=r,
                top=frag.ys[r],
                bottom=frag.ys[r + 1],
                texts=texts,
                boxes=boxes,
                cell_ids=ids,
                spans=spans,
                frag_index=frag_index,
                n_distinct=len(filled),
                widest=widest,
            )
        )
    if rows:
        rows[0].cont = True
    return rows
