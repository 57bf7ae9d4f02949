"""3. Fragments (表格片段): the ruled tables of one page, from its edges and glyphs."""

from __future__ import annotations

import bisect

from collections.abc import Sequence

from ..layout import group_lines
from ..models import Edge, Glyph, PageLayout
from .aligned import AlignedRow, aligned_rows, columns_split, resplit
from .cell_text import fill_cells, norm_text
from .grid import build_cells, edge_groups, grid_lines, implied_rules, join_edges, snap_edges
from .open_tables import borderless_fragments, boxed_header_fragment, open_fragments
from .settings import DEFAULT_SETTINGS, TableFragment, TableSettings


def find_fragments(page: PageLayout, settings: TableSettings = DEFAULT_SETTINGS) -> list[TableFragment]:
    """The tables printed on one page, top to bottom: ruled grids (rows left unruled inside
    them read from alignment: ``unruled_rows``), open tables ruled only horizontally and
    borderless tables under a table caption (open_tables.py).

    A group of touching rules is a table fragment when its grid has at least two columns and
    one row (a lone rule under a running header, or a box around a paragraph, is not). A one-row
    grid over rows in its columns printed without rules is the header of an open table
    (``open_tables.boxed_header_fragment``); other one-row fragments are kept only to continue a
    table from the previous page (``build_tables``).
    """
    edges = [
        e
        for e in page.edges
        if (e.x1 - e.x0 if e.orientation == "h" else e.bottom - e.top) >= settings.min_edge_length
    ]
    joined = join_edges(snap_edges(edges, settings.snap_tolerance), settings.join_tolerance) if edges else []
    fragments: list[TableFragment] = []
    glyphs = sorted(page.glyphs, key=lambda g: g.top)
    glyph_tops = [g.top for g in glyphs]
    groups = edge_groups(joined, settings.intersection_tolerance)
    in_grid = {id(e) for g in groups for e in g}
    free_rules = [e for e in joined if e.orientation == "h" and id(e) not in in_grid]
    while groups:
        group = implied_rules(groups.pop(), settings.snap_tolerance)
        xs, ys = grid_lines(group, settings.snap_tolerance)
        if len(xs) < 3 or len(ys) < 2:
            continue
        cells, owner = build_cells(xs, ys, group, settings)
        # glyphs whose top lies within the grid's vertical range (sorted once per page)
        lo = bisect.bisect_left(glyph_tops, ys[0] - 20)
        hi = bisect.bisect_right(glyph_tops, ys[-1])
        filled = fill_cells(cells, owner, xs, ys, glyphs[lo:hi], page.page)
        if not any(c.text for c in filled):
            continue  # rules with no text inside: a drawing, a frame, a signature line
        frag = TableFragment(
            page=page.page,
            bbox=(xs[0], ys[0], xs[-1], ys[-1]),
            xs=tuple(xs),
            ys=tuple(ys),
            cells=tuple(filled),
            owner=tuple(owner),
            page_width=page.width,
            page_height=page.height,
        )
        cut = caption_row(frag)
        if cut is not None:
            groups.extend(split_group(group, ys[cut], ys[cut + 1]))
            continue
        if len(ys) == 2 and (opened := boxed_header_fragment(page, frag.bbox, glyphs)) is not None:
            fragments.append(opened)  # a boxed or shaded header row over rows without rules
            continue
        split = unruled_rows(frag, glyphs[lo:hi])
        fragments.append(resplit(frag, split) if split else frag)
    fragments.extend(open_fragments(page, free_rules, glyphs, settings))
    fragments.extend(borderless_fragments(page, [f.bbox for f in fragments], glyphs, settings))
    fragments.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    return fragments


