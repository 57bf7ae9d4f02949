"""Segmentation (分文): the body stream, its text columns, and what one line is — a 文号 line,
a title line (标题), a caption line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import patterns
from ..models import (
    PageLayout,
    TextLine,
)

# A title line is set at least this much larger than the body text (or in a bold face).
TITLE_SIZE_RATIO = 1.12
# At most this many lines above a 文号 form the title.
MAX_TITLE_LINES = 4
# Lines of issuers (联合发文: one organ a line) above a title's 关于… lines.
MAX_ISSUER_LINES = 3
# The 主送 line(s) come within this many lines after the 文号.
MAX_ADDRESSEE_LINES = 3
# A line indented by more than this many font sizes starts a paragraph.
INDENT = 1.2
# A line ending this many font sizes short of the right edge ends a paragraph.
SHORT_LINE = 1.5
# A 落款 is a short line; longer lines are body text.
MAX_ISSUER_CHARS = 30
# An issuer line set no larger than the body is told from body text by its axis: its centre lies
# within this many of its font sizes of the centre of the 关于… line under it.
CENTRED_TOLERANCE = 1.0
# ... and it is set in the body size at least (a smaller line is a note, not a title line).
BODY_SIZE_SLACK = 0.5
# A line ending so ends a sentence or opens a list: body text, never a title or caption line.
SENTENCE_ENDS = ("。", "；", "，", "：")
def body_stream(pages: Sequence[PageLayout], first_page: int) -> list[TextLine]:
    """Body lines in reading order from ``first_page`` on (pages hold no lines of tables)."""
    return [ln for p in pages if p.page >= first_page for ln in p.lines]
@dataclass(frozen=True, slots=True)
class Column:
    """The text column of a page (left and right edges of full body lines)."""

    left: float
    right: float
def page_columns(pages: Sequence[PageLayout]) -> dict[int, Column]:
    """Left/right edges of each page's text column, from its longer lines."""
    columns = {}
    for p in pages:
        long_lines = [ln for ln in p.lines if len(ln.text) >= 12]
        if not long_lines:
            columns[p.page] = Column(p.width * 0.12, p.width * 0.88)
            continue
        left = Counter(round(ln.x0) for ln in long_lines).most_common(1)[0][0]
        right = sorted(ln.x1 for ln in long_lines)[int(len(long_lines) * 0.9)]
        columns[p.page] = Column(float(left), float(right))
    return columns
def clean(text: str) -> str:
    return patterns.remove_layout_spaces(text.strip())
def _doc_number_of_line(line: TextLine) -> str | None:
    """The 文号 of a line that holds only a 文号 — in brackets or not, or with, at its right end,
    the 签发人 of an 上行文 (某政报〔2021〕3号　签发人：张三) — else None."""
    return _doc_number_of_text(clean(line.text))


def _doc_number_of_text(text: str) -> str | None:
    """``_doc_number_of_line`` of a line's (cleaned) text."""
    signer = patterns.SIGNER.search(text)
    if signer and signer.start() > 0:
        text = text[: signer.start()].rstrip()
    if patterns.DOC_NUMBER.fullmatch(text):
        return text
    # a 文号 printed in brackets under its title: （某政发〔2021〕3号）
    inner = text[1:-1].strip() if text[:1] in "（(" and text[-1:] in "）)" else ""
    return inner if inner and patterns.DOC_NUMBER.fullmatch(inner) else None


def split_title_numbers(stream: list[TextLine], body_size: float) -> list[TextLine]:
    """The stream with each title line that ends in its 文号 split in two — the title, then the
    文号 as a line of its own on the same baseline — so the 文号 anchors its document as one
    printed under the title does. Some gazettes print the 文号 on the title's (last) line: at its
    right end, apart by a wide gap (…的通知　　晋政发〔2021〕5号), or in brackets right after it
    (…的通知（晋政发〔2021〕5号）). Only a title line (``is_title_line``) whose text before the
    文号 ends in a 文种 (通知, 意见, 函 …) is split: a heading citing a 文号 is not a title."""
    out: list[TextLine] = []
    for ln in stream:
        parts = _title_and_number(ln) if is_title_line(ln, body_size) else None
        out.extend(parts or (ln,))
    return out


