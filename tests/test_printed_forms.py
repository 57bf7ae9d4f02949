"""Printed forms that producers other than the samples' typesetter use, each set with reportlab in
two fonts / layouts (full-width spaces vs tab stops, different margins and column widths) and
run through the real pipeline. Expected values are the text the test printed.
"""

from __future__ import annotations

import pytest
from printed import Flow, Rule, Text, document_head, extract, ruled_table, signature, text_width, write_pdf

# ---------------------------------------------------------------- rosters, one person a line

LIANXI = [  # (role label or None, name as printed, position)
    ("总召集人", "武　飞", "市人民政府副市长"), ("召集人", "霍永生", "市人民政府副秘书长"),
    (None, "张　祥", "市规划和自然资源局局长"), ("成员", "康宝红", "市委宣传部原新闻中心负责人"),
    (None, "高　云", "市发展改革委二级调研员"), (None, "刘云梅", "市科技局副局长"), (None, "王　镇", "江城海关副关长"),
]
LIANXI_EXPECTED = [("总召集人", "武飞", "市人民政府副市长"), ("召集人", "霍永生", "市人民政府副秘书长"),
                   ("召集人", "张祥", "市规划和自然资源局局长"), ("成员", "康宝红", "市委宣传部原新闻中心负责人"),
                   ("成员", "高云", "市发展改革委二级调研员"), ("成员", "刘云梅", "市科技局副局长"),
                   ("成员", "王镇", "江城海关副关长")]
LIANXI_TITLE = ["江城市人民政府办公室", "关于同意建立江城市河湖保护联席会议制度的函"]


def _letter(flow: Flow, left: float) -> list:
    document_head(flow, LIANXI_TITLE, "江政办函〔2022〕15号", "市水务局：")
    flow.paragraph("你局关于建立江城市河湖保护联席会议制度的请示收悉。经市人民政府同意，现函复如下：同意建立江城市河湖保护联席会议制度。")
    flow.line("附件：江城市河湖保护联席会议人员名单", x=left + 28)
    signature(flow, "江城市人民政府办公室", "2022年3月8日")
    return flow.pieces


def one_person_a_line(path, *, form: str, font: str, left: float, pad: str):
    """``form="spaces"``: label, name and position separated by a full-width space, later members
    aligned under the name column, two-character labels spaced (成　员：); ``form="tabs"``: label,
    name and position at tab stops. ``pad`` pads two-character names to three."""
    g = Flow(left=left, font=font)
    g.line("附件", font="hei").line("江城市河湖保护联席会议人员名单", align="center", size=20, font="hei")
    indent = 0.0
    for role, name, position in LIANXI:
        name = name.replace("　", pad)
        if form == "spaces":
            if role:
                label = ("　".join(role) if len(role) == 2 else role) + "："
                indent = text_width(label, g.size, font)
                g.line(label + name + "　" + position)
            else:
                g.line(name + "　" + position, x=left + indent)
        else:
            g.row([(left, f"{role}：" if role else ""), (left + 6 * g.size, name), (left + 10 * g.size, position)])
    return write_pdf(path, [_letter(Flow(left=left, font=font), left), g.pieces])


@pytest.mark.parametrize("form, font, left, pad", [
    ("spaces", "song", 80, "　"), ("spaces", "kai", 96, "　"), ("tabs", "kai", 100, "　"), ("tabs", "song", 70, " ")])
def test_roster_labelled_once_later_members_under_the_name_column(tmp_path, form, font, left, pad):
    ex = extract(one_person_a_line(tmp_path / "r.pdf", form=form, font=font, left=left, pad=pad))
    got = [(m.role, m.name, m.position) for m in ex.roster_members]
    assert got == LIANXI_EXPECTED
    assert {m.body for m in ex.roster_members} == {"江城市河湖保护联席会议"}  # the 附件 title, not the letter's


# ---------------------------------------------------------------- two people a line, layout table