def unruled_rows(frag: TableFragment, glyphs: Sequence[Glyph]) -> dict[int, list[AlignedRow]]:
    """Grid rows of a ruled frame that hold several printed rows whose rules were left out,
    with those rows (read by ``aligned.aligned_rows``).

    Two general patterns:
    - body rows under a boxed header, in a frame with no column rules: the row's text stands
      only in cells spanning several columns, and its lines fall into those columns, two or
      more per line;
    - a spreadsheet export ruling every few rows: every cell of the grid row has the same
      number of lines on the same baselines (each line its own record: Alabama … Alaska …),
      none of them the wrapped rest of another.
    A grid row crossed by a cell spanning rows is left as it is, and so is a frame's first row
    of one cell a column whose lines hold no figure: a header whose labels all wrap over the same number of lines
    (序 / 号, 企业名 / 称, 联系 / 人), not records — a spreadsheet's records carry figures.
    """
    out: dict[int, list[AlignedRow]] = {}
    tops = [g.top for g in glyphs]  # glyphs come sorted by top
    for r in range(frag.n_rows):
        ids = [frag.cell_at(r, c) for c in range(frag.n_cols)]
        cells = [frag.cells[i] for i in dict.fromkeys(ids)]
        if any(c.row != r or c.row_span != 1 for c in cells) or sum(bool(c.text) for c in cells) == 0:
            continue
        y0, y1 = frag.ys[r], frag.ys[r + 1]
        lo = bisect.bisect_left(tops, y0 - 50.0)
        hi = bisect.bisect_right(tops, y1)
        band = [
            g for g in glyphs[lo:hi] if y0 < (g.top + g.bottom) / 2 < y1 and frag.xs[0] < (g.x0 + g.x1) / 2 < frag.xs[-1]
        ]
        spanning = all(c.col_span >= 2 for c in cells if c.text)
        # without a spanning cell, the first column must hold several lines (one record a line)
        first = band if spanning else [g for g in band if (g.x0 + g.x1) / 2 < frag.xs[1]]
        if not first or max(g.top for g in first) - min(g.top for g in first) < 0.5 * min(g.size for g in first):
            continue  # one printed line: nothing left unruled
        if not spanning and r == 0 and frag.n_rows > 1 and not any(g.text.isdigit() for g in band):
            continue  # a header's wrapped labels
        rows = aligned_rows(band, frag.xs, frag.page)
        if len(rows) < 2 or not columns_split(rows):
            continue
        if spanning:
            out[r] = rows
        elif all(row.section is None and row.texts[0] for row in rows) and len(rows) == len(group_lines(band, frag.page)):
            out[r] = rows
    return out


def _row_text(frag: TableFragment, r: int) -> str:
    ids = dict.fromkeys(frag.cell_at(r, c) for c in range(frag.n_cols))
    return norm_text("".join(frag.cells[i].text for i in ids))


def caption_row(frag: TableFragment) -> int | None:
    """A grid row that holds the caption of a second table inside one ruled frame, or None.

    Printed pattern: two tables with the same columns set one under the other inside one frame
    (a page border, or side rules drawn down the whole page); between them a row across the
    full width holds the second's caption, date and 单位：元 lines, and the header is printed
    again under it. Such a row starts a new table: it is one cell across every column, and the
    row under it repeats the frame's first row.
    """
    first = _row_text(frag, 0)
    for r in range(1, frag.n_rows - 1):
        cell = frag.cells[frag.cell_at(r, 0)]
        if cell.col_span != frag.n_cols or cell.row_span != 1 or not cell.text.strip():
            continue
        if first and _row_text(frag, r + 1) == first:
            return r
    return None


def split_group(group: list[Edge], top: float, bottom: float) -> list[list[Edge]]:
    """The rules of a frame above ``top`` and below ``bottom`` as two groups (rules crossing the
    band are cut at it)."""
    above: list[Edge] = []
    below: list[Edge] = []
    for e in group:
        if e.orientation == "h":
            (above if e.top <= top + 0.5 else below if e.top >= bottom - 0.5 else []).append(e)
            continue
        if e.top < top:
            above.append(Edge("v", e.x0, e.top, e.x1, min(e.bottom, top)))
        if e.bottom > bottom:
            below.append(Edge("v", e.x0, max(e.top, bottom), e.x1, e.bottom))
    return [g for g in (above, below) if g]
