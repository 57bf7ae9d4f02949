"""3. Fragments (表格片段): the ruled tables of one page, from its edges and glyphs."""

from __future__ import annotations

import bisect

from ..models import PageLayout
from .cell_text import fill_cells
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
    for group in edge_groups(joined, settings.intersection_tolerance):
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
        fragments.append(
            TableFragment(
                page=page.page,
                bbox=(xs[0], ys[0], xs[-1], ys[-1]),
                xs=tuple(xs),
                ys=tuple(ys),
                cells=tuple(filled),
                owner=tuple(owner),
                page_width=page.width,
                page_height=page.height,
            )
        )
    fragments.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    return fragments
