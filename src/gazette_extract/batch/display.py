"""What ``gazette-extract batch`` shows: a progress bar over files and a summary table."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table as RichTable

from .manifest import ManifestRow
from .run import BatchPlan, BatchReport


class ProgressBar:
    """A rich progress bar over the files to extract: ok / failed, pages/s, ETA (a context manager)."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("[bold]extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[green]{task.fields[ok]} ok[/] · [red]{task.fields[failed]} failed[/]"),
            TextColumn("{task.fields[rate]} pages/s"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task("files", total=None, ok=0, failed=0, rate="—")
        self._ok = self._failed = self._pages = 0
        self._started = time.perf_counter()

    def __enter__(self) -> ProgressBar:
        self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self._bar.stop()

    def planned(self, plan: BatchPlan) -> None:
        self._started = time.perf_counter()
        self._bar.update(self._task, total=plan.to_extract)

    def finished(self, row: ManifestRow) -> None:
        if row.status == "ok":
            self._ok += 1
            self._pages += row.pages or 0
        else:
            self._failed += 1
        elapsed = time.perf_counter() - self._started
        rate = f"{self._pages / elapsed:.1f}" if elapsed > 0 else "—"
        self._bar.update(self._task, advance=1, ok=self._ok, failed=self._failed, rate=rate)


def summary_table(report: BatchReport) -> RichTable:
    """Files found, resumed, extracted, failed; pages and speed of what was extracted."""
    extracted_ok = [r for r in report.extracted if r.status == "ok"]
    pages = sum(r.pages or 0 for r in extracted_ok)
    seconds = report.seconds
    table = RichTable(title=f"batch  →  {report.dataset}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("input files", str(report.plan.files)),
        ("already in the dataset (skipped)", str(report.plan.resumed)),
        ("same content as another input", str(report.plan.duplicates)),
        ("extracted", str(len(extracted_ok))),
        ("failed", str(len(report.failed))),
        ("pages extracted", str(pages)),
        ("checks failed", str(report.checks_failed)),
        (
            "time",
            f"{seconds:.1f} s ({len(report.extracted) / seconds:.2f} files/s, {pages / seconds:.1f} pages/s)"
            if seconds > 0
            else "—",
        ),
    ]
    for what, value in rows:
        table.add_row(what, value)
    return table


def failures_table(rows: list[ManifestRow]) -> RichTable:
    """The failed files with their errors."""
    table = RichTable(title="failed files")
    table.add_column("file", overflow="fold")
    table.add_column("error", overflow="fold", ratio=3)
    for row in rows:
        table.add_row(row.source_path, row.error or "")
    return table
