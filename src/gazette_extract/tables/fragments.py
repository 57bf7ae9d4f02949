"""3. Fragments (表格片段): the ruled tables of one page, from its edges and glyphs."""

from __future__ import annotations

import bisect

from ..models import Edge, PageLayout
from .cell_text import fill_cells, norm_text
from .grid import build_cells, edge_groups, grid_lines, join_edges, snap_edges
from .settings import DEFAULT_SETTINGS, TableFragment, TableSettings


def find_fragments(page: PageLayout, settings: TableSettings = DEFAULT_SETTINGS) -> list[TableFragment]:
    """The ruled tables printed on one page, top to bottom.

    A group of touching rules is a table fragment when its grid has at least two columns and
    one row (a lone rule under a running header, or a box around a paragraph, is not). One-row
    fragments are kept only to continue a table from the previous page (``build_tables``).
    """
    edges = [
        e
        for e in page.edges
        if (e.x1 - e.x0 if e.orientation == "h" else e.bottom - e.top) >= settings.min_edge_length
    ]
    if not edges:
        return []
    joined = join_edges(snap_edges(edges, settings.snap_tolerance), settings.join_tolerance)
    fragments: list[TableFragment] = []
    glyphs = sorted(page.glyphs, key=lambda g: g.top)
    glyph_tops = [g.top for g in glyphs]
    groups = edge_groups(joined, settings.intersection_tolerance)
    while groups:
        group = groups.pop()
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
        fragments.append(frag)
    fragments.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    return fragments


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
