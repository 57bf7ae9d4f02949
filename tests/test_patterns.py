"""Unit tests of the named patterns of Chinese official text (patterns.py), each on its own."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette_extract import patterns

# ---------------------------------------------------------------- 文号


def test_doc_number_gives_code_year_serial():
    m = patterns.DOC_NUMBER.fullmatch("X政办发〔2021〕32号")
    assert (m["code"], m["year"], m["serial"]) == ("X政办发", "2021", "32")


def test_doc_number_found_inside_a_sentence():
    m = patterns.DOC_NUMBER.search("根据《国务院关于加强数字政府建设的意见》（国发〔2018〕32号）要求")
    assert m.group(0) == "国发〔2018〕32号"
    assert m["code"] == "国发"


def test_doc_number_in_running_text_without_bracket_before_it():
    m = patterns.DOC_NUMBER.search("按照国发〔2018〕32号文件要求")
    assert m.group(0) == "国发〔2018〕32号"


def test_doc_number_with_di_before_serial():
    m = patterns.DOC_NUMBER.fullmatch("职改字〔1986〕第111号")
    assert (m["code"], m["year"], m["serial"]) == ("职改字", "1986", "111")


@pytest.mark.parametrize("text", ["X政发[2021]5号", "X政发（2021）5号", "X政发【2021】5号", "X政发 〔2021〕 5 号"])
def test_doc_number_accepts_other_brackets_and_layout_spaces(text):
    m = patterns.DOC_NUMBER.fullmatch(text)
    assert m is not None and m["year"] == "2021" and m["serial"] == "5"


@pytest.mark.parametrize("text, year", [("晋政发〔二〇二一〕5号", 2021), ("X政办发〔二零二二〕12号", 2022),
                                        ("职改字〔一九八六〕第111号", 1986), ("X政发〔2021〕5号", 2021)])
def test_doc_number_year_in_chinese_numerals(text, year):
    m = patterns.DOC_NUMBER.fullmatch(text)
    assert m is not None and patterns.doc_year_value(m["year"]) == year


@pytest.mark.parametrize("text", ["X政发〔一二三四〕5号", "X政发〔二〇二〕5号", "X政发〔二十一〕5号"])
def test_doc_number_year_in_chinese_numerals_is_a_year_of_four_digits(text):
    assert patterns.DOC_NUMBER.fullmatch(text) is None


def test_doc_number_needs_a_year_in_brackets():
    assert patterns.DOC_NUMBER.search("第32号") is None
    assert patterns.DOC_NUMBER.search("X政办发2021年32号") is None


def test_roc_doc_number_code_ends_in_zi_and_serial_follows_di():
    m = patterns.ROC_DOC_NUMBER.search("發文字號：北市安健個字第1093003080號")
    assert m.group(0) == "北市安健個字第1093003080號"
    assert (m["code"], m["serial"]) == ("北市安健個字", "1093003080")


def test_doc_number_label_of_letters():
    assert patterns.DOC_NUMBER_LABEL.match("發文字號：北市安健個字第1093003080號")
    assert patterns.DOC_NUMBER_LABEL.match("文 号：X政发〔2021〕5号")


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021年7月31日", dt.date(2021, 7, 31)),
        ("2021 年 7 月 31 日", dt.date(2021, 7, 31)),
        ("二〇二一年七月三十一日", dt.date(2021, 7, 31)),
        ("二〇二一年十月十日", dt.date(2021, 10, 10)),
        ("中華民國109年10月5日", dt.date(2020, 10, 5)),
        ("X市人民政府办公室 2021年8月2日印发", dt.date(2021, 8, 2)),
    ],
)
def test_parse_date_reads_arabic_chinese_and_roc_dates(text, expected):
    assert patterns.parse_date(text) == expected


def test_parse_date_rejects_impossible_day():
    assert patterns.parse_date("2021年2月30日") is None


def test_parse_date_without_date_is_none():
    assert patterns.parse_date("此件公开发布") is None


def test_parse_date_takes_the_first_date():
    assert patterns.parse_date("2021年1月1日至2021年12月31日") == dt.date(2021, 1, 1)


def test_publish_date_needs_chuban():
    assert patterns.PUBLISH_DATE.search("2021年8月31日出版")
    assert patterns.PUBLISH_DATE.search("2021年8月31日") is None


@pytest.mark.parametrize("text, value", [("十二", 12), ("十", 10), ("二十", 20), ("三十一", 31), ("二〇二一", 2021), ("7", 7), ("三", 3)])
def test_cn_number_values(text, value):
    assert patterns.cn_number(text) == value


@pytest.mark.parametrize("text, value", [("一百", 100), ("一百零五", 105), ("一百二十", 120), ("二百三十四", 234)])
def test_cn_number_hundreds(text, value):
    assert patterns.cn_number(text) == value


def test_cn_number_unknown_is_none():
    assert patterns.cn_number("百") is None
    assert patterns.cn_number("abc") is None


# ---------------------------------------------------------------- cover and 目录


def test_gazette_title_ends_in_gongbao():
    assert patterns.GAZETTE_TITLE.match("某市人民政府公报")
    assert patterns.GAZETTE_TITLE.match("臺北市政府公報")
    assert patterns.GAZETTE_TITLE.match("关于发布统计公报的通知") is None


def test_issue_and_total_issue():
    text = "2021年第4期（总第12期）"
    assert patterns.ISSUE.search(text)["issue"] == "4"
    assert patterns.ISSUE.search(text)["year"] == "2021"
    assert patterns.TOTAL_ISSUE.search(text)["total"] == "12"


@pytest.mark.parametrize("text, year, issue, total", [
    ("二〇二一年第四期（总第十二期）", "二〇二一", "四", "十二"), ("2021年第十二期", "2021", "十二", None),
    ("2021 第4期 总第一百零五期", "2021", "4", "一百零五")])
def test_issue_in_chinese_numerals(text, year, issue, total):
    m = patterns.ISSUE.search(text)
    assert (m["year"], m["issue"]) == (year, issue)
    t = patterns.TOTAL_ISSUE.search(text)
    assert (t["total"] if t else None) == total


def test_issue_and_year_set_apart_on_a_cover():
    assert patterns.ISSUE_ALONE.match("第四期")["issue"] == "四"
    assert patterns.ISSUE_ALONE.match("总第12期") is None
    assert patterns.YEAR_ALONE.match("2021")["year"] == "2021"
    assert patterns.YEAR_ALONE.match("二〇二一年")["year"] == "二〇二一"
    assert patterns.YEAR_ALONE.match("2021年8月") is None


def test_toc_heading_with_layout_spaces():
    assert patterns.TOC_HEADING.match("目 录")
    assert patterns.TOC_HEADING.match("目录")
    assert patterns.TOC_HEADING.match("目录之外") is None


def test_toc_section_in_lenticular_brackets():
    assert patterns.TOC_SECTION.match("【市政府文件】")["section"] == "市政府文件"


@pytest.mark.parametrize(
    "text, page",
    [
        ("关于印发X方案的通知……………… 14", "14"),
        ("关于X的通知 ········ 3", "3"),
        ("关于X的通知..........27", "27"),
        ("关于X的通知\t\t12", "12"),
        ("关于X的通知……………（3）", "3"),
    ],
)
def test_toc_page_after_leaders_or_tabs(text, page):
    m = patterns.TOC_PAGE.search(text)
    assert m is not None and (m["page"] or m["page_b"]) == page
    assert text[: m.start()].endswith("通知")


def test_toc_page_needs_leaders_not_a_single_space():
    assert patterns.TOC_PAGE.search("关于X的通知 14") is None
    assert patterns.TOC_PAGE.search("关于印发X行动计划（2021-2022年）") is None


# ---------------------------------------------------------------- page numbers


@pytest.mark.parametrize("text, n", [("— 14 —", 14), ("·14·", 14), ("第14页", 14), ("- 3 -", 3), ("－14－", 14), ("14", 14),
                                     ("-12-", 12), ("12/48", 12), ("12 / 48", 12), ("第 12 页 共 48 页", 12),
                                     ("第12页/共48页", 12), ("共48页 第12页", 12), ("48/48", 48)])
def test_page_number_styles(text, n):
    assert patterns.printed_page_number(text) == n


@pytest.mark.parametrize("text", ["2020/2023", "49/48", "第49页 共48页", "0/48"])
def test_page_of_a_count_is_within_the_count(text):
    assert patterns.printed_page_number(text) is None


@pytest.mark.parametrize("text", ["2021年第4期", "第4期", "一、总体要求", "14项"])
def test_page_number_is_only_a_number(text):
    assert patterns.PAGE_NUMBER.match(text) is None


# ---------------------------------------------------------------- counts, section and total rows


def test_section_row_with_count():
    m = patterns.SECTION_ROW.match("一、建设项目（52 项）")
    assert (m["num"], m["label"], m["n"]) == ("一", "建设项目", "52")


def test_section_row_with_halfwidth_parens_and_no_count():
    assert patterns.SECTION_ROW.match("二、前期项目 (12 项)")["n"] == "12"
    m = patterns.SECTION_ROW.match("三、其他")
    assert m["label"] == "其他" and m["n"] is None


@pytest.mark.parametrize("text, n", [("合计：64 项", "64"), ("合计 64项", "64"), ("合 计", None), ("总计", None)])
def test_total_row(text, n):
    m = patterns.TOTAL_ROW.match(text)
    assert m is not None and m["n"] == n


def test_total_row_is_the_whole_line():
    assert patterns.TOTAL_ROW.match("合计：64 项，其中新建12项") is None


@pytest.mark.parametrize("text, n", [("合计：64 项", "64"), ("共40户", "40"), ("本批共41个单位", "41")])
def test_stated_total(text, n):
    assert patterns.STATED_TOTAL.search(text)["n"] == n


def test_count_in_parens():
    assert patterns.COUNT_IN_PARENS.search("X市重点项目名单（共17项）")["n"] == "17"
    assert patterns.COUNT_IN_PARENS.search("建设项目（52 项）")["n"] == "52"


# ---------------------------------------------------------------- 公文 parts


def test_publicity_line():
    assert patterns.PUBLICITY.match("（此件公开发布）")["p"] == "此件公开发布"
    assert patterns.PUBLICITY.match("(此件依申请公开)")["p"] == "此件依申请公开"


def test_attachment_label_alone_on_a_line():
    assert patterns.ATTACHMENT_LABEL.match("附件1")["n"] == "1"
    assert patterns.ATTACHMENT_LABEL.match("附 件")["n"] is None
    assert patterns.ATTACHMENT_LABEL.match("附件1：X名单") is None


def test_attachment_list_head_and_item():
    m = patterns.ATTACHMENT_LIST_HEAD.match("附件：1. X市重点项目名单")
    assert m["rest"] == "1. X市重点项目名单"
    item = patterns.ATTACHMENT_LIST_ITEM.match("2．X市任务清单")
    assert (item["n"], item["title"]) == ("2", "X市任务清单")


def test_attachment_label_wrapping_beside_its_items():
    head = patterns.ATTACHMENT_HANGING_HEAD.match("附件（详见某市政府门户网1.某市职权事项清单")
    tail = patterns.ATTACHMENT_HANGING_TAIL.match("站）： 2.某区职权事项清单")
    assert (head["label"], head["item"]) == ("附件（详见某市政府门户网", "1.某市职权事项清单")
    assert (tail["label"], tail["item"]) == ("站）：", "2.某区职权事项清单")
    rest = patterns.ATTACHMENT_HANGING_TAIL.match("站）： 项清单")  # the rest of item 1 beside the label's end
    assert (rest["label"], rest["item"]) == ("站）：", "项清单")
    assert patterns.ATTACHMENT_HANGING_HEAD.match("附件：1. 某市名单") is None
    assert patterns.ATTACHMENT_HANGING_TAIL.match("现将有关事项通知如下：1.加强") is None


def test_addressee_line_ends_in_colon():
    assert patterns.ADDRESSEE_LINE.match("各县（市、区）人民政府，市直各有关单位：")
    assert patterns.ADDRESSEE_LINE.match("为加强管理，现通知如下：") is not None  # shape only; segment checks position


@pytest.mark.parametrize(
    "text, level",
    [("一、总体要求", 1), ("十二、其他", 1), ("（一）工作目标", 2), ("1.加强领导", 3), ("1．加强领导", 3), ("（1）明确分工", 4), ("(2)落实", 4)],
)
def test_heading_level_of_gongwen_numbering(text, level):
    assert patterns.heading_level(text) == level


@pytest.mark.parametrize("text", ["这是正文。", "1.5亿元用于建设", "2021年完成"])
def test_heading_level_zero_for_running_text(text):
    assert patterns.heading_level(text) == 0


@pytest.mark.parametrize(
    "text, items",
    [
        ("有下列情形的：\n（一）丢分的，扣10分；\n（二）通报的，扣5分；", [(2, 1), (2, 2)]),
        ("（三）漏洞的，扣5分；（四）舆情的，扣5分；", [(2, 3), (2, 4)]),  # items run on in one line
        ("1.加强领导；2、明确分工\n3．落实责任", [(3, 1), (3, 2), (3, 3)]),
        ("一、总体要求\n十二、其他\n（1）分工", [(1, 1), (1, 12), (4, 1)]),
        ("扣0.5分，扣分上限为2分（商务部口径）", []),  # decimals and brackets in a sentence are no items
        ("第2021年1.5亿元", []),
    ],
)
def test_list_items_where_items_start(text, items):
    assert patterns.list_items(text) == items


@pytest.mark.parametrize("text, item", [("（五）弄虚作假的", (2, 5)), ("  3.落实", (3, 3)), ("围。", None), ("2021年", None)])
def test_leading_list_item(text, item):
    assert patterns.leading_list_item(text) == item


def test_split_units_on_dun_comma_and_semicolon():
    assert patterns.split_units("市发改委、市财政局，市自然资源局；市住建局,  ") == ["市发改委", "市财政局", "市自然资源局", "市住建局"]


def test_split_units_of_nothing():
    assert patterns.split_units(None) == []
    assert patterns.split_units("") == []


def test_remove_layout_spaces_between_han_only():
    assert patterns.remove_layout_spaces("刘 亮") == "刘亮"
    assert patterns.remove_layout_spaces("通\u3000知") == "通知"
    assert patterns.remove_layout_spaces("G5 Road") == "G5 Road"
    assert patterns.remove_layout_spaces("组 长：刘 亮 副市长") == "组长：刘亮副市长"


def test_remove_whitespace_of_every_kind():
    assert patterns.remove_whitespace("某 政 发\u3000〔2021〕\n12 号") == "某政发〔2021〕12号"
    assert patterns.remove_whitespace("G5 Road\t") == "G5Road"
    assert patterns.remove_whitespace("") == ""


def test_roster_role_with_layout_spaces():
    m = patterns.ROSTER_ROLE.match("组 长：刘 亮 副市长")
    assert m["rest"] == "刘 亮 副市长"
    assert patterns.remove_layout_spaces(m["role"]) == "组长"


def test_star_and_seq_cell():
    assert patterns.SEQ_CELL.match("12★")["n"] == "12"
    assert patterns.SEQ_CELL.match("★3")["n"] == "3"
    assert patterns.SEQ_CELL.match("12a") is None


@pytest.mark.parametrize("text", ["2", "0.5", "10%", "-1", "12.25"])
def test_figure_cell(text):
    assert patterns.FIGURE_CELL.match(text)


@pytest.mark.parametrize("text", ["-", "", "2分", "20/2024", "（一）加5分", "12345"])
def test_not_a_figure_cell(text):
    assert patterns.FIGURE_CELL.match(text) is None


def test_schedule_years():
    m = patterns.SCHEDULE.search("2021—2023")
    assert (m["start"], m["end"]) == ("2021", "2023")
    assert patterns.SCHEDULE.search("2021年")["end"] is None


@pytest.mark.parametrize("text, joined", [
    ("202 1-202 2", "2021-2022"),     # a year wrapped twice in a narrow cell
    ("20 21/2023", "2021/2023"),
    ("2021\n-2022", "2021\n-2022"),  # wrapped at the dash: no space between digits
    ("2021 2022", "2021 2022"),       # two whole years set apart keep their space
])
def test_year_wrap_space(text, joined):
    assert patterns.YEAR_WRAP_SPACE.sub("", text) == joined


@pytest.mark.parametrize(
    "text",
    ["表1 重点建设项目表", "附表2-1 项目表", "续表3", "Table 2: Tabulated adverse reactions", "2021年重点项目清单（52项）", "重点项目一览表", "资金使用明细", "2022年市级重点工程项目名单（共11项）",
     "市政府决定相应取消的行政审批事项目录", "政府集中采购目录（2022年版）"],
)
def test_table_caption_names_a_table(text):
    assert patterns.TABLE_CAPTION.search(text)


@pytest.mark.parametrize("text", ["朔州市领导小组成员名单", "药品安全委员会组成人员名单", "目  录", "本期目录", "表示同意", "2021年4月"])
def test_table_caption_is_not_a_roster_toc_or_a_word(text):
    assert not patterns.TABLE_CAPTION.search(text)


@pytest.mark.parametrize("text", ["某市人民政府办公室", "某市发展和改革委员会 某市财政局", "国务院办公厅", "某县人民政府"])
def test_issuer_line(text):
    assert patterns.ISSUER_LINE.match(text)


@pytest.mark.parametrize("text", ["关于做好春季农业生产工作的通知", "各县（市、区）人民政府：", "（2022—2023年）的通知"])
def test_not_an_issuer_line(text):
    assert not patterns.ISSUER_LINE.match(text)


@pytest.mark.parametrize("text, n", [("共40户", 40), ("共40戶", 40), ("共12項", 12), ("合计：64 项", 64)])
def test_stated_total_in_simplified_and_traditional_units(text, n):
    assert int(patterns.STATED_TOTAL.search(text)["n"]) == n


@pytest.mark.parametrize("text, ok", [("2022年3月31日", True), ("2022年1—3月", True), ("2022年度", True),
                                      ("2022年3月31日出版", False), ("单位：元", False)])
def test_report_date_line(text, ok):
    assert bool(patterns.REPORT_DATE_LINE.match(text)) == ok


# ---------------------------------------------------------------- 政府令 and 版头


@pytest.mark.parametrize("text, code, serial", [
    ("江城市人民政府令（第3号）江城市城市供水管理办法", "江城市人民政府令", "3"),
    ("江城市城市供水管理办法（江城市人民政府令第3号）", "江城市人民政府令", "3"),
    ("某省人民政府令 第 285 号", "某省人民政府令", "285"), ("国务院令（第748号）", "国务院令", "748")])
def test_decree_number_in_a_toc_entry(text, code, serial):
    m = patterns.DECREE_IN_TOC.search(text)
    assert (m["code"], m["serial"]) == (code, serial)
    assert patterns.decree_number(m["code"], m["serial"]) == f"{code}第{serial}号"


def test_a_title_citing_a_decree_is_not_one():
    assert patterns.DECREE_IN_TOC.search("关于贯彻落实国务院令第748号的通知") is None
    assert patterns.DECREE_HEAD.match("江城市人民政府令") and patterns.DECREE_HEAD.match("关于执行命令") is None
    assert patterns.DECREE_SERIAL.match("第 3 号")["serial"] == "3"


@pytest.mark.parametrize("text, names", [("某政报〔2021〕3号　签发人：张伟", "张伟"), ("某政报〔2021〕3号 签发人： 张伟 李明", "张伟 李明")])
def test_signer_at_the_end_of_a_doc_number_line(text, names):
    m = patterns.SIGNER.search(text)
    assert m["names"] == names and patterns.DOC_NUMBER.fullmatch(text[: m.start()].strip())


def test_masthead_line_names_the_issuer_and_ends_in_wenjian():
    assert patterns.MASTHEAD_LINE.match("江城市人民政府文件")
    assert patterns.MASTHEAD_LINE.match("江城市人民政府办公室文件")
    assert patterns.MASTHEAD_LINE.match("关于转发省政府文件的通知") is None


def test_toc_leaders_under_the_page_number_hold_its_digits():
    m = patterns.TOC_LEADERS_UNDER_PAGE.search("某政办发〔2021〕39号.......1.01")
    assert m and "".join(ch for ch in m["digits"] if ch.isdigit()) == "101"
    assert patterns.TOC_LEADERS_UNDER_PAGE.search("某政办发〔2021〕39号........ 101") is None  # a plain number
    assert patterns.TOC_LEADERS_UNDER_PAGE.search("第1.1条") is None  # no leaders
