"""Checks (校验): 目录 ↔ documents."""

from __future__ import annotations

from ..models import Check, Document, Extraction
from .common import (
    TOC_CHECKS,
    check,
    title_key,
)

# ---------------------------------------------------------------- TOC ↔ documents


def _is_gazette(extraction: Extraction) -> bool:
    return bool(extraction.gazette.title) or extraction.toc_found or bool(extraction.toc)


def check_toc(extraction: Extraction) -> list[Check]:
    """目录 ↔ documents: each entry matched once on its page, nothing missing, same order."""
    gid = extraction.gazette.gazette_id
    docs = extraction.documents
    if not _is_gazette(extraction):
        msg = "no 目录 and no gazette cover: extracted as standalone document(s); 目录 checks skipped"
        return [check(gid, name, "目录", "a 目录", "none (standalone PDF)", True, msg, skipped=True) for name in TOC_CHECKS]
    if not extraction.toc:
        title = extraction.gazette.title or "the gazette"
        why = (
            f"目录 not found: {title} has a cover or running header but no 目录 page was found"
            if not extraction.toc_found
            else f"目录 not found: a 目录 heading was found in {title} but no entry could be read from it"
        )
        numbered = [d for d in docs if d.doc_number]
        return [
            check(gid, "toc_entry_matched", "目录", "目录 entries", "目录 not found", False, why),
            check(gid, "toc_page", "目录", "printed pages cited by the 目录", "目录 not found", False, why),
            check(gid, "toc_title", "目录", "titles printed in the 目录", "目录 not found", False, why),
            check(
                gid, "document_in_toc", "目录", f"{len(numbered)} document(s) listed in the 目录",
                "目录 not found", False, why + f"; {len(docs)} document(s) extracted without it",
            ),
            check(gid, "toc_order", "目录", "目录 order = document order", "目录 not found", False, why),
        ]

    checks: list[Check] = []
    by_number: dict[str, list[Document]] = {}
    by_title: dict[str, list[Document]] = {}
    for d in docs:
        if d.doc_number:
            by_number.setdefault(d.doc_number, []).append(d)
        if d.title:
            by_title.setdefault(title_key(d.title), []).append(d)

    matched_docs: list[tuple[int, Document]] = []  # (toc seq, document)
    for e in extraction.toc:
        subject = e.doc_number or f"目录 #{e.seq} «{e.title}»"
        where = f"目录 entry #{e.seq} on PDF p.{e.page}"
        if e.doc_number:
            found = by_number.get(e.doc_number, [])
            key = f"文号 {e.doc_number}"
        else:
            found = by_title.get(title_key(e.title), [])
            key = f"title «{e.title}» (the entry has no 文号)"
        ok = len(found) == 1
        if ok:
            msg = f"{where}: one document with {key} (PDF p.{found[0].page_start})"
        elif not found:
            msg = f"{where}: no document with {key} was extracted"
        else:
            pages = ", ".join(f"PDF p.{d.page_start}" for d in found)
            msg = f"{where}: {len(found)} documents with {key} ({pages})"
        checks.append(check(gid, "toc_entry_matched", subject, "1 document", f"{len(found)} document(s)", ok, msg))
        if len(found) != 1:
            continue
        doc = found[0]
        matched_docs.append((e.seq, doc))
        same = title_key(doc.title) == title_key(e.title)
        msg = (
            f"{where}: the document (PDF p.{doc.page_start}) has the title the 目录 prints"
            if same
            else f"{where}: the 目录 prints «{e.title}», the document (PDF p.{doc.page_start}) is titled «{doc.title or ''}»"
        )
        checks.append(check(gid, "toc_title", subject, e.title, doc.title or "none", same, msg))
        if e.printed_page is None:
            checks.append(
                check(gid, "toc_page", subject, "a printed page in the 目录", "none", False, f"{where}: the entry cites no page")
            )
            continue
        start = doc.printed_page_start
        ok = start == e.printed_page
        if ok:
            msg = f"{where}: document starts on printed page {start} as the 目录 says"
        elif start is None:
            msg = f"{where}: the 目录 cites page {e.printed_page}, but PDF p.{doc.page_start} where the document starts has no printed page number"
        else:
            msg = f"{where}: the 目录 cites page {e.printed_page}, the document starts on printed page {start} (PDF p.{doc.page_start})"
        checks.append(check(gid, "toc_page", subject, e.printed_page, start if start is not None else "none", ok, msg))

    toc_numbers = {e.doc_number for e in extraction.toc if e.doc_number}
    toc_titles = {title_key(e.title) for e in extraction.toc}
    for d in docs:
        if not d.doc_number:
            continue  # a document without 文号 can only be matched by title, from the entry side
        listed = d.doc_number in toc_numbers or (d.title is not None and title_key(d.title) in toc_titles)
        msg = (
            f"{d.doc_number} (PDF p.{d.page_start}) is listed in the 目录"
            if listed
            else f"{d.doc_number} «{d.title or ''}» (PDF p.{d.page_start}) is printed but not listed in the 目录"
        )
        checks.append(check(gid, "document_in_toc", d.doc_number, "listed in the 目录", "listed" if listed else "missing", listed, msg))

    # Order: the matched documents, taken in 目录 order, must be in printed order.
    seq_of_doc = {id(doc): seq for seq, doc in matched_docs}
    printed_order = [seq_of_doc[id(d)] for d in docs if id(d) in seq_of_doc]
    toc_order = sorted(printed_order)
    ok = printed_order == toc_order
    if ok:
        msg = f"the {len(printed_order)} matched documents are printed in 目录 order"
    else:
        first = next(i for i, (a, b) in enumerate(zip(printed_order, toc_order)) if a != b)
        entry = next(e for e in extraction.toc if e.seq == printed_order[first])
        doc = next(d for s, d in matched_docs if s == printed_order[first])
        msg = (
            f"document #{first + 1} in print order is 目录 entry #{entry.seq} "
            f"({entry.doc_number or entry.title}, PDF p.{doc.page_start}); the 目录 puts entry #{toc_order[first]} there"
        )
    checks.append(
        check(
            gid, "toc_order", "目录", "目录 entries " + ",".join(map(str, toc_order)),
            "printed as " + ",".join(map(str, printed_order)), ok, msg,
        )
    )
    return checks
