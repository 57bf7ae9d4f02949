"""The run summary (运行摘要): the figures the terminal prints after ``extract`` and the report
shows at its top, computed once from an Extraction."""

from __future__ import annotations

from .models import Check, Extraction


def check_counts(checks: list[Check]) -> str:
    """"failed / passed / skipped" of a list of checks (info checks that are not ok are none of them)."""
    failed = sum(1 for c in checks if c.failed)
    passed = sum(1 for c in checks if c.ok and not c.skipped)
    skipped = sum(1 for c in checks if c.skipped)
    return f"{failed} / {passed} / {skipped}"


def summary_rows(extraction: Extraction) -> list[tuple[str, str]]:
    """(what, value) rows: gazette, pages, 目录 entries, documents, tables, records, checks, damage."""
    g = extraction.gazette
    return [
        ("gazette", f"{g.title} {g.year or '?'}年第{g.issue_no or '?'}期" if g.title else "standalone document(s)"),
        ("pages", str(g.page_count)),
        ("reader", g.reader),
        ("目录 entries", str(len(extraction.toc))),
        ("documents", str(len(extraction.documents))),
        ("attachments", str(sum(len(d.attachments) for d in extraction.documents))),
        ("tables", str(len(extraction.tables))),
        ("table rows", str(sum(t.n_rows for t in extraction.tables))),
        ("approval_items", str(len(extraction.approval_items))),
        ("projects", str(len(extraction.projects))),
        ("tasks", str(len(extraction.tasks))),
        ("roster_members", str(len(extraction.roster_members))),
        ("checks failed / passed / skipped", check_counts(extraction.checks)),
        ("pages unreadable / damage recovered", damage_counts(extraction)),
    ]


def damage_counts(extraction: Extraction) -> str:
    """"unreadable / recovered": pages skipped as unreadable, and notes of damage recovered."""
    notes = extraction.page_notes
    return f"{sum(n.kind == 'unreadable' for n in notes)} / {sum(n.kind == 'recovered' for n in notes)}"
