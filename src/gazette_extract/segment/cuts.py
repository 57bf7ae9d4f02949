"""Segmentation (分文): where each document (公文) begins and ends in the body stream — at its
title above a 文号 line, at a 目录 entry printed without 文号, before the back matter."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .. import patterns
from ..models import (
    TextLine,
    TocEntry,
)
from .lines import (
    CENTRED_TOLERANCE,
    MAX_ISSUER_LINES,
    MAX_TITLE_LINES,
    SENTENCE_ENDS,
    Column,
    clean,
    is_doc_number_line,
    is_issuer_over_subject,
    is_title_line,
    number_at,
)


@dataclass
class DocCut:
    start: int  # index of the document's first line
    title: tuple[int, int]  # its title lines, [first, last + 1)
    number_index: int | None  # index of the 文号 line, if it has one
    end: int  # index after the last line
    toc_entry: TocEntry | None = None  # the 目录 entry it was found by, when it has no 文号

    @property
    def body_start(self) -> int:
        if self.number_index is None:
            return self.title[1]
        return max(self.number_index + 1, self.title[1])  # a title under its 文号 (版头 form)
def _same_title_block(
    line: TextLine,
    last_title_line: TextLine,
    number_line: TextLine,
    page_edges: dict[int, tuple[float, float]] | None = None,
    below: TextLine | None = None,
) -> bool:
    """Title lines are set in one size on the 文号's page: a caption or heading of the page
    before (a previous document's 附件, above its table) is never part of the next title.
    But a title cut by a page break (its last line, 通知, at the top of the 文号's page) begins
    on the page before: there its lines are the last printed on that page, nothing below them,
    and its rest the first on the next (``page_edges``: each page's highest top and lowest
    bottom of a printed line, tables included)."""
    if abs(line.size - last_title_line.size) > 0.5:
        return False
    if line.page == number_line.page:
        return True
    if page_edges is None or below is None or line.page != number_line.page - 1:
        return False
    if below.page == line.page:
        return True  # above the title's lowest line on that page, already taken
    # the break right below it: nothing under it on its page, nothing above the title's rest on
    # the next (a caption left at a page foot, its table opening the next page, stays apart)
    return (
        line.bottom >= page_edges.get(line.page, (0.0, float("inf")))[1] - 1
        and below.top <= page_edges.get(below.page, (float("-inf"), 0.0))[0] + 1
    )
def _centred(line: TextLine, column: Column) -> bool:
    """Set centred in its page's text column: margins to both edges equal within
    ``CENTRED_TOLERANCE`` font sizes, and each at least one font size (a full line is not)."""
    left, right = line.x0 - column.left, column.right - line.x1
    return min(left, right) >= line.size and abs(left - right) <= CENTRED_TOLERANCE * line.size


def _body_size_title_line(
    stream: list[TextLine], k: int, i: int, start: int, columns: dict[int, Column] | None
) -> bool:
    """Whether ``stream[k]``, right above the title lines found so far (``start``) over the 文号
    at ``i``, is a title line set in the body face and size (a word processor's one-size 公文): on
    the 文号's page, both centred in the column, and the line not a sentence's end. Body text starts
    at the column's edge or indent, a 落款 and its date are right-aligned; a full line counts only
    above a centred title line (a long title wrapped: its last line centred under it)."""
    column = columns.get(stream[i].page) if columns else None
    line = stream[k]
    if column is None or line.page != stream[i].page or not _centred(stream[i], column):
        return False
    if clean(line.text).endswith(SENTENCE_ENDS):
        return False
    if _centred(line, column):
        return True
    full = line.x0 - column.left < line.size and column.right - line.x1 < line.size
    return full and start < i and _centred(stream[start], column)


def find_documents(
    stream: list[TextLine],
    body_size: float,
    page_edges: dict[int, tuple[float, float]] | None = None,
    columns: dict[int, Column] | None = None,
) -> list[DocCut]:
    """Cut the stream at each title + 文号; ``end`` of the last cut is the stream's end.
    ``page_edges`` (page → top of its highest and bottom of its lowest printed line) lets a title
    start at the foot of the page before its 文号's; ``columns`` (each page's text column) let a
    title set in the body size be told by its centring."""
    anchors = [i for i in range(len(stream)) if number_at(stream, i, body_size)]
    cuts: list[DocCut] = []
    for i in anchors:
        start = i
        while (
            start - 1 >= 0
            and i - (start - 1) <= MAX_TITLE_LINES
            and (is_title_line(stream[start - 1], body_size) or _body_size_title_line(stream, start - 1, i, start, columns))
            and _same_title_block(stream[start - 1], stream[i - 1], stream[i], page_edges, stream[start])
            and (not cuts or start - 1 > cuts[-1].body_start - 1)
        ):
            start -= 1
        if start == i and cuts and stream[i].page == stream[i - 1].page and not is_title_line(stream[i - 1], body_size):
            continue  # a 文号 quoted on a line of its own inside a body: no title above it
        # The issuer (发文机关) set on lines of its own above 关于…, in its own size (even smaller
        # than the 关于… lines, down to the body size when centred on their axis) and however many
        # lines the subject wraps into, is part of the title.
        if start < i and patterns.TITLE_SUBJECT_START.match(stream[start].text):
            subject = stream[start]
            for _ in range(MAX_ISSUER_LINES):
                above = stream[start - 1] if start >= 1 else None
                if (
                    above is None
                    or above.page != stream[i].page
                    or not is_issuer_over_subject(above, subject, body_size)
                    or not patterns.ISSUER_LINE.match(clean(above.text))
                    or (cuts and start - 1 <= cuts[-1].body_start - 1)
                ):
                    break
                start -= 1
        below = _title_below(stream, i, start, body_size)
        cuts.append(DocCut(start, below or (start, i), i, len(stream)))
    return close_cuts(cuts, len(stream))
def _title_below(stream: list[TextLine], i: int, start: int, body_size: float) -> tuple[int, int] | None:
    """The title lines under the 文号 at ``i``, in the order of a 公文's 版头 (GB/T 9704): 发文机关标志
    (某市人民政府文件, or the issuer's name), 文号, the red rule, then the title. The 文号 takes the
    title-sized lines right under it on its page when nothing above it is a title but a 版头."""
    if any(not (patterns.MASTHEAD_LINE.match(t) or patterns.ISSUER_LINE.match(t))
           for t in (clean(ln.text) for ln in stream[start:i])):
        return None
    end = i + 1
    while (
        end < len(stream)
        and end - (i + 1) < MAX_TITLE_LINES
        and stream[end].page == stream[i].page
        and is_title_line(stream[end], body_size)
        and not is_doc_number_line(stream[end])
        and (end == i + 1 or abs(stream[end].size - stream[i + 1].size) <= 0.5)
    ):
        end += 1
    return (i + 1, end) if end > i + 1 else None
def _title_key(text: str) -> str:
    """A title for matching a 目录 entry: NFKC (full/half width alike), no spaces."""
    return patterns.remove_whitespace(unicodedata.normalize("NFKC", text))
def find_untitled_entries(stream: list[TextLine], body_size: float, toc: Sequence[TocEntry], cuts: list[DocCut]) -> list[DocCut]:
    """Documents listed in the 目录 without a 文号 (人事任免, 公告 …) start where their title is
    printed: a run of title lines on one page whose joined text is the entry's title."""
    wanted = {_title_key(e.title): e for e in toc if not e.doc_number and e.title}
    if not wanted:
        return []
    taken = {k for c in cuts for k in range(c.start, c.body_start)}
    found: list[DocCut] = []
    i = 0
    while i < len(stream):
        if i in taken or not is_title_line(stream[i], body_size):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(stream)
            and j + 1 - i < MAX_TITLE_LINES
            and j + 1 not in taken
            and is_title_line(stream[j + 1], body_size)
            and _same_title_block(stream[j + 1], stream[i], stream[i])
        ):
            j += 1
        key = _title_key("".join(clean(ln.text) for ln in stream[i : j + 1]))
        entry = wanted.pop(key, None)
        if entry is not None:
            found.append(DocCut(i, (i, j + 1), None, len(stream), entry))
        i = j + 1
    return found
def close_cuts(cuts: list[DocCut], stream_end: int) -> list[DocCut]:
    """Cuts in reading order, each ending where the next begins."""
    cuts = sorted(cuts, key=lambda c: c.start)
    for a, b in zip(cuts, cuts[1:]):
        a.end = b.start
    if cuts:
        cuts[-1].end = stream_end
    return cuts
def back_matter_start(stream: list[TextLine], begin: int, end: int, body_size: float) -> int:
    """Where back matter (a 公报 简介 / 征订 page) begins after the last document's text."""
    for i in range(begin, end):
        ln = stream[i]
        text = clean(ln.text)
        if is_title_line(ln, body_size) and ("公报" in text or "公報" in text) and i > begin:
            return i
    return end
