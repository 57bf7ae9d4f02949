"""manifest.parquet (清单): one row per input file of a batch dataset, rewritten atomically.

The manifest is the batch's memory: a re-run skips the files whose sha256 has an ``ok`` row of
the same extractor version. Counts are one ``n_<table>`` column per table of the output
contract (the list comes from write.py), so a table added there gets its count here.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ConfigDict, Field

from .. import write

MANIFEST_FILE = "manifest.parquet"


class ManifestRow(BaseModel):
    """What happened to one input file."""

    model_config = ConfigDict(frozen=True)

    source_path: str = Field(description="the input file, as an absolute path")
    sha256: str | None = Field(description="sha256 of the file (null when it cannot be read)")
    gazette_id: str | None = Field(description="its partition key: the first 16 hex characters of sha256")
    status: Literal["ok", "failed"]
    error: str | None = Field(None, description="the one-line error of a failed file")
    pages: int | None = None
    seconds: float = Field(0.0, description="extraction and writing time of the file")
    rows: dict[str, int] = Field(default_factory=dict, description="rows written per table (n_<table> columns)")
    checks_failed: int | None = None
    reader: str | None = Field(None, description="the PDF reader the extraction used")
    extractor_version: str
    finished_at: dt.datetime
    duplicate_of: str | None = Field(None, description="the input of the same content that was extracted")


def schema() -> pa.Schema:
    """The manifest's Arrow schema: the fields above with ``rows`` spread into n_<table> columns."""
    fields = [
        ("source_path", pa.string()),
        ("sha256", pa.string()),
        ("gazette_id", pa.string()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("pages", pa.int64()),
        ("seconds", pa.float64()),
        *((f"n_{table}", pa.int64()) for table in write.table_names()),
        ("checks_failed", pa.int64()),
        ("reader", pa.string()),
        ("extractor_version", pa.string()),
        ("finished_at", pa.timestamp("us", tz="UTC")),
        ("duplicate_of", pa.string()),
    ]
    return pa.schema(fields)


def _flat(row: ManifestRow) -> dict:
    flat = row.model_dump(exclude={"rows"})
    for table in write.table_names():
        flat[f"n_{table}"] = row.rows.get(table)
    return flat


def write_manifest(rows: list[ManifestRow], dataset: Path) -> None:
    """Write the manifest beside a temp name, then rename it over the old one (atomic)."""
    flat = [_flat(r) for r in sorted(rows, key=lambda r: r.source_path)]
    manifest_schema = schema()
    # through write.arrow_batch, as every output file: pyarrow's own list conversion would import
    # pandas (~0.3 s of a resumed run that extracts nothing)
    table = pa.Table.from_batches([write.arrow_batch(flat, manifest_schema)] if flat else [], schema=manifest_schema)
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST_FILE}.tmp-", dir=dataset)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, dataset / MANIFEST_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def read_manifest(dataset: Path) -> list[ManifestRow]:
    """The rows of an existing manifest (none when there is none yet); columns a newer version
    added are absent from older manifests and read as null."""
    path = dataset / MANIFEST_FILE
    if not path.is_file():
        return []
    rows = []
    # pyarrow imports pandas (~0.35 s of a resumed run) to read a zoned timestamp as Python, and to
    # open a file through pyarrow.dataset: one file is read by ParquetFile, and finished_at (UTC,
    # microseconds) as its integer
    with pq.ParquetFile(path) as manifest:
        table = manifest.read()
    stamps = [f.name for f in table.schema if pa.types.is_timestamp(f.type)]
    for name in stamps:
        table = table.set_column(table.column_names.index(name), name, table[name].cast(pa.int64()))
    for flat in table.to_pylist():
        for name in stamps:
            if flat[name] is not None:
                flat[name] = _UTC_EPOCH + dt.timedelta(microseconds=flat[name])
        counts = {k[2:]: v for k, v in flat.items() if k.startswith("n_") and v is not None}
        fields = {k: v for k, v in flat.items() if k in ManifestRow.model_fields}
        rows.append(ManifestRow(**fields, rows=counts))
    return rows
