"""3b. Aligned rows (对齐行): table rows read from text alignment where rules are left out.

Tables are not always ruled cell by cell: a boxed header over unruled body rows, a 三线表 (top
rule, a rule under the header, bottom rule), a spreadsheet export ruling every fifth row. There
the columns are given (by the header's rules, or by the text's x-extents: ``text_columns``) and
the rows are read from baselines:

- every printed line is split into columns by its glyphs' centres (``line_cells``);
- where cell padding shows the rows (the gaps between lines come in two sizes), lines are
  grouped by the wider gaps (a short cell centred beside a wrapped one stays in its row);
  otherwise a line that fills fewer columns than the row's first line, all of them among that
  line's, is the wrapped rest of that row (a description running over two lines) — unless it
  fills the first column and another (a record with a blank cell);
- a line printed as one run of text across two or more columns, alone on its baseline, is a
  section row (分类行: *Blood and lymphatic system disorders*), one cell spanning the table;
- any other line starts a row.

The result is the same ``TableFragment`` a ruled grid gives, so stitching, headers, row kinds
and typed records treat both alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from .. import patterns
from ..layout import group_lines
from ..models import Glyph, TextLine
from .cell_text import join_text_lines
from .settings import FragmentCell, TableFragment


@dataclass(frozen=True, slots=True)
class AlignedRow:
    """A printed row read from alignment: its text per column, or one section text."""

    top: float
    bottom: float
    texts: tuple[str, ...]
    section: str | None = None
    bold: bool = False


class PrintedLine(NamedTuple):
    """A printed line of a band: its extent, its text per column, whether it is a section
    label spanning the table, and whether it is bold."""

    top: float
    bottom: float
    texts: dict[int, str]
    section: bool
    bold: bool


def _column_of(xs: Sequence[float], x: float) -> int:
    return min(max(bisect.bisect_right(xs, x) - 1, 0), len(xs) - 2)


# Inside a run of text that crosses a column boundary, a gap of this many font sizes still
# parts the texts of two neighbouring columns (right-aligned figures set close together).
COLUMN_GAP = 0.3


def _runs(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs of one line (sorted by x) cut where the gap reaches ``COLUMN_GAP`` font sizes."""
    runs: list[list[Glyph]] = [[glyphs[0]]]
    for a, b in zip(glyphs, glyphs[1:]):
        if b.x0 - a.x1 >= COLUMN_GAP * max(a.size, b.size):
            runs.append([])
        runs[-1].append(b)
    return runs


def line_cells(glyphs: Sequence[Glyph], xs: Sequence[float], page: int) -> list[PrintedLine]:
    """The printed lines of a band, top to bottom.

    Each run of text between wide gaps (a line's segments) goes to the column it lies in. A run
    crossing a column boundary is either figures of two columns set close (its pieces between
    smaller gaps each fit one column: they are parted) or text overflowing into an empty
    neighbour (it stays in the column it starts in); such a run alone on its line, starting in
    the first column, is a section label (分类行) spanning the table.
    """
    out = []
    for ln in group_lines(list(glyphs), page):
        members = sorted((g for g in glyphs if ln.top - 0.5 <= (g.top + g.bottom) / 2 <= ln.bottom + 0.5), key=lambda g: g.x0)
        spans = [(s[1], s[2]) for s in ln.segments] or [(ln.x0, ln.x1)]
        by_col: dict[int, list[Glyph]] = {}
        section = False
        for x0, x1 in spans:
            seg = [g for g in members if x0 - 0.5 <= g.x0 and g.x1 <= x1 + 0.5]
            if not seg:
                continue
            cols = {_column_of(xs, (g.x0 + g.x1) / 2) for g in seg}
            if len(cols) == 1:
                by_col.setdefault(cols.pop(), []).extend(seg)
                continue
            runs = _runs(seg)
            run_cols = [{_column_of(xs, (g.x0 + g.x1) / 2) for g in run} for run in runs]
            if all(len(rc) == 1 for rc in run_cols):
                for run, rc in zip(runs, run_cols):
                    by_col.setdefault(next(iter(rc)), []).extend(run)
                continue
            start = _column_of(xs, (seg[0].x0 + seg[0].x1) / 2)
            by_col.setdefault(start, []).extend(seg)
            section = len(spans) == 1 and start == 0
        texts = {c: group_lines(gs, page)[0].text for c, gs in sorted(by_col.items())}
        out.append(PrintedLine(ln.top, ln.bottom, texts, section, ln.bold))
    return out


