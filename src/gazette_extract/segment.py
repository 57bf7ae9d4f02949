"""Stage 3 — segmentation: body lines → documents (公文) with their parts.

A document starts at its title (标题: one to four lines set larger or bolder than the body)
directly above a line that holds only its 文号. Inside a document, 公文 conventions give the
parts: the 主送 line ending in ：, the body, the 附件 list (附件：1. … 2. …), the 落款 line
right above the first stand-alone date, that date (成文日期), the 公开属性 line
（此件公开发布）, then the printed attachments, each opened by a stand-alone 附件N label.
A PDF without any 文号 line is one standalone document (a letter, a plan, an 附件).
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from . import patterns
from .models import Attachment, AttachmentSpan, Document, DocumentSpan, PageLayout, Paragraph, TableFrame, TextLine, TocEntry

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


def _clean(text: str) -> str:
    return patterns.remove_layout_spaces(text.strip())


def _doc_number_of_line(line: TextLine) -> str | None:
    """The 文号 of a line that holds only a 文号 — in brackets or not, or with, at its right end,
    the 签发人 of an 上行文 (某政报〔2021〕3号　签发人：张三) — else None."""
    text = _clean(line.text)
    signer = patterns.SIGNER.search(text)
    if signer and signer.start() > 0:
        text = text[: signer.start()].rstrip()
    if patterns.DOC_NUMBER.fullmatch(text):
        return text
    # a 文号 printed in brackets under its title: （某政发〔2021〕3号）
    inner = text[1:-1].strip() if text[:1] in "（(" and text[-1:] in "）)" else ""
    return inner if inner and patterns.DOC_NUMBER.fullmatch(inner) else None


def _is_doc_number_line(line: TextLine) -> bool:
    return _doc_number_of_line(line) is not None


def _decree_number_at(stream: list[TextLine], i: int, body_size: float) -> str | None:
    """The number of a 政府令 whose 第N号 line is ``stream[i]``, under its head (某市人民政府令) set as
    a title on the same page: 某市人民政府令第N号."""
    serial = patterns.DECREE_SERIAL.match(_clean(stream[i].text))
    if not serial or i == 0 or stream[i - 1].page != stream[i].page or not _is_title_line(stream[i - 1], body_size):
        return None
    head = patterns.DECREE_HEAD.match(_clean(stream[i - 1].text))
    return patterns.decree_number(head["code"], serial["serial"]) if head else None


def _number_at(stream: list[TextLine], i: int, body_size: float) -> str | None:
    """The 文号 (or 令 number) the line at ``i`` holds alone, else None."""
    return _doc_number_of_line(stream[i]) or _decree_number_at(stream, i, body_size)


def _is_title_line(line: TextLine, body_size: float) -> bool:
    return line.size >= body_size * TITLE_SIZE_RATIO or (line.bold and len(line.text) <= 60)


def _is_caption_line(line: TextLine, body_size: float) -> bool:
    """A line of an 附件 caption under its label: a title line, or a line set a little larger
    than the body (a word processor's caption style: 14 pt over a 13 pt body) that is not a
    sentence."""
    if _is_title_line(line, body_size):
        return True
    text = _clean(line.text)
    return line.size >= body_size + 0.75 and not text.endswith(("。", "；", "，", "：")) and len(text) <= 60


def split_doc_number(number: str) -> tuple[str | None, int | None, int | None]:
    """机关代字, year and serial of a 文号 (or ROC 發文字號)."""
    if m := patterns.DOC_NUMBER.fullmatch(number):
        return m["code"], int(m["year"]), int(m["serial"])
    if m := patterns.ROC_DOC_NUMBER.fullmatch(number):
        return m["code"], None, int(m["serial"])
    if m := patterns.DECREE_NUMBER.fullmatch(number):
        return m["code"], None, int(m["serial"])
    return None, None, None


@dataclass
class _DocCut:
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


def find_documents(
    stream: list[TextLine], body_size: float, page_edges: dict[int, tuple[float, float]] | None = None
) -> list[_DocCut]:
    """Cut the stream at each title + 文号; ``end`` of the last cut is the stream's end.
    ``page_edges`` (page → top of its highest and bottom of its lowest printed line) lets a title
    start at the foot of the page before its 文号's."""
    anchors = [i for i in range(len(stream)) if _number_at(stream, i, body_size)]
    cuts: list[_DocCut] = []
    for i in anchors:
        start = i
        while (
            start - 1 >= 0
            and i - (start - 1) <= MAX_TITLE_LINES
            and _is_title_line(stream[start - 1], body_size)
            and _same_title_block(stream[start - 1], stream[i - 1], stream[i], page_edges, stream[start])
            and (not cuts or start - 1 > cuts[-1].body_start - 1)
        ):
            start -= 1
        if start == i and cuts and stream[i].page == stream[i - 1].page and not _is_title_line(stream[i - 1], body_size):
            continue  # a 文号 quoted on a line of its own inside a body: no title above it
        # The issuer (发文机关) set on lines of its own above 关于…, in its own size (even smaller
        # than the 关于… lines, if larger than the body) and however many lines the subject wraps
        # into, is part of the title.
        if start < i and patterns.TITLE_SUBJECT_START.match(stream[start].text):
            for _ in range(MAX_ISSUER_LINES):
                above = stream[start - 1] if start >= 1 else None
                if (
                    above is None
                    or above.page != stream[i].page
                    or not _is_caption_line(above, body_size)
                    or not patterns.ISSUER_LINE.match(_clean(above.text))
                    or (cuts and start - 1 <= cuts[-1].body_start - 1)
                ):
                    break
                start -= 1
        below = _title_below(stream, i, start, body_size)
        cuts.append(_DocCut(start, below or (start, i), i, len(stream)))
    return _close_cuts(cuts, len(stream))


def _title_below(stream: list[TextLine], i: int, start: int, body_size: float) -> tuple[int, int] | None:
    """The title lines under the 文号 at ``i``, in the order of a 公文's 版头 (GB/T 9704): 发文机关标志
    (某市人民政府文件, or the issuer's name), 文号, the red rule, then the title. The 文号 takes the
    title-sized lines right under it on its page when nothing above it is a title but a 版头."""
    if any(not (patterns.MASTHEAD_LINE.match(t) or patterns.ISSUER_LINE.match(t))
           for t in (_clean(ln.text) for ln in stream[start:i])):
        return None
    end = i + 1
    while (
        end < len(stream)
        and end - (i + 1) < MAX_TITLE_LINES
        and stream[end].page == stream[i].page
        and _is_title_line(stream[end], body_size)
        and not _is_doc_number_line(stream[end])
        and (end == i + 1 or abs(stream[end].size - stream[i + 1].size) <= 0.5)
    ):
        end += 1
    return (i + 1, end) if end > i + 1 else None


def _title_key(text: str) -> str:
    """A title for matching a 目录 entry: NFKC (full/half width alike), no spaces."""
    return patterns.remove_whitespace(unicodedata.normalize("NFKC", text))


def find_untitled_entries(stream: list[TextLine], body_size: float, toc: Sequence[TocEntry], cuts: list[_DocCut]) -> list[_DocCut]:
    """Documents listed in the 目录 without a 文号 (人事任免, 公告 …) start where their title is
    printed: a run of title lines on one page whose joined text is the entry's title."""
    wanted = {_title_key(e.title): e for e in toc if not e.doc_number and e.title}
    if not wanted:
        return []
    taken = {k for c in cuts for k in range(c.start, c.body_start)}
    found: list[_DocCut] = []
    i = 0
    while i < len(stream):
        if i in taken or not _is_title_line(stream[i], body_size):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(stream)
            and j + 1 - i < MAX_TITLE_LINES
            and j + 1 not in taken
            and _is_title_line(stream[j + 1], body_size)
            and _same_title_block(stream[j + 1], stream[i], stream[i])
        ):
            j += 1
        key = _title_key("".join(_clean(ln.text) for ln in stream[i : j + 1]))
        entry = wanted.pop(key, None)
        if entry is not None:
            found.append(_DocCut(i, (i, j + 1), None, len(stream), entry))
        i = j + 1
    return found


