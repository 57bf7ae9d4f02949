"""4. Headers (表头): title row inside the frame, forms (表单), header depth and the leaf columns
of multi-level headers (父/子).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from .cell_text import SPACE_NEAR_CJK, flat, norm_text
from .settings import DEFAULT_SETTINGS, FragmentCell, TableFragment


# A cell of figures (a data cell, never a header label): digits, separators, signs, %.
# Printed headers have at most this many levels of grid rows.
MAX_HEADER_ROWS = 4
_NUMERIC = regex.compile(r"^[\d\s.,，%％\-—－+/:：]+$")
# A sub-header label is short.
_MAX_SUBHEADER_CHARS = 16


def top_title_row(frag: TableFragment) -> bool:
    """The first grid row is a title printed inside the frame: one cell spanning all columns
    (表名 typeset as the first row of the table) above further rows."""
    if frag.n_rows < 2:
        return False
    first = frag.cells[frag.cell_at(0, 0)]
    return first.col_span == frag.n_cols and first.row_span == 1 and bool(first.text)


def full_width_cell(frag: TableFragment, row: int) -> FragmentCell | None:
    """The cell of grid row ``row`` when one cell spans all columns of it."""
    cell = frag.cells[frag.cell_at(row, 0)]
    return cell if cell.col_span == frag.n_cols and cell.row == row else None


def is_section_heading(text: str) -> bool:
    """A numbered section heading (一、企业基本情况 / 二、需要解决的“四事”问题)."""
    text = SPACE_NEAR_CJK.sub("", flat(text)).strip()
    return patterns.heading_level(text) == 1 and len(text) <= DEFAULT_SETTINGS.max_caption_chars


def is_form(frag: TableFragment) -> bool:
    """A form (表格式的表单: 征集表, 申请表, 登记表): a ruled grid with no header row.

    General pattern: the grid opens with one full-width cell holding a numbered section
    heading (一、企业基本情况), and the row under it is not a header: it has an empty cell (an
    input field beside its label: 企业名称 | ____ | 行业分类 | ____). A table whose first row
    is a title or heading printed inside its frame has its header row (every cell a label)
    right under it, and stays a table.
    """
    if frag.n_rows < 2:
        return False
    top = full_width_cell(frag, 0)
    if top is None or top.row_span != 1 or not is_section_heading(top.text):
        return False
    below = [frag.cells[i] for i in dict.fromkeys(frag.cell_at(1, c) for c in range(frag.n_cols))]
    return any(not c.text.strip() for c in below)


def header_depth(frag: TableFragment, start: int = 0) -> int:
    """How many grid rows (from ``start``) form the header (表头).

    - The top row is header.
    - A header cell whose row span reaches further down pulls those rows into the header
      (编号 printed once beside the two levels of a two-level header).
    - A header cell spanning several columns above two or more cells of the next row makes
      that row a sub-header (分年度任务 over 2021年 / 2022年), when that row holds no numbers.
    A header deeper than ``MAX_HEADER_ROWS`` is a label cell running into the data (a rule
    left out), and the header is then the top row only.
    """
    n_rows, n_cols = frag.n_rows, frag.n_cols
    depth = 1
    changed = True
    while changed and start + depth < n_rows:
        changed = False
        for c in range(n_cols):
            for r in range(start, start + depth):
                cell = frag.cells[frag.cell_at(r, c)]
                end = cell.row + cell.row_span
                if end > start + depth:
                    depth = end - start
                    changed = True
        if changed:
            continue
        last = start + depth - 1
        below = start + depth
        if below >= n_rows:
            break
        if _is_sub_header(frag, last, below):
            depth += 1
            changed = True
    if depth > MAX_HEADER_ROWS:
        return 1  # a label cell reaching deep into the data: a missing rule, not a header
    return depth


def _is_sub_header(frag: TableFragment, last: int, below: int) -> bool:
    """Row ``below`` is a sub-header of row ``last``: some cell of ``last`` spans several
    columns above two or more cells of ``below`` that read as labels (short, not figures),
    and every other cell of ``below`` is blank or repeats the label above it (columns
    without sub-labels drawn as separate cells)."""
    parents = [frag.cells[i] for i in dict.fromkeys(frag.cell_at(last, c) for c in range(frag.n_cols))]
    found = False
    for cell in parents:
        cols = range(cell.col, cell.col + cell.col_span)
        subs = [frag.cells[i] for i in dict.fromkeys(frag.cell_at(below, c) for c in cols)]
        if cell.col_span >= 2 and len(subs) >= 2:
            if not all(
                s.row == below and s.text and len(s.text) <= _MAX_SUBHEADER_CHARS and not _NUMERIC.match(s.text)
                for s in subs
            ):
                return False
            found = True
        else:
            for s in subs:
                if s.row == below and s.text and norm_text(s.text) != norm_text(cell.text):
                    return False
    return found


@dataclass(frozen=True, slots=True)
class Column:
    """A leaf column (叶列) of a table: label path joined with '/', grid range, x-range."""

    label: str
    col0: int
    col1: int  # exclusive
    x0: float
    x1: float


def leaf_columns(frag: TableFragment, start: int, depth: int) -> list[Column]:
    """Leaf columns under a header of ``depth`` rows starting at grid row ``start``.

    Each grid column's label is the path of distinct header cells above it, top to bottom,
    joined with '/' (分年度任务(亿元)/2021年); neighbouring grid columns under the very same
    header cells are one leaf column (a rule that only the data rows draw does not split a
    header). Blank labels become col1, col2 … by position.
    """
    paths: list[tuple[int, ...]] = []
    for c in range(frag.n_cols):
        path: list[int] = []
        for r in range(start, start + depth):
            idx = frag.cell_at(r, c)
            if idx not in path:
                path.append(idx)
        paths.append(tuple(path))
    columns: list[Column] = []
    c = 0
    while c < frag.n_cols:
        c1 = c + 1
        while c1 < frag.n_cols and paths[c1] == paths[c]:
            c1 += 1
        parts = [_label(frag.cells[i].text) for i in paths[c]]
        label = "/".join(p for p in dict.fromkeys(parts) if p)
        columns.append(Column(label, c, c1, frag.xs[c], frag.xs[c1]))
        c = c1
    return [
        col if col.label else Column(f"col{i + 1}", col.col0, col.col1, col.x0, col.x1) for i, col in enumerate(columns)
    ]


def _label(text: str) -> str:
    """A header label: layout spaces next to CJK characters removed."""
    return SPACE_NEAR_CJK.sub("", flat(text)).strip()
