"""Checks (校验): constants and helpers every check module uses."""

from __future__ import annotations

import unicodedata

import regex

from .. import patterns
from ..models import Check, Document, Table

# A sign date may precede the 出版日期 by at most this many years.
SIGN_DATE_MAX_YEARS_BEFORE = 2

TOC_CHECKS = ("toc_entry_matched", "toc_page", "toc_title", "document_in_toc", "toc_order")

# Header labels of a 序号 column (compared with spaces removed, case-folded).
SEQ_LABELS = {"序号", "编号", "no", "no.", "№"}
# A 序号 cell that is only an ellipsis (template rows 1, 2, 3, ..) is not a number and not an error.
ELLIPSIS = regex.compile(r"^[.．。…·⋯\s]*$")

# ---------------------------------------------------------------- helpers


def check(
    gid: str, name: str, subject: str, expected, actual, ok: bool, message: str, skipped: bool = False, level: str = "error"
) -> Check:
    return Check(
        level=level,
        gazette_id=gid,
        check=name,
        subject=subject,
        expected=str(expected),
        actual=str(actual),
        ok=ok,
        skipped=skipped,
        message=message,
    )


def compact(text: str | None) -> str:
    """Text without any whitespace, for comparing titles."""
    return patterns.remove_whitespace(text or "")


def title_key(text: str | None) -> str:
    """A title for comparison: NFKC (full/half-width alike), no whitespace, one kind of dash."""
    return regex.sub(r"[—–－‐-]+", "-", compact(unicodedata.normalize("NFKC", text or "")))


def doc_label(doc: Document) -> str:
    """How a check names a document: its 文号, else its id and title."""
    if doc.doc_number:
        return doc.doc_number
    return f"{doc.doc_id} {doc.title or '(untitled)'}"


def table_label(t: Table) -> str:
    return t.table_id


def table_where(t: Table) -> str:
    parts = [t.doc_number or "no 文号"]
    if t.attachment_label:
        parts.append(t.attachment_label)
    if t.title:
        parts.append(f"«{t.title}»")
    pages = f"p.{t.page_start}" if t.page_start == t.page_end else f"pp.{t.page_start}-{t.page_end}"
    parts.append(f"PDF {pages}")
    return ", ".join(parts)

def seq_column(t: Table) -> int | None:
    for i, label in enumerate(t.columns):
        leaf = compact(label).split("/")[-1].casefold()
        if leaf in SEQ_LABELS:
            return i
    return None
