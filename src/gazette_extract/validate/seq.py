"""Checks (校验): 序号 continuity."""

from __future__ import annotations

from .. import patterns
from ..models import Check, Extraction
from .common import (
    ELLIPSIS,
    check,
    seq_column,
    table_where,
)

# ---------------------------------------------------------------- 序号


def _seq_value(text: str) -> int | None | str:
    """int for a 序号 cell, None for a blank or ellipsis cell, the text itself when unreadable."""
    t = text.strip()
    if ELLIPSIS.match(t):
        return None
    if m := patterns.SEQ_CELL.match(t):
        return int(m["n"])
    return t


def _run_problems(values: list[tuple[int, int]]) -> list[str]:
    """Gaps and repeats in (row, seq) pairs expected to run 1..N."""
    problems = []
    expected = 1
    for row, v in values:
        if v != expected:
            if v < expected:
                problems.append(f"row {row}: 序号 {v} repeats or goes back (expected {expected})")
            else:
                missing = f"{expected}" if v == expected + 1 else f"{expected}–{v - 1}"
                problems.append(f"row {row}: 序号 {v} after {expected - 1} (missing {missing})")
        expected = v + 1
    return problems


def check_seq(extraction: Extraction) -> list[Check]:
    """序号 runs 1..N in each table, or 1..n in each section when numbering restarts per section."""
    gid = extraction.gazette.gazette_id
    checks = []
    for t in extraction.tables:
        col = seq_column(t)
        if col is None or not t.rows:
            continue
        where = table_where(t)
        values: list[tuple[int, int]] = []
        unreadable = []
        for r in t.rows:
            v = _seq_value(r.texts[col] if col < len(r.texts) else "")
            if isinstance(v, int):
                values.append((r.row, v))
            elif isinstance(v, str):
                unreadable.append(f"row {r.row}: 序号 «{v}» is not a number")
        label = t.columns[col]
        if not values:
            checks.append(
                check(gid, "seq_continuity", t.table_id, f"{label} 1..{t.n_rows}", "no numbers", False,
                       f"{where}: the {label} column holds no number in {len(t.rows)} row(s)")
            )
            continue
        # Restart per category: each section's first number is 1.
        groups: list[list[tuple[int, int]]] = [values]
        mode = "1..N"
        if t.sections:
            by_cat: dict[str | None, list[tuple[int, int]]] = {}
            cat_of = {r.row: r.category for r in t.rows}
            for row, v in values:
                by_cat.setdefault(cat_of.get(row), []).append((row, v))
            if len(by_cat) > 1 and all(g[0][1] == 1 for g in by_cat.values()):
                groups, mode = list(by_cat.values()), "1..n in each section"
        problems = unreadable + [p for g in groups for p in _run_problems(g)]
        numbers = [v for _, v in values]
        expected = f"{label} {mode}" + (f" (1..{len(values)})" if mode == "1..N" else "")
        actual = f"{numbers[0]}..{numbers[-1]} in {len(numbers)} row(s)" if not problems else "; ".join(problems[:5])
        if len(problems) > 5:
            actual += f"; … {len(problems) - 5} more"
        msg = f"{where}: " + ("序号 continuous" if not problems else "; ".join(problems[:5]))
        checks.append(check(gid, "seq_continuity", t.table_id, expected, actual, not problems, msg))
    return checks
