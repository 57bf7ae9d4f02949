"""Table finder settings (表格参数) and the per-page result: ``TableFragment`` of ``FragmentCell``s."""

from __future__ import annotations

from dataclasses import dataclass


BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class TableSettings:
    """Tolerances of the table finder, in PDF points unless said otherwise."""

    # Rules printed as several strokes (or rectangle sides of neighbouring cells) land within
    # this distance of each other: they are one rule.
    snap_tolerance: float = 3.0
    # Collinear pieces of one rule separated by less than this are joined (PDF producers draw
    # a rule cell by cell, with hairline gaps or overlaps).
    join_tolerance: float = 3.0
    # A horizontal and a vertical rule meet when they come this close (rules often stop a
    # hair short of the crossing rule).
    intersection_tolerance: float = 3.0
    # A rule shorter than this is a tick or an underline dot, not table ruling.
    min_edge_length: float = 2.0
    # A boundary between two grid cells counts as ruled when rules cover this share of it.
    min_coverage: float = 0.6
    # Two tables' column boundaries match within this share of the page width (continuations
    # are re-typeset by the same template, so boundaries move by a point or two at most).
    column_match_tolerance: float = 0.012
    # A caption is short: a line longer than this is body text.
    max_caption_chars: int = 60
    # A section row's single cell spans at least this share of the table's width.
    section_min_width: float = 0.8


DEFAULT_SETTINGS = TableSettings()


@dataclass(frozen=True, slots=True)
class FragmentCell:
    """A cell of a fragment's grid (单元格); ``row_span``/``col_span`` > 1 for merged cells."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    bbox: BBox
    bold: bool = False


@dataclass(frozen=True, slots=True)
class TableFragment:
    """The part of one table printed on one page (表格片段): its grid and its cells' text.

    ``xs`` / ``ys`` are the column and row boundaries (len = columns + 1, rows + 1); ``owner``
    maps each grid position (row-major) to the index of the cell covering it.
    """

    page: int
    bbox: BBox
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[FragmentCell, ...]
    owner: tuple[int, ...]
    page_width: float
    page_height: float
    # a borderless table at a page's top without its caption (the header repeated over rows):
    # kept only where it continues the previous page's table (``stitching.chain_fragments``)
    continuation_only: bool = False
    # the columns come from the text's x-extents (open and borderless tables: no column rules)
    text_columns: bool = False

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell_at(self, row: int, col: int) -> int:
        """Index in ``cells`` of the cell covering grid position (row, col)."""
        return self.owner[row * self.n_cols + col]
