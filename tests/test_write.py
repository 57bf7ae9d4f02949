"""Unit tests of the write stage (write.py): Arrow types from the models and the atomic OUT/ swap."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from gazette_extract import write
from gazette_extract.errors import OutputNotWritableError
from gazette_extract.models import (
    Attachment,
    Cell,
    Check,
    Document,
    Extraction,
    GazetteInfo,
    Paragraph,
    Project,
    Table,
    TableRow,
    TocEntry,
)
from gazette_extract.write import arrow_schema, arrow_type, write_outputs

GID = "0123456789abcdef"
PARQUET = (
    "gazettes", "toc", "documents", "paragraphs", "attachments", "tables", "cells",
    "approval_items", "projects", "tasks", "roster_members", "references", "checks",
)
FILES = {f"{name}.parquet" for name in PARQUET} | {"gazette.json", "validation.json"}


# ---------------------------------------------------------------- Arrow types


@pytest.mark.parametrize(
    "annotation, expected",
    [
        (str, pa.string()),
        (int, pa.int64()),
        (float, pa.float64()),
        (bool, pa.bool_()),
        (dt.date, pa.date32()),
        (list[str], pa.list_(pa.string())),
        (Literal["cancelled", "delegated", "other"], pa.string()),
        (int | None, pa.int64()),
        (dt.date | None, pa.date32()),
        (list[str] | None, pa.list_(pa.string())),
    ],
)
def test_arrow_type_of_annotation(annotation, expected):
    assert arrow_type(annotation) == expected


def test_arrow_type_refuses_unknown_types():
    with pytest.raises(TypeError):
        arrow_type(dict[str, int])


def test_arrow_schema_has_one_nullable_column_per_field():
    schema = arrow_schema(TocEntry)
    assert schema.names == list(TocEntry.model_fields)
    assert schema.field("printed_page").type == pa.int64()
    assert all(f.nullable for f in schema)


def test_arrow_schema_excludes_nested_fields():
    schema = arrow_schema(Document, write.DOCUMENT_EXCLUDE)
    assert "paragraphs" not in schema.names and "attachments" not in schema.names
    assert schema.field("sign_date").type == pa.date32()
    assert schema.field("addressees").type == pa.list_(pa.string())


# ---------------------------------------------------------------- write_outputs


def extraction(title: str = "某市人民政府公报") -> Extraction:
    gazette = GazetteInfo(
        gazette_id=GID, source_file="gazette.pdf", sha256="0" * 64, title=title, year=2021, issue_no=4,
        total_issue_no=12, publish_date=dt.date(2021, 8, 31), publisher="某市人民政府办公室", page_count=40,
        extractor_version="test",
    )
    doc = Document(
        gazette_id=GID, doc_id="d01", seq=1, doc_number="某政发〔2021〕12号", doc_code="某政发", doc_year=2021,
        doc_serial=12, title="某市人民政府关于印发某市重点工程项目名单的通知", issuer="某市人民政府",
        addressees=["各县（市、区）人民政府", "市直各有关单位"], sign_date=dt.date(2021, 7, 31),
        publicity="此件公开发布", page_start=3, page_end=5,
        paragraphs=[Paragraph(text="一、总体要求", level=1, page=3), Paragraph(text="特此通知。", page=3)],
        attachments=[Attachment(gazette_id=GID, doc_number="某政发〔2021〕12号", label="附件1", title="重点工程项目名单", page_start=4, stated_count=1)],
    )
    table = Table(
        gazette_id=GID, doc_number="某政发〔2021〕12号", table_id="t01", title="重点工程项目名单", kind="projects",
        columns=["序号", "项目名称"], n_rows=1, stated_count=1, page_start=4, page_end=4,
        rows=[TableRow(row=0, page=4, top=120.0, bottom=140.0, texts=["1", "某某大道改造工程"], boxes=[(90, 120, 130, 140), (130, 120, 505, 140)])],
    )
    project = Project(gazette_id=GID, doc_number="某政发〔2021〕12号", table_id="t01", row=0, page=4, seq=1, name="某某大道改造工程")
    check = Check(gazette_id=GID, check="stated_count", subject="t01", expected="1", actual="1", ok=True, message="")
    return Extraction(
        gazette=gazette,
        toc=[TocEntry(gazette_id=GID, seq=1, section="市政府文件", title=doc.title, doc_number=doc.doc_number, printed_page=3, page=2)],
        documents=[doc], tables=[table], projects=[project], checks=[check], printed_pages=[None, None, 1, 2, 3],
        toc_found=True,
    )


def test_write_outputs_writes_every_file(tmp_path):
    out = tmp_path / "OUT"
    write_outputs(extraction(), out)
    assert {p.name for p in out.iterdir()} == FILES
    assert pq.read_table(out / "documents.parquet").to_pylist()[0]["addressees"] == ["各县（市、区）人民政府", "市直各有关单位"]
    assert pq.read_table(out / "paragraphs.parquet").column("level").to_pylist() == [1, 0]
    assert pq.read_table(out / "cells.parquet").column("text").to_pylist() == ["1", "某某大道改造工程"]
    assert pq.read_table(out / "attachments.parquet").column("stated_count").to_pylist() == [1]
    assert json.loads((out / "gazette.json").read_text(encoding="utf-8"))["gazette"]["title"] == "某市人民政府公报"
    assert json.loads((out / "validation.json").read_text(encoding="utf-8"))["ok"] is True


def test_write_outputs_parquet_schema_matches_the_model(tmp_path):
    out = tmp_path / "OUT"
    write_outputs(extraction(), out)
    assert pq.read_schema(out / "toc.parquet") == arrow_schema(TocEntry)
    assert pq.read_table(out / "gazettes.parquet").to_pylist()[0]["publish_date"] == dt.date(2021, 8, 31)


def test_paragraph_and_cell_rows_are_their_models_as_dicts():
    """The two row kinds made as plain dicts (for speed) have exactly their model's fields and values."""
    ex = extraction()
    for rows, model in ((write._paragraph_rows(ex), write.ParagraphRow), (write._cell_rows(ex), Cell)):
        rows = list(rows)
        assert rows
        for row in rows:
            assert list(row) == list(model.model_fields)
            assert model(**row).model_dump() == row
    assert list(write._cell_rows(ex))[1]["x1"] == 505.0