def _close_cuts(cuts: list[_DocCut], stream_end: int) -> list[_DocCut]:
    """Cuts in reading order, each ending where the next begins."""
    cuts = sorted(cuts, key=lambda c: c.start)
    for a, b in zip(cuts, cuts[1:]):
        a.end = b.start
    if cuts:
        cuts[-1].end = stream_end
    return cuts


def _back_matter_start(stream: list[TextLine], begin: int, end: int, body_size: float) -> int:
    """Where back matter (a 公报 简介 / 征订 page) begins after the last document's text."""
    for i in range(begin, end):
        ln = stream[i]
        text = _clean(ln.text)
        if _is_title_line(ln, body_size) and ("公报" in text or "公報" in text) and i > begin:
            return i
    return end


def build_paragraphs(lines: Sequence[TextLine], columns: dict[int, Column]) -> list[Paragraph]:
    """Join wrapped lines into paragraphs using indentation and short last lines."""
    paragraphs: list[Paragraph] = []
    current: list[TextLine] = []

    def flush():
        if current:
            text = "".join(_clean(ln.text) if i == 0 else _join_piece(current[i - 1], ln) for i, ln in enumerate(current))
            paragraphs.append(Paragraph(text=text, level=patterns.heading_level(text), page=current[0].page))
            current.clear()

    for ln in lines:
        col = columns.get(ln.page)
        if current:
            prev = current[-1]
            pcol = columns.get(prev.page)
            starts_new = col is not None and ln.x0 - col.left > INDENT * ln.size
            prev_short = pcol is not None and pcol.right - prev.x1 > SHORT_LINE * prev.size
            centered = col is not None and abs(ln.center_x - (col.left + col.right) / 2) < ln.size and ln.x0 - col.left > 3 * ln.size
            if starts_new or prev_short or centered or abs(ln.size - prev.size) > 1.0:
                flush()
        current.append(ln)
    flush()
    return paragraphs


