"""Engines (执行引擎) that run ``worker.extract_file`` over the jobs and yield rows as files finish.

- ``local``: a process pool on this machine (in this process for one worker);
- ``ray``: Ray Data over the file list, one task per file on a local Ray or a cluster; the
  tasks write the partitions, the driver (the caller) gets the manifest rows.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from enum import Enum

from ..errors import EngineUnavailableError
from .manifest import ManifestRow
from .worker import Job, extract_file, failed_row


class Engine(str, Enum):
    local = "local"
    ray = "ray"


def run_local(jobs: list[Job], workers: int) -> Iterator[ManifestRow]:
    """Jobs over a pool of ``workers`` processes (in this process for one worker or one job)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield extract_file(job)
        return
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)))
    try:
        futures = {pool.submit(extract_file, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                yield failed_row(futures[future], "the worker process died (out of memory?)")
    finally:
        pool.shutdown(cancel_futures=True)


def _ray_task(item: dict) -> dict:
    """One Ray Data row in (a job), one out (the manifest row as JSON, one column whatever its
    content, so every block has the same schema)."""
    return {"row": extract_file(Job(**item)).model_dump_json()}


def run_ray(jobs: list[Job], workers: int | None, address: str | None) -> Iterator[ManifestRow]:
    """Jobs as Ray tasks: joins the cluster at ``address``, else starts a local Ray of
    ``workers`` CPUs (all when None); a Ray already initialised in this process is used as is."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise EngineUnavailableError("the ray engine needs Ray: pip install 'gazette-extract[ray]'") from exc
    started_here = not ray.is_initialized()
    if started_here:
        try:
            ray.init(
                address=address,
                num_cpus=None if address else workers,
                include_dashboard=False,
                logging_level=logging.ERROR,
                log_to_driver=False,
            )
        except (ConnectionError, RuntimeError) as exc:
            raise EngineUnavailableError(f"cannot start or join Ray at {address or 'this machine'}: {exc}") from exc
    # Ray Data's own progress bars and execution log would interleave with ours
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    try:
        ray.data.DataContext.get_current().enable_progress_bars = False
        items = [dataclasses.asdict(job) for job in jobs]
        rows = ray.data.from_items(items, override_num_blocks=len(items)).map(
            _ray_task, num_cpus=1, concurrency=workers if address and workers else None
        )
        for row in rows.iter_rows():
            yield ManifestRow.model_validate_json(row["row"])
    finally:
        if started_here:
            ray.shutdown()