ZHUANBAN = [
    ("组长", "刘　亮", "副市长"), ("副组长", "姜新明", "市政府副秘书长"), (None, "王志福", "市促进外来投资局局长"),
    ("成员", "陈万平", "城东区政府副区长"), (None, "解玉婷", "城西区政府副区长"),
    (None, "张　奇", "右玉县政府党组成员、右玉生态文化旅游示范区党工委副书记"),
    (None, "段君华", "市科技局四级调研员"), (None, "梅　斌", "市工信局党组成员"), (None, "高　才", "市财政局二级调研员"),
    (None, "雷久义", "市人社局副局长"), (None, "张　斌", "外汇管理局江城市中心支局副局长"),
]


def two_people_a_line(path, *, font: str, left: float, chars: int, pad: str, gap: float, narrow_label: bool = False):
    """A borderless layout table: label | name | position | name | position; each position column
    ``chars`` characters wide, so long positions wrap onto lines of their own (top-aligned
    cells); ``gap`` (in character widths) between a name column's end and its position column.
    ``narrow_label``: the label column is two characters wide, labels right-aligned in it wrap
    (组 / 长：, 副组 / 长：)."""
    g = Flow(left=left, font=font, leading=22, size=13)
    g.line("附件2", font="hei").line("江城市扩大市场开放工作专班成员名单", align="center", size=20, font="hei")
    em = g.size
    name_x = left + 4.5 * em
    xs = [name_x, name_x + (3 + gap) * em]
    xs += [xs[1] + (chars + 1) * em, xs[1] + (chars + 4 + gap) * em]
    half = (len(ZHUANBAN) + 1) // 2
    wrap = lambda text: [text[i:i + chars] for i in range(0, len(text), chars)]  # noqa: E731
    for k in range(half):
        a = ZHUANBAN[k]
        b = ZHUANBAN[half + k] if half + k < len(ZHUANBAN) else None
        la, lb = wrap(a[2]), wrap(b[2]) if b else []
        for j in range(max(len(la), len(lb), 2 if narrow_label and a[0] else 1)):
            cells = []
            label = f"{a[0]}：" if a[0] else ""
            if narrow_label and label:
                piece = label[:-2] if j == 0 else label[-2:] if j == 1 else ""
                if piece:
                    cells.append((xs[0] - 0.8 * em - len(piece) * em, piece))
            if j == 0:
                cells += [] if narrow_label else [(left, label)]
                cells.append((xs[0], a[1].replace("　", pad)))
                if b:
                    cells.append((xs[2], b[1].replace("　", pad)))
            if j < len(la):
                cells.append((xs[1], la[j]))
            if j < len(lb):
                cells.append((xs[3], lb[j]))
            g.row(cells)
    f = Flow(left=left, font=font)
    document_head(f, ["江城市人民政府办公室", "关于印发江城市扩大市场开放工作实施方案的通知"], "江政办发〔2022〕36号",
                  "各县（市、区）人民政府，市直各有关单位：")
    f.paragraph("《江城市扩大市场开放工作实施方案》已经市人民政府同意，现印发给你们，请认真贯彻执行。")
    f.line("附件：江城市扩大市场开放工作专班成员名单", x=left + 28)
    signature(f, "江城市人民政府办公室", "2022年3月8日")
    return write_pdf(path, [f.pieces, g.pieces])


@pytest.mark.parametrize("font, left, chars, pad, gap, narrow_label", [
    ("song", 80, 7, "　", 0.5, False), ("kai", 60, 8, " ", 1.5, False), ("hei", 70, 6, "　", 1.0, False),
    ("song", 90, 5, "　", 1.2, True), ("kai", 70, 6, "　", 0.6, True)])