def _join_piece(prev: TextLine, line: TextLine) -> str:
    """Text of a wrapped line joined to the line before it (a space only between Latin words)."""
    text = _clean(line.text)
    if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum():
        return " " + text
    return text


def _join_title(parts: list[str]) -> str:
    """Title lines joined: Chinese wraps join directly, a Latin word boundary keeps a space."""
    title = ""
    for part in parts:
        if title and (title[-1].isascii() and title[-1].isalpha() or part[:1].isascii() and part[:1].isalpha()):
            title += " "
        title += part
    return _clean(title)


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
        m = patterns.ATTACHMENT_LIST_HEAD.match(_clean(ln.text))
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
            nxt, text = lines[j], _clean(lines[j].text)
            before_date = j + 1 < len(lines) and patterns.DATE.fullmatch(_clean(lines[j + 1].text))
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
    head = patterns.ATTACHMENT_HANGING_HEAD.match(_clean(lines[k].text))
    tail = patterns.ATTACHMENT_HANGING_TAIL.match(_clean(lines[k + 1].text))
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


def _parse_parts(lines: list[TextLine], body_size: float, columns: dict[int, Column]) -> _Parts:
    """Find 主送, 附件 list, 落款, date, 公开属性 and printed 附件 labels in a document's lines."""
    addressees: list[str] = []
    head = []
    for k, ln in enumerate(lines[:MAX_ADDRESSEE_LINES]):
        col = columns.get(ln.page)
        if k == 0 and col is not None and ln.x0 - col.left > ln.size:
            break  # the 主送 is printed flush left; an indented first line opens the body
        head.append(_clean(ln.text))
        joined = "".join(head)
        if "。" in joined:
            break
        if joined.endswith(("：", ":")) and len(joined) > 4 and patterns.ADDRESSEE_LINE.match(joined):
            addressees = [a.strip() for a in patterns.ADDRESSEE_SPLIT.split(joined[:-1]) if a.strip()]
            break
    if not addressees:
        for ln in lines[:20]:  # a letterhead field: 受文者：… / 主送：…
            if m := _ADDRESSEE_FIELD.match(_clean(ln.segments[0][0] if ln.segments else ln.text)):
                addressees = [a for a in patterns.split_units(m["units"]) if a]
                break

    sign_index = None
    for k, ln in enumerate(lines):
        text = _clean(ln.text)
        if patterns.DATE.fullmatch(text) or patterns.ROC_DATE.fullmatch(text):
            sign_index = k
            break
    issuer = None
    if sign_index is not None and sign_index > 0:
        cand = _clean(lines[sign_index - 1].text)
        if len(cand) <= MAX_ISSUER_CHARS and not cand.endswith(("。", "：", ":", "；", "，")) and not patterns.PUBLICITY.match(cand):
            issuer = cand

    publicity = None
    for ln in lines:
        if m := patterns.PUBLICITY.match(_clean(ln.text)):
            publicity = m["p"]
            break

    printed: list[tuple[int, str, str | None]] = []
    start = sign_index + 1 if sign_index is not None else 0
    for k in range(start, len(lines)):
        text = _clean(lines[k].text)
        if m := patterns.ATTACHMENT_LABEL.match(text):
            caption_parts = []
            for nxt in lines[k + 1 : k + 4]:
                t = _clean(nxt.text)
                if patterns.ATTACHMENT_LABEL.match(t) or not _is_caption_line(nxt, body_size) or nxt.page != lines[k].page:
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


