"""The batch dataset on disk (数据集): hive partitions per table, JSON per gazette, atomic swaps.

DATASET/<table>/gazette_id=<id>/part-0.parquet for every table of write.py's list, and
DATASET/json/<id>/ for gazette.json and validation.json. One gazette's files are first written
under DATASET/.staging/, then each partition is renamed into place: a reader (or a batch
killed with ``kill -9``) sees a partition either whole or not at all, never half written, and
a gazette extracted again replaces its partitions instead of adding rows beside them.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

from .. import write
from ..models import Extraction

STAGING = ".staging"
JSON_DIR = "json"
PART_FILE = "part-0.parquet"
PARTITION_KEY = "gazette_id"


def partition_dir(dataset: Path, table: str, gazette_id: str) -> Path:
    return dataset / table / f"{PARTITION_KEY}={gazette_id}"


def json_dir(dataset: Path, gazette_id: str) -> Path:
    return dataset / JSON_DIR / gazette_id


def _targets(dataset: Path, gazette_id: str) -> dict[str, Path]:
    """Every directory one gazette owns in the dataset, by the name it is staged under."""
    targets = {table: partition_dir(dataset, table, gazette_id) for table in write.table_names()}
    targets[JSON_DIR] = json_dir(dataset, gazette_id)
    return targets


def write_gazette(extraction: Extraction, dataset: Path) -> dict[str, int]:
    """Write one extraction's partitions and JSON, each swapped into place; rows per table."""
    gazette_id = extraction.gazette.gazette_id
    stage = dataset / STAGING / f"{gazette_id}-{uuid.uuid4().hex[:8]}"
    counts: dict[str, int] = {}
    try:
        for table, (schema, rows) in write.parquet_files(extraction).items():
            (stage / table).mkdir(parents=True)
            counts[table] = write.write_parquet(stage / table / PART_FILE, schema, rows())
        (stage / JSON_DIR).mkdir()
        write.write_json_files(extraction, stage / JSON_DIR)
        for name, target in _targets(dataset, gazette_id).items():
            _replace(stage / name, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return counts


def _replace(new: Path, target: Path) -> None:
    """Put directory ``new`` at ``target`` by renames only; an old ``target`` is moved aside
    first (beside ``new``, in the staging area) and deleted after."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        old = new.with_name(f"{new.name}.old")
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old)
    else:
        os.rename(new, target)


def has_gazette(dataset: Path, gazette_id: str) -> bool:
    """Whether every partition and the JSON of a gazette are in the dataset."""
    return all(target.is_dir() for target in _targets(dataset, gazette_id).values())


def gazette_ids_present(dataset: Path) -> set[str]:
    """Gazette ids with at least one partition or JSON directory in the dataset."""
    present = set()
    prefix = f"{PARTITION_KEY}="
    for table in write.table_names():
        folder = dataset / table
        if folder.is_dir():
            present.update(p.name[len(prefix):] for p in folder.iterdir() if p.name.startswith(prefix))
    if (dataset / JSON_DIR).is_dir():
        present.update(p.name for p in (dataset / JSON_DIR).iterdir())
    return present


def remove_gazettes(dataset: Path, gazette_ids: Iterable[str]) -> None:
    """Take gazettes out of the dataset: each directory is renamed into the staging area (so it
    leaves every reader's view at once) and deleted there."""
    trash = dataset / STAGING / f"removed-{uuid.uuid4().hex[:8]}"
    for gazette_id in gazette_ids:
        for name, target in _targets(dataset, gazette_id).items():
            if target.exists():
                trash.mkdir(parents=True, exist_ok=True)
                os.rename(target, trash / f"{gazette_id}-{name}")
    shutil.rmtree(trash, ignore_errors=True)


def clear_staging(dataset: Path) -> None:
    """Remove what a killed batch left in the staging area (never visible to readers)."""
    shutil.rmtree(dataset / STAGING, ignore_errors=True)