def test_two_column_layout_table_roster_with_wrapped_positions(tmp_path, font, left, chars, pad, gap, narrow_label):
    ex = extract(two_people_a_line(tmp_path / "r.pdf", font=font, left=left, chars=chars, pad=pad, gap=gap,
                                   narrow_label=narrow_label))
    got = [(m.role, m.name, m.position) for m in ex.roster_members]
    roles = ["组长", "副组长", "副组长"] + ["成员"] * 8
    assert got == [(role, name.replace("　", ""), position) for role, (_, name, position) in zip(roles, ZHUANBAN)]
    assert {m.body for m in ex.roster_members} == {"江城市扩大市场开放工作专班"}


# ---------------------------------------------------------------- titles: issuer on a line of its own

def issuer_above_subject(path, *, issuer_size: float, subject_size: float, subject: list[str], font: str, left: float):
    """The issuer line in a black face, or in the body face when it is set smaller than the subject."""
    f = Flow(left=left, font=font)
    f.line("江城市人民政府办公室", size=issuer_size, align="center", font="hei" if issuer_size >= subject_size else font)
    for t in subject:
        f.line(t, size=subject_size, align="center", font="hei")
    f.skip(6).line("江政办发〔2022〕7号", align="center").skip(8)
    f.line("各县（市、区）人民政府，市直各有关单位：")
    f.paragraph("经市人民政府同意，现将有关事项通知如下，请认真贯彻执行。")
    signature(f, "江城市人民政府办公室", "2022年3月8日")
    return write_pdf(path, [f.pieces])


@pytest.mark.parametrize("issuer_size, subject_size, subject, font, left", [
    (22, 18, ["关于做好2022年春季农业生产工作的通知"], "song", 80),  # issuer larger than the subject
    (16, 16, ["关于印发江城市推进交通强国建设行动计划", "（2022—2023年）和江城市综合立体交通网",
              "规划纲要实施方案及配套政策措施的", "通知"], "kai", 70),  # subject of four lines
    (20, 16, ["关于印发江城市推进交通强国建设行动计划", "（2022—2023年）的通知"], "song", 90),
    (15, 18, ["关于同意建立江城市河湖保护联席会议制度的函"], "kai", 80),  # issuer smaller than the subject
])
def test_title_keeps_the_issuer_set_on_its_own_line(tmp_path, issuer_size, subject_size, subject, font, left):
    ex = extract(issuer_above_subject(tmp_path / "t.pdf", issuer_size=issuer_size, subject_size=subject_size,
                                      subject=subject, font=font, left=left))
    assert [(d.title, d.doc_number) for d in ex.documents] == [
        ("江城市人民政府办公室" + "".join(subject), "江政办发〔2022〕7号")]


# ---------------------------------------------------------------- stated counts

PARTS = [("铁路", "江城市铁路重点建设项目", 2), ("高速公路", "江城市高速公路重点建设项目", 3), ("农村公路", "江城市农村公路建设项目", 4)]
LIST_TITLE = "江城市2022年交通重点建设项目清单"


def _list_letter(font: str, left: float) -> Flow:
    """The 通知 that prints the list, its 附件 starting on the next page."""
    f = Flow(left=left, font=font)
    document_head(f, ["江城市人民政府办公室", "关于印发交通重点建设项目清单的通知"], "江政办发〔2022〕21号",
                  "各县（市、区）人民政府，市直各有关单位：")
    f.paragraph(f"《{LIST_TITLE}》已经市人民政府同意，现印发给你们，请认真组织实施。")
    f.line(f"附件：{LIST_TITLE}", x=left + 28)
    signature(f, "江城市人民政府办公室", "2022年3月8日")
    return f.new_page()


def _part_table(f: Flow, what: str, n: int) -> None:
    rows = [["序号", "项目名称", "建设规模", "总投资（亿元）", "建设年限"]]
    rows += [[str(j + 1), f"{what}工程{j + 1}号", f"新建{what}{10 + j}公里", "10", "2022/2023"] for j in range(n)]
    ruled_table(f, [40, 150, 120, 80, 70], rows)


