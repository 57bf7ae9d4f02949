"""Every ```python block of README.md runs against a real extraction and a real batch dataset.

The blocks run in a temporary folder holding ``out/demo/`` (sample A extracted, as ``make demo``
does) and ``dataset/`` (the batch dataset of tests/dataset_helpers.py's input folder), so an
example that stops working (a renamed column, a reserved SQL word) fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gazette_extract.write import write_outputs

README = Path(__file__).resolve().parents[1] / "README.md"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
BLOCKS = PYTHON_BLOCK.findall(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readme_folder(tmp_path_factory, extraction_a, batch_runs) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    write_outputs(extraction_a, folder / "out" / "demo")
    (folder / "dataset").symlink_to(batch_runs.dataset, target_is_directory=True)
    return folder


def test_readme_shows_single_file_and_dataset_reads_in_every_library():
    code = "\n".join(BLOCKS)
    for needle in ("pd.read_parquet(\"out/demo", "pl.read_parquet(\"out/demo", "FROM 'out/demo",
                   "ds.dataset(\"dataset/", "pl.scan_parquet(\"dataset/", "hive_partitioning = true"):
        assert needle in code, needle


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=lambda i: f"block{i + 1}")
def test_readme_python_block_runs(index, readme_folder, monkeypatch):
    monkeypatch.chdir(readme_folder)
    exec(compile(BLOCKS[index], f"README.md python block {index + 1}", "exec"), {"__name__": "readme"})