def own_row_text(text: str) -> bool:
    """A line that reads as a total (合计：6项), a numbered section (一、建设项目（8项）) or a note
    (注：…) is a row of its own, never the wrapped rest of the row above."""
    text = text.strip()
    return bool(patterns.TOTAL_ROW.match(text) or patterns.SECTION_ROW.match(text) or patterns.NOTE_LINE.match(text))


def _own_row(texts: dict[int, str]) -> bool:
    return own_row_text("".join(texts.values()))


def _continues(cols: set[int], prev_cols: set[int]) -> bool:
    """A line filling ``cols`` is the wrapped rest of the row that filled ``prev_cols``: fewer
    columns, all among the row's, and not the first column together with others (a line holding
    the key column and values starts a record, even with a blank column)."""
    if not prev_cols or len(cols) >= len(prev_cols) or not cols <= prev_cols:
        return False
    return not (0 in cols and len(cols) >= 2)


# Rows set with cell padding leave a gap between rows this many font sizes wider than the gap
# between the lines of one cell.
PADDING_GAP = 0.3


def _padded_row_starts(lines: Sequence[PrintedLine]) -> set[int] | None:
    """Indices of the lines that open a row when the band shows its rows by their padding: the
    usual gap between lines (the leading inside a cell) and, wider by the cell padding, the
    gaps between rows — so a short cell centred beside a wrapped one stays in its row. Where
    lines of neighbouring cells overlap (a centred cell between two lines of a tall one), they
    share a row, and the free gaps left are between rows. None when no gap stands out."""
    if len(lines) < 3:
        return None
    # free gaps: from the lowest bottom printed so far to the next line's top (lines of
    # neighbouring cells interleave when a short cell is centred beside a tall one)
    gaps: dict[int, float] = {}
    floor = lines[0].bottom
    for k in range(1, len(lines)):
        if lines[k].top > floor:
            gaps[k] = lines[k].top - floor
        floor = max(floor, lines[k].bottom)
    interleaved = len(gaps) < len(lines) - 1
    size = sorted(ln.bottom - ln.top for ln in lines)[len(lines) // 2]
    if (centred := _centred_key_row_starts(lines, gaps, size)) is not None:
        return centred
    ordered = sorted(gaps.values()) or [0.0]
    usual, widest = ordered[len(ordered) // 2], ordered[-1]  # the leading inside a cell; a row gap
    if widest - usual >= PADDING_GAP * size:
        cut = (usual + widest) / 2
        return {0} | {k for k, g in gaps.items() if g > cut}
    if interleaved:  # lines overlap only inside a row: every free gap is between rows
        return {0} | set(gaps)
    return None


def _centred_key_row_starts(lines: Sequence[PrintedLine], gaps: dict[int, float], size: float) -> set[int] | None:
    """Row starts of a band whose cells are centred vertically beside a 序号 (1, 2★) printed once
    per record in the first column: a record whose cells wrap prints lines above its 序号 and as
    many below it (the first such record shows it; one set on a single line shows nothing either
    way). One row per 序号: lines above the first belong to it; between two 序号 the row changes
    at the widest free gap (the cell padding). A total or section line between them (合计：11项, 一、建设项目（8项）)
    is a row of its own and the record after it starts below it:

        合计：11项
        一、建设项目（8项）
              某市云计算数据中心二
           1                        源城区   新基建
              期工程

    None when the band does not read so."""
    own = {k for k, ln in enumerate(lines) if _own_row(ln.texts)}
    keys = [k for k, ln in enumerate(lines)
            if k not in own and 0 in ln.texts and patterns.SEQ_CELL.match(ln.texts[0].strip())]
    first = min((k for k in range(len(lines)) if k not in own), default=len(lines))
    if not keys or any(0 in ln.texts for k, ln in enumerate(lines) if k not in keys and k not in own):
        return None
    starts = {0, first} | own | {k + 1 for k in own if k + 1 < len(lines)}
    for a, b in zip(keys, keys[1:]):
        if any(a < k < b for k in own):
            continue  # the total or section line between them parts the two records
        between = [k for k in gaps if a < k <= b]
        starts.add(max(between, key=lambda k: gaps[k]) if between else b)
    bounds = sorted(starts) + [len(lines)]
    for start, end in zip(bounds, bounds[1:]):
        key = next((k for k in keys if start <= k < end), None)
        if key is None or key == start:
            continue  # a record on one line (or no record): its 序号 shows no alignment
        top, bottom = lines[start].top, max(ln.bottom for ln in lines[start:end])
        if abs((lines[key].top + lines[key].bottom) / 2 - (top + bottom) / 2) > size:
            return None  # the 序号 is not centred in its row: top-aligned cells, read otherwise
        return starts
    return None  # every 序号 opens its record: top-aligned cells, read otherwise


def aligned_rows(glyphs: Sequence[Glyph], xs: Sequence[float], page: int) -> list[AlignedRow]:
    """The rows of a band printed without rules between them (see the module docstring)."""
    return rows_of_lines(line_cells(glyphs, xs, page), len(xs) - 1)


def text_line_cells(lines: Sequence[TextLine], xs: Sequence[float]) -> list[PrintedLine]:
    """``line_cells`` of lines already read (glyphs gone): each run of a line (its segments, or
    the whole line) goes to the column its centre lies in; a line of one run crossing a column
    boundary from the first column (its first glyph's centre in it) is a section label."""
    out = []
    for ln in lines:
        runs = ln.segments or ((ln.text, ln.x0, ln.x1),)
        texts: dict[int, str] = {}
        for text, x0, x1 in runs:
            c = _column_of(xs, (x0 + x1) / 2)
            texts[c] = join_text_lines([texts[c], text]) if c in texts else text
        text, x0, x1 = runs[0]
        half = (x1 - x0) / max(len(text), 1) / 2  # first and last glyph by their centres
        section = len(runs) == 1 and _column_of(xs, x0 + half) == 0 and _column_of(xs, x1 - half) > 0
        out.append(PrintedLine(ln.top, ln.bottom, dict(sorted(texts.items())), section, ln.bold))
    return out


def rows_of_lines(lines: Sequence[PrintedLine], n: int) -> list[AlignedRow]:
    """The rows of a band's printed lines (``n`` columns): see the module docstring."""
    rows: list[AlignedRow] = []
    parts: list[list[str]] = []
    prev_cols: set[int] = set()
    starts = _padded_row_starts(lines)
    for k, (top, bottom, texts, one_run, bold) in enumerate(lines):
        cols = set(texts)
        if one_run:
            rows.append(AlignedRow(top, bottom, ("",) * n, join_text_lines(list(texts.values())), bold))
            parts.append([])
            prev_cols = set()
            continue
        if rows and rows[-1].section is None and not _own_row(texts):
            if starts is None:
                joined = _continues(cols, prev_cols)
            else:  # padding shows the rows; a second record key inside one still starts a row
                joined = k not in starts and not (0 in cols and len(cols) >= 2 and parts[-1][0])
            if joined:
                last = rows[-1]
                for c, t in texts.items():
                    parts[-1][c] = join_text_lines([parts[-1][c], t])
                rows[-1] = AlignedRow(last.top, bottom, tuple(parts[-1]), None, last.bold)
                prev_cols |= cols
                continue
        cells = [texts.get(c, "") for c in range(n)]
        parts.append(cells)
        rows.append(AlignedRow(top, bottom, tuple(cells), None, bold))
        prev_cols = cols
    return rows


def row_bounds(rows: Sequence[AlignedRow], top: float, bottom: float) -> list[float]:
    """Row boundaries: the band's edges and the middle of the gap between two printed rows."""
    ys = [top]
    for a, b in zip(rows, rows[1:]):
        ys.append((a.bottom + b.top) / 2)
    ys.append(bottom)
    return ys


MIN_LONE_RECORD_COLUMNS = 4


def columns_split(rows: Sequence[AlignedRow]) -> bool:
    """Rows read from alignment are a table's rows: at least two of them, and most fill two or
    more columns (one text per line is a paragraph, not rows) — or a single record filling
    ``MIN_LONE_RECORD_COLUMNS`` or more (a table's first page holding one tall row, the next
    going over; a 版记's 印发 line fills two). A total row (合计：11项) printed in its first
    column alone is the table's own, not a paragraph line: like a section row, it neither makes
    nor unmakes the columns (a table's first page holding its header, 合计, a section and one
    record before the page break)."""
    data = [r for r in rows if r.section is None and not _is_total(r)]
    if len(rows) == 1 and len(data) == 1:
        return sum(1 for t in data[0].texts if t) >= MIN_LONE_RECORD_COLUMNS
    if len(rows) < 2 or not data:
        return False
    return sum(sum(1 for t in r.texts if t) >= 2 for r in data) * 2 > len(data)


def _is_total(row: AlignedRow) -> bool:
    """A total row (合计 / 总计 / 共计, with its count or not) by its first filled cell."""
    first = next((t for t in row.texts if t), "")
    return bool(patterns.TOTAL_ROW.match(first))


def header_row(glyphs: Sequence[Glyph], xs: Sequence[float], page: int) -> AlignedRow | None:
    """A header band read as one row: every column's lines joined (a label wrapped in its
    column); None for a band without text."""
    n = len(xs) - 1
    lines = line_cells(glyphs, xs, page)
    if not lines:
        return None
    texts = tuple(join_text_lines([ln.texts.get(c, "") for ln in lines]) for c in range(n))
    return AlignedRow(lines[0].top, lines[-1].bottom, texts, None, all(ln.bold for ln in lines))


def _aligned_cells(rows: Sequence[AlignedRow], first: int, bounds: Sequence[float], xs: Sequence[float]) -> list[FragmentCell]:
    n = len(xs) - 1
    cells = []
    for k, row in enumerate(rows):
        y0, y1 = bounds[k], bounds[k + 1]
        if row.section is not None:
            cells.append(FragmentCell(first + k, 0, 1, n, row.section, (xs[0], y0, xs[-1], y1), row.bold))
            continue
        for c, text in enumerate(row.texts):
            cells.append(FragmentCell(first + k, c, 1, 1, text, (xs[c], y0, xs[c + 1], y1), row.bold and bool(text)))
    return cells


def _fragment(frag_like: tuple[int, float, float], xs: Sequence[float], ys: Sequence[float], cells: list[FragmentCell]) -> TableFragment:
    page, width, height = frag_like
    n = len(xs) - 1
    cells.sort(key=lambda c: (c.row, c.col))
    owner = [0] * ((len(ys) - 1) * n)
    for i, c in enumerate(cells):
        for r in range(c.row, c.row + c.row_span):
            for col in range(c.col, c.col + c.col_span):
                owner[r * n + col] = i
    return TableFragment(
        page=page,
        bbox=(xs[0], ys[0], xs[-1], ys[-1]),
        xs=tuple(xs),
        ys=tuple(ys),
        cells=tuple(cells),
        owner=tuple(owner),
        page_width=width,
        page_height=height,
    )


def resplit(frag: TableFragment, split: dict[int, list[AlignedRow]]) -> TableFragment:
    """``frag`` with each grid row ``r`` of ``split`` replaced by the aligned rows printed in it;
    ruled cells keep their spans over the new rows."""
    ys: list[float] = []
    new_index: list[int] = []
    for r in range(frag.n_rows):
        new_index.append(len(ys))
        ys.extend(row_bounds(split[r], frag.ys[r], frag.ys[r + 1])[:-1] if r in split else [frag.ys[r]])
    new_index.append(len(ys))
    ys.append(frag.ys[-1])
    cells = [
        replace(c, row=new_index[c.row], row_span=new_index[c.row + c.row_span] - new_index[c.row])
        for c in frag.cells
        if c.row not in split
    ]
    for r, rows in split.items():
        cells.extend(_aligned_cells(rows, new_index[r], row_bounds(rows, frag.ys[r], frag.ys[r + 1]), frag.xs))
    return _fragment((frag.page, frag.page_width, frag.page_height), frag.xs, ys, cells)


def aligned_fragment(
    page: int, page_size: tuple[float, float], xs: Sequence[float], bands: Sequence[tuple[float, float, Sequence[AlignedRow]]]
) -> TableFragment:
    """A fragment made only of aligned rows, band after band (a rule between two bands)."""
    ys: list[float] = []
    cells: list[FragmentCell] = []
    for top, bottom, rows in bands:
        bounds = row_bounds(rows, top, bottom)
        cells.extend(_aligned_cells(rows, len(ys), bounds, xs))
        ys.extend(bounds[:-1])
    ys.append(bands[-1][1])
    return replace(_fragment((page, *page_size), xs, ys, cells), text_columns=True)