def breakdown_list(path, *, font: str, left: float, clause_paragraphs: bool):
    """An 附件 whose text states a total and its breakdown (共9项，其中铁路项目2项；…), then one
    sub-table under its own heading line per part. ``clause_paragraphs``: the breakdown set one
    clause a paragraph (其中： / 铁路项目2项，…； / …)."""
    f = _list_letter(font, left)
    f.line("附件", font="hei").line(LIST_TITLE, align="center", size=20, font="hei")
    total = sum(n for _, _, n in PARTS)
    clauses = [f"{what}项目{n}项，估算投资{10 * n}亿元" for what, _, n in PARTS]
    if clause_paragraphs:
        f.paragraph(f"江城市2022年交通重点建设项目共{total}项，估算总投资{10 * total}亿元。其中：")
        for k, c in enumerate(clauses):
            f.paragraph(c + ("。" if k == len(clauses) - 1 else "；"))
    else:
        f.paragraph(f"江城市2022年交通重点建设项目共{total}项，估算总投资{10 * total}亿元，其中" + "；".join(clauses) + "。")
    for k, (what, heading, n) in enumerate(PARTS):
        f.line(f"{'一二三'[k]}、{heading}", font="hei")
        _part_table(f, what, n)
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("font, left, clause_paragraphs", [("song", 80, False), ("kai", 70, True)])
def test_breakdown_names_each_sub_table_and_headings_are_categories(tmp_path, font, left, clause_paragraphs):
    ex = extract(breakdown_list(tmp_path / "c.pdf", font=font, left=left, clause_paragraphs=clause_paragraphs))
    assert [(t.title, t.n_rows, t.stated_count) for t in ex.tables] == [(h, n, n) for _, h, n in PARTS]
    # each sub-table has its own heading line: the list is the 附件, the heading its category
    got = [(p.list_title, p.category) for p in ex.projects]
    assert got == [(LIST_TITLE, h) for _, h, n in PARTS for _ in range(n)]


def count_above_list(path, *, font: str, left: float, cut_after_count: bool, table_next_page: bool, n: int = 12):
    """共12户（附件1） in the running text; ``cut_after_count``: the producer broke the line after
    ``共12`` (a short line, 户（附件1） flush left below); ``table_next_page``: the table starts on
    the page after its 附件 label and caption."""
    f = Flow(left=left, font=font)
    document_head(f, ["江城市人民政府办公室", "关于印发重点企业服务方案的通知"], "江政办函〔2022〕45号",
                  "各县（市、区）人民政府，市直各有关单位：")
    f.paragraph("《江城市市领导联系服务重点企业工作方案》已经市人民政府同意，现印发给你们，请认真贯彻落实。")
    f.line("一、服务对象", font="hei")
    head = "以行业龙头企业、年内可拉动增长的项目企业为重点，市级层面负责全市重点企业，"
    if cut_after_count:
        f.paragraph(head + f"共{n}")
        f.line("户（附件1）。县级层面负责其他骨干企业。")
    else:
        f.paragraph(head + f"共{n}户（附件1）。县级层面负责其他骨干企业。")
    f.line("附件：1.市领导联系服务重点企业名单", x=left + 28).line("2.服务企业台账", x=left + 70)
    signature(f, "江城市人民政府办公室", "2022年4月8日")
    f.new_page()
    f.line("附件1", font="hei").line("市领导联系服务重点企业名单", align="center", size=20, font="hei")
    if table_next_page:
        f.new_page()
    rows = [["序号", "企业名称", "所在地", "联系市领导"]]
    rows += [[str(k + 1), f"江城第{k + 1}实业有限公司", "城东区", "王市长"] for k in range(n)]
    ruled_table(f, [40, 200, 100, 100], rows)
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("font, left, cut_after_count, table_next_page", [
    ("song", 80, True, False), ("kai", 70, False, True), ("song", 100, True, True)])
