"""JSON Schema (模式) of the output models, written to ``schemas/`` by ``make schemas``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .models import Extraction

SCHEMA_FILE = "gazette.schema.json"


def extraction_schema() -> dict:
    """The JSON Schema that gazette.json validates against."""
    return Extraction.model_json_schema(mode="serialization")


def render() -> str:
    return json.dumps(extraction_schema(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> None:
    target = Path(argv[0] if argv else "schemas")
    target.mkdir(parents=True, exist_ok=True)
    (target / SCHEMA_FILE).write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
