"""7. Cut rows and groups (跨页断行): rows cut by a page break rejoined, group cells (序号, 分组)
filled down across the break.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import patterns
from .cell_text import join_text_lines, norm_text
from .rows import RawRow

# Punctuation that ends a sentence or clause: text ending in it was not cut mid-phrase.
_SENTENCE_END = frozenset("。！？；!?;")


def _is_seq_column(rows: Sequence[RawRow], col: int) -> bool:
    """The column is a 序号 column: a number in (nearly) every data row."""
    # rows that may be the rest of a cut row (first of a continuation, no number) do not count
    data = [r for r in rows if r.kind == "data" and not (r.cont and not patterns.SEQ_CELL.match(r.texts[col]))]
    if len(data) < 2:
        return False
    hits = sum(bool(patterns.SEQ_CELL.match(r.texts[col])) for r in data)
    return hits >= 0.8 * len(data)


def group_columns(rows: Sequence[RawRow]) -> set[int]:
    """Leaf columns that hold group cells: some data cell in them spans several grid rows
    (行业大类 printed once beside all its companies)."""
    out: set[int] = set()
    for r in rows:
        if r.kind != "data":
            continue
        for i, span in enumerate(r.spans):
            if span > 1:
                out.add(i)
    return out


def _is_reprint(text: str, canonical: str) -> bool:
    """A group label re-printed at the top of a page, possibly shortened: equal to, or a
    prefix of, the label printed in the group's first row (农、林、牧、渔业 for
    农、林、牧、渔业(A))."""
    a, b = norm_text(text), norm_text(canonical)
    return a == b or (len(a) >= 2 and len(a) < len(b) and b.startswith(a))


def _dense_columns(rows: Sequence[RawRow], groups: set[int]) -> set[int]:
    """Columns (not group columns) with a value in every data row that does not open a
    continuation page — at least three of them: a row blank there is not a row of its own."""
    data = [r for r in rows if r.kind == "data" and not r.cont]
    if len(data) < 3:
        return set()
    n_cols = len(data[0].texts)
    return {c for c in range(n_cols) if c not in groups and all(r.texts[c].strip() for r in data)}


def _figure_columns(rows: Sequence[RawRow], dense: set[int]) -> set[int]:
    """Dense columns holding a short figure in (nearly) every row (赋分; a row merging its cells
    over the column — 综合加分项 — aside): a one-line value that a page break cannot cut, so a row
    cut by the break prints it on one side only."""
    data = [r for r in rows if r.kind == "data" and not r.cont]
    return {c for c in dense if sum(bool(patterns.FIGURE_CELL.match(r.texts[c].strip())) for r in data) >= 0.8 * len(data)}


def _continues_list(head: str, rest: str) -> bool:
    """``rest`` opens with the item that follows the last of at least two items of one kind in
    ``head`` (（一）…（四） then （五）…): the enumeration of one cell, cut by the page break."""
    first = patterns.leading_list_item(rest)
    if first is None:
        return False
    numbers = [n for level, n in patterns.list_items(head) if level == first[0]]
    return len(numbers) >= 2 and numbers[-1] == first[1] - 1


def _is_rest_of(row: RawRow, prev: RawRow, seq_col: bool, dense: set[int], figures: set[int]) -> bool:
    """The continuation's first data row ``row`` is the rest of ``prev`` (cut by the page break):
    no 序号 in a 序号 column (blank or a lone ★); in a table without one, never when it prints a
    figure of its own where ``prev`` printed one (赋分 2 on both sides: two records, the cells
    spanning both rows — 加分标准, 考核方式 — left blank under the break), else blank in a dense
    column where ``prev`` is filled, or — its first (key) column blank or in ``prev``'s group — a cell
    going on with the enumeration ``prev``'s cell printed (（一）…（四） above the break, （五） under
    it: a new row does not carry on another row's list)."""
    if seq_col:  # a number in the 序号 column opens a row of its own, whatever else is blank
        return not patterns.SEQ_CELL.match(row.texts[0])
    if any(patterns.FIGURE_CELL.match(row.texts[c].strip()) and patterns.FIGURE_CELL.match(prev.texts[c].strip()) for c in figures):
        return False
    if any(not row.texts[c].strip() and prev.texts[c].strip() for c in dense):
        return True
    return row.texts[0] in ("", prev.texts[0]) and any(
        _continues_list(head, rest) for head, rest in zip(prev.texts, row.texts)
    )