def test_count_stated_above_a_list_survives_line_breaks_and_page_breaks(tmp_path, font, left, cut_after_count,
                                                                         table_next_page):
    ex = extract(count_above_list(tmp_path / "c.pdf", font=font, left=left, cut_after_count=cut_after_count,
                                  table_next_page=table_next_page))
    assert [(t.attachment_label, t.title, t.n_rows, t.stated_count) for t in ex.tables] == [
        ("附件1", "市领导联系服务重点企业名单", 12, 12)]


def sub_table_headings(path, *, font: str, left: float, caption_size: float, caption_font: str, heading_size: float,
                       numbered: bool):
    """An 附件 of three sub-tables, each under its own heading line (一、… or unnumbered), the
    附件 caption set in ``caption_size`` / ``caption_font`` (body size and face: not found as a caption)."""
    f = _list_letter(font, left)
    f.line("附件", font="hei").line(LIST_TITLE, align="center", size=caption_size, font=caption_font)
    for k, (what, heading, n) in enumerate(PARTS):
        f.line((f"{'一二三'[k]}、" if numbered else "") + heading, font="hei", size=heading_size)
        _part_table(f, what, n)
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("font, left, caption_size, caption_font, heading_size, numbered", [
    ("song", 80, 14, "song", 14, True),   # caption set like body text: the 附件 list names the list
    ("song", 80, 18, "hei", 18, True),    # headings in the caption's size and face right below it
    ("kai", 70, 18, "hei", 14, False),    # unnumbered headings
    ("kai", 70, 14, "kai", 14, False),    # caption like body text right above an unnumbered bold heading
])
def test_list_title_is_the_attachment_and_sub_table_headings_are_categories(tmp_path, font, left, caption_size,
                                                                            caption_font, heading_size, numbered):
    ex = extract(sub_table_headings(tmp_path / "l.pdf", font=font, left=left, caption_size=caption_size,
                                    caption_font=caption_font, heading_size=heading_size, numbered=numbered))
    assert [(a.label, a.title) for a in ex.documents[0].attachments] == [("附件", LIST_TITLE)]
    assert [(p.list_title, p.category) for p in ex.projects] == [(LIST_TITLE, h) for _, h, n in PARTS for _ in range(n)]


# ---------------------------------------------------------------- binding line (裝訂線) in the margin

def letter_with_binding_line(path, *, font: str, left: float, binding_x: float, rule_step: float):
    """A 函 whose left margin carries a binding line: a column of | glyphs every ``rule_step``
    points, with 裝, 訂, 線 spaced along it at the heights of body lines."""
    f = Flow(left=left, font=font)
    f.line("臺北市大安區健康服務中心　函", size=20, align="center", font="hei")
    f.line("受文者：臺北市政府衛生局")
    f.line("發文日期：中華民國109年5月4日")
    f.line("發文字號：北市安健個字第1093003080號")
    f.line("主旨：有關本中心辦理社區健康促進活動場地借用一案，請查照。")
    f.line("說明：")
    f.line("一、依據本府109年4月20日府授衛字第1090001234號函辦理。", x=left + 28)
    f.line("二、本府同意借用場地，請於活動結束後恢復原狀。", x=left + 28)
    f.line("正本：臺北市政府衛生局")
    tops = [p.top for p in f.pieces]
    y = 60.0
    while y < 780:
        f.pieces.append(Text("|", binding_x, y, 12, font))
        y += rule_step
    for word, top in zip("裝訂線", (tops[3], tops[5], tops[7])):
        f.pieces.append(Text(word, binding_x - 3, top, 12, font))
    return write_pdf(path, [f.pieces])


@pytest.mark.parametrize("font, left, binding_x, rule_step", [("song", 100, 40, 13), ("kai", 90, 30, 26)])
def test_binding_line_marks_do_not_join_body_lines(tmp_path, font, left, binding_x, rule_step):
    ex = extract(letter_with_binding_line(tmp_path / "tw.pdf", font=font, left=left, binding_x=binding_x,
                                          rule_step=rule_step))
    [doc] = ex.documents
    assert (doc.title, doc.doc_number) == ("臺北市大安區健康服務中心函", "北市安健個字第1093003080號")
    body = doc.body_text
    assert "主旨：有關本中心辦理社區健康促進活動場地借用一案，請查照。" in body
    assert "二、本府同意借用場地，請於活動結束後恢復原狀。" in body
    assert not any(mark in body for mark in "|裝訂線")