def _title_and_number(line: TextLine) -> tuple[TextLine, TextLine] | None:
    """``line`` as its title part and its 文号 part (see ``split_title_numbers``), else None."""
    if len(line.segments) >= 2 and _doc_number_of_text(clean(line.segments[-1][0])):
        head, (number, x0, x1) = line.segments[:-1], line.segments[-1]
        title = "".join(t for t, _, _ in head)
        title_part = replace(line, text=title, x1=head[-1][2], segments=tuple(head))
    else:
        text = clean(line.text)
        m = patterns.BRACKETED_DOC_NUMBER_END.search(text)
        if not m or not _doc_number_of_text(m["number"]):
            return None
        title, number = text[: m.start()], m["number"]
        # no gap to measure: the 文号 takes its share of the line's width by characters
        x0 = line.x0 + (line.x1 - line.x0) * m.start() / len(text)
        x1 = line.x1
        title_part = replace(line, text=title, x1=x0, segments=((title, line.x0, x0),))
    if not patterns.DOCUMENT_KIND_ENDING.search(clean(title)):
        return None
    return title_part, replace(line, text=number, x0=x0, x1=x1, segments=((number, x0, x1),))


def is_doc_number_line(line: TextLine) -> bool:
    return _doc_number_of_line(line) is not None
def _decree_number_at(stream: list[TextLine], i: int, body_size: float) -> str | None:
    """The number of a 政府令 whose 第N号 line is ``stream[i]``, under its head (某市人民政府令) set as
    a title on the same page: 某市人民政府令第N号."""
    serial = patterns.DECREE_SERIAL.match(clean(stream[i].text))
    if not serial or i == 0 or stream[i - 1].page != stream[i].page or not is_title_line(stream[i - 1], body_size):
        return None
    head = patterns.DECREE_HEAD.match(clean(stream[i - 1].text))
    return patterns.decree_number(head["code"], serial["serial"]) if head else None
def number_at(stream: list[TextLine], i: int, body_size: float) -> str | None:
    """The 文号 (or 令 number) the line at ``i`` holds alone, else None."""
    return _doc_number_of_line(stream[i]) or _decree_number_at(stream, i, body_size)
def is_title_line(line: TextLine, body_size: float) -> bool:
    return line.size >= body_size * TITLE_SIZE_RATIO or (line.bold and len(line.text) <= 60)
def is_caption_line(line: TextLine, body_size: float) -> bool:
    """A line of an 附件 caption under its label: a title line, or a line set a little larger
    than the body (a word processor's caption style: 14 pt over a 13 pt body) that is not a
    sentence."""
    if is_title_line(line, body_size):
        return True
    text = clean(line.text)
    return line.size >= body_size + 0.75 and not text.endswith(SENTENCE_ENDS) and len(text) <= 60


def is_issuer_over_subject(line: TextLine, subject: TextLine, body_size: float) -> bool:
    """Whether ``line``, right above a title's 关于… line ``subject``, is set as a line of the title
    block (标题) — the issuer (发文机关) part: a caption line, or, where a word processor sets the
    issuer in the body size (the whole title in one size, or only 关于… larger), a line centred on
    the subject's axis. Body text starts at the column's left edge or indent, a 落款 is
    right-aligned: a short centred body-size line right above 关于… is a title line."""
    if is_caption_line(line, body_size):
        return True
    return (
        line.size >= body_size - BODY_SIZE_SLACK
        and line.page == subject.page
        and abs(line.center_x - subject.center_x) <= CENTRED_TOLERANCE * line.size
    )


def split_doc_number(number: str) -> tuple[str | None, int | None, int | None]:
    """机关代字, year and serial of a 文号 (or ROC 發文字號)."""
    if m := patterns.DOC_NUMBER.fullmatch(number):
        return m["code"], patterns.doc_year_value(m["year"]), int(m["serial"])
    if m := patterns.ROC_DOC_NUMBER.fullmatch(number):
        return m["code"], None, int(m["serial"])
    if m := patterns.DECREE_NUMBER.fullmatch(number):
        return m["code"], None, int(m["serial"])
    return None, None, None
