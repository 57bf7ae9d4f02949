"""A batch run (批量运行): plan from the inputs and the manifest, run an engine, keep the manifest.

Knows nothing of stages: a file is extracted by ``worker.extract_file`` (pipeline.run, then
write), wherever the engine runs it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyarrow as pa
from pydantic import ValidationError

from .. import __version__, pipeline
from ..errors import OutputNotWritableError
from . import dataset as ds
from .engines import Engine, run_local, run_ray
from .inputs import InputFile, find_pdfs, hash_inputs
from .manifest import MANIFEST_FILE, ManifestRow, read_manifest, write_manifest
from .worker import Job, failed_row

# While files finish, the manifest is rewritten at most this often (and once at the end), so a
# killed batch loses at most this much of its record; the partitions it wrote are kept anyway.
MANIFEST_EVERY_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """What a run will do with its input files."""

    files: int
    to_extract: int
    resumed: int
    duplicates: int


class BatchObserver(Protocol):
    """Told the plan, then every file as it finishes (the progress bar)."""

    def planned(self, plan: BatchPlan) -> None: ...

    def finished(self, row: ManifestRow) -> None: ...


@dataclass(frozen=True, slots=True)
class BatchReport:
    """The outcome of a run: one manifest row per input file of this run."""

    dataset: Path
    plan: BatchPlan
    rows: list[ManifestRow]
    extracted: list[ManifestRow]
    seconds: float

    @property
    def failed(self) -> list[ManifestRow]:
        return [r for r in self.rows if r.status == "failed"]

    @property
    def checks_failed(self) -> int:
        return sum(r.checks_failed or 0 for r in self.rows if r.duplicate_of is None)


def run_batch(
    inputs: list[Path],
    out: Path,
    workers: int | None = None,
    engine: Engine = Engine.local,
    ray_address: str | None = None,
    observer: BatchObserver | None = None,
    reader: str = pipeline.layout.DEFAULT_READER,
) -> BatchReport:
    """Extract every input PDF not yet in the dataset ``out`` into it with ``reader``; return what happened."""
    started = time.perf_counter()
    paths = find_pdfs(inputs)
    dataset = _open_dataset(out)
    files = hash_inputs(paths)
    previous = _previous_rows(dataset)
    rows = {r.source_path: r for r in previous}
    jobs, duplicates, plan = _plan(files, previous, rows, dataset, reader)
    if observer:
        observer.planned(plan)
    extracted = []
    written_at = time.monotonic()
    try:
        for row in _engine_rows(engine, jobs, workers, ray_address):
            extracted.append(row)
            rows[row.source_path] = row
            for path in duplicates.get(row.sha256 or "", []):
                rows[path] = row.model_copy(update={"source_path": path, "seconds": 0.0})
            if observer:
                observer.finished(row)
            if time.monotonic() - written_at > MANIFEST_EVERY_SECONDS:
                write_manifest(_with_duplicate_of(rows), dataset)
                written_at = time.monotonic()
    finally:  # also on Ctrl-C: the files finished so far are recorded and not extracted again
        final = _with_duplicate_of(rows)
        write_manifest(final, dataset)
    keep = {r.gazette_id for r in final if r.status == "ok"}
    ds.remove_gazettes(dataset, ds.gazette_ids_present(dataset) - keep)
    ds.clear_staging(dataset)
    by_path = {r.source_path: r for r in final}
    return BatchReport(dataset, plan, [by_path[str(f.path)] for f in files], extracted, time.perf_counter() - started)


def _plan(
    files: list[InputFile], previous: list[ManifestRow], rows: dict[str, ManifestRow], dataset: Path, reader: str
) -> tuple[list[Job], dict[str, list[str]], BatchPlan]:
    """Sort the input files into jobs, files already in the dataset (their row is set in
    ``rows``), unreadable files (a failed row) and later paths of a content seen before
    (``duplicates``: sha256 → those paths)."""
    # sha256 → its row that was extracted (the first path of that content, as the manifest is sorted)
    done: dict[str, ManifestRow] = {}
    for r in previous:
        if _is_current(r) and ds.has_gazette(dataset, r.gazette_id):
            done.setdefault(r.sha256, r)
    jobs: list[Job] = []
    duplicates: dict[str, list[str]] = {}
    resumed = 0
    for f in files:
        path = str(f.path)
        job = Job(path, f.sha256, f.gazette_id, str(dataset), reader)
        if f.sha256 is None:
            rows[path] = failed_row(job, f.error or "cannot be read")
        elif f.sha256 in done:
            same = rows.get(path)
            if same is None or same.sha256 != f.sha256 or not _is_current(same):
                rows[path] = done[f.sha256].model_copy(update={"source_path": path, "seconds": 0.0})
            resumed += 1
        elif f.sha256 in duplicates:
            duplicates[f.sha256].append(path)
        else:
            duplicates[f.sha256] = []
            jobs.append(job)
    plan = BatchPlan(len(files), len(jobs), resumed, sum(len(d) for d in duplicates.values()))
    return jobs, duplicates, plan


def _is_current(row: ManifestRow) -> bool:
    """An ``ok`` row of this extractor version: its file need not be extracted again."""
    return row.status == "ok" and row.extractor_version == __version__ and row.gazette_id is not None


def _open_dataset(out: Path) -> Path:
    """The dataset folder, created if needed, as an absolute path (workers may run elsewhere),
    with what a killed run left in its staging area removed."""
    dataset = out.resolve()
    try:
        dataset.mkdir(parents=True, exist_ok=True)
        ds.clear_staging(dataset)
        (dataset / ds.STAGING).mkdir()
    except OSError as exc:
        raise OutputNotWritableError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    return dataset


def _previous_rows(dataset: Path) -> list[ManifestRow]:
    try:
        return read_manifest(dataset)
    except (pa.ArrowException, ValidationError, OSError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise OutputNotWritableError(f"{dataset / MANIFEST_FILE} is not a batch manifest: {message}") from exc


def _engine_rows(engine: Engine, jobs: list[Job], workers: int | None, ray_address: str | None) -> Iterator[ManifestRow]:
    if not jobs:
        return iter(())
    if engine is Engine.ray:
        return run_ray(jobs, workers, ray_address)
    return run_local(jobs, workers or os.cpu_count() or 1)


def _with_duplicate_of(rows: dict[str, ManifestRow]) -> list[ManifestRow]:
    """The rows in path order, each file whose content (sha256) an earlier path has pointing to
    that path: their gazette and partitions are one."""
    first: dict[str, str] = {}
    out = []
    for path in sorted(rows):
        row = rows[path]
        primary = first.setdefault(row.sha256, path) if row.sha256 else path
        out.append(row.model_copy(update={"duplicate_of": primary if primary != path else None}))
    return out