def _page_edges(pages: Sequence[PageLayout], table_frames: Sequence[TableFrame]) -> dict[int, tuple[float, float]]:
    """Page → top of its highest and bottom of its lowest printed line or table."""
    spans = [(ln.page, ln.top, ln.bottom) for p in pages for ln in p.lines]
    spans += [(f.page, f.top, f.bottom) for f in table_frames]
    edges: dict[int, tuple[float, float]] = {}
    for page, top, bottom in spans:
        old = edges.get(page, (top, bottom))
        edges[page] = (min(old[0], top), max(old[1], bottom))
    return edges


def segment(
    stream: list[TextLine],
    pages: Sequence[PageLayout],
    toc: Sequence[TocEntry],
    gazette_id: str,
    table_frames: Sequence[TableFrame] = (),
) -> list[DocumentSpan]:
    """Cut the body stream into documents and read each one's parts; ``table_frames`` (where
    tables are printed, their text being out of the lines) tell where a page's print ends."""
    if not stream:
        return []
    body_size = statistics.median(ln.size for ln in stream)
    columns = page_columns(pages)
    printed_of = {p.page: p.printed_page for p in pages}
    page_edges = _page_edges(pages, table_frames)
    cuts = find_documents(stream, body_size, page_edges)
    cuts = _close_cuts(cuts + find_untitled_entries(stream, body_size, toc, cuts), len(stream))
    standalone = not cuts
    if standalone:
        cuts = [_DocCut(0, _standalone_title(stream, body_size), None, len(stream))]
    else:
        last = cuts[-1]
        date_after = next(
            (k for k in range(last.body_start, last.end) if patterns.DATE.fullmatch(_clean(stream[k].text))), None
        )
        if date_after is not None:
            last.end = _back_matter_start(stream, date_after + 1, last.end, body_size)

    toc_by_number = {e.doc_number: e for e in toc if e.doc_number}
    spans: list[DocumentSpan] = []
    for seq, cut in enumerate(cuts, start=1):
        spans.append(_build_document(stream, cut, seq, body_size, columns, printed_of, toc_by_number, gazette_id, standalone))
    return spans


def _standalone_title(stream: list[TextLine], body_size: float) -> tuple[int, int]:
    """A PDF without a 文号 line is one document; its title is the run of lines set in the
    largest size on the first page (letterheads put file fields such as 檔號 above it)."""
    first_page = [i for i, ln in enumerate(stream) if ln.page == stream[0].page]
    largest = max(stream[i].size for i in first_page)
    if largest < body_size * TITLE_SIZE_RATIO:
        return 0, 0
    start = next(i for i in first_page if stream[i].size == largest)
    end = start
    while end < len(stream) and stream[end].size == largest and end - start < MAX_TITLE_LINES:
        end += 1
    return start, end


def _standalone_number(lines: Sequence[TextLine]) -> tuple[str | None, int | None]:
    """文号 of a standalone document: a 發文字號/文号 label line or a ROC-style number."""
    for k, ln in enumerate(lines[:40]):
        text = _clean(ln.text)
        label = patterns.DOC_NUMBER_LABEL.match(text)
        rest = text[label.end() :] if label else text
        if m := patterns.ROC_DOC_NUMBER.search(rest) if label else None:
            return m.group(0), k
        if label and (m := patterns.DOC_NUMBER.search(rest)):
            return m.group(0), k
    return None, None


