"""9. Captions and notes (表题、表注): the text around a table — lines outside its frame, the
caption and numbered heading above it, the notes below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .. import patterns
from ..models import PageLayout, TextLine
from .cell_text import SPACE_NEAR_CJK, join_label_lines, join_text_lines
from .row_kinds import NOTE_LINE
from .settings import DEFAULT_SETTINGS, BBox, TableFragment, TableSettings


def _inside(line: TextLine, boxes: Sequence[BBox]) -> bool:
    cx, cy = line.center_x, (line.top + line.bottom) / 2
    return any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)


def lines_outside(lines: Sequence[TextLine], fragments: Sequence[TableFragment]) -> tuple[TextLine, ...]:
    """The lines not printed inside any of ``fragments`` (the text of a table is its cells').
    A fragment kept only if it continues a table (``continuation_only``) leaves its lines in the
    text: whether it is a table is known only once the pages are stitched."""
    boxes = [f.bbox for f in fragments if not f.continuation_only]
    return tuple(ln for ln in lines if not _inside(ln, boxes)) if boxes else tuple(lines)


def free_lines(page: PageLayout | None, boxes: Sequence[BBox]) -> list[TextLine]:
    """The page's text lines outside every table fragment, top to bottom."""
    if page is None:
        return []
    return sorted((ln for ln in page.lines if not _inside(ln, boxes)), key=lambda ln: ln.top)


_CONTINUED = regex.compile(r"^[（(]?\s*续\s*(?:表|上表)?\s*[\d.\-－]*\s*[）)]?$")


def is_continued_mark(text: str) -> bool:
    """续表 / (续) / 续表1: the mark printed above the rest of a table on the next page."""
    return bool(_CONTINUED.match(text.strip()))


def _caption_like(ln: TextLine, page_width: float, body_size: float, frag: TableFragment, settings: TableSettings) -> bool:
    """A caption (表名) line: short, and centred (on the page or over the table), bold, or
    larger than the body text. Body paragraphs are long and start at the text column."""
    text = ln.text.strip()
    if not text or len(text) > settings.max_caption_chars:
        return False
    if text.endswith(("。", "；", ";", "：", ":")):
        return False
    width = frag.bbox[2] - frag.bbox[0]
    centred = any(
        abs(ln.center_x - mid) <= max(0.04 * span, 6.0)
        for mid, span in (((frag.bbox[0] + frag.bbox[2]) / 2, width), (page_width / 2, page_width))
    )
    larger = body_size > 0 and ln.size >= body_size + 0.5
    # a line naming a table (表1 …, …相关表, …清单) is its caption wherever it is set
    return centred or ln.bold or larger or bool(patterns.TABLE_CAPTION.search(text))


def _is_heading(text: str) -> bool:
    """A numbered heading of the body (一、… / （一）…) introducing the table below it."""
    return patterns.heading_level(text) in (1, 2) and len(text) <= DEFAULT_SETTINGS.max_caption_chars


def _form_field(text: str) -> bool:
    """A line printed between a caption and its grid that is not the caption: a form field
    (日期：), a report date line or a 续表 mark."""
    return bool(is_continued_mark(text) or patterns.TABLE_META_LINE.match(text) or patterns.REPORT_DATE_LINE.match(text))


def lines_above(
    frag: TableFragment,
    page: PageLayout | None,
    page_fragments: Sequence[TableFragment],
    prev_page: PageLayout | None = None,
    prev_fragments: Sequence[TableFragment] = (),
) -> tuple[list[TextLine], float]:
    """Free lines between the fragment and the table above it on its page (top to bottom),
    and the y from which gaps are measured.

    When nothing at all stands above a fragment that opens its page, the caption was left at
    the foot of the previous page by the page break (a caption kept apart from its table): the
    previous page's lines below its last table are returned, measured from their last line.
    So too when only form fields (日期：年月日, 单位：万元, 续表) stand above it: the page broke between
    the caption with its first fields and the fields printed with the grid; the previous page's
    tail comes first, then those fields, measured from the fragment.
    """
    boxes = [f.bbox for f in page_fragments]
    ceiling = max((f.bbox[3] for f in page_fragments if f.bbox[3] <= frag.bbox[1] + 1 and f is not frag), default=0.0)
    above = [ln for ln in free_lines(page, boxes) if ln.bottom <= frag.bbox[1] + 1 and ln.top >= ceiling - 1]
    if ceiling > 0 or prev_page is None or not all(_form_field(ln.text) for ln in above):
        return above, frag.bbox[1]
    floor = max((f.bbox[3] for f in prev_fragments), default=0.0)
    tail = [
        ln
        for ln in free_lines(prev_page, [f.bbox for f in prev_fragments])
        if ln.top >= floor - 1 and not patterns.PAGE_NUMBER.match(ln.text)
    ]
    if above:  # form fields kept with the grid (日期：): the caption and the fields above them stay behind
        return tail + above, frag.bbox[1]
    return tail, (tail[-1].bottom if tail else frag.bbox[1])


@dataclass(frozen=True, slots=True)
class Caption:
    """What is printed above a table: its caption (表名) and a numbered heading (一、…) that
    introduces it (several tables of one list, each under its own heading)."""

    title: str | None
    heading: str | None


def find_caption(
    frag: TableFragment,
    above: Sequence[TextLine],
    edge: float,
    page_width: float,
    body_size: float,
    settings: TableSettings = DEFAULT_SETTINGS,
) -> Caption:
    """The caption just above a table.

    - The nearest caption-like line within about three line heights, joined with the
      caption-like lines it wraps from (a long caption wraps over two or three centred lines).
    - Form fields between caption and grid (填报单位：, 日期：, 单位：万元, a report date line
      2022年3月31日) and a 续表 mark are stepped over; an 附件N label ends the search (it belongs to the document).
    - A numbered heading (一、…) right above the table is its heading; the caption is then the
      nearest centred, bold or larger line above the heading on the page (the title of the
      list), even past the paragraphs that introduce the list.
    """
    picked: list[TextLine] = []
    heading: TextLine | None = None
    lines = list(above)
    k = len(lines) - 1
    while k >= 0:
        ln = lines[k]
        gap = edge - ln.bottom
        limit = 3.0 * ln.size if not picked else 1.2 * ln.size
        if gap > limit:
            break
        if patterns.ATTACHMENT_LABEL.match(ln.text) or patterns.ATTACHMENT_LIST_HEAD.match(ln.text):
            break
        if _form_field(ln.text):
            edge = ln.top
            k -= 1
            continue
        if not picked and heading is None and _is_heading(ln.text):
            heading = ln
            edge = ln.top
            k -= 1
            continue
        if _is_heading(ln.text) or not _caption_like(ln, page_width, body_size, frag, settings):
            break
        if picked and (abs(ln.size - picked[-1].size) > 1.0 or ln.bold != picked[-1].bold):
            break  # a caption wraps in one size and face: a line set otherwise is another title
        picked.append(ln)
        edge = ln.top
        k -= 1
        if len(picked) >= 3:
            break
    if heading is not None and not picked:
        # the list's title further up: centred and emphasised, above the introducing text
        for j in range(k, -1, -1):
            ln = lines[j]
            if patterns.ATTACHMENT_LABEL.match(ln.text):
                break
            strong = ln.bold or ln.size >= heading.size + 1.0
            centred = abs(ln.center_x - page_width / 2) <= 0.04 * page_width or abs(
                ln.center_x - (frag.bbox[0] + frag.bbox[2]) / 2
            ) <= 0.04 * (frag.bbox[2] - frag.bbox[0])
            if strong and centred and not _is_heading(ln.text) and _caption_like(ln, page_width, body_size, frag, settings):
                picked.append(ln)
                for up in range(j - 1, -1, -1):  # a title wrapped over two lines
                    prev = lines[up]
                    if picked[-1].top - prev.bottom > 1.2 * prev.size or not (
                        prev.bold and _caption_like(prev, page_width, body_size, frag, settings)
                    ) or patterns.ATTACHMENT_LABEL.match(prev.text):
                        break
                    picked.append(prev)
                break
    title = join_label_lines([ln.text for ln in reversed(picked)]) if picked else None
    return Caption(title, SPACE_NEAR_CJK.sub("", heading.text) if heading else None)


def find_notes(frag: TableFragment, page: PageLayout | None, page_fragments: Sequence[TableFragment]) -> list[str]:
    """Notes (注：/备注：/说明：) printed right under a table: the first line below must be one;
    wrapped lines join it, a new 注/numbered item starts another note; a paragraph indent, a
    wide gap or a caption-like bold line ends them."""
    if page is None:
        return []
    floor = min((f.bbox[1] for f in page_fragments if f.bbox[1] >= frag.bbox[3] - 1 and f is not frag), default=1e9)
    lines = [
        ln
        for ln in free_lines(page, [f.bbox for f in page_fragments])
        if ln.top >= frag.bbox[3] - 1 and ln.bottom <= floor + 1
    ]
    notes: list[list[str]] = []
    edge = frag.bbox[3]
    x_start = None
    for ln in lines:
        gap = ln.top - edge
        if not notes:
            if gap > 3.0 * ln.size or not NOTE_LINE.match(ln.text):
                break
            notes.append([ln.text])
            x_start = ln.x0
        else:
            if gap > 1.0 * ln.size:
                break
            if NOTE_LINE.match(ln.text) or patterns.heading_level(ln.text) >= 3:
                notes.append([ln.text])
            elif x_start is not None and ln.x0 > x_start + 1.5 * ln.size:
                break  # an indented paragraph start
            elif ln.bold and _caption_like(ln, page.width, page.body_size, frag, DEFAULT_SETTINGS):
                break  # the next table's caption
            else:
                notes[-1].append(ln.text)
        edge = ln.bottom
    return [join_text_lines(n) for n in notes]


def caption_of(
    frag: TableFragment,
    pages_by_no: dict[int, PageLayout],
    by_page: dict[int, list[TableFragment]],
    settings: TableSettings,
) -> Caption:
    page = pages_by_no.get(frag.page)
    if page is None:
        return Caption(None, None)
    above, edge = lines_above(
        frag, page, by_page.get(frag.page, []), pages_by_no.get(frag.page - 1), by_page.get(frag.page - 1, [])
    )
    return find_caption(frag, above, edge, page.width, page.body_size, settings)