def test_second_write_replaces_out_and_leaves_no_temp_dir(tmp_path):
    out = tmp_path / "OUT"
    write_outputs(extraction("旧公报"), out)
    write_outputs(extraction("新公报"), out)
    assert json.loads((out / "gazette.json").read_text(encoding="utf-8"))["gazette"]["title"] == "新公报"
    assert [p.name for p in tmp_path.iterdir()] == ["OUT"]


def test_failed_write_leaves_earlier_out_intact_and_no_temp_dir(tmp_path, monkeypatch):
    out = tmp_path / "OUT"
    write_outputs(extraction("旧公报"), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    real_write_parquet = write.write_parquet
    calls = {"n": 0}

    def failing_write_parquet(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real_write_parquet(*args, **kwargs)

    monkeypatch.setattr(write, "write_parquet", failing_write_parquet)
    with pytest.raises(OutputNotWritableError):
        write_outputs(extraction("新公报"), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["OUT"]


def test_non_oserror_midway_also_cleans_up(tmp_path, monkeypatch):
    out = tmp_path / "OUT"

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(write, "write_parquet", boom)
    with pytest.raises(RuntimeError):
        write_outputs(extraction(), out)
    assert list(tmp_path.iterdir()) == []


def test_out_path_that_is_a_file_is_not_writable(tmp_path):
    out = tmp_path / "OUT"
    out.write_text("a file, not a directory")
    with pytest.raises(OutputNotWritableError):
        write_outputs(extraction(), out)
    assert out.read_text() == "a file, not a directory"
    assert [p.name for p in tmp_path.iterdir()] == ["OUT"]


def test_validation_summary_counts():
    checks = [
        Check(gazette_id=GID, check="c", subject="a", expected="1", actual="1", ok=True, message=""),
        Check(gazette_id=GID, check="c", subject="b", expected="1", actual="2", ok=False, message="mismatch"),
        Check(gazette_id=GID, check="c", subject="c", expected="", actual="", ok=False, skipped=True, message="no 目录"),
    ]
    summary = write.validation_summary(checks)
    assert (summary["ok"], summary["passed"], summary["failed"], summary["skipped"]) == (False, 1, 1, 1)


def test_failed_swap_puts_the_earlier_out_back(tmp_path, monkeypatch):
    out = tmp_path / "OUT"
    write_outputs(extraction("旧公报"), out)
    real_rename = write.os.rename

    def rename(src, dst):
        if ".tmp-" in str(src):
            raise OSError(18, "Invalid cross-device link")
        return real_rename(src, dst)

    monkeypatch.setattr(write.os, "rename", rename)
    with pytest.raises(OutputNotWritableError):
        write_outputs(extraction("新公报"), out)
    assert json.loads((out / "gazette.json").read_text(encoding="utf-8"))["gazette"]["title"] == "旧公报"
    assert [p.name for p in tmp_path.iterdir()] == ["OUT"]


def test_streamed_json_equals_the_model_dump(tmp_path):
    ex = extraction("公报")
    path = tmp_path / "gazette.json"
    write.write_json(ex, path)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(ex.model_dump_json())
    assert "公报" in path.read_text(encoding="utf-8")  # not ASCII-escaped


def test_parquet_written_in_batches_keeps_every_row(tmp_path, monkeypatch):
    monkeypatch.setattr(write, "BATCH_ROWS", 2)
    schema = pa.schema([pa.field("n", pa.int64())])
    write.write_parquet(tmp_path / "n.parquet", schema, ({"n": i} for i in range(5)))
    assert pq.read_table(tmp_path / "n.parquet").column("n").to_pylist() == [0, 1, 2, 3, 4]
    write.write_parquet(tmp_path / "empty.parquet", schema, iter(()))
    empty = pq.read_table(tmp_path / "empty.parquet")
    assert empty.num_rows == 0 and empty.schema.names == ["n"]


def test_arrow_batch_equals_pyarrows_own_conversion():
    """The JSON-lines path gives the values pyarrow's own list conversion gives: dates, nulls,
    lists, CJK text, floats that print long, large ints, booleans, UTC timestamps (the manifest)."""
    schema = pa.schema(
        [
            ("d", pa.date32()),
            ("f", pa.float64()),
            ("n", pa.int64()),
            ("b", pa.bool_()),
            ("s", pa.string()),
            ("l", pa.list_(pa.string())),
            ("t", pa.timestamp("us", tz="UTC")),
        ]
    )
    utc = dt.timezone.utc
    rows = [
        {"d": dt.date(2021, 4, 1), "f": 0.1 + 0.2, "n": 2**53 + 1, "b": True, "s": "朔政办发〔2021〕32号", "l": ["甲", ""],
         "t": dt.datetime(2026, 11, 30, 12, 1, 2, 345678, tzinfo=utc)},
        {"d": dt.date(1969, 12, 31), "f": -1e-300, "n": -7, "b": False, "s": 'a"\\\n\t', "l": [],
         "t": dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=utc)},
        {"d": None, "f": None, "n": None, "b": None, "s": None, "l": None, "t": None},
    ]
    assert write.arrow_batch(rows, schema).equals(pa.RecordBatch.from_pylist(rows, schema=schema))


def test_arrow_batch_refuses_a_row_with_a_field_the_schema_lacks():
    with pytest.raises(pa.ArrowInvalid):
        write.arrow_batch([{"s": "a", "extra": 1}], pa.schema([("s", pa.string())]))


def test_extract_does_not_import_pandas(tmp_path):
    """Writing never makes pyarrow import pandas (it would cost ~0.3 s and ~56 MB per run),
    even where pandas is installed, as in the dev environment that runs this test."""
    pytest.importorskip("pandas")
    sample = Path(__file__).resolve().parents[1] / "samples" / "gazette-b.pdf"
    code = (
        "import sys, typer.main\n"
        "from gazette_extract import cli\n"
        f"typer.main.get_command(cli.app).main(args=['extract', {str(sample)!r}, '--out', {str(tmp_path / 'out')!r},"
        " '--quiet'], standalone_mode=False)\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
    assert (tmp_path / "out" / "cells.parquet").exists()
