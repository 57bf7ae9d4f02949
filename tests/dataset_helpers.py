"""Helpers for the batch tests: the input folder of the issue's "done when", running the batch
command in a subprocess, and reading a dataset or a single-file extraction table by table.

The rows a dataset must hold are what single-file ``extract`` writes for the same PDF (whose
content the end-to-end tests check against the source text), never the batch's own output.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq

from gazette_extract import write

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
# three real PDFs from three producers (a plan, a Taiwanese 函 with a table, a project list)
CORPUS_PDFS = (
    "miit-automotive-digital-transformation-plan.pdf",
    "tw-taipei-daan-health-center-letter-with-table-2020.pdf",
    "miit-2025-smart-manufacturing-jiebang-project-list.pdf",
)
TRUNCATED = "truncated.pdf"
NOT_A_PDF = "notes.pdf"


def make_input_folder(folder: Path) -> list[Path]:
    """The two samples, the corpus PDFs (when the corpus is there), the first half of sample A
    and a text file named .pdf; returns the good PDFs."""
    folder.mkdir(parents=True, exist_ok=True)
    good = []
    for name in ("gazette-a.pdf", "gazette-b.pdf"):
        good.append(Path(shutil.copy(SAMPLES / name, folder / name)))
    if CORPUS.is_dir():
        (folder / "corpus").mkdir(exist_ok=True)
        for name in CORPUS_PDFS:
            good.append(Path(shutil.copy(CORPUS / name, folder / "corpus" / name)))
    data = (SAMPLES / "gazette-a.pdf").read_bytes()
    (folder / TRUNCATED).write_bytes(data[: len(data) // 2])
    (folder / NOT_A_PDF).write_text("会议纪要：这不是PDF文件。\n", encoding="utf-8")
    return good


@dataclass(frozen=True)
class CliRun:
    returncode: int
    seconds: float
    stdout: str
    stderr: str


def run_batch_cli(*args: str | Path) -> CliRun:
    """``gazette-extract batch ARGS`` in a fresh interpreter, timed."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "gazette_extract.cli", "batch", *map(str, args)], capture_output=True, text=True
    )
    return CliRun(done.returncode, time.perf_counter() - started, done.stdout, done.stderr)


def run_cli_startup() -> CliRun:
    """``gazette-extract version`` in a fresh interpreter, timed: what starting the CLI costs."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "gazette_extract.cli", "version"], capture_output=True, text=True)
    return CliRun(done.returncode, time.perf_counter() - started, done.stdout, done.stderr)


def dataset_tables(dataset: Path) -> dict[str, dict[str, list[dict]]]:
    """Every table of a dataset read as one hive dataset: table → gazette_id → rows in file order."""
    tables = {}
    for table in write.table_names():
        rows_by_id: dict[str, list[dict]] = {}
        for row in pads.dataset(dataset / table, format="parquet", partitioning="hive").to_table().to_pylist():
            rows_by_id.setdefault(row["gazette_id"], []).append(row)
        tables[table] = rows_by_id
    return tables


def partition_ids(dataset: Path, table: str) -> set[str]:
    """The gazette ids of a table's partition folders."""
    return {p.name.removeprefix("gazette_id=") for p in (dataset / table).iterdir()}


def single_file_tables(extraction, out: Path) -> dict[str, list[dict]]:
    """What single-file ``extract`` writes for an extraction: table → rows."""
    write.write_outputs(extraction, out)
    return {table: pq.read_table(out / f"{table}.parquet").to_pylist() for table in write.table_names()}
