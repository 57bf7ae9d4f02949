"""The inputs of a batch (批量输入): PDF files and folders searched recursively, each hashed once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import pipeline
from ..errors import NoInputError

# Files hashed at once: hashing is I/O bound (hashlib releases the GIL), so threads suffice.
HASH_THREADS = 8


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file with its sha256 (None, with ``error`` set, when it cannot be read)."""

    path: Path
    sha256: str | None
    error: str | None = None

    @property
    def gazette_id(self) -> str | None:
        return pipeline.gazette_id_of(self.sha256) if self.sha256 else None


def find_pdfs(inputs: list[Path]) -> list[Path]:
    """The files to extract: files given by name (whatever their suffix) and every ``*.pdf``
    (any case) under the folders given, each once, in path order."""
    found: set[Path] = set()
    for given in inputs:
        if given.is_dir():
            found.update(p.resolve() for p in given.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
        elif given.is_file():
            found.add(given.resolve())
        else:
            raise NoInputError(f"{given}: no such file or folder")
    if not found:
        raise NoInputError(f"no PDF found in {', '.join(str(p) for p in inputs)}")
    return sorted(found)


def _hash(path: Path) -> InputFile:
    try:
        return InputFile(path, pipeline.sha256_of(path))
    except OSError as exc:
        return InputFile(path, None, f"{path}: cannot be read: {exc.strerror or exc}")


def hash_inputs(paths: list[Path]) -> list[InputFile]:
    """Every path with its sha256, in the order given."""
    with ThreadPoolExecutor(HASH_THREADS) as pool:
        return list(pool.map(_hash, paths))