# ---------------------------------------------------------------- text running past its cell

def schedule_table(path, *, font: str, left: float, width: float):
    """A 建设年限 column ``width`` points wide, too narrow for 2020/2023: the date range runs past
    the column's rule into the centred number of the next column."""
    f = Flow(left=left, font=font, leading=24)
    f.line("江城市2022年交通重点建设项目表", size=18, align="center", font="hei")
    rows = [["序号", "项目名称", "年限", "2022年", "2023年"], ["1", "城东大道改造工程", "2020/2023", "3.96", "2.10"],
            ["2", "环城北路新建工程", "2021/2022", "12.5", "0"], ["3", "跨江大桥维修工程", "2022", "1.2", "0.8"]]
    ruled_table(f, [30, 140, width, 50, 50], rows, size=11, align="lcccc")
    return write_pdf(path, f.pages()), rows


@pytest.mark.parametrize("font, left, width", [("song", 80, 40), ("kai", 70, 44)])
def test_unbreakable_text_belongs_to_the_cell_it_starts_in(tmp_path, font, left, width):
    path, rows = schedule_table(tmp_path / "s.pdf", font=font, left=left, width=width)
    [table] = extract(path).tables
    assert table.columns == rows[0]
    assert [r.texts for r in table.rows] == rows[1:]


# ---------------------------------------------------------------- two tables in one frame

def two_sheets(path, *, font: str, left: float, frame: bool):
    """Two balance sheets with the same columns on one page, the second's caption, date line and
    单位：元 between them; ``frame``: side rules run down from the first table to the second."""
    f = Flow(left=left, font=font, leading=22)
    f.line("江城实业股份有限公司2022年第一季度报告", size=18, align="center", font="hei")
    header = ["项目", "期末余额", "年初余额"]
    first = [["货币资金", "1,234,567.00", "1,111,111.00"], ["应收账款", "234,567.00", "222,222.00"],
             ["存货", "34,567.00", "33,333.00"], ["资产总计", "1,503,701.00", "1,366,666.00"]]
    second = [["货币资金", "934,567.00", "911,111.00"], ["应收账款", "134,567.00", "122,222.00"],
              ["资产总计", "1,069,134.00", "1,033,333.00"]]
    top = None
    for caption, rows in (("合并资产负债表", first), ("母公司资产负债表", second)):
        f.line(caption, align="center", font="hei").line("2022年3月31日", align="center").line("单位：元", x=left + 380)
        top = f.y if top is None else top
        ruled_table(f, [180, 140, 140], [header, *rows])
    if frame:
        f.pieces += [Rule(left, top, left, f.y - 10), Rule(left + 460, top, left + 460, f.y - 10)]
    return write_pdf(path, f.pages()), first, second


@pytest.mark.parametrize("font, left, frame", [("song", 70, True), ("kai", 60, True), ("song", 80, False)])
def test_a_caption_between_two_tables_starts_a_new_table(tmp_path, font, left, frame):
    path, first, second = two_sheets(tmp_path / "q.pdf", font=font, left=left, frame=frame)
    tables = extract(path).tables
    assert [[r.texts for r in t.rows] for t in tables] == [first, second]
    assert [t.title.startswith(c) for t, c in zip(tables, ("合并资产负债表", "母公司资产负债表"))] == [True, True]


# ---------------------------------------------------------------- a small table's total and note rows

