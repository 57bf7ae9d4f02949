"""Page furniture (页眉、页码、装订线): running headers, printed page numbers and margin marks.

The binding line is removed from a page's glyphs before they are grouped into lines
(``remove_binding_line``, called per page); headers, page numbers and lone margin marks are
removed from the lines over all pages (``strip_furniture``).

They are removed from the body lines and recorded apart (``PageLayout.header``,
``printed_page``); ``page_notes`` lists the page facts the checks report.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

import statistics

from .. import patterns
from ..models import Glyph, PageLayout, PageNote, TextLine

# Running headers sit in the top band, page numbers in the top or bottom band of the page.
HEADER_BAND = 0.11
FOOTER_BAND = 0.89
# A running header is printed on every page (or on every other one, odd and even pages differing):
# it recurs on at least this share of the pages. A body line that page breaks happen to leave at
# the top of a few pages (a 落款 such as 某市人民政府办公室 over its date) recurs far less often.
HEADER_SHARE = 0.1
# Wide margins (a B5 page with a 30 mm head) put the header and folio outside those bands; the
# page's topmost and bottommost lines are still furniture candidates down to these deeper bands.
DEEP_HEADER_BAND = 0.15
DEEP_FOOTER_BAND = 0.85
# lines whose tops (bottoms) are this close share the top (bottom) row of the page: a header
# set in two parts, 某市人民政府公报 at the left and 2021年第4期 at the right
EDGE_ROW_TOLERANCE = 2.0


# A binding line (装订线) is printed down the outer band of the page width: a column of rule glyphs
# (|) with the words 装/订/线 spaced along it, each at the height of some body line.
BINDING_BAND = 0.13
BINDING_RULES = frozenset("|｜│┃︱丨¦")
BINDING_WORDS = (frozenset("装订线"), frozenset("裝訂線"))
# A margin column is a binding line with this many rule glyphs, or with all three words.
MIN_BINDING_RULES = 6
_BINDING_MARKS = BINDING_RULES.union(*BINDING_WORDS)


def remove_binding_line(glyphs: list[Glyph], width: float) -> list[Glyph]:
    """The page's glyphs without its binding line (装订线).

    Each glyph of the line sits at the height of a body line, so grouped into lines it would join
    them (裝發文字號, 本府線同意): it goes before line grouping. The marks are the rule and word
    glyphs of one column (x centres within a character width) in the outer band of the page;
    the column is a binding line when it holds several rules or all of 装/订/线.
    """
    marks = [
        g for g in glyphs
        if g.text in _BINDING_MARKS
        and (g.x1 <= width * BINDING_BAND or g.x0 >= width * (1 - BINDING_BAND))
    ]
    if not marks:
        return glyphs
    tol = statistics.median(g.size for g in marks)
    marks.sort(key=lambda g: (g.x0 + g.x1) / 2)
    columns: list[list[Glyph]] = [[marks[0]]]
    for g in marks[1:]:
        prev = columns[-1][-1]
        if (g.x0 + g.x1) / 2 - (prev.x0 + prev.x1) / 2 <= tol:
            columns[-1].append(g)
        else:
            columns.append([g])
    drop: set[int] = set()
    for col in columns:
        texts = {g.text for g in col}
        rules = sum(g.text in BINDING_RULES for g in col)
        if rules >= MIN_BINDING_RULES or any(w <= texts for w in BINDING_WORDS):
            drop.update(id(g) for g in col)
    return [g for g in glyphs if id(g) not in drop] if drop else glyphs


def _furniture_key(text: str) -> str:
    """Header text with digits removed, so 第4期 and page numbers do not hide recurrence."""
    return "".join(ch for ch in text if not ch.isdigit() and not ch.isspace())


def _header_key(ln: TextLine) -> tuple[str, float]:
    """A line's text for recurrence (``_furniture_key``) and its size to half a point: a running
    header is set in one style on every page, where a body line that page breaks leave at the tops
    of pages — a 落款 (某市人民政府办公室) in the body size, the same name as the issuer line of a
    title in the title size — recurs in sizes that differ."""
    return _furniture_key(ln.text), round(ln.size * 2) / 2


def _number_beside_running_text(ln: TextLine, band_counts: Counter[tuple[str, float]], min_repeat: int) -> tuple[int | None, str]:
    """A page number set at the outer end of a running header or footer line, the rest of the line
    apart by a wide gap (·12·　　某市人民政府公报 on a left page, 2021年第4期　　·13· on a right one):
    the number and the rest. The line is two runs and recurs (digits aside) in its band on other
    pages: on two when the number is set in a page-number style (·12·, — 12 —, 第12页: headers
    that alternate between left and right pages recur on every other page), on as many as a
    running header otherwise (a bare 12), so a table row at the foot of a page is not one."""
    if len(ln.segments) != 2:
        return None, ""
    repeats = band_counts.get(_header_key(ln), 0)
    for seg, other in ((ln.segments[0], ln.segments[1]), (ln.segments[-1], ln.segments[0])):
        number = patterns.printed_page_number(seg[0])
        bare = seg[0].strip().isdigit()
        if number is not None and repeats >= (min_repeat if bare else min(2, min_repeat)):
            return number, other[0]
    return None, ""


def strip_furniture(pages: list[PageLayout]) -> list[PageLayout]:
    """Remove running headers, page numbers and margin marks from the lines; record page numbers.

    It runs after the per-page work, on pages whose glyphs and edges were already released.

    A running header is a line in the top band whose text (digits ignored) recurs, in the same
    size, at the top of at least two other pages; a page number is a line in the top or bottom
    band made only of a number in a page-number style (— 14 —, ·14·, 第14页, 14, 14/48, 第14页 共48页), or set at
    the outer end of a running header or footer line. A margin mark is a lone glyph outside the
    column of body text (binding marks 装/订/线 on a form's margin).
    """
    header_counts: Counter[tuple[str, float]] = Counter()
    footer_counts: Counter[tuple[str, float]] = Counter()  # only for a page number set beside running text
    for p in pages:
        seen = {_header_key(ln) for ln in p.lines if _in_header_band(p, ln) and not _is_body_label(ln)}
        header_counts.update(k for k in seen if k[0])
        seen = {_header_key(ln) for ln in p.lines if _in_footer_band(p, ln)}
        footer_counts.update(k for k in seen if k[0])
    min_repeat = max(3, math.ceil(HEADER_SHARE * len(pages))) if len(pages) >= 4 else max(2, len(pages))
    out = []
    for p in pages:
        keep: list[TextLine] = []
        header_parts: list[str] = []
        printed = p.printed_page  # a turned page's upright folio (orientation.py)
        column = _text_column(p)
        for ln in p.lines:
            in_header = _in_header_band(p, ln)
            in_footer = _in_footer_band(p, ln)
            if (in_header or in_footer) and printed is None:
                number = patterns.printed_page_number(ln.text)
                if number is not None:
                    printed = number
                    continue
                number, rest = _number_beside_running_text(ln, header_counts if in_header else footer_counts, min_repeat)
                if number is not None:
                    printed = number
                    if in_header:
                        header_parts.append(rest)
                    continue
            if in_header and not _is_body_label(ln) and header_counts[_header_key(ln)] >= min_repeat:
                header_parts.append(ln.text)
                continue
            if in_footer and header_counts.get(_header_key(ln), 0) >= min_repeat:
                continue
            if column and len(ln.text) == 1 and (ln.x1 < column[0] - ln.size or ln.x0 > column[1] + ln.size):
                continue  # a margin mark
            keep.append(ln)
        out.append(replace(p, lines=tuple(keep), printed_page=printed, header=" ".join(header_parts)))
    return out


def _in_header_band(p: PageLayout, ln: TextLine) -> bool:
    """In the top band, or in the deeper one as (part of) the page's topmost row of text."""
    if ln.bottom <= p.height * HEADER_BAND:
        return True
    return ln.bottom <= p.height * DEEP_HEADER_BAND and ln.top <= min(x.top for x in p.lines) + EDGE_ROW_TOLERANCE


def _in_footer_band(p: PageLayout, ln: TextLine) -> bool:
    """In the bottom band, or in the deeper one as (part of) the page's bottommost row of text."""
    if ln.top >= p.height * FOOTER_BAND:
        return True
    return ln.top >= p.height * DEEP_FOOTER_BAND and ln.bottom >= max(x.bottom for x in p.lines) - EDGE_ROW_TOLERANCE


def _is_body_label(ln: TextLine) -> bool:
    """A stand-alone 附件 label (附件1, 附件 2, 附件): where each attachment starts a page it is the
    page's first line, in the top band and recurring (its digits ignored) like a running header,
    but it is body text that opens an attachment, never furniture."""
    return bool(patterns.ATTACHMENT_LABEL.match(ln.text.strip()))


def _text_column(p: PageLayout) -> tuple[float, float] | None:
    """Left and right extent of the lines of several glyphs: the page's column of text."""
    long_lines = [ln for ln in p.lines if len(ln.text) >= 6]
    if not long_lines:
        return None
    return min(ln.x0 for ln in long_lines), max(ln.x1 for ln in long_lines)


def page_notes(pages: list[PageLayout]) -> list[PageNote]:
    """Page facts the checks report: glyphs without Unicode mapping, OCR layers, bare scans,
    pages that could not be read and damage the PDF library recovered from."""
    notes = []
    for p in pages:
        if p.unreadable:
            notes.append(PageNote(page=p.page, kind="unreadable", reason=p.unreadable))
        if p.recovered:
            notes.append(recovered_note(p.page, p.recovered, p.printed_page))
        if p.unmapped_glyphs:
            notes.append(PageNote(page=p.page, printed_page=p.printed_page, kind="unmapped_glyphs", count=p.unmapped_glyphs))
        if p.ocr_text_layer:
            notes.append(PageNote(page=p.page, printed_page=p.printed_page, kind="ocr_text_layer"))
        if p.image_only:
            notes.append(PageNote(page=p.page, printed_page=p.printed_page, kind="image_only"))
    return notes


def recovered_note(page: int, messages: tuple[str, ...], printed_page: int | None = None) -> PageNote:
    """The info note for damage recovered on ``page`` (0: while opening the file)."""
    return PageNote(page=page, printed_page=printed_page, kind="recovered", reason=" | ".join(messages))
