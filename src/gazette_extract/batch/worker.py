"""One file of a batch (单个文件): pipeline.run, then its partitions written; never raises.

This is the unit every engine runs, in a pool process or a Ray task: what happens to the file
comes back as a manifest row, ``failed`` with a one-line error when it cannot be extracted.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from .. import __version__, pipeline
from ..errors import GazetteError
from . import dataset
from .manifest import ManifestRow

@dataclass(frozen=True, slots=True)
class Job:
    """A file to extract into a dataset (plain strings, so any engine can ship it)."""

    source_path: str
    sha256: str | None
    gazette_id: str | None
    dataset: str
    reader: str


def extract_file(job: Job) -> ManifestRow:
    """Extract ``job.source_path`` into the dataset and describe the outcome."""
    started = time.perf_counter()
    try:
        extraction = pipeline.run(Path(job.source_path), reader=job.reader)
        counts = dataset.write_gazette(extraction, Path(job.dataset))
    except GazetteError as exc:
        return failed_row(job, str(exc), time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 — isolation: a bug met on one file must not stop the batch
        return failed_row(job, f"{type(exc).__name__}: {exc}", time.perf_counter() - started)
    gazette = extraction.gazette
    return ManifestRow(
        source_path=job.source_path,
        sha256=gazette.sha256,
        gazette_id=gazette.gazette_id,
        status="ok",
        pages=gazette.page_count,
        seconds=time.perf_counter() - started,
        rows=counts,
        checks_failed=sum(1 for c in extraction.checks if c.failed),
        reader=gazette.reader,
        extractor_version=__version__,
        finished_at=dt.datetime.now(dt.UTC),
    )


def failed_row(job: Job, error: str, seconds: float = 0.0) -> ManifestRow:
    """The row of a file that could not be extracted; ``error`` is made one line."""
    return ManifestRow(
        source_path=job.source_path,
        sha256=job.sha256,
        gazette_id=job.gazette_id,
        status="failed",
        error=" ".join(error.split()),
        seconds=seconds,
        extractor_version=__version__,
        finished_at=dt.datetime.now(dt.UTC),
    )
