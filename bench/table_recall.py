"""Recall of ruled tables against pdfplumber's own table finder (issue 14).

For every PDF given (default: every PDF of ../shared/corpus), pdfplumber's ``page.find_tables()``
(its default "lines" strategy) lists the tables it finds, each as (page, number of columns). A
table counts as recalled when one of ours covers that page with the same number of columns (our
leaf columns). Ours run through the real layout reader and table stage (not the whole pipeline,
which may refuse a PDF that holds no gazette at all). A PDF that cannot be read by either side
is reported, never raised.

    .venv/bin/python bench/table_recall.py [PDF ...]

Prints one line per PDF (found by pdfplumber, recalled, ours) and the overall recall.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pdfplumber

from gazette_extract import layout, tables
from gazette_extract.errors import GazetteError

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def plumber_tables(path: Path) -> list[tuple[int, int]]:
    """(page, columns) of every table pdfplumber finds."""
    out = []
    with pdfplumber.open(path) as pdf:
        for no, page in enumerate(pdf.pages, start=1):
            for t in page.find_tables():
                rows = t.extract()
                if rows:
                    out.append((no, max(len(r) for r in rows)))
            page.close()
    return out


def our_tables(path: Path) -> list[tuple[int, int, int]]:
    """(first page, last page, columns) of every table we find."""
    pdf = layout.open_pdf(path)
    try:
        pages = list(layout.iter_pages(pdf))
    finally:
        pdf.close()
    fragments = [f for p in pages for f in tables.find_fragments(p)]
    return [(t.page_start, t.page_end, len(t.columns)) for t in tables.build_tables(fragments, pages, "bench")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    found = recalled = 0
    for path in pdfs:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = plumber_tables(path)
        except Exception as exc:  # noqa: BLE001 — a peer's failure is reported, not ours to raise
            print(f"{path.name}: pdfplumber failed ({type(exc).__name__})")
            continue
        try:
            ours = our_tables(path)
        except GazetteError as exc:
            print(f"{path.name}: refused ({exc})")
            ours = []
        hits = sum(any(a <= page <= b and cols == n for a, b, n in ours) for page, cols in theirs)
        found += len(theirs)
        recalled += hits
        print(f"{path.name}: pdfplumber {len(theirs)}, recalled {hits}, ours {len(ours)}")
    if found:
        print(f"recall {recalled}/{found} = {recalled / found:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
