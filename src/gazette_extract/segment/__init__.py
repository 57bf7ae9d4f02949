"""Stage 3 — segmentation: body lines → documents (公文) with their parts.

A document starts at its title (标题: one to four lines set larger or bolder than the body)
directly above a line that holds only its 文号. Inside a document, 公文 conventions give the
parts: the 主送 line ending in ：, the body, the 附件 list (附件：1. … 2. …), the 落款 line
right above the first stand-alone date, that date (成文日期), the 公开属性 line
（此件公开发布）, then the printed attachments, each opened by a stand-alone 附件N label.
A PDF without any 文号 line is one standalone document (a letter, a plan, an 附件).

Modules: ``lines`` (the body stream, text columns, what one line is), ``cuts`` (where each
document begins and ends), ``parts`` (paragraphs and the parts of one document); this module
puts them together (``segment``).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from .. import patterns
from ..models import (
    Attachment,
    AttachmentSpan,
    Document,
    DocumentSpan,
    PageLayout,
    TableFrame,
    TextLine,
    TocEntry,
)
from .cuts import (
    DocCut,
    back_matter_start,
    close_cuts,
    find_documents,
    find_untitled_entries,
)
from .lines import (
    MAX_TITLE_LINES,
    TITLE_SIZE_RATIO,
    Column,
    body_stream,
    clean,
    number_at,
    page_columns,
    split_doc_number,
    split_title_numbers,
)
from .parts import build_paragraphs, join_title, parse_parts, split_listed_count

__all__ = ["body_stream", "segment"]


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
    stream = split_title_numbers(stream, body_size)
    columns = page_columns(pages)
    printed_of = {p.page: p.printed_page for p in pages}
    page_edges = _page_edges(pages, table_frames)
    cuts = find_documents(stream, body_size, page_edges, columns)
    cuts = close_cuts(cuts + find_untitled_entries(stream, body_size, toc, cuts), len(stream))
    standalone = not cuts
    if standalone:
        cuts = [DocCut(0, _standalone_title(stream, body_size), None, len(stream))]
    else:
        last = cuts[-1]
        date_after = next(
            (k for k in range(last.body_start, last.end) if patterns.DATE.fullmatch(clean(stream[k].text))), None
        )
        if date_after is not None:
            last.end = back_matter_start(stream, date_after + 1, last.end, body_size)

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
        text = clean(ln.text)
        label = patterns.DOC_NUMBER_LABEL.match(text)
        rest = text[label.end() :] if label else text
        if m := patterns.ROC_DOC_NUMBER.search(rest) if label else None:
            return m.group(0), k
        if label and (m := patterns.DOC_NUMBER.search(rest)):
            return m.group(0), k
    return None, None
def _build_document(
    stream: list[TextLine],
    cut: DocCut,
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
        number = number_at(stream, cut.number_index, body_size)
    else:
        number = _standalone_number(stream[: cut.end])[0] if standalone else None
    all_lines = stream[cut.start : cut.end]
    parts = parse_parts(body, body_size, columns)
    title = join_title([clean(ln.text) for ln in title_lines]) or None
    if not title_above and title and patterns.TITLE_SUBJECT_START.match(title):
        # a 关于… title under a 版头 is issued by the organs the 版头 names (某市人民政府文件 → 某市人民政府)
        issuer = "".join(patterns.MASTHEAD_SUFFIX.sub("", clean(ln.text)) for ln in stream[cut.start : cut.number_index])
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
        sign_date = patterns.parse_date(clean(body[parts.sign_date_line].text))
    else:
        for ln in body[:40]:
            if "日期" in ln.text and (d := patterns.parse_date(clean(ln.text))):
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
