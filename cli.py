"""Thin shim: ``python cli.py …`` behaves exactly like ``gazette-extract …``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from gazette_extract.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
