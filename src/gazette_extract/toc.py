"""Stage 2 — front matter: the cover (封面: 刊名, 期号, 出版日期, 主管主办) and the 目录.

A 目录 is found by its heading (目录 / 目 录) on one of the first pages and runs over the
following pages while they hold TOC entries. An entry is a title (it may wrap onto several
lines) closed by a line that ends in the printed page number after dotted leaders or a wide
gap; the 文号 is printed either on that closing line or in the title. Section headers
(【市政府文件】) set the section of the entries below them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from . import patterns
from .models import PageLayout, TextLine, TocEntry

# The 目录 heading must appear on one of the first pages of a gazette.
TOC_SEARCH_PAGES = 6
# A 目录 section heading without brackets is a short line (市政府办公室文件), in another style than
# the entries: bold among regular lines, or this much larger.
TOC_SECTION_MAX_CHARS = 16
TOC_SECTION_SIZE_RATIO = 1.12


@dataclass(frozen=True, slots=True)
class CoverInfo:
    """What the cover and masthead say about the issue (刊名, 年, 期, 总期, 出版日期, 主办)."""

    title: str | None = None
    year: int | None = None
    issue_no: int | None = None
    total_issue_no: int | None = None
    publish_date: dt.date | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Cover, 目录 entries, and the pages the 目录 occupies (1-based PDF pages)."""

    cover: CoverInfo
    entries: tuple[TocEntry, ...]
    toc_pages: tuple[int, ...]

    @property
    def body_first_page(self) -> int:
        """First PDF page after the 目录 (1 when there is no 目录)."""
        return max(self.toc_pages) + 1 if self.toc_pages else 1


def _page_of_entry(line: TextLine) -> tuple[str, int] | None:
    """Split a line closing a TOC entry into (text before the leaders, printed page)."""
    text = line.text
    under = patterns.TOC_LEADERS_UNDER_PAGE.search(text)
    if under:  # leaders run on under the number: the dots between its digits are theirs
        digits = "".join(ch for ch in under["digits"] if ch.isdigit())
        text = text[: under.start("digits")] + digits
    m = patterns.TOC_PAGE.search(text)
    if m and m.start() > 0:
        return text[: m.start()].rstrip(" .．·…‥⋯・"), int(m["page"] or m["page_b"])
    if len(line.segments) >= 2 and line.segments[-1][0].strip().isdigit():
        head = " ".join(s[0] for s in line.segments[:-1]).rstrip(" .．·…‥⋯・")
        return head, int(line.segments[-1][0])
    return None


def _entry_style(lines: tuple[TextLine, ...]) -> tuple[float, bool] | None:
    """Size and weight of the lines that close entries on a 目录 page (the most common)."""
    styles = Counter((round(ln.size), ln.bold) for ln in lines if _page_of_entry(ln) is not None)
    return styles.most_common(1)[0][0] if styles else None


def _is_section_line(line: TextLine, text: str, style: tuple[float, bool] | None, starts_entry: bool) -> bool:
    """A 目录 section heading (栏目): 【市政府文件】 in brackets; or, where a new entry would start, a
    short line without page number or 文号 set in another style than the entries (bold among
    regular lines, or larger: 市政府办公室文件 in 黑体), or naming a kind of documents (…文件)."""
    if patterns.TOC_SECTION.match(text):
        return True
    if not starts_entry or len(text) > TOC_SECTION_MAX_CHARS or patterns.DOC_NUMBER.search(text):
        return False
    if patterns.TITLE_SUBJECT_START.search(text) or patterns.DOCUMENT_KIND_ENDING.search(text):
        return False  # 关于… starts a title, …的通知 / 某市人民政府令 ends one
    other_style = style is not None and (
        (line.bold and not style[1]) or line.size >= style[0] * TOC_SECTION_SIZE_RATIO
    )
    return other_style or bool(patterns.TOC_SECTION_NAME.match(text))