def scoring_table(path, *, font: str, left: float, boxed_note: bool):
    """A 評分 table in traditional characters ending in a 合計 row; ``boxed_note``: a 註： line
    boxed under it by the table's side rules."""
    f = Flow(left=left, font=font, leading=24)
    f.line("臺北市112年度社區健康營造競賽計畫", size=18, align="center", font="hei")
    f.line("五、評分方式：評分標準如下表。", font="hei")
    rows = [["評分項目", "配分", "評分重點"], ["計畫完整性", "30", "目標明確、策略可行"], ["執行成效", "40", "參與人數及成果"],
            ["創新性", "30", "具特色及推廣價值"], ["合計", "100", ""]]
    ruled_table(f, [120, 60, 240], rows)
    if boxed_note:
        bottom = f.y - 10
        f.line("註：評分結果由評審委員會議決定。", x=left + 4)
        f.pieces += [Rule(left, bottom, left, f.y - 4), Rule(left + 420, bottom, left + 420, f.y - 4),
                     Rule(left, f.y - 4, left + 420, f.y - 4)]
    f.line("六、獎勵：第一名頒發獎金新臺幣三萬元。", font="hei")
    return write_pdf(path, f.pages()), rows


@pytest.mark.parametrize("font, left, boxed_note", [("song", 80, False), ("kai", 70, True)])
def test_total_and_note_rows_in_traditional_characters_are_not_data(tmp_path, font, left, boxed_note):
    path, rows = scoring_table(tmp_path / "p.pdf", font=font, left=left, boxed_note=boxed_note)
    [table] = extract(path).tables
    assert [r.texts for r in table.rows] == rows[1:4]
    if boxed_note:
        assert table.notes == ["註：評分結果由評審委員會議決定。"]


def wrapped_year_table(path, *, font: str, left: float, per_line: int, width: float):
    """A centred 建设年限 cell so narrow that 2020/2023 is cut every ``per_line`` glyphs
    (20 / 20/ / 20 / 23), in a table whose other cells hold one line."""
    f = Flow(left=left, font=font, leading=24)
    f.line("江城市2022年交通重点建设项目表", size=18, align="center", font="hei")
    size, lead = 9.0, 11.0
    widths = [30, 140, width, 50]
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    rows = [["序号", "项目名称", "年限", "投资"], ["1", "城东大道改造工程", "2020/2023", "3.96"], ["2", "环城北路新建工程", "2021/2022", "12.5"]]
    for cells in rows:
        top = f.y
        pieces = [cells[2][i:i + per_line] for i in range(0, len(cells[2]), per_line)] if cells[0] != "序号" else [cells[2]]
        height = max(20.0, lead * len(pieces) + 8)
        f.pieces += [Rule(xs[0], top, xs[-1], top), Rule(xs[0], top + height, xs[-1], top + height)]
        f.pieces += [Rule(x, top, x, top + height) for x in xs]
        for k, text in enumerate(cells):
            if k == 2:
                for j, piece in enumerate(pieces):
                    x = xs[2] + (width - text_width(piece, size, font)) / 2
                    f.pieces.append(Text(piece, x, top + 4 + j * lead, size, font))
            else:
                f.pieces.append(Text(text, xs[k] + 3, top + 4, size, font))
        f.y = top + height
    return write_pdf(path, f.pages()), rows


@pytest.mark.parametrize("font, left, per_line, width", [("song", 80, 2, 20), ("kai", 70, 3, 24)])
def test_a_year_range_cut_by_a_too_narrow_cell_is_read_whole(tmp_path, font, left, per_line, width):
    path, rows = wrapped_year_table(tmp_path / "w.pdf", font=font, left=left, per_line=per_line, width=width)
    [table] = extract(path).tables
    assert [r.texts[2] for r in table.rows] == ["2020/2023", "2021/2022"]


# ------------------------------------------------------------------ a row cut by a page break


