"""Throughput of ``gazette-extract batch`` on the local and Ray engines, and of a resumed re-run
(``make bench``, after bench.py).

Input: 20 distinct gazettes — samples/gazette-a.pdf and gazette-b.pdf copied ten times each with a comment
line appended after %%EOF, so every copy has its own sha256 (and is extracted, not skipped as
a duplicate) while its content is unchanged. Built into bench/results/cache/ (git-ignored).

Each measurement is the whole command in a fresh subprocess (interpreter start, and for Ray the
start of a local 2-CPU Ray, included), on 2 workers:

- ``local``  — ``batch INPUTS --out DS --workers 2`` into an empty dataset;
- ``ray``    — the same with ``--engine ray`` (a local Ray of 2 CPUs) into another empty dataset;
- ``resume`` — the local command again on the finished local dataset (every file skipped).

Wall time depends on what else runs on the machine (its load average is recorded); CPU seconds
of the local runs are steadier.

Prints a table and writes bench/results/batch-<timestamp>.json and batch-latest.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
INPUTS = RESULTS / "cache" / "batch-inputs"
# the two layouts of the seed issue (111 and 101 pages), as in the README's figures
SAMPLES = [ROOT / "samples" / "gazette-a.pdf", ROOT / "samples" / "gazette-b.pdf"]


def build_inputs(files: int) -> Path:
    """``files`` distinct PDFs made from the samples: a numbered comment after %%EOF changes the
    sha256 and nothing a reader sees."""
    shutil.rmtree(INPUTS, ignore_errors=True)
    INPUTS.mkdir(parents=True)
    for index in range(files):
        sample = SAMPLES[index % len(SAMPLES)]
        data = sample.read_bytes() + f"%bench copy {index}\n".encode()
        (INPUTS / f"{sample.stem}-{index:02d}.pdf").write_bytes(data)
    return INPUTS


def timed_batch(inputs: Path, dataset: Path, workers: int, *extra: str) -> tuple[float, float]:
    """Wall seconds of the command, and CPU seconds of its process and the children it waited
    for (the pool's workers; Ray's workers belong to Ray's own processes and are not counted)."""
    command = [sys.executable, "-m", "gazette_extract.cli", "batch", str(inputs), "--out", str(dataset)]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run([*command, "--workers", str(workers), "--quiet", *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"batch failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20, help="distinct gazettes in the input folder")
    parser.add_argument("--workers", type=int, default=2, help="workers of each engine")
    args = parser.parse_args()
    inputs = build_inputs(args.files)
    results = {}
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        local, ray = Path(tmp) / "local", Path(tmp) / "ray"
        results["local"] = timed_batch(inputs, local, args.workers)
        pages = sum(pq.read_table(local / "manifest.parquet", columns=["pages"]).column("pages").to_pylist())
        results["ray"] = timed_batch(inputs, ray, args.workers, "--engine", "ray")
        results["resume"] = timed_batch(inputs, local, args.workers)
    rows = []
    print(f"{args.files} gazettes, {pages} pages, {args.workers} workers")
    print(f"{'run':<8} {'seconds':>8} {'files/s':>8} {'pages/s':>8} {'cpu s':>8}")
    for run, (seconds, cpu) in results.items():
        rows.append({"run": run, "seconds": round(seconds, 2), "files_per_s": round(args.files / seconds, 3),
                     "pages_per_s": round(pages / seconds, 1), "cpu_seconds": round(cpu, 1)})
        print(f"{run:<8} {seconds:>8.1f} {args.files / seconds:>8.2f} {pages / seconds:>8.1f} {cpu:>8.1f}")
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()},
        "files": args.files,
        "pages": pages,
        "workers": args.workers,
        "runs": rows,
    }
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"batch-{stamp}.json", "batch-latest.json"):
        (RESULTS / name).write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
