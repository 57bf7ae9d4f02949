"""The committed JSON Schema in schemas/ is the one the models produce (run `make schemas`)."""

from pathlib import Path

from gazette_extract import schema


def test_committed_schema_is_current():
    committed = Path(__file__).resolve().parents[1] / "schemas" / schema.SCHEMA_FILE
    assert committed.read_text(encoding="utf-8") == schema.render(), "schemas/ is stale: run `make schemas`"
