"""Stage 7 — write: Parquet files with explicit Arrow schemas and ``gazette.json``, atomically.

Arrow schemas are derived from the pydantic models, so the Parquet files and the JSON hold the
same facts with the same names. Everything is written into a temporary directory beside OUT/
and swapped into place at the end: a failed run leaves the previous OUT/ untouched.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq
import pydantic_core
from pydantic import BaseModel

from .errors import OutputNotWritableError
from .models import (
    ApprovalItem,
    Attachment,
    Cell,
    Check,
    Document,
    Extraction,
    GazetteInfo,
    Project,
    Reference,
    RosterMember,
    Table,
    Task,
    TocEntry,
)

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}


def arrow_type(annotation) -> pa.DataType:
    """Arrow type of a model field annotation (Optional, Literal and list[str] included)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return arrow_type(args[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(typing.get_args(annotation)[0]))
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no Arrow type for {annotation!r}")


def arrow_schema(model: type[BaseModel], exclude: tuple[str, ...] = ()) -> pa.Schema:
    """Arrow schema with one column per scalar or list field of ``model`` (computed ones too)."""
    annotations = {name: info.annotation for name, info in model.model_fields.items()}
    annotations |= {name: info.return_type for name, info in model.model_computed_fields.items()}
    return pa.schema(
        pa.field(name, arrow_type(annotation), nullable=True)
        for name, annotation in annotations.items()
        if name not in exclude
    )


# Nested fields live in their own files (attachments, cells) or only in gazette.json.
DOCUMENT_EXCLUDE = ("paragraphs", "attachments")
TABLE_EXCLUDE = ("rows", "sections", "frames")


class ParagraphRow(BaseModel):
    """A row of paragraphs.parquet: one paragraph of a document body with its heading level."""

    gazette_id: str
    doc_id: str
    doc_number: str | None
    seq: int
    level: int
    text: str
    page: int


# Rows go to Parquet in batches of this many, so no file's rows are all in memory at once.
BATCH_ROWS = 4096


def _rows(models: Iterable[BaseModel], exclude: tuple[str, ...] = ()) -> Iterator[dict]:
    excluded = set(exclude)
    for m in models:
        yield m.model_dump(exclude=excluded)


# The two most numerous rows (a paragraph, a table cell) are made as plain dicts with the fields
# of their model (ParagraphRow, Cell; tests/test_write.py checks the keys), not as models:
# validating and dumping a model per row cost more than all the rest of writing. Their values
# are already validated fields of Document and Table.


def _paragraph_rows(extraction: Extraction) -> Iterator[dict]:
    gid = extraction.gazette.gazette_id
    for d in extraction.documents:
        for i, p in enumerate(d.paragraphs):
            yield {
                "gazette_id": gid,
                "doc_id": d.doc_id,
                "doc_number": d.doc_number,
                "seq": i,
                "level": p.level,
                "text": p.text,
                "page": p.page,
            }


def _cell_rows(extraction: Extraction) -> Iterator[dict]:
    gid = extraction.gazette.gazette_id
    for t in extraction.tables:
        for r in t.rows:
            for c, text in enumerate(r.texts):
                box = r.boxes[c] if c < len(r.boxes) else (0.0, r.top, 0.0, r.bottom)
                yield {
                    "gazette_id": gid,
                    "table_id": t.table_id,
                    "row": r.row,
                    "col": c,
                    "column": t.columns[c] if c < len(t.columns) else f"col{c}",
                    "text": text,
                    "page": r.page,
                    "x0": box[0],
                    "top": box[1],
                    "x1": box[2],
                    "bottom": box[3],
                }


def parquet_files(extraction: Extraction) -> dict[str, tuple[pa.Schema, Callable[[], Iterator[dict]]]]:
    """Every Parquet file's schema and a function yielding its rows (made as they are written)."""
    ex = extraction
    return {
        "gazettes": (arrow_schema(GazetteInfo), lambda: _rows([ex.gazette])),
        "toc": (arrow_schema(TocEntry), lambda: _rows(ex.toc)),
        "documents": (arrow_schema(Document, DOCUMENT_EXCLUDE), lambda: _rows(ex.documents, DOCUMENT_EXCLUDE)),
        "paragraphs": (arrow_schema(ParagraphRow), lambda: _paragraph_rows(ex)),
        "attachments": (arrow_schema(Attachment), lambda: _rows(a for d in ex.documents for a in d.attachments)),
        "tables": (arrow_schema(Table, TABLE_EXCLUDE), lambda: _rows(ex.tables, TABLE_EXCLUDE)),
        "cells": (arrow_schema(Cell), lambda: _cell_rows(ex)),
        "approval_items": (arrow_schema(ApprovalItem), lambda: _rows(ex.approval_items)),
        "projects": (arrow_schema(Project), lambda: _rows(ex.projects)),
        "tasks": (arrow_schema(Task), lambda: _rows(ex.tasks)),
        "roster_members": (arrow_schema(RosterMember), lambda: _rows(ex.roster_members)),
        "references": (arrow_schema(Reference), lambda: _rows(ex.references)),
        "checks": (arrow_schema(Check), lambda: _rows(ex.checks)),
    }


def table_names() -> list[str]:
    """The Parquet tables of the output contract, in order (``parquet_files`` is the one list)."""
    # the row functions are lazy, so an empty Extraction is enough to list the tables
    return list(parquet_files(Extraction.model_construct()))


def arrow_batch(rows: list[dict], schema: pa.Schema) -> pa.RecordBatch:
    """Rows as one Arrow record batch of ``schema``, through JSON lines read by Arrow's own JSON
    reader: converting Python values with ``pa.array``/``from_pylist`` makes pyarrow import
    pandas when it is installed (about 0.3 s and 56 MB of every run); this path never does.
    Each row is encoded by pydantic-core's JSON encoder (floats in their shortest round-trip
    form, so Arrow reads back the same doubles; a NaN would become null); dates go as days
    since 1970, since Arrow's JSON reader reads date32 from numbers, not strings."""
    dates = [field.name for field in schema if field.type == pa.date32()]
    if dates:
        rows = [_with_days(row, dates) for row in rows]
    encoded = b"\n".join(map(pydantic_core.to_json, rows))
    table = pa_json.read_json(
        io.BytesIO(encoded),
        read_options=pa_json.ReadOptions(use_threads=False, block_size=len(encoded) + 1),
        parse_options=pa_json.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error"),
    )
    return table.combine_chunks().to_batches()[0]


_EPOCH = dt.date(1970, 1, 1)


def _with_days(row: dict, dates: list[str]) -> dict:
    """``row`` with its date fields as days since 1970."""
    return row | {name: (row[name] - _EPOCH).days for name in dates if row.get(name) is not None}


def write_parquet(path: Path, schema: pa.Schema, rows: Iterable[dict]) -> int:
    """One Parquet file, written in batches; a file without rows still carries the full schema.
    Returns the number of rows written."""
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH_ROWS:
                writer.write_batch(arrow_batch(batch, schema))
                written += len(batch)
                batch = []
        if batch:
            writer.write_batch(arrow_batch(batch, schema))
            written += len(batch)
    return written


def write_json(extraction: Extraction, path: Path) -> None:
    """gazette.json, written field by field and item by item (the same JSON as
    ``extraction.model_dump_json()``), so the whole document is never one string in memory."""
    with path.open("wb") as fh:
        fh.write(b"{")
        for i, name in enumerate(Extraction.model_fields):
            value = getattr(extraction, name)
            fh.write((b"," if i else b"") + json.dumps(name).encode() + b":")
            if isinstance(value, BaseModel):
                fh.write(value.__pydantic_serializer__.to_json(value))
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                fh.write(b"[")
                for j, item in enumerate(value):
                    fh.write((b"," if j else b"") + item.__pydantic_serializer__.to_json(item))
                fh.write(b"]")
            else:
                fh.write(json.dumps(value, ensure_ascii=False).encode())
        fh.write(b"}")


def validation_summary(checks: list[Check]) -> dict:
    """validation.json: the checks plus {ok, passed, failed, skipped}; a not-ok check of info level
    is neither passed nor failed (it is listed with its level)."""
    failed = sum(1 for c in checks if c.failed)
    return {
        "ok": failed == 0,
        "passed": sum(1 for c in checks if c.ok and not c.skipped),
        "failed": failed,
        "skipped": sum(1 for c in checks if c.skipped),
        "info": sum(1 for c in checks if not c.ok and not c.skipped and not c.failed),
        "checks": [c.model_dump(mode="json") for c in checks],
    }


def write_json_files(extraction: Extraction, directory: Path) -> None:
    """gazette.json and validation.json into ``directory``."""
    write_json(extraction, directory / "gazette.json")
    (directory / "validation.json").write_text(
        json.dumps(validation_summary(extraction.checks), ensure_ascii=False, indent=1), encoding="utf-8"
    )


def write_outputs(extraction: Extraction, out_dir: Path) -> None:
    """Write every file into a temp dir beside ``out_dir``, then swap it into place."""
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    except OSError as exc:
        raise OutputNotWritableError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    try:
        for name, (schema, rows) in parquet_files(extraction).items():
            write_parquet(tmp / f"{name}.parquet", schema, rows())
        write_json_files(extraction, tmp)
        _swap_into_place(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputNotWritableError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``tmp``; an existing OUT/ survives until the new one is in place."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OSError(20, "Not a directory")
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.rename(out_dir, old)
        try:
            os.rename(tmp, out_dir)
        except OSError:
            os.rename(old, out_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, out_dir)
