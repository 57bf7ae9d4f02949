"""Checks (校验): stated counts (共N项, 合计, ★) against rows."""

from __future__ import annotations

from collections.abc import Iterable

from .. import counts, patterns
from ..models import Check, Extraction, Table
from .common import (
    check,
    doc_label,
    seq_column,
    table_label,
    table_where,
)

# ---------------------------------------------------------------- stated counts


def check_table_counts(extraction: Extraction) -> list[Check]:
    """A table's 共N项 / 合计：N项 and each section's （N 项） against the rows extracted."""
    gid = extraction.gazette.gazette_id
    checks = []
    for t in extraction.tables:
        where = table_where(t)
        # A count the text states for the table is checked as text_stated_count, with its phrase.
        if t.stated_count is not None and t.stated_count_source in (None, counts.OWN):
            ok = t.stated_count == t.n_rows
            msg = f"{where}: the table states {t.stated_count} item(s), {t.n_rows} data row(s) were extracted"
            checks.append(check(gid, "table_stated_count", table_label(t), t.stated_count, t.n_rows, ok, msg))
        for s in t.sections:
            if s.stated_count is None:
                continue
            n = sum(1 for r in t.rows if r.category == s.label)
            ok = n == s.stated_count
            msg = (
                f"{where}: section «{s.label}» (PDF p.{s.page}) states {s.stated_count} item(s), "
                f"{n} row(s) have category «{s.label}»"
            )
            checks.append(check(gid, "section_stated_count", f"{t.table_id} / {s.label}", s.stated_count, n, ok, msg))
    return checks



def _starred_rows(tables: Iterable[Table]) -> int | None:
    """Rows whose 序号 cell carries ★ (None when no table has a 序号 column)."""
    n, any_col = 0, False
    for t in tables:
        col = seq_column(t)
        if col is None:
            continue
        any_col = True
        n += sum(1 for r in t.rows if col < len(r.texts) and patterns.STAR.search(r.texts[col]))
    return n if any_col else None


_HOW = {
    "attachment_list": "count in the 附件 list",
    "running_text": "running text",
    "attachment_text": "text of the attachment above its table(s)",
}


def check_text_counts(extraction: Extraction) -> list[Check]:
    """Each count the text states (``Extraction.stated_counts``, linked by the stated-counts stage)
    against what was extracted: the rows of its tables, the items of its action, the starred rows."""
    gid = extraction.gazette.gazette_id
    tables = {t.table_id: t for t in extraction.tables}
    docs = {d.doc_id: d for d in extraction.documents}
    checks = []
    for sc in extraction.stated_counts:
        doc = docs.get(sc.doc_id)
        subject = doc_label(doc) if doc else (sc.doc_number or sc.doc_id)
        how = _HOW[sc.source] + (f", PDF p.{sc.page}" if sc.page is not None else "")
        tabs = [tables[i] for i in sc.table_ids if i in tables]
        lost = [i for i in sc.table_ids if i not in tables]
        ids = ", ".join(sc.table_ids)
        if sc.target == "action":
            items = [a for a in extraction.approval_items if a.doc_number == sc.doc_number and a.action == sc.action]
            n = len(items)
            msg = (
                f"{subject}: «{sc.phrase}» ({how}) states {sc.n}; "
                f"{n} approval item(s) with action {sc.action} were extracted"
                + (f" from table(s) {ids}" if ids else "")
            )
            checks.append(check(gid, "text_stated_count", f"{subject} {sc.action}", sc.n, n, n == sc.n, msg))
            continue
        where = f"{subject} {sc.attachment_label}" if sc.attachment_label else subject
        if lost:
            msg = f"{where}: «{sc.phrase}» ({how}) names table(s) {', '.join(lost)}, which the extraction does not hold"
            name = "starred_count" if sc.target == "starred" else "text_stated_count"
            checks.append(check(gid, name, where, sc.n, "table(s) missing", False, msg))
            continue
        if sc.target == "starred":
            starred = _starred_rows(tabs)
            if starred is None:
                msg = f"{where}: «{sc.phrase}» states {sc.n} starred item(s); table(s) {ids} have no 序号 column to count ★ in"
                checks.append(check(gid, "starred_count", where, sc.n, "no 序号 column", True, msg, skipped=True))
                continue
            msg = (
                f"{where}: «{sc.phrase}» with a ★ legend ({how}) states {sc.n} starred item(s); "
                f"{starred} row(s) carry ★ in 序号 in table(s) {ids}"
            )
            checks.append(check(gid, "starred_count", where, sc.n, starred, starred == sc.n, msg))
            continue
        if sc.target == "table" and len(tabs) == 1:
            where = f"{where} / {tabs[0].table_id}"
        rows = sum(t.n_rows for t in tabs)
        msg = (
            f"{where}: «{sc.phrase}» ({how}) states {sc.n}; "
            f"{rows} data row(s) in table(s) {ids} (PDF p.{tabs[0].page_start})"
        )
        if len(tabs) == 1 and tabs[0].stated_count_source == counts.OWN and tabs[0].stated_count != sc.n:
            msg += f"; the table itself states {tabs[0].stated_count}"
        checks.append(check(gid, "text_stated_count", where, sc.n, rows, rows == sc.n, msg))
    return checks
