"""Checks (校验): printed page numbers and page notes (unreadable pages, recovered damage)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Check, Extraction, PageNote
from .common import (
    check,
)

# ---------------------------------------------------------------- pages


def check_printed_pages(extraction: Extraction) -> list[Check]:
    """Printed page numbers rise by one per PDF page (pages without a number are skipped over)."""
    gid = extraction.gazette.gazette_id
    numbered = [(i + 1, n) for i, n in enumerate(extraction.printed_pages) if n is not None]
    if len(numbered) < 2:
        return [
            check(gid, "printed_page_continuity", "pages", "printed page numbers", f"{len(numbered)} numbered page(s)", True,
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
        checks.append(check(gid, "printed_page_continuity", f"PDF p.{pb}", expected, nb, False, msg))
    if not checks:
        (first, nf), (last, nl) = numbered[0], numbered[-1]
        checks.append(
            check(gid, "printed_page_continuity", "pages", f"{nf}..{nl}", f"{nf}..{nl}", True,
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
                check(gid, "unmapped_glyphs", f"PDF p.{note.page}", "0 glyphs without Unicode mapping", count, False,
                       f"{where}: the font has no Unicode mapping for {count}; they were dropped, so the text "
                       "of this page is incomplete and not reliable as data")
            )
        elif note.kind == "ocr_text_layer":
            checks.append(
                check(gid, "ocr_text_layer", f"PDF p.{note.page}", "printed text", "OCR text over a page image", False,
                       f"{where}: the text is an OCR layer over a scanned page image and may be wrong; verify it against the image")
            )
        elif note.kind == "image_only":
            checks.append(
                check(gid, "ocr_text_layer", f"PDF p.{note.page}", "printed text", "page image without text", False,
                       f"{where}: a scanned page without a text layer; nothing was extracted from it (OCR needed)")
            )
    for name, kinds in (("unmapped_glyphs", {"unmapped_glyphs"}), ("ocr_text_layer", {"ocr_text_layer", "image_only"})):
        if not any(n.kind in kinds for n in notes):
            what = "every glyph has a Unicode mapping" if name == "unmapped_glyphs" else "no page is a scan or an OCR layer"
            checks.append(check(gid, name, "pages", "none", "none", True, f"{what} ({n_pages} page(s))"))
    return checks + check_damage(gid, notes, n_pages)


def check_damage(gid: str, notes: Sequence[PageNote], n_pages: int) -> list[Check]:
    """page_readable (a page skipped as unreadable fails) and damage_recovered (info)."""
    checks = []
    unreadable = [n for n in notes if n.kind == "unreadable"]
    recovered = [n for n in notes if n.kind == "recovered"]
    for note in unreadable:
        checks.append(
            check(gid, "page_readable", f"PDF p.{note.page}", "a readable page", "unreadable", False,
                   f"PDF p.{note.page} cannot be read: {note.reason}; nothing was extracted from it "
                   "(the other pages were)")
        )
    if not unreadable:
        checks.append(check(gid, "page_readable", "pages", "every page readable", "every page readable", True,
                             f"all {n_pages} page(s) read within the page limits"))
    for note in recovered:
        where = f"PDF p.{note.page}" if note.page else "PDF"
        what = f"while reading {where}" if note.page else "while opening the file"
        checks.append(
            check(gid, "damage_recovered", where, "no damage", "damage recovered", False,
                   f"the PDF library recovered from damage {what} (its text may be incomplete): {note.reason}",
                   level="info")
        )
    if not recovered:
        checks.append(check(gid, "damage_recovered", "pages", "no damage", "no damage", True,
                             "the PDF library reported no damage", level="info"))
    return checks
