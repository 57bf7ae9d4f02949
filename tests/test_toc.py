"""Unit tests of the front-matter stage (toc.py): the cover facts and the 目录 entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from gazette_extract.models import PageLayout, TextLine
from gazette_extract.toc import CoverInfo, parse_cover, parse_front_matter

GID = "0123456789abcdef"


def line(text, top, page=1, x0=90.0, x1=505.0, size=16.0, segments=None):
    return TextLine(
        text=text, x0=x0, top=top, x1=x1, bottom=top + size, size=size, bold=False, page=page,
        segments=segments if segments is not None else ((text, x0, x1),),
    )


def page(n, texts):
    """A page whose lines are ``texts`` set 30pt apart from the top."""
    lines = [
        replace(t, page=n, top=100 + 30 * k, bottom=100 + 30 * k + t.size) if isinstance(t, TextLine) else line(t, 100 + 30 * k, page=n)
        for k, t in enumerate(texts)
    ]
    return PageLayout(
        page=n, width=595.0, height=842.0, printed_page=None, header="", lines=tuple(lines), glyphs=(), edges=(), body_size=16.0
    )


COVER = ["某市人民政府公报", "2021年第4期（总第12期）", "某市人民政府办公室主管主办", "2021年8月31日出版"]


# ---------------------------------------------------------------- cover


def test_parse_cover_reads_masthead_issue_total_publisher_and_date():
    cover = parse_cover([line(t, 100 + 30 * k) for k, t in enumerate(COVER)])
    assert cover == CoverInfo(
        title="某市人民政府公报",
        year=2021,
        issue_no=4,
        total_issue_no=12,
        publish_date=dt.date(2021, 8, 31),
        publisher="某市人民政府办公室",
    )


def test_parse_cover_ignores_layout_spaces_in_masthead():
    cover = parse_cover([line("某 市 人 民 政 府 公 报", 100)])
    assert cover.title == "某市人民政府公报"


def test_parse_cover_publisher_as_labelled_field():
    assert parse_cover([line("主办单位：某市人民政府办公室", 100)]).publisher == "某市人民政府办公室"


def test_parse_cover_sign_date_is_not_publish_date():
    assert parse_cover([line("2021年7月31日", 100)]).publish_date is None


def test_parse_cover_of_nothing_is_empty():
    assert parse_cover([]) == CoverInfo()


# ---------------------------------------------------------------- 目录

TOC_PAGE = [
    "目 录",
    "【市政府文件】",
    "某市人民政府关于印发某市推进政务服务",
    "“一网通办”实施方案的通知",
    "某政发〔2021〕12号 ………………………… 3",
    "【市政府办公室文件】",
    "某市人民政府办公室关于公布市级行政审批事项清单的通知（某政办发〔2021〕32号）…… 9",
]


def test_toc_entries_have_section_title_doc_number_and_printed_page():
    fm = parse_front_matter([page(1, COVER), page(2, TOC_PAGE), page(3, ["正文"])], GID)
    got = [(e.seq, e.section, e.title, e.doc_number, e.printed_page, e.page) for e in fm.entries]
    assert got == [
        (1, "市政府文件", "某市人民政府关于印发某市推进政务服务“一网通办”实施方案的通知", "某政发〔2021〕12号", 3, 2),
        (2, "市政府办公室文件", "某市人民政府办公室关于公布市级行政审批事项清单的通知", "某政办发〔2021〕32号", 9, 2),
    ]
    assert all(e.gazette_id == GID for e in fm.entries)


def test_toc_pages_and_body_first_page():
    fm = parse_front_matter([page(1, COVER), page(2, TOC_PAGE), page(3, ["为加强管理，现通知如下。"])], GID)
    assert fm.toc_pages == (2,)
    assert fm.body_first_page == 3


def test_cover_is_read_from_pages_before_the_toc():
    fm = parse_front_matter([page(1, COVER), page(2, TOC_PAGE)], GID)
    assert fm.cover.title == "某市人民政府公报"
    assert fm.cover.issue_no == 4


def test_toc_entries_continue_on_the_next_page():
    second = ["某市人民政府办公室关于成立某市安全生产委员会的通知", "某政办发〔2021〕40号 ………………………… 21"]
    fm = parse_front_matter([page(1, COVER), page(2, TOC_PAGE), page(3, second), page(4, ["为加强管理，现通知如下。"])], GID)
    assert fm.toc_pages == (2, 3)
    assert [e.printed_page for e in fm.entries] == [3, 9, 21]
    last = fm.entries[-1]
    assert (last.seq, last.section, last.doc_number, last.page) == (3, "市政府办公室文件", "某政办发〔2021〕40号", 3)


def test_toc_title_wrapped_over_a_page_break():
    first = TOC_PAGE + ["某市人民政府办公室关于印发某市2021年"]
    second = ["重点工程项目计划的通知", "某政办发〔2021〕41号 ………………………… 25"]
    fm = parse_front_matter([page(1, COVER), page(2, first), page(3, second)], GID)
    assert fm.entries[-1].title == "某市人民政府办公室关于印发某市2021年重点工程项目计划的通知"


def test_toc_page_number_after_a_wide_gap_without_leaders():
    closing = line("某政发〔2021〕13号 15", 0, segments=(("某政发〔2021〕13号", 90.0, 230.0), ("15", 490.0, 505.0)))
    fm = parse_front_matter([page(1, ["目录", "某市人民政府关于X的决定", closing])], GID)
    (entry,) = fm.entries
    assert (entry.title, entry.doc_number, entry.printed_page) == ("某市人民政府关于X的决定", "某政发〔2021〕13号", 15)


def test_toc_entry_without_doc_number():
    fm = parse_front_matter([page(1, ["目 录", "2021年第二季度政务公开工作要点 ……………… 30"])], GID)
    (entry,) = fm.entries
    assert (entry.title, entry.doc_number, entry.printed_page, entry.section) == ("2021年第二季度政务公开工作要点", None, 30, None)


def test_no_toc_heading_means_no_entries():
    fm = parse_front_matter([page(1, COVER), page(2, ["某市人民政府关于X的通知", "某政发〔2021〕12号"])], GID)
    assert fm.entries == ()
    assert fm.toc_pages == ()
    assert fm.body_first_page == 1
    assert fm.cover.title == "某市人民政府公报"


def test_toc_heading_beyond_the_first_pages_is_ignored():
    pages = [page(n, ["为加强管理，现通知如下。"]) for n in range(1, 8)] + [page(8, TOC_PAGE)]
    assert parse_front_matter(pages, GID).entries == ()


# ---------------------------------------------------------------- section headings without brackets


def test_unbracketed_section_headings_set_the_section_not_the_next_title():
    """市政府办公室文件 printed bold (another style than the entries) or plain (…文件) above its entries."""
    bold = replace(line("市政府办公室文件", 0), bold=True)
    toc = page(2, ["目　录", "市政府文件", "某市人民政府关于甲的通知",
                   line("（某政发〔2021〕1号）……………… 1", 0), bold, "某市人民政府办公室关于乙的通知",
                   line("（某政办发〔2021〕2号）…………… 3", 0), replace(line("部门文件", 0), size=20.0),
                   line("某市财政局关于丙的通知（某财发〔2021〕3号）…… 5", 0)])
    entries = parse_front_matter([page(1, COVER), toc], GID).entries
    assert [(e.section, e.title, e.printed_page) for e in entries] == [
        ("市政府文件", "某市人民政府关于甲的通知", 1), ("市政府办公室文件", "某市人民政府办公室关于乙的通知", 3),
        ("部门文件", "某市财政局关于丙的通知", 5)]


def test_a_wrapped_title_line_in_the_entries_style_is_not_a_section():
    toc = page(2, ["目　录", "某市人民政府关于转发省政府", "文件的通知", line("（某政发〔2021〕1号）……………… 1", 0)])
    assert [e.title for e in parse_front_matter([page(1, COVER), toc], GID).entries] == ["某市人民政府关于转发省政府文件的通知"]


def test_cover_with_chinese_numerals_and_the_year_set_apart():
    def cover(texts):
        return parse_cover([line(t, 100 + 30 * k) for k, t in enumerate(texts)])

    assert cover(["某市人民政府公报", "二〇二一年第四期（总第十二期）"]) == CoverInfo("某市人民政府公报", 2021, 4, 12)
    assert cover(["某市人民政府公报", "2021", "第4期", "（总第一百零五期）"]) == CoverInfo("某市人民政府公报", 2021, 4, 105)
    # 第4期 alone: the year it is published in
    assert cover(["某市人民政府公报", "第四期", "2021年8月31日出版"]).year == 2021


def test_a_short_bold_title_is_an_entry_not_a_section():
    """A 目录 that sets its titles in bold: a short one (某市人民政府令) is still a title."""
    toc = page(2, ["目　录", replace(line("某市人民政府令", 0), bold=True), line("（第3号）……………………… 1", 0),
                   replace(line("某市人民政府关于甲的通知", 0), bold=True), line("（某政发〔2021〕1号）……………… 3", 0)])
    entries = parse_front_matter([page(1, COVER), toc], GID).entries
    assert [(e.section, e.title, e.doc_number, e.printed_page) for e in entries] == [
        (None, "某市人民政府令", "某市人民政府令第3号", 1), (None, "某市人民政府关于甲的通知", "某政发〔2021〕1号", 3)]


def test_toc_leaders_running_on_under_the_page_number():
    """A browser's leaders cut off by the page number stay in the text layer under its digits:
    read left to right, dots fall between them (…………1.01 for page 101)."""
    lines = ["目录", "某市人民政府办公室关于印发某市2021年食品安全重点工作安排的通知",
             "某政办发〔2021〕39号.......................1.01",
             "某市人民政府办公室关于成立某市安全生产委员会的通知", "某政办发〔2021〕40号........................11.4"]
    fm = parse_front_matter([page(1, lines)], GID)
    assert [(e.doc_number, e.printed_page) for e in fm.entries] == [("某政办发〔2021〕39号", 101), ("某政办发〔2021〕40号", 114)]
