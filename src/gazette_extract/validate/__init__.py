"""Stage 6 — validate (校验): check an extraction against what the gazette itself states.

Every check is a row ``Check(gazette_id, check, subject, expected, actual, ok, skipped, message)``
saying what was expected, what was found and where (文号, table, page). The checks:

- ``toc_entry_matched``   each 目录 entry has exactly one document with its 文号 (title if none)
- ``toc_page``            that document starts on the printed page the 目录 cites
- ``toc_title``           its title reads as the 目录 prints it (spaces and full/half width aside)
- ``document_in_toc``     every document with a 文号 is listed in the 目录
- ``toc_order``           the 目录 lists the documents in the order they are printed
- ``table_stated_count``  a table's own 共N项 / 合计：N项 (row or caption) equals its data rows
- ``section_stated_count`` a section row's count (建设项目（52 项）) equals the rows under it
- ``text_stated_count``   each count the text states for a list (``Extraction.stated_counts``, found
                          and linked by the stated-counts stage, ``counts.py``) equals what it names:
                          the data rows of its table(s) (…名单（共17项）, 共40户（附件1）, 共N项 above
                          an attachment's tables, 铁路项目4项), or the approval items of its action
                          (取消N项 / 承接M项)
- ``starred_count``       "共N项（包括…M项）" with a ★ legend: M equals the rows starred in 序号
- ``seq_continuity``      the 序号 column runs 1..N without gaps or repeats (per section when
                          the numbering restarts in each section)
- ``document_fields``     each document has a title, 文号, issuer (落款) and sign date
- ``sign_date_window``    the sign date is not after the 出版日期 nor more than 2 years before it
- ``printed_page_continuity`` printed page numbers rise by one from page to page
- ``unmapped_glyphs``     a page whose font has no Unicode mapping (its glyphs were dropped)
- ``ocr_text_layer``      a page whose text is an OCR layer over a page image (may be wrong)
- ``references_resolved`` (info) a cited 文号 with the 机关代字 of one of the gazette's own documents
                          (某政发〔2017〕45号 in a gazette of 某政发 documents) is a document of the
                          gazette; an older document cited is normal, so this never fails the run
- ``page_readable``       every page could be read within the page limits; an unreadable page is
                          skipped (nothing extracted from it) and fails this check with the reason
- ``damage_recovered`` (info) the PDF library recovered from damage on a page or while opening
                          the file (a rebuilt cross-reference table, data lost while inflating):
                          worth a look, never a failure

Every check has a ``level``: ``error`` (a failed check fails ``validate`` and ``extract --strict``)
or ``info`` (a not-ok row is worth a look but never counts as a failure).

A PDF with neither a 目录 nor a gazette cover is a set of standalone documents: its TOC checks
are reported as skipped. A gazette (刊名 on its cover or running header) whose 目录 was not
found fails the TOC checks with a message that says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..errors import NotAnExtractionError
from ..models import Check, Extraction
from .common import SEQ_LABELS, SIGN_DATE_MAX_YEARS_BEFORE, TOC_CHECKS
from .documents import check_documents
from .pages import check_damage, check_page_notes, check_printed_pages
from .references import check_references
from .seq import check_seq
from .stated_counts import check_table_counts, check_text_counts
from .toc import check_toc

__all__ = [
    "SEQ_LABELS",
    "SIGN_DATE_MAX_YEARS_BEFORE",
    "TOC_CHECKS",
    "check_damage",
    "check_documents",
    "check_page_notes",
    "check_printed_pages",
    "check_references",
    "check_seq",
    "check_table_counts",
    "check_text_counts",
    "check_toc",
    "checks_of_output",
    "load_extraction",
    "run_checks",
]

# ---------------------------------------------------------------- entry points


def run_checks(extraction: Extraction) -> list[Check]:
    """Every check on one extraction (page-level facts come from its page notes)."""
    return [
        *check_toc(extraction),
        *check_table_counts(extraction),
        *check_text_counts(extraction),
        *check_seq(extraction),
        *check_documents(extraction),
        *check_printed_pages(extraction),
        *check_references(extraction),
        *check_page_notes(extraction.gazette.gazette_id, extraction.page_notes, extraction.gazette.page_count),
    ]


def load_extraction(out_dir: Path) -> Extraction:
    """Read OUT/gazette.json back into an Extraction, or raise NotAnExtractionError."""
    path = Path(out_dir) / "gazette.json"
    if not path.is_file():
        raise NotAnExtractionError(f"{out_dir} is not an extraction output: it has no gazette.json (run `gazette-extract extract` first)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotAnExtractionError(f"{path} cannot be read as JSON ({type(exc).__name__}: {exc})") from exc
    try:
        return Extraction.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"]) or "(top level)"
        raise NotAnExtractionError(
            f"{path} is not a gazette-extract result: {exc.error_count()} problem(s), first at {loc}: {first['msg']}"
        ) from exc


def checks_of_output(out_dir: Path) -> list[Check]:
    """Re-run the checks on a finished extraction in ``out_dir`` (page facts from its page notes)."""
    return run_checks(load_extraction(out_dir))
