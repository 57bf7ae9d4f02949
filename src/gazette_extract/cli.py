"""Command line (命令行): ``gazette-extract extract``, ``validate``, ``report``, ``inspect`` and ``batch``.

Exit codes: 0 success (and, for ``validate`` / ``extract --strict``, every check passed);
1 at least one check failed; 2 bad input (not a PDF, damaged, encrypted, scanned, nothing to
extract, output not writable) — always a one-line message on stderr, never a traceback;
3 an unexpected failure (a bug: please report it with the ``--debug`` traceback), one line too.
A damaged page is not bad input: it is skipped, and the ``page_readable`` check fails.
The PDF libraries' log lines appear only with ``--verbose``; tracebacks only with ``--debug``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import pyarrow as pa
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from . import __version__, batch, layout, pipeline, validate
from .errors import GazetteError, OutputNotWritableError, UnexpectedError
from .layout.limits import DAMAGE_LOGGERS, Limits
from .models import Check, Extraction
from .summary import summary_rows
from .write import validation_summary, write_outputs

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0])
# Piped output (CI logs) gets a wide table instead of rich's 80-column default.
out_console = Console(width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True)

# Show a progress bar for PDFs longer than this many pages.
PROGRESS_MIN_PAGES = 20


def _fail(exc: GazetteError) -> None:
    message = " ".join(str(exc).split())  # one line, whatever a library put in the message
    err_console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(exc.exit_code)


# ``--reader``: which PDF reader reads the pages (the records are the same with either).
Reader = Enum("Reader", {name: name for name in layout.READERS}, type=str)  # type: ignore[misc]


def _reader_option():
    return typer.Option(
        layout.DEFAULT_READER, "--reader", help="PDF reader: pdfium (fast, default) or pdfplumber (the reference)"
    )


@contextmanager
def _reported(debug: bool) -> Iterator[None]:
    """Named errors become their one-line message and exit code; anything else (a bug) exit 3
    with one line too. ``--debug`` lets the exception through, with its traceback."""
    try:
        yield
    except GazetteError as exc:
        if debug:
            raise
        _fail(exc)
    except Exception as exc:  # the last net under the command line: never a traceback without --debug
        if debug:
            raise
        _fail(UnexpectedError(f"unexpected {type(exc).__name__}: {exc} (a bug: rerun with --debug and report it)"))


def _configure_logging(verbose: bool) -> None:
    """Log records and warnings of the PDF libraries go to stderr only with ``--verbose``."""
    logging.captureWarnings(True)
    if verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
        return
    for name in (*DAMAGE_LOGGERS, "py.warnings"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


VERBOSE = typer.Option(False, "--verbose", "-v", help="show the PDF libraries' log records on stderr")
DEBUG = typer.Option(False, "--debug", help="let errors through with their traceback")
_DEFAULT_LIMITS = Limits()
PAGE_SECONDS = typer.Option(_DEFAULT_LIMITS.page_seconds, "--page-seconds", min=0.1,
                            help="a page that takes longer is skipped as unreadable")
PAGE_STREAM_MB = typer.Option(_DEFAULT_LIMITS.page_stream_bytes // 1_000_000, "--page-stream-mb", min=1,
                              help="ceiling on the bytes a page's streams decode to (MB)")
PAGE_OPERATORS = typer.Option(_DEFAULT_LIMITS.page_operators, "--page-operators", min=1,
                              help="ceiling on a page's content-stream operators")
PAGE_MEMORY_MB = typer.Option(_DEFAULT_LIMITS.page_memory_bytes // 1_000_000, "--page-memory-mb", min=50,
                              help="a page that adds more than this to resident memory (MB) is skipped as unreadable")


def _limits(page_seconds: float, page_stream_mb: int, page_operators: int, page_memory_mb: int) -> Limits:
    return Limits(
        page_seconds=page_seconds,
        page_stream_bytes=page_stream_mb * 1_000_000,
        page_operators=page_operators,
        page_memory_bytes=page_memory_mb * 1_000_000,
    )


def _extract(pdf: Path, workers: int, quiet: bool, reader: str, limits: Limits) -> Extraction:
    """Run the pipeline with a progress bar on long PDFs."""
    if quiet or not err_console.is_terminal:
        return pipeline.run(pdf, workers=workers, reader=reader, limits=limits)
    with Progress(
        TextColumn("[bold]reading pages"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    ) as bar:
        task = bar.add_task("pages", total=None)

        def progress(done: int, total: int) -> None:
            if total >= PROGRESS_MIN_PAGES:
                bar.update(task, completed=done, total=total)

        return pipeline.run(pdf, workers=workers, progress=progress, reader=reader, limits=limits)


def _summary(extraction: Extraction, seconds: float, out: Path | None) -> RichTable:
    g = extraction.gazette
    table = RichTable(title=f"{g.source_file}  →  {out}" if out else g.source_file, show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = summary_rows(extraction) + [
        ("time", f"{seconds:.2f} s ({g.page_count / seconds:.1f} pages/s)" if seconds > 0 else "—"),
    ]
    for what, value in rows:
        table.add_row(what, value)
    return table


def checks_table(checks: list[Check]) -> RichTable:
    """The checks as a readable table, failed first."""
    table = RichTable(title="checks")
    table.add_column("", no_wrap=True)
    table.add_column("check", no_wrap=True)
    for col in ("subject", "expected", "actual", "message"):
        table.add_column(col, overflow="fold", ratio=3 if col == "message" else 1)
    order = sorted(checks, key=lambda c: (not c.failed, c.ok or c.skipped, c.skipped, c.check))
    for c in order:
        mark = "[yellow]skip[/]" if c.skipped else ("[green]ok[/]" if c.ok else "[red]FAIL[/]" if c.failed else "[cyan]info[/]")
        table.add_row(mark, c.check, c.subject, c.expected, c.actual, c.message)
    return table


@app.command()
def extract(
    pdf: Path = typer.Argument(..., help="the gazette (or document) PDF"),
    out: Path = typer.Option(..., "--out", "-o", help="output directory (replaced atomically)"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="processes for page parsing"),
    strict: bool = typer.Option(False, "--strict", help="exit 1 when any check fails"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="print nothing but errors"),
    reader: Reader = _reader_option(),
    with_report: bool = typer.Option(False, "--report", help="also write OUT/report.html (see `report`)"),
    page_seconds: float = PAGE_SECONDS,
    page_stream_mb: int = PAGE_STREAM_MB,
    page_operators: int = PAGE_OPERATORS,
    page_memory_mb: int = PAGE_MEMORY_MB,
    verbose: bool = VERBOSE,
    debug: bool = DEBUG,
) -> None:
    """Extract PDF into OUT/: Parquet files, gazette.json and validation.json."""
    _configure_logging(verbose)
    started = time.perf_counter()
    with _reported(debug):
        limits = _limits(page_seconds, page_stream_mb, page_operators, page_memory_mb)
        extraction = _extract(pdf, workers, quiet, Reader(reader).value, limits)
        write_outputs(extraction, out)
        if with_report:
            from .report import write_report  # jinja2 and Pillow load only for a report

            write_report(out, pdf)
    seconds = time.perf_counter() - started
    failed = [c for c in extraction.checks if c.failed]
    if not quiet:
        out_console.print(_summary(extraction, seconds, out))
        if failed:
            out_console.print(checks_table(failed))
            out_console.print(f"[red]{len(failed)} check(s) failed[/] — see {out / 'validation.json'}")
    if strict and failed:
        raise typer.Exit(1)


@app.command("validate")
def validate_command(
    target: Path = typer.Argument(..., help="a finished OUT/ directory, or a PDF to extract and check"),
    as_json: bool = typer.Option(False, "--json", help="print validation.json to stdout"),
    workers: int = typer.Option(1, "--workers", "-w", min=1),
    reader: Reader = _reader_option(),
    page_seconds: float = PAGE_SECONDS,
    page_stream_mb: int = PAGE_STREAM_MB,
    page_operators: int = PAGE_OPERATORS,
    page_memory_mb: int = PAGE_MEMORY_MB,
    verbose: bool = VERBOSE,
    debug: bool = DEBUG,
) -> None:
    """Check an extraction (or a PDF); exit 0 when every check passes, 1 when any fails."""
    _configure_logging(verbose)
    with _reported(debug):
        if target.is_dir():
            checks = validate.checks_of_output(target)
        else:
            limits = _limits(page_seconds, page_stream_mb, page_operators, page_memory_mb)
            checks = pipeline.run(target, workers=workers, reader=Reader(reader).value, limits=limits).checks
    summary = validation_summary(checks)
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    else:
        out_console.print(checks_table(checks))
        out_console.print(
            f"{'[green]ok[/]' if summary['ok'] else '[red]FAILED[/]'}: "
            f"{summary['passed']} passed, {summary['failed']} failed, {summary['skipped']} skipped"
        )
    if not summary["ok"]:
        raise typer.Exit(1)


@app.command("batch")
def batch_command(
    inputs: list[Path] = typer.Argument(..., help="PDF files, and folders searched recursively for *.pdf"),
    out: Path = typer.Option(..., "--out", "-o", help="the dataset folder (created, or resumed)"),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, help="files at once (default: every CPU)"),
    engine: batch.Engine = typer.Option(batch.Engine.local, "--engine", help="local process pool, or Ray"),
    ray_address: str | None = typer.Option(None, "--ray-address", help="join this Ray cluster (default: a local Ray)"),
    strict: bool = typer.Option(False, "--strict", help="also exit 1 when any check fails"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="print nothing but errors"),
    reader: Reader = _reader_option(),
    verbose: bool = VERBOSE,
    debug: bool = DEBUG,
) -> None:
    """Extract many PDFs into one hive-partitioned dataset with a manifest; re-runs resume.

    Exit 0 when every input was extracted, 1 when at least one failed (the others are written),
    2 for bad arguments or no input PDF."""
    from .batch.display import ProgressBar, failures_table, summary_table

    show_bar = not quiet and err_console.is_terminal
    _configure_logging(verbose)
    with _reported(debug):
        with ProgressBar(err_console) if show_bar else contextlib.nullcontext() as bar:
            report = batch.run_batch(inputs, out, workers, engine, ray_address, observer=bar, reader=Reader(reader).value)
    if not quiet:
        out_console.print(summary_table(report))
        if report.failed:
            out_console.print(failures_table(report.failed))
    if report.failed or (strict and report.checks_failed):
        raise typer.Exit(1)


@app.command("report")
def report_command(
    out: Path = typer.Argument(..., help="a finished OUT/ directory"),
    pdf: Path | None = typer.Option(None, "--pdf", help="the extracted PDF, for page images (default: found by name)"),
    all_pages: bool = typer.Option(False, "--all-pages", help="images of every page, not only those with tables or failed checks"),
    verbose: bool = VERBOSE,
    debug: bool = DEBUG,
) -> None:
    """Write OUT/report.html: a self-contained review page of an extraction."""
    _configure_logging(verbose)
    with _reported(debug):
        from .report import write_report  # jinja2 and Pillow load only for a report

        if pdf is not None:
            layout.open_pdf(pdf).close()  # a bad --pdf gets the same one-line errors as extract
        path = write_report(out, pdf, all_pages)
    out_console.print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


@app.command("inspect")
def inspect_command(
    pdf: Path = typer.Argument(..., help="a PDF"),
    page: int = typer.Option(..., "--page", "-p", min=1, help="1-based PDF page"),
    out: Path | None = typer.Option(None, "--out", "-o", help="PNG to write (default: NAME.pN.png here)"),
    reader: Reader = _reader_option(),
    verbose: bool = VERBOSE,
    debug: bool = DEBUG,
) -> None:
    """Draw one page as the pipeline's stages see it (a debug PNG with a legend)."""
    _configure_logging(verbose)
    with _reported(debug):
        from .report import inspect_page  # Pillow loads only for a debug image

        try:
            path = inspect_page(pdf, page, out, reader=Reader(reader).value)
        except OSError as exc:
            raise OutputNotWritableError(f"cannot write {out}: {exc.strerror or exc}") from exc
    out_console.print(f"wrote {path}")


@app.command()
def version() -> None:
    """Print the version."""
    out_console.print(__version__)


def main() -> None:
    """Console-script entry point."""
    # Arrow's default pool (jemalloc) keeps freed buffers; the system allocator hands them back
    # between Parquet files, which keeps the peak memory of long gazettes low.
    pa.set_memory_pool(pa.system_memory_pool())
    app()


if __name__ == "__main__":
    main()
