"""Unit tests of the segmentation stage (segment/) on hand-set pages of 公文.

Lines are placed as a 公文 is typeset on A4: body text 三号 (16pt) in a column from x=90 to
x=505 (26 characters), paragraphs indented two characters, titles 二号 (22pt) centred, the
文号 centred under the title, the 落款 and date right-aligned.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gazette_extract.models import PageLayout, TextLine, TocEntry
from gazette_extract.segment import segment
from gazette_extract.segment.cuts import find_documents
from gazette_extract.segment.lines import Column, page_columns, split_doc_number
from gazette_extract.segment.parts import (
    _attachment_list,
    build_paragraphs,
    parse_parts,
    split_listed_count,
)

GID = "0123456789abcdef"
LEFT, RIGHT, BODY, TITLE = 90.0, 505.0, 16.0, 22.0
COLUMNS = {p: Column(LEFT, RIGHT) for p in range(1, 20)}


class Setter:
    """Sets lines down a page, one after another; a new page starts at the top."""

    def __init__(self, page: int = 1):
        self.page, self.top, self.lines = page, 80.0, []

    def new_page(self):
        self.page, self.top = self.page + 1, 80.0
        return self

    def _put(self, text, x0, x1, size, bold=False):
        ln = TextLine(text=text, x0=x0, top=self.top, x1=x1, bottom=self.top + size, size=size, bold=bold,
                      page=self.page, segments=((text, x0, x1),))
        self.lines.append(ln)
        self.top += size * 1.8
        return self

    def title(self, text):
        w = TITLE * len(text)
        return self._put(text, (LEFT + RIGHT - w) / 2, (LEFT + RIGHT + w) / 2, TITLE)

    def centred(self, text, size=BODY):
        w = size * len(text)
        return self._put(text, (LEFT + RIGHT - w) / 2, (LEFT + RIGHT + w) / 2, size)

    def full(self, text):
        """A full line of running text (wraps on to the next)."""
        return self._put(text, LEFT, RIGHT, BODY)

    def first(self, text):
        """The first line of a paragraph: indented two characters, running to the right edge."""
        return self._put(text, LEFT + 2 * BODY, RIGHT, BODY)

    def last(self, text):
        """The last (short) line of a paragraph, flush left."""
        return self._put(text, LEFT, LEFT + BODY * len(text), BODY)

    def para(self, text):
        """A one-line paragraph: indented, short."""
        return self._put(text, LEFT + 2 * BODY, LEFT + 2 * BODY + BODY * len(text), BODY)

    def flush_left(self, text):
        return self._put(text, LEFT, LEFT + BODY * len(text), BODY)

    def right(self, text, indent=4):
        """Right-aligned, ``indent`` characters in from the right edge (落款, 成文日期)."""
        x1 = RIGHT - indent * BODY
        return self._put(text, x1 - BODY * len(text), x1, BODY)

    def pages(self):
        by_page: dict[int, list[TextLine]] = {}
        for ln in self.lines:
            by_page.setdefault(ln.page, []).append(ln)
        return [
            PageLayout(page=n, width=595.0, height=842.0, printed_page=n + 10, header="", lines=tuple(ls),
                       glyphs=(), edges=(), body_size=BODY)
            for n, ls in sorted(by_page.items())
        ]


def run(setter: Setter):
    return [s.document for s in segment(setter.lines, setter.pages(), [], GID)]


def notice_a(s: Setter) -> Setter:
    """A 通知 with 主送, body, 落款, date and 公开属性."""
    return (
        s.title("某市人民政府关于印发某市推进政务服务")
        .title("“一网通办”实施方案的通知")
        .centred("某政发〔2021〕12号")
        .flush_left("各县（市、区）人民政府，市直各有关单位：")
        .first("现将《某市推进政务服务“一网通办”实施方案》印发给")
        .last("你们，请认真贯彻执行。")
        .right("某市人民政府")
        .right("2021年7月31日", indent=2)
        .para("（此件公开发布）")
    )


def notice_b(s: Setter) -> Setter:
    return (
        s.title("某市人民政府办公室关于成立某市")
        .title("安全生产委员会的通知")
        .centred("某政办发〔2021〕40号")
        .flush_left("各县（市、区）人民政府，市直各有关单位：")
        .first("为进一步加强全市安全生产工作，经市人民政府同意，决定")
        .last("成立某市安全生产委员会。")
        .right("某市人民政府办公室")
        .right("2021年8月2日", indent=2)
        .para("（此件公开发布）")
    )


# ---------------------------------------------------------------- 文号

@pytest.mark.parametrize(
    "number, parts",
    [
        ("X政办发〔2021〕32号", ("X政办发", 2021, 32)),
        ("职改字〔1986〕第111号", ("职改字", 1986, 111)),
        ("晋政发〔二〇二一〕5号", ("晋政发", 2021, 5)),
        ("北市安健個字第1093003080號", ("北市安健個字", None, 1093003080)),
        ("关于X的通知", (None, None, None)),
    ],
)
def test_split_doc_number_into_code_year_serial(number, parts):
    assert split_doc_number(number) == parts


@pytest.mark.parametrize(
    "title, expected",
    [
        ("某市2021年重点工程项目名单（共17项）", ("某市2021年重点工程项目名单", 17)),
        ("某市2021年重点前期项目名单（52 项）", ("某市2021年重点前期项目名单", 52)),
        ("某市行政审批事项清单", ("某市行政审批事项清单", None)),
        ("某市（共17项）重点项目名单", ("某市（共17项）重点项目名单", None)),
    ],
)
def test_split_listed_count_takes_the_trailing_count_off(title, expected):
    assert split_listed_count(title) == expected


# ---------------------------------------------------------------- cutting documents


def test_stream_of_two_documents_is_cut_at_each_title_and_doc_number():
    s = notice_a(Setter(5)).new_page()
    notice_b(s)
    docs = run(s)
    assert [(d.seq, d.doc_number, d.title) for d in docs] == [
        (1, "某政发〔2021〕12号", "某市人民政府关于印发某市推进政务服务“一网通办”实施方案的通知"),
        (2, "某政办发〔2021〕40号", "某市人民政府办公室关于成立某市安全生产委员会的通知"),
    ]
    assert [(d.page_start, d.page_end, d.printed_page_start) for d in docs] == [(5, 5, 15), (6, 6, 16)]
    assert (docs[1].doc_code, docs[1].doc_year, docs[1].doc_serial) == ("某政办发", 2021, 40)
    assert "成立某市安全生产委员会" not in docs[0].body_text


def test_doc_number_quoted_alone_in_a_body_is_not_a_document_start():
    s = notice_a(Setter(5))
    s.lines = s.lines[:-3]  # body continues: 落款 comes later
    s.first("根据《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》")
    s.flush_left("国发〔2018〕27号")
    s.first("要求，结合我市实际，制定本方案。")
    cuts = find_documents(s.lines, BODY)
    assert len(cuts) == 1
    assert cuts[0].number_index == 2


def test_caption_of_previous_attachment_on_the_page_before_is_not_part_of_the_next_title():
    s = notice_a(Setter(5))
    s.flush_left("附件")
    s.title("某市政务服务事项清单")  # the 附件's caption, last line of page 5
    s.new_page()
    s.title("某市人民政府关于X的批复")
    s.centred("某政函〔2021〕8号")
    s.para("某市行政审批服务管理局：")
    cuts = find_documents(s.lines, BODY)
    second = cuts[1]
    assert [ln.text for ln in s.lines[second.start : second.number_index]] == ["某市人民政府关于X的批复"]
    assert cuts[0].end == second.start


def test_title_lines_of_a_different_size_are_not_joined():
    s = Setter(5)
    s._put("某市人民政府文件", 150, 450, 30.0)  # letterhead, larger than the title
    s.title("某市人民政府关于X的通知").centred("某政发〔2021〕9号").para("正文。")
    (cut,) = find_documents(s.lines, BODY)
    assert cut.start == 1


def _head_with_issuer_line(s: Setter, issuer_line) -> Setter:
    """A 通知 whose issuer is set on a line of its own by ``issuer_line(s)``, above 关于… in title size."""
    issuer_line(s)
    return (s.title("关于印发某市推进政务服务")
            .title("“一网通办”实施方案的通知")
            .centred("某政办发〔2021〕12号")
            .flush_left("各县（市、区）人民政府，市直各有关单位：")
            .first("现将《某市推进政务服务“一网通办”实施方案》印发给")
            .last("你们，请认真贯彻执行。"))


@pytest.mark.parametrize("issuer_line", [
    lambda s: s.centred("某市人民政府办公室"),  # in the body size (a word processor's one-size title)
    lambda s: s.centred("某市人民政府办公室", size=BODY - 0.3),  # a point size a renderer rounds down
    lambda s: s.centred("某市人民政府办公室", size=TITLE),  # in the title size
])
def test_issuer_line_centred_above_the_subject_is_part_of_the_title(issuer_line):
    s = notice_b(Setter(5))
    _head_with_issuer_line(s, issuer_line)
    docs = run(s)
    assert [(d.doc_number, d.title) for d in docs][1] == (
        "某政办发〔2021〕12号", "某市人民政府办公室关于印发某市推进政务服务“一网通办”实施方案的通知")
    assert not docs[0].body_text.rstrip().endswith("某市人民政府办公室")  # not left in the body above


@pytest.mark.parametrize("line_above", [
    lambda s: s.right("某市人民政府办公室"),  # the previous document's 落款, right-aligned
    lambda s: s.flush_left("市人民政府办公室"),  # a short line of body text
    lambda s: s.centred("某市人民政府办公室", size=BODY - 3),  # a centred note, smaller than the body
])
def test_body_size_line_off_the_subject_axis_is_not_part_of_the_title(line_above):
    s = Setter(5)
    s.title("某市人民政府关于X的通知").centred("某政发〔2021〕9号").para("正文。")
    _head_with_issuer_line(s, line_above)
    docs = run(s)
    assert docs[1].title == "关于印发某市推进政务服务“一网通办”实施方案的通知"


def test_standalone_pdf_without_doc_number_is_one_document_titled_by_its_largest_line():
    s = Setter(1)
    s.right("檔號：110/0101", indent=0)
    s.centred("某市衛生局函", size=26.0)
    s.flush_left("受文者：某市政府秘書處")
    s.flush_left("發文字號：北市安健個字第1093003080號")
    s.first("主旨：檢送本局辦理防疫工作之相關資料一份，請查照。")
    s.flush_left("中華民國109年10月5日")
    (doc,) = run(s)
    assert doc.title == "某市衛生局函"
    assert doc.doc_number == "北市安健個字第1093003080號"
    assert doc.addressees == ["某市政府秘書處"]
    assert doc.sign_date == dt.date(2020, 10, 5)


def test_empty_stream_has_no_documents():
    assert segment([], [], [], GID) == []


# ---------------------------------------------------------------- parts of a document


def test_addressees_split_on_comma_with_parenthesised_unit_kept_whole():
    (doc,) = run(notice_a(Setter(5)))
    assert doc.addressees == ["各县（市、区）人民政府", "市直各有关单位"]


def test_addressee_line_wrapped_over_two_lines():
    s = Setter(5).title("某市人民政府关于X的通知").centred("某政发〔2021〕9号")
    s.full("各县（市、区）人民政府，某经济技术开发区管委会，市人民政府各")
    s.flush_left("委、办、局：")
    s.para("现将有关事项通知如下。")
    (doc,) = run(s)
    assert doc.addressees == ["各县（市、区）人民政府", "某经济技术开发区管委会", "市人民政府各委、办、局"]


def test_body_sentence_ending_in_colon_is_not_an_addressee():
    s = Setter(5).title("某市人民政府关于禁止燃放烟花爆竹的通告").centred("某政发〔2021〕9号")
    s.first("为保障公共安全，维护良好的社会秩序，经市人民政府研究")
    s.flush_left("决定，现将有关事项通告如下：")
    s.para("一、总体要求")
    (doc,) = run(s)
    assert doc.addressees == []


def test_issuer_sign_date_and_publicity():
    (doc,) = run(notice_a(Setter(5)))
    assert doc.issuer == "某市人民政府"
    assert doc.sign_date == dt.date(2021, 7, 31)
    assert doc.publicity == "此件公开发布"


def test_sign_date_in_chinese_numerals():
    s = Setter(5).title("某市人民政府关于X的通知").centred("某政发〔2021〕9号").para("特此通知。")
    s.right("某市人民政府").right("二〇二一年七月三十一日", indent=2)
    (doc,) = run(s)
    assert (doc.issuer, doc.sign_date) == ("某市人民政府", dt.date(2021, 7, 31))


def test_last_body_sentence_above_the_date_is_not_the_issuer():
    s = Setter(5).title("某市人民政府关于X的通知").centred("某政发〔2021〕9号").para("特此通知。")
    s.right("2021年7月31日", indent=2)
    (doc,) = run(s)
    assert doc.issuer is None
    assert doc.sign_date == dt.date(2021, 7, 31)


def test_attachment_list_with_wrapped_title_and_issuer_after_it():
    s = Setter(5)
    s.para("附件：1. 某市2021年重点工程项目名单（共17项）")
    s._put("2. 某市人民政府关于进一步加强安全生产", LEFT + 5 * BODY, RIGHT, BODY)
    s._put("工作的任务清单", LEFT + 6 * BODY, LEFT + 13 * BODY, BODY)
    s.right("某市人民政府")
    s.right("2021年8月2日", indent=2)
    assert _attachment_list(s.lines) == [
        ("附件1", "某市2021年重点工程项目名单（共17项）"),
        ("附件2", "某市人民政府关于进一步加强安全生产工作的任务清单"),
    ]


def test_long_right_aligned_issuer_after_attachment_list_is_not_part_of_a_title():
    s = Setter(5)
    s.para("附件：1. 某市2021年重点工程项目名单（共17项）")
    s._put("2. 某市2021年重点前期项目名单", LEFT + 5 * BODY, LEFT + 21 * BODY, BODY)
    s.right("某市人民政府办公室")  # x0 = 297 < middle (122 + 505) / 2 = 313.5
    s.right("2021年8月2日", indent=2)
    assert _attachment_list(s.lines)[-1] == ("附件2", "某市2021年重点前期项目名单")


def test_attachment_list_whose_label_wraps_beside_its_items():
    # 附件（详见…）： set in a narrow column beside the items: its two lines share lines with items 1 and 2
    s = Setter(5)
    s.para("附件（详见某市政府门户网1.某市人民政府赋予甲开发区职权事项清单")
    s.para("站）：2.某市人民政府赋予乙开发区职权事项清")
    s._put("单", LEFT + 7 * BODY, LEFT + 8 * BODY, BODY)
    s._put("3.某市人民政府赋予丙开发区职权事项清单", LEFT + 7 * BODY, RIGHT, BODY)
    s.right("某市人民政府办公室")
    s.right("2021年7月22日", indent=2)
    assert _attachment_list(s.lines) == [
        ("附件1", "某市人民政府赋予甲开发区职权事项清单"),
        ("附件2", "某市人民政府赋予乙开发区职权事项清单"),
        ("附件3", "某市人民政府赋予丙开发区职权事项清单"),
    ]


def test_attachment_list_whose_label_and_first_item_both_wrap():
    # the first item wraps too (a larger body font): the label's end shares its line with the
    # rest of item 1, and item 2 stands on a line of its own under the items
    s = Setter(5)
    s.para("附件（详见某市政府门户网1.某市人民政府赋予甲开发区市")
    s.para("站）：级职权事项清单")
    s._put("2.某市人民政府赋予乙开发区市级职权事项清单", LEFT + 7 * BODY, RIGHT, BODY)
    s.right("某市人民政府办公室")
    s.right("2021年7月22日", indent=2)
    assert _attachment_list(s.lines) == [
        ("附件1", "某市人民政府赋予甲开发区市级职权事项清单"),
        ("附件2", "某市人民政府赋予乙开发区市级职权事项清单"),
    ]


def test_single_attachment_listed_without_number():
    s = Setter(5).para("附件：某市行政审批事项清单").right("某市人民政府").right("2021年8月2日", indent=2)
    assert _attachment_list(s.lines) == [("附件", "某市行政审批事项清单")]


def test_listed_attachments_become_attachments_with_stated_counts():
    s = Setter(5).title("某市人民政府关于X的通知").centred("某政发〔2021〕9号")
    s.para("现将有关名单印发给你们。")
    s.para("附件：1. 某市2021年重点工程项目名单（共17项）")
    s._put("2. 某市2021年重点前期项目名单", LEFT + 5 * BODY, LEFT + 21 * BODY, BODY)
    s.right("某市人民政府")
    s.right("2021年8月2日", indent=2)
    s.new_page()
    s.flush_left("附件1")
    s.title("某市2021年重点工程项目名单")
    s.full("序号 项目名称 建设地点")
    (doc,) = run(s)
    got = [(a.label, a.title, a.stated_count, a.page_start) for a in doc.attachments]
    assert got == [("附件1", "某市2021年重点工程项目名单", 17, 6), ("附件2", "某市2021年重点前期项目名单", None, None)]
    assert doc.issuer == "某市人民政府"


def test_printed_attachment_label_opens_an_attachment_with_its_caption():
    s = Setter(5).title("某市人民政府关于X的通知").centred("某政发〔2021〕9号").para("特此通知。")
    s.right("某市人民政府").right("2021年8月2日", indent=2).para("（此件公开发布）")
    s.new_page().flush_left("附件").title("某市政务服务事项清单").para("一、总体要求")
    (span,) = segment(s.lines, s.pages(), [], GID)
    (att,) = span.attachments
    assert (att.label, att.title, att.page_start) == ("附件", "某市政务服务事项清单", 6)
    assert [ln.text for ln in att.lines] == ["某市政务服务事项清单", "一、总体要求"]
    assert span.document.attachments[0].title == "某市政务服务事项清单"


def test_parse_parts_finds_no_publicity_when_absent():
    s = Setter(5).para("特此通知。").right("某市人民政府").right("2021年8月2日", indent=2)
    parts = parse_parts(s.lines, BODY, page_columns([]))
    assert parts.publicity is None and parts.issuer == "某市人民政府" and parts.sign_date_line == 2


# ---------------------------------------------------------------- paragraphs


def test_wrapped_lines_join_into_one_paragraph():
    s = Setter(1).first("为进一步加强全市安全生产工作，经市人民政府同意，").full("决定成立某市安全生产委员会，负责统筹协调全市安").last("全生产工作。")
    (p,) = build_paragraphs(s.lines, COLUMNS)
    assert p.text == "为进一步加强全市安全生产工作，经市人民政府同意，决定成立某市安全生产委员会，负责统筹协调全市安全生产工作。"
    assert (p.level, p.page) == (0, 1)


def test_indented_line_starts_a_new_paragraph():
    s = Setter(1).first("第一段的文字一直写到右边的边缘，").full("并在下一行继续写满整整一行文字").first("第二段从缩进两个字的地方开始，")
    assert [p.text for p in build_paragraphs(s.lines, COLUMNS)] == [
        "第一段的文字一直写到右边的边缘，并在下一行继续写满整整一行文字",
        "第二段从缩进两个字的地方开始，",
    ]


def test_short_line_ends_a_paragraph_even_without_indent():
    s = Setter(1).flush_left("一、总体要求").full("坚持以人民为中心的发展思想，全面推进政务服务")
    assert [p.text for p in build_paragraphs(s.lines, COLUMNS)] == ["一、总体要求", "坚持以人民为中心的发展思想，全面推进政务服务"]


def test_paragraph_continues_across_a_page_break():
    s = Setter(1).first("为进一步加强全市安全生产工作，经市人民政府同意，")
    s.new_page().last("决定成立委员会。")
    (p,) = build_paragraphs(s.lines, COLUMNS)
    assert p.text == "为进一步加强全市安全生产工作，经市人民政府同意，决定成立委员会。"
    assert p.page == 1


def test_wrapped_latin_words_keep_a_space():
    s = Setter(1).first("Digital Government").last("Service Platform")
    (p,) = build_paragraphs(s.lines, COLUMNS)
    assert p.text == "Digital Government Service Platform"


def test_layout_spaces_between_han_removed_in_paragraphs():
    (p,) = build_paragraphs(Setter(1).para("特 此 通 知。").lines, COLUMNS)
    assert p.text == "特此通知。"


def test_paragraph_heading_levels():
    s = Setter(1).para("一、总体要求").para("（一）工作目标").para("1.加强组织领导").para("（1）明确责任分工").para("各单位要高度重视。")
    assert [(p.text, p.level) for p in build_paragraphs(s.lines, COLUMNS)] == [
        ("一、总体要求", 1),
        ("（一）工作目标", 2),
        ("1.加强组织领导", 3),
        ("（1）明确责任分工", 4),
        ("各单位要高度重视。", 0),
    ]


def test_document_listed_in_the_toc_without_doc_number_is_cut_at_its_title():
    s = notice_a(Setter(5))
    s.new_page()
    s.title("某市人民政府关于张三等同志职务任免的通知")
    s.para("经市人民政府研究，决定：")
    s.para("任命张三为某市某局局长。")
    entry = TocEntry(gazette_id="g", seq=2, section="人事任免", title="某市人民政府关于张三等同志职务任免的通知", doc_number=None, printed_page=3, page=2)
    spans = segment(s.lines, s.pages(), [entry], "g")
    assert [d.document.title for d in spans][-1] == "某市人民政府关于张三等同志职务任免的通知"
    last = spans[-1].document
    assert last.doc_number is None and last.section == "人事任免"
    assert "任命张三为某市某局局长。" in last.body_text
    assert "任命张三" not in spans[0].document.body_text


# ---------------------------------------------------------------- 版头 forms: title under the 文号, 签发人


def banner_notice(s: Setter, *, banner: str, number_line: str, title: str) -> Setter:
    """A 公文 as its 版头 prints it: 发文机关标志, 文号 (with 签发人 for a 请示), then the title."""
    return (
        s.centred(banner, size=30)
        .centred(number_line)
        .title(title)
        .flush_left("市人民政府：" if "请示" in title else "各县（市、区）人民政府：")
        .first("现将有关事项报告如下，请认真贯彻执行。")
        .right("某市人民政府办公室")
        .right("2021年7月31日", indent=2)
    )


def test_title_under_a_banner_and_a_doc_number_line_with_signer():
    s = notice_a(Setter(5))
    banner_notice(s.new_page(), banner="某市人民政府文件", number_line="某政发〔2021〕13号", title="关于加强供水管理的通知")
    banner_notice(s, banner="某市人民政府办公室文件", number_line="某政办报〔2021〕2号　　　签发人：张　伟",
                  title="某市人民政府办公室关于春耕生产的请示")
    docs = run(s)
    assert [(d.doc_number, d.title, d.addressees) for d in docs] == [
        ("某政发〔2021〕12号", "某市人民政府关于印发某市推进政务服务“一网通办”实施方案的通知", ["各县（市、区）人民政府", "市直各有关单位"]),
        ("某政发〔2021〕13号", "某市人民政府关于加强供水管理的通知", ["各县（市、区）人民政府"]),
        ("某政办报〔2021〕2号", "某市人民政府办公室关于春耕生产的请示", ["市人民政府"]),
    ]
    assert "某市人民政府办公室文件" not in docs[1].body_text  # the next 版头 is not the previous body's


# ---------------------------------------------------------------- 文号 on the title's line


def _title_with_number(s: Setter, title: str, number: str, form: str) -> Setter:
    """The title's last line with its 文号: ``gap`` at the line's right end, apart by a wide gap
    (two runs); ``brackets`` right after the title in brackets (one run)."""
    if form == "brackets":
        return s.title(f"{title}（{number}）")
    x1 = RIGHT
    x0 = x1 - BODY * len(number)
    t0 = LEFT
    t1 = t0 + TITLE * len(title)
    ln = TextLine(text=f"{title}　　{number}", x0=t0, top=s.top, x1=x1, bottom=s.top + TITLE, size=TITLE,
                  bold=False, page=s.page, segments=((title, t0, t1), (number, x0, x1)))
    s.lines.append(ln)
    s.top += TITLE * 1.8
    return s


@pytest.mark.parametrize("form", ["gap", "brackets"])
def test_doc_number_on_the_title_line_anchors_the_document(form):
    s = notice_a(Setter(5))
    s.title("某市人民政府办公室关于成立某市")
    _title_with_number(s, "安全生产委员会的通知", "某政办发〔2021〕40号", form)
    s.flush_left("各县（市、区）人民政府，市直各有关单位：").first("为进一步加强全市安全生产工作，决定成立委员会。")
    docs = run(s)
    assert [(d.doc_number, d.title, d.doc_serial, d.addressees) for d in docs][1] == (
        "某政办发〔2021〕40号", "某市人民政府办公室关于成立某市安全生产委员会的通知", 40, ["各县（市、区）人民政府", "市直各有关单位"])


def test_doc_number_right_aligned_on_the_line_under_the_title():
    s = notice_a(Setter(5))
    s.title("某市人民政府办公室关于成立某市安全生产委员会的通知").right("某政办发〔2021〕40号", indent=0)
    s.flush_left("各县（市、区）人民政府：").first("为进一步加强全市安全生产工作，决定成立委员会。")
    docs = run(s)
    assert [(d.doc_number, d.title) for d in docs][1] == ("某政办发〔2021〕40号", "某市人民政府办公室关于成立某市安全生产委员会的通知")


@pytest.mark.parametrize("heading", [
    "（一）贯彻落实《某市推进政务服务的通知》（国发〔2021〕5号）",  # a bold heading citing a 文号
    "一、工作要求（国发〔2021〕5号）",  # not ending in a 文种
])
def test_heading_ending_in_a_cited_doc_number_is_not_a_title(heading):
    s = notice_a(Setter(5))
    s.lines = s.lines[:-3]
    s._put(heading, LEFT, RIGHT, BODY, bold=True)
    s.first("要求，结合我市实际，制定本方案。")
    assert len(run(s)) == 1


# ---------------------------------------------------------------- a title in the body size


def _body_size_notice(s: Setter, title_lines: list[str]) -> Setter:
    """A 通知 whose title lines are set like its body (body face and size, not bold), centred
    over its centred 文号; ``"full:"`` before a line sets it across the whole column."""
    for t in title_lines:
        if t.startswith("full:"):
            s._put(t[5:], LEFT, RIGHT, BODY)
        else:
            s.centred(t)
    return (s.centred("某政办发〔2021〕40号")
            .flush_left("各县（市、区）人民政府，市直各有关单位：")
            .first("为进一步加强全市安全生产工作，经市人民政府同意，决定")
            .last("成立某市安全生产委员会。"))


@pytest.mark.parametrize("title_lines", [
    ["某市人民政府办公室", "关于成立某市安全生产委员会的通知"],
    ["某市人民政府办公室关于成立某市安全生产委员会", "的通知"],
    ["full:某市人民政府办公室关于成立某市安全生产委员会和某市", "消防安全委员会的通知"],  # wrapped: a full first line
])
def test_title_set_in_the_body_size_centred_over_its_doc_number(title_lines):
    s = notice_a(Setter(5))
    _body_size_notice(s, title_lines)
    docs = run(s)
    assert [(d.doc_number, d.title) for d in docs][1] == ("某政办发〔2021〕40号", "".join(t.removeprefix("full:") for t in title_lines))
    assert docs[0].publicity == "此件公开发布"  # the end of the document above stays its own


def test_body_size_lines_not_centred_over_the_doc_number_are_not_a_title():
    """A 文号 quoted on a centred line of its own under a paragraph and under a right-aligned date:
    no title above it, so no document starts there."""
    s = notice_a(Setter(5))
    s.lines = s.lines[:-3]
    s.first("根据有关文件精神，现转发省政府文件，文号如下").centred("某政发〔2021〕7号")
    s.right("2021年7月31日", indent=2).centred("某政发〔2021〕8号").first("请认真贯彻执行。")
    assert len(run(s)) == 1
