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

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import regex
from pydantic import ValidationError

from . import counts, patterns
from .errors import NotAnExtractionError
from .models import Check, Document, Extraction, PageNote, Reference, Table

# A sign date may precede the 出版日期 by at most this many years.
SIGN_DATE_MAX_YEARS_BEFORE = 2

TOC_CHECKS = ("toc_entry_matched", "toc_page", "toc_title", "document_in_toc", "toc_order")

# Header labels of a 序号 column (compared with spaces removed, case-folded).
SEQ_LABELS = {"序号", "编号", "no", "no.", "№"}
# A 序号 cell that is only an ellipsis (template rows 1, 2, 3, ..) is not a number and not an error.
_ELLIPSIS = regex.compile(r"^[.．。…·⋯\s]*$")

# ---------------------------------------------------------------- helpers


def _check(
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


def _compact(text: str | None) -> str:
    """Text without any whitespace, for comparing titles."""
    return regex.sub(r"\s+", "", text or "")


def _title_key(text: str | None) -> str:
    """A title for comparison: NFKC (full/half-width alike), no whitespace, one kind of dash."""
    return regex.sub(r"[—–－‐-]+", "-", _compact(unicodedata.normalize("NFKC", text or "")))


def _doc_label(doc: Document) -> str:
    """How a check names a document: its 文号, else its id and title."""
    if doc.doc_number:
        return doc.doc_number
    return f"{doc.doc_id} {doc.title or '(untitled)'}"


def _table_label(t: Table) -> str:
    return t.table_id


def _table_where(t: Table) -> str:
    parts = [t.doc_number or "no 文号"]
    if t.attachment_label:
        parts.append(t.attachment_label)
    if t.title:
        parts.append(f"«{t.title}»")
    pages = f"p.{t.page_start}" if t.page_start == t.page_end else f"pp.{t.page_start}-{t.page_end}"
    parts.append(f"PDF {pages}")
    return ", ".join(parts)


# ---------------------------------------------------------------- TOC ↔ documents


def _is_gazette(extraction: Extraction) -> bool:
    return bool(extraction.gazette.title) or extraction.toc_found or bool(extraction.toc)


def check_toc(extraction: Extraction) -> list[Check]:
    """目录 ↔ documents: each entry matched once on its page, nothing missing, same order."""
    gid = extraction.gazette.gazette_id
    docs = extraction.documents
    if not _is_gazette(extraction):
        msg = "no 目录 and no gazette cover: extracted as standalone document(s); 目录 checks skipped"
        return [_check(gid, name, "目录", "a 目录", "none (standalone PDF)", True, msg, skipped=True) for name in TOC_CHECKS]
    if not extraction.toc:
        title = extraction.gazette.title or "the gazette"
        why = (
            f"目录 not found: {title} has a cover or running header but no 目录 page was found"
            if not extraction.toc_found
            else f"目录 not found: a 目录 heading was found in {title} but no entry could be read from it"
        )
        numbered = [d for d in docs if d.doc_number]
        return [
            _check(gid, "toc_entry_matched", "目录", "目录 entries", "目录 not found", False, why),
            _check(gid, "toc_page", "目录", "printed pages cited by the 目录", "目录 not found", False, why),
            _check(gid, "toc_title", "目录", "titles printed in the 目录", "目录 not found", False, why),
            _check(
                gid, "document_in_toc", "目录", f"{len(numbered)} document(s) listed in the 目录",
                "目录 not found", False, why + f"; {len(docs)} document(s) extracted without it",
            ),
            _check(gid, "toc_order", "目录", "目录 order = document order", "目录 not found", False, why),
        ]

    checks: list[Check] = []
    by_number: dict[str, list[Document]] = {}
    by_title: dict[str, list[Document]] = {}
    for d in docs:
        if d.doc_number:
            by_number.setdefault(d.doc_number, []).append(d)
        if d.title:
            by_title.setdefault(_title_key(d.title), []).append(d)

    matched_docs: list[tuple[int, Document]] = []  # (toc seq, document)
    for e in extraction.toc:
        subject = e.doc_number or f"目录 #{e.seq} «{e.title}»"
        where = f"目录 entry #{e.seq} on PDF p.{e.page}"
        if e.doc_number:
            found = by_number.get(e.doc_number, [])
            key = f"文号 {e.doc_number}"
        else:
            found = by_title.get(_title_key(e.title), [])
            key = f"title «{e.title}» (the entry has no 文号)"
        ok = len(found) == 1
        if ok:
            msg = f"{where}: one document with {key} (PDF p.{found[0].page_start})"
        elif not found:
            msg = f"{where}: no document with {key} was extracted"
        else:
            pages = ", ".join(f"PDF p.{d.page_start}" for d in found)
            msg = f"{where}: {len(found)} documents with {key} ({pages})"
        checks.append(_check(gid, "toc_entry_matched", subject, "1 document", f"{len(found)} document(s)", ok, msg))
        if len(found) != 1:
            continue
        doc = found[0]
        matched_docs.append((e.seq, doc))
        same = _title_key(doc.title) == _title_key(e.title)
        msg = (
            f"{where}: the document (PDF p.{doc.page_start}) has the title the 目录 prints"
            if same
            else f"{where}: the 目录 prints «{e.title}», the document (PDF p.{doc.page_start}) is titled «{doc.title or ''}»"
        )
        checks.append(_check(gid, "toc_title", subject, e.title, doc.title or "none", same, msg))
        if e.printed_page is None:
            checks.append(
                _check(gid, "toc_page", subject, "a printed page in the 目录", "none", False, f"{where}: the entry cites no page")
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
        checks.append(_check(gid, "toc_page", subject, e.printed_page, start if start is not None else "none", ok, msg))

    toc_numbers = {e.doc_number for e in extraction.toc if e.doc_number}
    toc_titles = {_title_key(e.title) for e in extraction.toc}
    for d in docs:
        if not d.doc_number:
            continue  # a document without 文号 can only be matched by title, from the entry side
        listed = d.doc_number in toc_numbers or (d.title is not None and _title_key(d.title) in toc_titles)
        msg = (
            f"{d.doc_number} (PDF p.{d.page_start}) is listed in the 目录"
            if listed
            else f"{d.doc_number} «{d.title or ''}» (PDF p.{d.page_start}) is printed but not listed in the 目录"
        )
        checks.append(_check(gid, "document_in_toc", d.doc_number, "listed in the 目录", "listed" if listed else "missing", listed, msg))

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
        _check(
            gid, "toc_order", "目录", "目录 entries " + ",".join(map(str, toc_order)),
            "printed as " + ",".join(map(str, printed_order)), ok, msg,
        )
    )
    return checks


# ---------------------------------------------------------------- stated counts


def check_table_counts(extraction: Extraction) -> list[Check]:
    """A table's 共N项 / 合计：N项 and each section's （N 项） against the rows extracted."""
    gid = extraction.gazette.gazette_id
    checks = []
    for t in extraction.tables:
        where = _table_where(t)
        # A count the text states for the table is checked as text_stated_count, with its phrase.
        if t.stated_count is not None and t.stated_count_source in (None, counts.OWN):
            ok = t.stated_count == t.n_rows
            msg = f"{where}: the table states {t.stated_count} item(s), {t.n_rows} data row(s) were extracted"
            checks.append(_check(gid, "table_stated_count", _table_label(t), t.stated_count, t.n_rows, ok, msg))
        for s in t.sections:
            if s.stated_count is None:
                continue
            n = sum(1 for r in t.rows if r.category == s.label)
            ok = n == s.stated_count
            msg = (
                f"{where}: section «{s.label}» (PDF p.{s.page}) states {s.stated_count} item(s), "
                f"{n} row(s) have category «{s.label}»"
            )
            checks.append(_check(gid, "section_stated_count", f"{t.table_id} / {s.label}", s.stated_count, n, ok, msg))
    return checks


def _seq_column(t: Table) -> int | None:
    for i, label in enumerate(t.columns):
        leaf = _compact(label).split("/")[-1].casefold()
        if leaf in SEQ_LABELS:
            return i
    return None


def _starred_rows(tables: Iterable[Table]) -> int | None:
    """Rows whose 序号 cell carries ★ (None when no table has a 序号 column)."""
    n, any_col = 0, False
    for t in tables:
        col = _seq_column(t)
        if col is None:
            continue
        any_col = True
        n += sum(1 for r in t.rows if col < len(r.texts) and patterns.STAR.search(r.texts[col]))
    return n if any_col else None


_HOW = {
    "attachment_list": "count in the 附件 list",
    "running_text": "running text",
    "attachment_text": "text of the attachment above its table(s)",
}


def check_text_counts(extraction: Extraction) -> list[Check]:
    """Each count the text states (``Extraction.stated_counts``, linked by the stated-counts stage)
    against what was extracted: the rows of its tables, the items of its action, the starred rows."""
    gid = extraction.gazette.gazette_id
    tables = {t.table_id: t for t in extraction.tables}
    docs = {d.doc_id: d for d in extraction.documents}
    checks = []
    for sc in extraction.stated_counts:
        doc = docs.get(sc.doc_id)
        subject = _doc_label(doc) if doc else (sc.doc_number or sc.doc_id)
        how = _HOW[sc.source] + (f", PDF p.{sc.page}" if sc.page is not None else "")
        tabs = [tables[i] for i in sc.table_ids if i in tables]
        lost = [i for i in sc.table_ids if i not in tables]
        ids = ", ".join(sc.table_ids)
        if sc.target == "action":
            items = [a for a in extraction.approval_items if a.doc_number == sc.doc_number and a.action == sc.action]
            n = len(items)
            msg = (
                f"{subject}: «{sc.phrase}» ({how}) states {sc.n}; "
                f"{n} approval item(s) with action {sc.action} were extracted"
                + (f" from table(s) {ids}" if ids else "")
            )
            checks.append(_check(gid, "text_stated_count", f"{subject} {sc.action}", sc.n, n, n == sc.n, msg))
            continue
        where = f"{subject} {sc.attachment_label}" if sc.attachment_label else subject
        if lost:
            msg = f"{where}: «{sc.phrase}» ({how}) names table(s) {', '.join(lost)}, which the extraction does not hold"
            name = "starred_count" if sc.target == "starred" else "text_stated_count"
            checks.append(_check(gid, name, where, sc.n, "table(s) missing", False, msg))
            continue
        if sc.target == "starred":
            starred = _starred_rows(tabs)
            if starred is None:
                msg = f"{where}: «{sc.phrase}» states {sc.n} starred item(s); table(s) {ids} have no 序号 column to count ★ in"
                checks.append(_check(gid, "starred_count", where, sc.n, "no 序号 column", True, msg, skipped=True))
                continue
            msg = (
                f"{where}: «{sc.phrase}» with a ★ legend ({how}) states {sc.n} starred item(s); "
                f"{starred} row(s) carry ★ in 序号 in table(s) {ids}"
            )
            checks.append(_check(gid, "starred_count", where, sc.n, starred, starred == sc.n, msg))
            continue
        if sc.target == "table" and len(tabs) == 1:
            where = f"{where} / {tabs[0].table_id}"
        rows = sum(t.n_rows for t in tabs)
        msg = (
            f"{where}: «{sc.phrase}» ({how}) states {sc.n}; "
            f"{rows} data row(s) in table(s) {ids} (PDF p.{tabs[0].page_start})"
        )
        if len(tabs) == 1 and tabs[0].stated_count_source == counts.OWN and tabs[0].stated_count != sc.n:
            msg += f"; the table itself states {tabs[0].stated_count}"
        checks.append(_check(gid, "text_stated_count", where, sc.n, rows, rows == sc.n, msg))
    return checks


# ---------------------------------------------------------------- 序号


def _seq_value(text: str) -> int | None | str:
    """int for a 序号 cell, None for a blank or ellipsis cell, the text itself when unreadable."""
    t = text.strip()
    if _ELLIPSIS.match(t):
        return None
    if m := patterns.SEQ_CELL.match(t):
        return int(m["n"])
    return t


def _run_problems(values: list[tuple[int, int]]) -> list[str]:
    """Gaps and repeats in (row, seq) pairs expected to run 1..N."""
    problems = []
    expected = 1
    for row, v in values:
        if v != expected:
            if v < expected:
                problems.append(f"row {row}: 序号 {v} repeats or goes back (expected {expected})")
            else:
                missing = f"{expected}" if v == expected + 1 else f"{expected}–{v - 1}"
                problems.append(f"row {row}: 序号 {v} after {expected - 1} (missing {missing})")
        expected = v + 1
    return problems


def check_seq(extraction: Extraction) -> list[Check]:
    """序号 runs 1..N in each table, or 1..n in each section when numbering restarts per section."""
    gid = extraction.gazette.gazette_id
    checks = []
    for t in extraction.tables:
        col = _seq_column(t)
        if col is None or not t.rows:
            continue
        where = _table_where(t)
        values: list[tuple[int, int]] = []
        unreadable = []
        for r in t.rows:
            v = _seq_value(r.texts[col] if col < len(r.texts) else "")
            if isinstance(v, int):
                values.append((r.row, v))
            elif isinstance(v, str):
                unreadable.append(f"row {r.row}: 序号 «{v}» is not a number")
        label = t.columns[col]
        if not values:
            checks.append(
                _check(gid, "seq_continuity", t.table_id, f"{label} 1..{t.n_rows}", "no numbers", False,
                       f"{where}: the {label} column holds no number in {len(t.rows)} row(s)")
            )
            continue
        # Restart per category: each section's first number is 1.
        groups: list[list[tuple[int, int]]] = [values]
        mode = "1..N"
        if t.sections:
            by_cat: dict[str | None, list[tuple[int, int]]] = {}
            cat_of = {r.row: r.category for r in t.rows}
            for row, v in values:
                by_cat.setdefault(cat_of.get(row), []).append((row, v))
            if len(by_cat) > 1 and all(g[0][1] == 1 for g in by_cat.values()):
                groups, mode = list(by_cat.values()), "1..n in each section"
        problems = unreadable + [p for g in groups for p in _run_problems(g)]
        numbers = [v for _, v in values]
        expected = f"{label} {mode}" + (f" (1..{len(values)})" if mode == "1..N" else "")
        actual = f"{numbers[0]}..{numbers[-1]} in {len(numbers)} row(s)" if not problems else "; ".join(problems[:5])
        if len(problems) > 5:
            actual += f"; … {len(problems) - 5} more"
        msg = f"{where}: " + ("序号 continuous" if not problems else "; ".join(problems[:5]))
        checks.append(_check(gid, "seq_continuity", t.table_id, expected, actual, not problems, msg))
    return checks


# ---------------------------------------------------------------- documents


def check_documents(extraction: Extraction) -> list[Check]:
    """Each document has title, 文号, 落款 and date; the date is plausible for the issue."""
    gid = extraction.gazette.gazette_id
    g = extraction.gazette
    checks = []
    for d in extraction.documents:
        subject = _doc_label(d)
        missing = [
            name
            for name, value in (("title", d.title), ("文号", d.doc_number), ("issuer", d.issuer), ("sign_date", d.sign_date))
            if not value
        ]
        where = f"{subject} (PDF p.{d.page_start}-{d.page_end})"
        msg = f"{where}: " + ("title, 文号, issuer and sign date found" if not missing else "missing " + ", ".join(missing))
        checks.append(
            _check(gid, "document_fields", subject, "title, 文号, issuer, sign_date",
                   "all present" if not missing else "missing: " + ", ".join(missing), not missing, msg)
        )
        if d.sign_date is None:
            continue
        if g.publish_date is not None:
            latest = g.publish_date
            earliest = _years_before(latest, SIGN_DATE_MAX_YEARS_BEFORE)
            basis = f"出版日期 {latest.isoformat()}"
        elif g.year is not None:
            latest, earliest = dt.date(g.year, 12, 31), dt.date(g.year - SIGN_DATE_MAX_YEARS_BEFORE, 1, 1)
            basis = f"issue year {g.year} (no 出版日期 found)"
        else:
            checks.append(
                _check(gid, "sign_date_window", subject, "a date within the issue's window", d.sign_date.isoformat(), True,
                       f"{where}: no 出版日期 or issue year to compare the sign date with", skipped=True)
            )
            continue
        ok = earliest <= d.sign_date <= latest
        if ok:
            msg = f"{where}: signed {d.sign_date.isoformat()}, within the window of the {basis}"
        elif d.sign_date > latest:
            msg = f"{where}: signed {d.sign_date.isoformat()}, after the {basis}"
        else:
            msg = f"{where}: signed {d.sign_date.isoformat()}, more than {SIGN_DATE_MAX_YEARS_BEFORE} years before the {basis}"
        checks.append(
            _check(gid, "sign_date_window", subject, f"{earliest.isoformat()}..{latest.isoformat()}", d.sign_date.isoformat(), ok, msg)
        )
    return checks


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# ---------------------------------------------------------------- pages


def check_printed_pages(extraction: Extraction) -> list[Check]:
    """Printed page numbers rise by one per PDF page (pages without a number are skipped over)."""
    gid = extraction.gazette.gazette_id
    numbered = [(i + 1, n) for i, n in enumerate(extraction.printed_pages) if n is not None]
    if len(numbered) < 2:
        return [
            _check(gid, "printed_page_continuity", "pages", "printed page numbers", f"{len(numbered)} numbered page(s)", True,
                   "fewer than two pages carry a printed page number: nothing to compare", skipped=True)
        ]
    checks = []
    for (pa, na), (pb, nb) in zip(numbered, numbered[1:]):
        expected = na + (pb - pa)
        if nb == expected:
            continue
        if nb > expected:
            gap = f"{expected}" if nb == expected + 1 else f"{expected}–{nb - 1}"
            msg = f"PDF p.{pb} is printed page {nb} but PDF p.{pa} is printed page {na}: printed page(s) {gap} missing"
        else:
            msg = f"PDF p.{pb} is printed page {nb} but PDF p.{pa} is printed page {na}: page numbers repeat or go back"
        checks.append(_check(gid, "printed_page_continuity", f"PDF p.{pb}", expected, nb, False, msg))
    if not checks:
        (first, nf), (last, nl) = numbered[0], numbered[-1]
        checks.append(
            _check(gid, "printed_page_continuity", "pages", f"{nf}..{nl}", f"{nf}..{nl}", True,
                   f"printed pages {nf}..{nl} run without a gap on PDF pages {first}..{last}")
        )
    return checks


def check_page_notes(gid: str, notes: Sequence[PageNote], n_pages: int) -> list[Check]:
    """Pages whose text cannot be trusted: unmapped glyphs (dropped) and OCR text layers."""
    checks = []
    for note in notes:
        where = f"PDF p.{note.page}" + (f" (printed page {note.printed_page})" if note.printed_page is not None else "")
        if note.kind == "unmapped_glyphs":
            count = f"{note.count} glyph(s)" if note.count else "glyphs"
            checks.append(
                _check(gid, "unmapped_glyphs", f"PDF p.{note.page}", "0 glyphs without Unicode mapping", count, False,
                       f"{where}: the font has no Unicode mapping for {count}; they were dropped, so the text "
                       "of this page is incomplete and not reliable as data")
            )
        elif note.kind == "ocr_text_layer":
            checks.append(
                _check(gid, "ocr_text_layer", f"PDF p.{note.page}", "printed text", "OCR text over a page image", False,
                       f"{where}: the text is an OCR layer over a scanned page image and may be wrong; verify it against the image")
            )
        elif note.kind == "image_only":
            checks.append(
                _check(gid, "ocr_text_layer", f"PDF p.{note.page}", "printed text", "page image without text", False,
                       f"{where}: a scanned page without a text layer; nothing was extracted from it (OCR needed)")
            )
    for name, kinds in (("unmapped_glyphs", {"unmapped_glyphs"}), ("ocr_text_layer", {"ocr_text_layer", "image_only"})):
        if not any(n.kind in kinds for n in notes):
            what = "every glyph has a Unicode mapping" if name == "unmapped_glyphs" else "no page is a scan or an OCR layer"
            checks.append(_check(gid, name, "pages", "none", "none", True, f"{what} ({n_pages} page(s))"))
    return checks + check_damage(gid, notes, n_pages)


def check_damage(gid: str, notes: Sequence[PageNote], n_pages: int) -> list[Check]:
    """page_readable (a page skipped as unreadable fails) and damage_recovered (info)."""
    checks = []
    unreadable = [n for n in notes if n.kind == "unreadable"]
    recovered = [n for n in notes if n.kind == "recovered"]
    for note in unreadable:
        checks.append(
            _check(gid, "page_readable", f"PDF p.{note.page}", "a readable page", "unreadable", False,
                   f"PDF p.{note.page} cannot be read: {note.reason}; nothing was extracted from it "
                   "(the other pages were)")
        )
    if not unreadable:
        checks.append(_check(gid, "page_readable", "pages", "every page readable", "every page readable", True,
                             f"all {n_pages} page(s) read within the page limits"))
    for note in recovered:
        where = f"PDF p.{note.page}" if note.page else "PDF"
        what = f"while reading {where}" if note.page else "while opening the file"
        checks.append(
            _check(gid, "damage_recovered", where, "no damage", "damage recovered", False,
                   f"the PDF library recovered from damage {what} (its text may be incomplete): {note.reason}",
                   level="info")
        )
    if not recovered:
        checks.append(_check(gid, "damage_recovered", "pages", "no damage", "no damage", True,
                             "the PDF library reported no damage", level="info"))
    return checks


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
        return [_check(gid, "references_resolved", "引用文件", "a cited 文号 of the gazette's own 机关代字", "none",
                       True, "no citation of a 文号 with the 机关代字 of this gazette's documents", skipped=True,
                       level="info")]
    checks = []
    for number, refs in citing.items():
        target = refs[0].cited_doc_id
        by = ", ".join(dict.fromkeys(f"{r.doc_number or r.doc_id} (PDF p.{r.page})" for r in refs))
        found = f"is document {target} of this gazette" if target else "is not a document of this gazette (an earlier one)"
        checks.append(_check(gid, "references_resolved", number, "a document of this gazette", target or "none",
                             target is not None, f"《{refs[0].cited_title}》（{number}）cited by {by} {found}",
                             level="info"))
    return checks


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
