"""The root cli.py shim behaves like the gazette-extract console script."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)


def test_root_shim_and_module_give_the_same_answers():
    shim = run("cli.py", "version")
    module = run("-m", "gazette_extract.cli", "version")
    assert shim.returncode == module.returncode == 0
    assert shim.stdout == module.stdout and shim.stdout.strip()


def test_root_shim_reports_bad_input_in_one_line(tmp_path):
    bad = tmp_path / "note.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    result = run("cli.py", "extract", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "not a PDF" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_start_loads_neither_the_reference_reader_nor_the_report_libraries():
    """`gazette-extract extract` with the default reader needs neither pdfplumber/pdfminer nor the
    report's jinja2/Pillow: they load on first use, not at every start of the command."""
    code = "import sys, gazette_extract.cli; print(sorted(m for m in ('pdfplumber', 'pdfminer', 'jinja2', 'PIL') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
