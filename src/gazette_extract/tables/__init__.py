"""Stage — tables (表格): tables found per page in every ruling style, stitched across pages.

A chain of small pure functions, in the spirit of pdfplumber's ``table.py``:

per page (``find_fragments``, while glyphs and edges are in memory)
    snap_edges → join_edges → edge_groups (edges that touch) → grid_lines (row and column
    boundaries) → build_cells (grid rectangles; a missing inner rule merges two grid cells
    into one spanning cell) → fill_cells (glyphs by their centre, bucketed by grid row and
    column, so the cost is O(glyphs · log); a cell's lines joined where they wrap, "\n" kept
    where a line ends well short of the cell: ``hard_breaks``) → ``TableFragment``;
    rows a grid leaves unruled (a boxed header over unruled rows, a rule every fifth row) are
    read from text alignment (``aligned``: columns from the grid, rows from baselines, wrapped
    lines joined, section rows spanning), as are open tables ruled only horizontally (三线表,
    a header rule pair) and borderless tables under a table caption (``open_tables``: columns
    from the x-extents of the header's and rows' texts) — all the same ``TableFragment``

across pages (``build_tables``)
    chain_fragments (a fragment at the top of a page continues the last table of the
    previous page when the column layouts or the header texts match) → header_depth /
    leaf_columns (multi-level headers joined as 父/子) → fragment_rows (texts per leaf
    column, spanning cells repeated into every row and column they cover, repeated header
    dropped) → stitch_rows (rows, group cells and list items cut by a page break rejoined;
    group columns filled down) → classify rows (section 分类行, total 合计 and note 注 rows kept apart from data)
    → find_caption / find_notes (text just above / below the table) → ``Table``.

forms (``is_form``: a grid opening with a full-width 一、… row and no header under it)
    chained on when the next page's frame uses the form's rules or opens with a section row;
    columns 列1…列N from every rule of the form, every printed row a data row, nothing
    repeated or filled down (``form_rows`` / ``_build_form``).

Cell texts carry "\n" only at hard line breaks (two units stacked in one cell, one law or
item a line); header labels, section, total and note rows are joined flat (``flat``).

Every rule says in a comment which general pattern of printed tables it encodes.

Modules, in pipeline order (each imports only the ones before it): ``settings`` (tolerances,
``TableFragment``), ``grid`` (1. edges → cells), ``cell_text`` (2.), ``aligned`` (3b. rows from
alignment), ``open_tables`` (3c. tables without column rules), ``fragments`` (3.),
``headers`` (4.), ``rows`` (5.), ``cut_rows`` (7.), ``row_kinds`` (8.), ``captions`` (9. text
around a table), ``stitching`` (6. 续表 chains, which need the captions), ``build`` (10.).
"""

from __future__ import annotations

from .build import build_tables
from .captions import lines_outside
from .cell_text import join_text_lines
from .fragments import find_fragments
from .grid import build_cells, edge_groups, grid_lines, join_edges, snap_edges
from .headers import header_depth, leaf_columns
from .row_kinds import classify_row
from .rows import RawRow
from .settings import DEFAULT_SETTINGS, FragmentCell, TableFragment, TableSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "FragmentCell",
    "RawRow",
    "TableFragment",
    "TableSettings",
    "build_cells",
    "build_tables",
    "classify_row",
    "edge_groups",
    "find_fragments",
    "grid_lines",
    "header_depth",
    "join_edges",
    "join_text_lines",
    "leaf_columns",
    "lines_outside",
    "snap_edges",
]