def _join_cut(head: str, rest: str) -> str:
    """A cell's text cut by the page break, rejoined: a number cut between two digits (20 | 20/2024)
    joins without a space; the next item of the cell's enumeration starts a line of its own (a
    hard break, as between the items above the break); otherwise as the lines of one cell."""
    head, rest = head.rstrip(), rest.lstrip()
    if head and rest and head[-1].isdigit() and rest[0].isdigit():
        return head + rest
    if _continues_list(head, rest):
        return head + "\n" + rest
    return join_text_lines([head, rest])


def _is_cut_group_text(head: str, tail: str) -> bool:
    """A group cell's own text ``tail``, printed in the rest of a cut row, is the rest of the
    group's text ``head`` cut by the same page break (良好氛 | 围。, or the next item of its
    enumeration): the row is one row, so its group is the group above the break — unless
    ``head`` ends a sentence or ``tail`` restates the label (it then opens like it; a re-print in
    another form keeps its printed text)."""
    if _continues_list(head, tail):
        return True
    a, b = norm_text(head), norm_text(tail)
    return bool(a and b) and a[-1] not in _SENTENCE_END and b[:2] != a[:2]


def _rejoin_group(done: Sequence[RawRow], later: Sequence[RawRow], col: int, old: str, joined: str) -> None:
    """Give a group cell's rejoined text to every row that shows it: the rows above the break
    holding ``old``, and the rows the continuation's cell spans (``later[0]`` is the cut row's rest)."""
    for row in reversed(done):
        if row.kind != "data" or row.texts[col] != old:
            break
        row.texts[col] = joined
    _fill_cell(later, col, joined)


def _fill_cell(rows: Sequence[RawRow], col: int, value: str) -> None:
    """``value`` into column ``col`` of ``rows[0]`` and of the rows under it its cell spans."""
    first = rows[0]
    for row in rows:
        if row.frag_index != first.frag_index or row.cell_ids[col] != first.cell_ids[col]:
            break
        row.texts[col] = value


def stitch_rows(rows: list[RawRow], n_cols: int) -> list[RawRow]:
    """Repair rows and group cells cut by page breaks (in place order, returns the rows).

    - Group columns: at the top of a continuation, a blank group cell, or the group's label
      re-printed (possibly shortened), takes the value printed in the group's first row on
      the previous page, for every row that cell spans. Rule: the value printed in a group's
      first row is canonical.
    - Cut row (a row split by the page break, its rest printed under the repeated header):
      the continuation's first data row is the rest of the previous page's last row when its
      key cell is empty — the table's first column is a 序号 column and the row carries no
      number there (blank, or only a ★ mark); in a table without a 序号 column, a column filled
      in every other data row (赋分) is blank in it while filled in the row above, or a cell of
      it goes on with the enumeration of the cell above ((四) | (五)). Its texts are appended
      column by column (a group column keeps its value, or — when the group's text was cut by the
      same break — takes the rejoined text on both pages: ``_is_cut_group_text``).
    """
    groups = group_columns(rows)
    seq_col = _is_seq_column(rows, 0)
    dense = _dense_columns(rows, groups)
    figures = _figure_columns(rows, dense)
    out: list[RawRow] = []
    for i, row in enumerate(rows):
        prev = next((p for p in reversed(out) if p.kind == "data"), None)
        if row.cont and row.kind == "data" and prev is not None and prev.frag_index != row.frag_index:
            own: dict[int, str] = {}  # group cells printing a text of their own
            for c in groups:
                if not row.texts[c] or _is_reprint(row.texts[c], prev.texts[c]):
                    _fill_cell(rows[i:], c, prev.texts[c])
                else:
                    own[c] = row.texts[c]
            if any(row.texts[1:]) and _is_rest_of(row, prev, seq_col, dense, figures):
                for c, tail in own.items():
                    if _is_cut_group_text(prev.texts[c], tail):
                        _rejoin_group(out, rows[i:], c, prev.texts[c], _join_cut(prev.texts[c], tail))
                for c in range(n_cols):
                    if c in groups or not row.texts[c] or row.texts[c] == prev.texts[c]:
                        continue
                    prev.texts[c] = _join_cut(prev.texts[c], row.texts[c])
                prev.bottom = prev.bottom if prev.page != row.page else max(prev.bottom, row.bottom)
                continue
        out.append(row)
    return out