def parse_cover(lines: list[TextLine]) -> CoverInfo:
    """Read the masthead facts from the cover / first lines (general 公报 conventions)."""
    title = year = issue = total = publisher = None
    publish_date = None
    for ln in lines:
        text = patterns.remove_layout_spaces(ln.text.strip())
        if title is None and patterns.GAZETTE_TITLE.match(text):
            title = text
        if issue is None and (m := patterns.ISSUE.search(text)):
            year, issue = patterns.cn_number(m["year"]), patterns.cn_number(m["issue"])
        elif issue is None and (m := patterns.ISSUE_ALONE.match(text)):
            issue = patterns.cn_number(m["issue"])
        if year is None and (m := patterns.YEAR_ALONE.match(text)):
            year = patterns.cn_number(m["year"])
        if total is None and (m := patterns.TOTAL_ISSUE.search(text)):
            total = patterns.cn_number(m["total"])
        if publish_date is None and patterns.PUBLISH_DATE.search(text):
            publish_date = patterns.parse_date(text)
        if publisher is None and (m := patterns.PUBLISHER.match(text)):
            publisher = m["unit"] or m["unit2"]
    if year is None and issue is not None and publish_date is not None:
        year = publish_date.year  # 第4期 alone: the issue of the year it is published in
    return CoverInfo(title, year, issue, total, publish_date, publisher)


def parse_front_matter(pages: list[PageLayout], gazette_id: str) -> FrontMatter:
    """Find the cover facts and the 目录 entries."""
    toc_start = None
    for p in pages[:TOC_SEARCH_PAGES]:
        if any(patterns.TOC_HEADING.match(ln.text) for ln in p.lines[:6]):
            toc_start = p.page
            break
    cover_lines = [ln for p in pages[: (toc_start or 1)] for ln in p.lines]
    cover = parse_cover(cover_lines)
    if toc_start is None:
        return FrontMatter(cover, (), ())

    entries: list[TocEntry] = []
    toc_pages: list[int] = []
    section: str | None = None
    pending: list[str] = []
    style = None
    for p in pages[toc_start - 1 :]:
        found_on_page = 0
        style = _entry_style(p.lines) or style
        for ln in p.lines:
            text = ln.text.strip()
            if patterns.TOC_HEADING.match(text):
                continue
            bare = patterns.remove_layout_spaces(text)
            if _is_section_line(ln, bare, style, starts_entry=not pending) and _page_of_entry(ln) is None:
                m = patterns.TOC_SECTION.match(bare)
                section, pending = (m["section"] if m else bare), []
                continue
            closing = _page_of_entry(ln)
            if closing is None:
                pending.append(text)
                continue
            head, printed = closing
            number = patterns.DOC_NUMBER.search(head)
            title_parts = pending + ([head] if not (number and number.group(0) == head.strip()) else [])
            title = patterns.remove_layout_spaces("".join(title_parts))
            doc_number = None
            if number:
                doc_number = patterns.remove_layout_spaces(number.group(0))
                wrapped = patterns.regex.compile(r"[（(]?\s*" + patterns.regex.escape(number.group(0)) + r"\s*[）)]?")
                title = wrapped.sub("", title).strip()
            elif decree := patterns.DECREE_IN_TOC.search(title):
                doc_number = patterns.decree_number(decree["code"], decree["serial"])
                rest = (title[: decree.start()].rstrip("（( ") + title[decree.end() :].lstrip("）) ")).strip()
                title = rest or decree["code"]  # an entry of the 令 alone is titled by its head
            entries.append(
                TocEntry(
                    gazette_id=gazette_id,
                    seq=len(entries) + 1,
                    section=section,
                    title=title,
                    doc_number=doc_number,
                    printed_page=printed,
                    page=p.page,
                )
            )
            pending = []
            found_on_page += 1
        if found_on_page == 0 and toc_pages:
            break
        toc_pages.append(p.page)
    return FrontMatter(cover, tuple(entries), tuple(toc_pages))