def cut_row_table(path, *, font: str, left: float, seq: bool):
    """A ruled table whose last row on page 1 is cut by the page break: its rest is printed on
    page 2 under the repeated header, key cell blank (no 序号 — a lone ★ — or, in a table without
    one, no 赋分 where every other row has one)."""
    f = Flow(left=left, font=font)
    f.line("附件", font="hei").line("江城市考核评分表", align="center", size=20, font="hei")
    header = ["序号", "考核内容", "赋分", "考核方式"] if seq else ["指标", "考核内容", "赋分", "考核方式"]
    key = (lambda j: str(j + 1)) if seq else (lambda j: f"指标{'甲乙丙丁戊己庚辛壬癸'[j % 10]}")
    rows = [[key(j), f"考核内容第{j + 1}项", str(2 + j % 3), "网上检查"] for j in range(40)]
    f.y = f.bottom - 28 * 12
    body, rest_row = rows[:12], ["★" if seq else "", "落实情况", "", "记录"]
    ruled_table(f, [60, 200, 60, 120], [header, *body[:11], [body[11][0], "督办", body[11][2], "日常工作"]], row_height=24)
    f.new_page()
    ruled_table(f, [60, 200, 60, 120], [header, rest_row, *rows[12:16]], row_height=24)
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("font,left", [("song", 70.0), ("hei", 90.0)])
@pytest.mark.parametrize("seq", [True, False])
def test_row_cut_by_a_page_break_with_its_key_cell_blank_is_one_row(tmp_path, font, left, seq):
    ex = extract(cut_row_table(tmp_path / "t.pdf", font=font, left=left, seq=seq))
    (table,) = ex.tables
    assert table.n_rows == 16
    cut = table.rows[11]
    assert (cut.texts[1], cut.texts[3]) == ("督办落实情况", "日常工作记录")
    assert table.rows[12].texts[1] == "考核内容第13项"


def caption_before_page_break(path, *, font: str, left: float):
    """附件 label, caption and 报送单位： at the foot of page 1; 日期： and the grid on page 2."""
    f = Flow(left=left, font=font)
    f.y = f.bottom - 26 * 4
    f.line("附件2", font="hei").line("江城市服务企业台账（表样）", align="center", size=20, font="hei")
    f.line("报送单位：")
    f.new_page()
    f.line("日期：    年  月  日", x=left + 20)
    ruled_table(f, [40, 140, 80, 80, 100], [["序号", "企业名称", "联系人", "联系电话", "是否解决"], ["1", "", "", "", ""],
                                          ["2", "", "", "", ""]])
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("font,left", [("song", 70.0), ("kai", 90.0)])
def test_caption_at_the_foot_of_the_page_before_its_table(tmp_path, font, left):
    ex = extract(caption_before_page_break(tmp_path / "c.pdf", font=font, left=left))
    (table,) = ex.tables
    assert table.title == "江城市服务企业台账（表样）"


def hanging_attachment_label(path, *, font: str, left: float):
    """An 附件 list whose label (附件（详见市政府门户网站）：) is set in a narrow column beside
    its items and wraps there."""
    f = Flow(left=left, font=font)
    document_head(f, ["江城市人民政府办公室关于公布开发区职权事项清单的通知"], "江政办发〔2022〕9号", "各县（市、区）人民政府：")
    f.paragraph("现将开发区职权事项清单予以公布，请认真贯彻执行。")
    items = [f"{k + 1}.江城市人民政府赋予{name}开发区职权事项清单" for k, name in enumerate(["东城", "西城", "南城"])]
    x_items = left + 11 * f.size
    f.row([(left, "附件（详见市政府门户网"), (x_items, items[0])])
    f.row([(left, "站）："), (x_items, items[1])])
    f.row([(x_items, items[2])])
    signature(f, "江城市人民政府办公室", "2022年7月22日")
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("font,left", [("song", 70.0), ("hei", 90.0)])
def test_attachment_list_whose_label_wraps_beside_its_items(tmp_path, font, left):
    ex = extract(hanging_attachment_label(tmp_path / "a.pdf", font=font, left=left))
    (doc,) = ex.documents
    assert [(a.label, a.title) for a in doc.attachments] == [
        (f"附件{k + 1}", f"江城市人民政府赋予{name}开发区职权事项清单") for k, name in enumerate(["东城", "西城", "南城"])
    ]
