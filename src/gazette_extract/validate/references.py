"""Checks (校验): cited documents (引用文件)."""

from __future__ import annotations

from ..models import Check, Extraction, Reference
from .common import (
    check,
)

# ---------------------------------------------------------------- cited documents


def check_references(extraction: Extraction) -> list[Check]:
    """references_resolved (info): each cited 文号 of the gazette's own 机关代字 names a document of it."""
    gid = extraction.gazette.gazette_id
    own_codes = {d.doc_code for d in extraction.documents if d.doc_code}
    citing: dict[str, list[Reference]] = {}
    for ref in extraction.references:
        if ref.cited_doc_code in own_codes and ref.cited_doc_number:
            citing.setdefault(ref.cited_doc_number, []).append(ref)
    if not citing:
        return [check(gid, "references_resolved", "引用文件", "a cited 文号 of the gazette's own 机关代字", "none",
                       True, "no citation of a 文号 with the 机关代字 of this gazette's documents", skipped=True,
                       level="info")]
    checks = []
    for number, refs in citing.items():
        target = refs[0].cited_doc_id
        by = ", ".join(dict.fromkeys(f"{r.doc_number or r.doc_id} (PDF p.{r.page})" for r in refs))
        found = f"is document {target} of this gazette" if target else "is not a document of this gazette (an earlier one)"
        checks.append(check(gid, "references_resolved", number, "a document of this gazette", target or "none",
                             target is not None, f"《{refs[0].cited_title}》（{number}）cited by {by} {found}",
                             level="info"))
    return checks
