"""Segmentation (分文): the parts of one document — paragraphs, 主送, 落款, 公开属性, the 附件
list and the printed 附件 labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .. import patterns
from ..models import (
    Paragraph,
    TextLine,
)
from .lines import (
    INDENT,
    MAX_ADDRESSEE_LINES,
    MAX_ISSUER_CHARS,
    SHORT_LINE,
    Column,
    clean,
    is_caption_line,
    is_centred,
    is_centred_caption_line,
)


def build_paragraphs(lines: Sequence[TextLine], columns: dict[int, Column]) -> list[Paragraph]:
    """Join wrapped lines into paragraphs using indentation and short last lines."""
    paragraphs: list[Paragraph] = []
    current: list[TextLine] = []

    def flush():
        if current:
            text = "".join(clean(ln.text) if i == 0 else _join_piece(current[i - 1], ln) for i, ln in enumerate(current))
            paragraphs.append(Paragraph(text=text, level=patterns.heading_level(text), page=current[0].page))
            current.clear()

    for ln in lines:
        col = columns.get(ln.page)
        if current:
            prev = current[-1]
            pcol = columns.get(prev.page)
            starts_new = col is not None and ln.x0 - col.left > INDENT * ln.size
            prev_short = pcol is not None and pcol.right - prev.x1 > SHORT_LINE * prev.size
            if starts_new or prev_short or is_centred(ln, col) or abs(ln.size - prev.size) > 1.0:
                flush()
        current.append(ln)
    flush()
    return paragraphs
def _join_piece(prev: TextLine, line: TextLine) -> str:
    """Text of a wrapped line joined to the line before it (a space only between Latin words)."""
    text = clean(line.text)
    if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum():
        return " " + text
    return text
def join_title(parts: list[str]) -> str:
    """Title lines joined: Chinese wraps join directly, a Latin word boundary keeps a space."""
    title = ""
    for part in parts:
        if title and (title[-1].isascii() and title[-1].isalpha() or part[:1].isascii() and part[:1].isalpha()):
            title += " "
        title += part
    return clean(title)
def _attachment_list(lines: list[TextLine]) -> list[tuple[str, str]]:
    """附件：1. … / 2. … (or 附件：title): labels and titles as the list states them.

    Items and their wrapped continuations start in the left half of the column; a right-aligned
    line after the list is the 落款, never part of a title.
    """
    for k, ln in enumerate(lines):
        if "附" not in ln.text:  # both kinds of list head print 附件 on this line
            continue
        items: list[list[str]] = []
        first = k + 1
        m = patterns.ATTACHMENT_LIST_HEAD.match(clean(ln.text))
        if m:
            rest = m["rest"].strip()
            if rest:
                im = patterns.ATTACHMENT_LIST_ITEM.match(rest)
                items.append([im["n"], im["title"]] if im else [m["n"] or "", rest])
        elif hanging := _hanging_items(lines, k):
            items, first = hanging, k + 2
        else:
            continue
        middle = (ln.x0 + max(x.x1 for x in lines)) / 2
        for j in range(first, len(lines)):
            nxt, text = lines[j], clean(lines[j].text)
            before_date = j + 1 < len(lines) and patterns.DATE.fullmatch(clean(lines[j + 1].text))
            if nxt.x0 >= middle or before_date or patterns.DATE.fullmatch(text) or patterns.PUBLICITY.match(text):
                break  # the 落款 (the line right above the date), the date, or the 公开属性
            if im := patterns.ATTACHMENT_LIST_ITEM.match(text):
                items.append([im["n"], im["title"]])
            elif items and _continues_item(text):
                items[-1][1] += text
            else:
                break
        return [(f"附件{n}" if n else "附件", title) for n, title in items]
    return []
def _hanging_items(lines: list[TextLine], k: int) -> list[list[str]] | None:
    """The first two items of an 附件 list whose label (附件（详见…）：) is set in a narrow column
    beside them and wraps there, so each of its two lines shares a line with an item (or with
    the wrapped rest of the first item)."""
    if k + 1 >= len(lines):
        return None
    head = patterns.ATTACHMENT_HANGING_HEAD.match(clean(lines[k].text))
    tail = patterns.ATTACHMENT_HANGING_TAIL.match(clean(lines[k + 1].text))
    if not head or not tail or not patterns.ATTACHMENT_LIST_HEAD.match(head["label"] + tail["label"]):
        return None
    first = patterns.ATTACHMENT_LIST_ITEM.match(head["item"])
    if first is None:
        return None
    items = [[first["n"], first["title"]]]
    if second := patterns.ATTACHMENT_LIST_ITEM.match(tail["item"]):
        items.append([second["n"], second["title"]])
    elif _continues_item(tail["item"]):
        items[0][1] += tail["item"].strip()  # the first item wraps beside the label's end
    else:
        return None
    return items
def split_listed_count(title: str) -> tuple[str, int | None]:
    """An 附件 list title with its count taken off: …项目名单（共17项） → (…项目名单, 17)."""
    m = patterns.COUNT_IN_PARENS.search(title)
    if m and m.end() == len(title.rstrip()):
        return title[: m.start()].rstrip(), int(m["n"])
    return title, None
@dataclass
class _Parts:
    addressees: list[str]
    issuer: str | None
    sign_date_line: int | None
    publicity: str | None
    listed: list[tuple[str, str | None]]
    printed: list[tuple[int, str, str | None]]  # (line index, label, caption)
# A line that opens a labelled field (主旨：, 說明：) never continues an 附件 title.
_FIELD_LABEL = regex.compile(r"^[\p{Han}]{1,6}\s*[:：]")
# The 主送 as a labelled field of a letterhead (受文者：… in Taiwan, 主送：… elsewhere).
_ADDRESSEE_FIELD = regex.compile(r"^(?:受文者|主送(?:机关|機關)?)\s*[:：]\s*(?P<units>[^\s]+)")
def _continues_item(text: str) -> bool:
    """A wrapped 附件 list title continues on a short line that is not a sentence or a field."""
    return (
        len(text) < 60
        and not text.endswith("。")
        and not patterns.ATTACHMENT_LABEL.match(text)
        and not _FIELD_LABEL.match(text)
    )
def _label_column(label: TextLine, columns: dict[int, Column]) -> Column | None:
    """The text column an 附件 caption is centred in: the 附件 label stands flush with its left
    edge (GB/T 9704), which a page of short indented paragraphs hides from ``page_columns``."""
    col = columns.get(label.page)
    return Column(min(col.left, label.x0), col.right) if col is not None else None
def parse_parts(lines: list[TextLine], body_size: float, columns: dict[int, Column]) -> _Parts:
    """Find 主送, 附件 list, 落款, date, 公开属性 and printed 附件 labels in a document's lines."""
    addressees: list[str] = []
    head = []
    for k, ln in enumerate(lines[:MAX_ADDRESSEE_LINES]):
        col = columns.get(ln.page)
        if k == 0 and col is not None and ln.x0 - col.left > ln.size:
            break  # the 主送 is printed flush left; an indented first line opens the body
        head.append(clean(ln.text))
        joined = "".join(head)
        if "。" in joined:
            break
        if joined.endswith(("：", ":")) and len(joined) > 4 and patterns.ADDRESSEE_LINE.match(joined):
            addressees = [a.strip() for a in patterns.ADDRESSEE_SPLIT.split(joined[:-1]) if a.strip()]
            break
    if not addressees:
        for ln in lines[:20]:  # a letterhead field: 受文者：… / 主送：…
            if m := _ADDRESSEE_FIELD.match(clean(ln.segments[0][0] if ln.segments else ln.text)):
                addressees = [a for a in patterns.split_units(m["units"]) if a]
                break

    sign_index = None
    for k, ln in enumerate(lines):
        text = clean(ln.text)
        if patterns.DATE.fullmatch(text) or patterns.ROC_DATE.fullmatch(text):
            sign_index = k
            break
    issuer = None
    if sign_index is not None and sign_index > 0:
        cand = clean(lines[sign_index - 1].text)
        if len(cand) <= MAX_ISSUER_CHARS and not cand.endswith(("。", "：", ":", "；", "，")) and not patterns.PUBLICITY.match(cand):
            issuer = cand

    publicity = None
    for ln in lines:
        if m := patterns.PUBLICITY.match(clean(ln.text)):
            publicity = m["p"]
            break

    printed: list[tuple[int, str, str | None]] = []
    start = sign_index + 1 if sign_index is not None else 0
    for k in range(start, len(lines)):
        text = clean(lines[k].text)
        if m := patterns.ATTACHMENT_LABEL.match(text):
            caption_parts = []
            for nxt in lines[k + 1 : k + 4]:
                t = clean(nxt.text)
                if patterns.ATTACHMENT_LABEL.match(t) or nxt.page != lines[k].page:
                    break
                if not (is_caption_line(nxt, body_size) or is_centred_caption_line(nxt, _label_column(lines[k], columns))):
                    break
                # a caption's lines are set in one size: a bold line of another size below it
                # (a roster or table printed in a black face) is not part of it
                if caption_parts and abs(nxt.size - lines[k + 1].size) > 0.5:
                    break
                # a numbered heading (一、…, （一）…) below the caption heads a part of the
                # attachment (a sub-table's heading), it does not continue the caption
                if caption_parts and patterns.heading_level(t) in (1, 2):
                    break
                caption_parts.append(t)
            printed.append((k, f"附件{m['n']}" if m["n"] else "附件", "".join(caption_parts) or None))

    # The 附件 list stands at the end of the document's own text — of the 通知, or of the plan it
    # 印发 (after the 通知's 落款) — so it is looked for up to the first printed 附件.
    list_end = printed[0][0] if printed else len(lines)
    listed = _attachment_list(lines[:list_end])
    return _Parts(addressees, issuer, sign_index, publicity, listed, printed)