def _build_document(
    stream: list[TextLine],
    cut: _DocCut,
    seq: int,
    body_size: float,
    columns: dict[int, Column],
    printed_of: dict[int, int | None],
    toc_by_number: dict[str, TocEntry],
    gazette_id: str,
    standalone: bool = False,
) -> DocumentSpan:
    title_lines = stream[cut.title[0] : cut.title[1]]
    # lines before the title belong to the body only in a standalone PDF (letterhead fields)
    title_above = cut.number_index is None or cut.title[0] <= cut.number_index  # not under a 版头 and its 文号
    body = (stream[cut.start : cut.title[0]] if title_above else []) + stream[cut.body_start : cut.end]
    if cut.number_index is not None:
        number = _number_at(stream, cut.number_index, body_size)
    else:
        number = _standalone_number(stream[: cut.end])[0] if standalone else None
    all_lines = stream[cut.start : cut.end]
    parts = _parse_parts(body, body_size, columns)
    title = _join_title([_clean(ln.text) for ln in title_lines]) or None
    if not title_above and title and patterns.TITLE_SUBJECT_START.match(title):
        # a 关于… title under a 版头 is issued by the organs the 版头 names (某市人民政府文件 → 某市人民政府)
        issuer = "".join(patterns.MASTHEAD_SUFFIX.sub("", _clean(ln.text)) for ln in stream[cut.start : cut.number_index])
        title = issuer + title
    code, year, serial = split_doc_number(number) if number else (None, None, None)
    entry = toc_by_number.get(number) if number else cut.toc_entry
    if entry and number and patterns.DECREE_HEAD.match(title or ""):
        title = entry.title  # a 令's head names the organ; the 目录 names what the 令 publishes

    first_att = parts.printed[0][0] if parts.printed else len(body)
    main_lines = body[:first_att]
    attachment_spans = []
    for n, (k, label, caption) in enumerate(parts.printed):
        k_end = parts.printed[n + 1][0] if n + 1 < len(parts.printed) else len(body)
        attachment_spans.append(AttachmentSpan(label, caption, body[k].page, body[k].top, tuple(body[k + 1 : k_end])))

    listed = {label: split_listed_count(title) for label, title in parts.listed}
    attachments = []
    for span in attachment_spans:
        listed_title, count = listed.get(span.label, (span.title, None))
        attachments.append(
            Attachment(
                gazette_id=gazette_id,
                doc_number=number,
                label=span.label,
                title=listed_title or span.title,
                page_start=span.page_start,
                stated_count=count,
            )
        )
    printed_labels = {span.label for span in attachment_spans}
    for label, (listed_title, count) in listed.items():
        if label not in printed_labels:
            attachments.append(
                Attachment(gazette_id=gazette_id, doc_number=number, label=label, title=listed_title, stated_count=count)
            )

    paragraphs = build_paragraphs(main_lines, columns)
    for span in attachment_spans:
        paragraphs.extend(build_paragraphs(span.lines, columns))
    page_start = all_lines[0].page if all_lines else 1
    page_end = all_lines[-1].page if all_lines else page_start
    sign_date = None
    if parts.sign_date_line is not None:
        sign_date = patterns.parse_date(_clean(body[parts.sign_date_line].text))
    else:
        for ln in body[:40]:
            if "日期" in ln.text and (d := patterns.parse_date(_clean(ln.text))):
                sign_date = d
                break
    document = Document(
        gazette_id=gazette_id,
        doc_id=f"d{seq:02d}",
        seq=seq,
        section=entry.section if entry else None,
        doc_number=number,
        doc_code=code,
        doc_year=year,
        doc_serial=serial,
        title=title,
        issuer=parts.issuer,
        addressees=parts.addressees,
        sign_date=sign_date,
        publicity=parts.publicity,
        page_start=page_start,
        page_end=page_end,
        printed_page_start=printed_of.get(page_start),
        paragraphs=paragraphs,
        attachments=attachments,
    )
    return DocumentSpan(
        document=document,
        body_lines=tuple(main_lines),
        attachments=tuple(attachment_spans),
        top=all_lines[0].top if all_lines else 0.0,
    )
