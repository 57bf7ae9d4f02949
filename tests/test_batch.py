"""gazette-extract batch: the issue's "done when" on real PDFs, resume, kill -9, Ray, bad arguments.

The input folder holds the two samples, three corpus PDFs (when ../shared/corpus is there), a
truncated PDF and a text file named .pdf. What the dataset must hold per good file is what
single-file ``extract`` writes for it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from dataset_helpers import (
    NOT_A_PDF,
    TRUNCATED,
    dataset_tables,
    partition_ids,
    run_batch_cli,
    run_cli_startup,
    single_file_tables,
)

from gazette_extract import __version__, pipeline, write
from gazette_extract.batch import Engine, run_batch
from gazette_extract.batch.inputs import find_pdfs
from gazette_extract.errors import NoInputError

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_IDS = {"gazette-a.pdf", "gazette-b.pdf"}


def _manifest(dataset: Path) -> list[dict]:
    return pq.read_table(dataset / "manifest.parquet").to_pylist()


def _single_file(path: Path, extractions, out: Path) -> dict[str, list[dict]]:
    """Single-file output of a good input (the samples' extractions are cached per session)."""
    name = path.stem
    extraction = extractions.get(name) if path.name in SAMPLE_IDS else pipeline.run(path)
    return single_file_tables(extraction, out / name)


def test_batch_exits_1_with_a_manifest_row_per_file(batch_runs):
    assert batch_runs.first.returncode == 1, batch_runs.first.stderr
    rows = {Path(r["source_path"]).name: r for r in batch_runs.manifest_after_first}
    assert len(rows) == len(batch_runs.good) + 2
    assert sorted(r["status"] for r in rows.values()).count("ok") == len(batch_runs.good)
    assert rows[TRUNCATED]["status"] == "failed" and "damaged or truncated" in rows[TRUNCATED]["error"]
    assert rows[NOT_A_PDF]["status"] == "failed" and "is not a PDF" in rows[NOT_A_PDF]["error"]
    for path in batch_runs.good:
        row = rows[path.name]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        assert (row["sha256"], row["gazette_id"]) == (sha, sha[:16])
        assert row["error"] is None and row["pages"] > 0 and row["seconds"] > 0
        assert row["extractor_version"] == __version__ and row["reader"]
        assert row["finished_at"] is not None and row["checks_failed"] >= 0
    # the summary names each failed file and its error
    assert TRUNCATED in batch_runs.first.stdout and NOT_A_PDF in batch_runs.first.stdout


def test_every_table_is_one_hive_dataset_with_the_rows_of_single_file_extract(batch_runs, extractions, tmp_path):
    tables = batch_runs.tables_after_first
    manifest = {Path(r["source_path"]).name: r for r in batch_runs.manifest_after_first}
    good_ids = {manifest[p.name]["gazette_id"] for p in batch_runs.good}
    for table in write.table_names():
        assert partition_ids(batch_runs.dataset, table) == good_ids, table
    for path in batch_runs.good:
        gazette_id = manifest[path.name]["gazette_id"]
        expected = _single_file(path, extractions, tmp_path)
        for table in write.table_names():
            assert tables[table].get(gazette_id, []) == expected[table], (path.name, table)
            assert manifest[path.name][f"n_{table}"] == len(expected[table])
        json_dir = batch_runs.dataset / "json" / gazette_id
        assert sorted(p.name for p in json_dir.iterdir()) == ["gazette.json", "validation.json"]
    # both samples print the 交通强国 action plan, 朔政办发〔2021〕37号 (source text, 目录 entry 10)
    numbers_per_gazette = [{d["doc_number"] for d in rows} for rows in tables["documents"].values()]
    assert sum("朔政办发〔2021〕37号" in numbers for numbers in numbers_per_gazette) == 2


def test_rerun_resumes_in_under_a_quarter_of_the_time_and_changes_no_row(batch_runs):
    assert batch_runs.rerun.returncode == 1
    # the time of the batch's own work: each run less what starting the CLI costs (imports), which
    # is the same for both runs and, with the fast reader, no longer small beside two samples
    startup = run_cli_startup().seconds
    first, rerun = batch_runs.first.seconds - startup, batch_runs.rerun.seconds - startup
    assert rerun < first / 4, (batch_runs.rerun.seconds, batch_runs.first.seconds, startup)
    assert dataset_tables(batch_runs.dataset) == batch_runs.tables_after_first
    before = {r["source_path"]: r for r in batch_runs.manifest_after_first}
    after = {r["source_path"]: r for r in _manifest(batch_runs.dataset)}
    assert before.keys() == after.keys()
    for path, row in after.items():
        if row["status"] == "ok":
            assert row == before[path]  # not extracted again
        else:
            assert row["error"] == before[path]["error"]  # retried, failed the same way
    assert "already in the dataset (skipped)" in batch_runs.rerun.stdout
    assert not (batch_runs.dataset / ".staging").exists()


def test_ray_engine_gives_the_same_rows_as_the_local_engine(batch_runs, local_ray, tmp_path):
    report = run_batch([batch_runs.inputs], tmp_path / "ray", workers=2, engine=Engine.ray)
    assert len(report.failed) == 2 and len(report.rows) == len(batch_runs.good) + 2
    assert dataset_tables(tmp_path / "ray") == batch_runs.tables_after_first
    timing = ("seconds", "finished_at")
    ray_rows = [{k: v for k, v in r.items() if k not in timing} for r in _manifest(tmp_path / "ray")]
    local_rows = [{k: v for k, v in r.items() if k not in timing} for r in batch_runs.manifest_after_first]
    assert ray_rows == local_rows


def _staging_file_written(dataset: Path) -> bool:
    return any((dataset / ".staging").glob("*/*/part-0.parquet"))


def _a_partition_in_place(dataset: Path) -> bool:
    return any((dataset / "gazettes").glob("gazette_id=*"))


def _complete_partitions_only(dataset: Path, expected: dict[str, dict[str, list[dict]]]) -> None:
    """Every partition folder holds exactly part-0.parquet with all the rows of its gazette."""
    for table in write.table_names():
        folder = dataset / table
        for partition in folder.iterdir() if folder.is_dir() else ():
            assert [p.name for p in partition.iterdir()] == ["part-0.parquet"], partition
            gazette_id = partition.name.removeprefix("gazette_id=")
            assert pq.read_table(partition / "part-0.parquet").to_pylist() == expected[gazette_id][table]


def test_kill_9_mid_run_leaves_no_partial_partition_and_a_rerun_no_duplicates(tmp_path, extractions):
    inputs, dataset = tmp_path / "inputs", tmp_path / "dataset"
    inputs.mkdir()
    for name in ("gazette-a", "gazette-b"):
        shutil.copy(SAMPLES / f"{name}.pdf", inputs / f"{name}.pdf")
    shutil.copy(inputs / "gazette-a.pdf", inputs / "same-as-a.pdf")  # the same PDF under two names
    expected = {
        extractions.get(name).gazette.gazette_id: single_file_tables(extractions.get(name), tmp_path / name)
        for name in ("gazette-a", "gazette-b")
    }
    command = [sys.executable, "-m", "gazette_extract.cli", "batch", str(inputs), "--out", str(dataset), "-w", "2", "-q"]
    # killed while a partition is being written, then again while partitions are being renamed in
    for moment in (_staging_file_written, _a_partition_in_place):
        proc = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while proc.poll() is None and not moment(dataset) and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        _complete_partitions_only(dataset, expected)
    assert run_batch_cli(inputs, "--out", dataset, "-w", "2", "-q").returncode == 0
    tables = dataset_tables(dataset)
    for table in write.table_names():
        assert {gid: rows for gid, rows in tables[table].items()} == {gid: e[table] for gid, e in expected.items()}
    rows = {Path(r["source_path"]).name: r for r in _manifest(dataset)}
    assert len(rows) == 3 and all(r["status"] == "ok" for r in rows.values())
    assert rows["same-as-a.pdf"]["duplicate_of"] == rows["gazette-a.pdf"]["source_path"]
    assert rows["same-as-a.pdf"]["gazette_id"] == rows["gazette-a.pdf"]["gazette_id"]
    assert rows["gazette-a.pdf"]["duplicate_of"] is None


def test_inputs_are_pdfs_found_recursively_and_files_named_explicitly(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.pdf", "a/b/two.PDF", "a/b/notes.txt", "three.bin"):
        (tmp_path / name).write_bytes(b"x")
    found = find_pdfs([tmp_path / "a", tmp_path / "three.bin", tmp_path / "a" / "one.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/b/two.PDF", "a/one.pdf", "three.bin"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoInputError, match="no PDF found"):
        find_pdfs([tmp_path / "empty"])
    with pytest.raises(NoInputError, match="no such file or folder"):
        find_pdfs([tmp_path / "missing"])


def test_no_input_pdf_is_exit_2_in_one_line(tmp_path):
    result = run_batch_cli(tmp_path, "--out", tmp_path / "dataset")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no PDF found" in result.stderr
    assert not (tmp_path / "dataset").exists()


def test_bad_engine_is_exit_2(tmp_path):
    assert run_batch_cli(tmp_path, "--out", tmp_path / "dataset", "--engine", "spark").returncode == 2


def test_manifest_of_an_older_version_reads_with_null_for_the_columns_added_since(tmp_path):
    import datetime as dt

    import pyarrow as pa

    from gazette_extract.batch.manifest import read_manifest, write_manifest

    older = pa.table({
        "source_path": ["/archive/2021-04.pdf"], "sha256": ["ab" * 32], "gazette_id": ["ab" * 8],
        "status": ["ok"], "error": [None], "pages": [111], "seconds": [4.2], "n_projects": [114],
        "checks_failed": [1], "reader": ["pdfplumber"], "extractor_version": ["0.0.9"],
        "finished_at": [dt.datetime(2026, 11, 1, tzinfo=dt.UTC)],
    })
    pq.write_table(older, tmp_path / "manifest.parquet")
    (row,) = read_manifest(tmp_path)
    assert row.rows == {"projects": 114} and row.duplicate_of is None and row.pages == 111
    write_manifest([row], tmp_path)
    rewritten = _manifest(tmp_path)[0]
    assert rewritten["n_projects"] == 114 and rewritten["n_documents"] is None
    assert set(rewritten) == {f"n_{t}" for t in write.table_names()} | set(older.column_names) | {"duplicate_of"}


def test_reader_is_passed_to_every_file_and_named_in_the_manifest(tmp_path):
    from printed import Flow, document_head, signature, write_pdf

    flow = document_head(Flow(), ["关于做好春季防火工作的通知"], "某政办发〔2022〕3号", "各县（区）人民政府：")
    flow.paragraph("现将有关事项通知如下，请认真贯彻执行。")
    signature(flow, "某市人民政府办公室", "2022年3月1日")
    (tmp_path / "in").mkdir()
    pdf = write_pdf(tmp_path / "in" / "notice.pdf", flow.pages())
    for reader in ("pdfplumber", "pdfium"):
        dataset = tmp_path / reader
        report = run_batch([pdf.parent], dataset, workers=1, reader=reader)
        assert [r.status for r in report.rows] == ["ok"], report.rows
        assert [r["reader"] for r in _manifest(dataset)] == [reader]
        tables = {name: [row for rows in by_id.values() for row in rows] for name, by_id in dataset_tables(dataset).items()}
        assert [g["reader"] for g in tables["gazettes"]] == [reader]
        assert [d["doc_number"] for d in tables["documents"]] == ["某政办发〔2022〕3号"]
