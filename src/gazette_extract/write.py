"""Stage 7 — write: Parquet files with explicit Arrow schemas and ``gazette.json``, atomically.

Arrow schemas are derived from the pydantic models, so the Parquet files and the JSON hold the
same facts with the same names. Everything is written into a temporary directory beside OUT/
and swapped into place at the end: a failed run leaves the previous OUT/ untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import types
import typing
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
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
    """Arrow schema with one column per scalar or list field of ``model``."""
    fields = []
    for name, info in model.model_fields.items():
        if name in exclude:
            continue
        fields.append(pa.field(name, arrow_type(info.annotation), nullable=True))
    return pa.schema(fields)


# Nested fields live in their own files (attachments, cells) or only in gazette.json.
DOCUMENT_EXCLUDE = ("paragraphs", "attachments")
TABLE_EXCLUDE = ("rows", "sections")


class ParagraphRow(BaseModel):
    """A row of paragraphs.parquet: one paragraph of a document body with its heading level."""

    gazette_id: str
    doc_id: str
    doc_number: str | None
    seq: int
    level: int
    text: str
    page: int


def _rows(models: list[BaseModel], exclude: tuple[str, ...] = ()) -> list[dict]:
    return [m.model_dump(exclude=set(exclude)) for m in models]


def tables_of(extraction: Extraction) -> dict[str, tuple[pa.Schema, list[dict]]]:
    """Every Parquet file's schema and rows."""
    gid = extraction.gazette.gazette_id
    attachments: list[Attachment] = [a for d in extraction.documents for a in d.attachments]
    paragraphs = [
        ParagraphRow(gazette_id=gid, doc_id=d.doc_id, doc_number=d.doc_number, seq=i, level=p.level, text=p.text, page=p.page)
        for d in extraction.documents
        for i, p in enumerate(d.paragraphs)
    ]
    cells = [
        Cell(
            gazette_id=gid,
            table_id=t.table_id,
            row=r.row,
            col=c,
            column=t.columns[c] if c < len(t.columns) else f"col{c}",
            text=text,
            page=r.page,
            x0=r.boxes[c][0] if c < len(r.boxes) else 0.0,
            top=r.boxes[c][1] if c < len(r.boxes) else r.top,
            x1=r.boxes[c][2] if c < len(r.boxes) else 0.0,
            bottom=r.boxes[c][3] if c < len(r.boxes) else r.bottom,
        )
        for t in extraction.tables
        for r in t.rows
        for c, text in enumerate(r.texts)
    ]
    return {
        "gazettes": (arrow_schema(GazetteInfo), _rows([extraction.gazette])),
        "toc": (arrow_schema(TocEntry), _rows(extraction.toc)),
        "documents": (arrow_schema(Document, DOCUMENT_EXCLUDE), _rows(extraction.documents, DOCUMENT_EXCLUDE)),
        "paragraphs": (arrow_schema(ParagraphRow), _rows(paragraphs)),
        "attachments": (arrow_schema(Attachment), _rows(attachments)),
        "tables": (arrow_schema(Table, TABLE_EXCLUDE), _rows(extraction.tables, TABLE_EXCLUDE)),
        "cells": (arrow_schema(Cell), _rows(cells)),
        "approval_items": (arrow_schema(ApprovalItem), _rows(extraction.approval_items)),
        "projects": (arrow_schema(Project), _rows(extraction.projects)),
        "tasks": (arrow_schema(Task), _rows(extraction.tasks)),
        "roster_members": (arrow_schema(RosterMember), _rows(extraction.roster_members)),
        "checks": (arrow_schema(Check), _rows(extraction.checks)),
    }


def validation_summary(checks: list[Check]) -> dict:
    """validation.json: the checks plus {ok, passed, failed, skipped}."""
    failed = sum(1 for c in checks if not c.ok and not c.skipped)
    return {
        "ok": failed == 0,
        "passed": sum(1 for c in checks if c.ok and not c.skipped),
        "failed": failed,
        "skipped": sum(1 for c in checks if c.skipped),
        "checks": [c.model_dump(mode="json") for c in checks],
    }


def write_outputs(extraction: Extraction, out_dir: Path) -> None:
    """Write every file into a temp dir beside ``out_dir``, then swap it into place."""
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    except OSError as exc:
        raise OutputNotWritableError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    try:
        for name, (schema, rows) in tables_of(extraction).items():
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp / f"{name}.parquet")
        (tmp / "gazette.json").write_text(extraction.model_dump_json(indent=1), encoding="utf-8")
        (tmp / "validation.json").write_text(
            json.dumps(validation_summary(extraction.checks), ensure_ascii=False, indent=1), encoding="utf-8"
        )
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
