"""Records stage: tables and roster text → typed records.

Fixtures are rows and lines copied from the sample gazette's source text
(samples/source/shuozhou-gazette-2021-04.txt), built by hand as the earlier stages would hand
them over; every expected value is read from that text.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gazette_extract.models import (
    AttachmentSpan,
    Document,
    DocumentSpan,
    Table,
    TableRow,
    TableSection,
    TextLine,
)
from gazette_extract.records import build_records, classify
from gazette_extract.records.approvals import action_of, split_legal_basis
from gazette_extract.records.common import split_unit_list
from gazette_extract.records.projects import investment_yi, schedule_years
from gazette_extract.records.rosters import (
    body_from_caption,
    body_from_title,
    split_name_position,
)
from gazette_extract.records.tasks import deadline_date

GID = "0123456789abcdef"

# ---------------------------------------------------------------- builders


def table(columns, rows, *, title=None, doc_number=None, label=None, kind="other", sections=(), table_id="t1"):
    trows = []
    for i, r in enumerate(rows):
        texts, category = (r if isinstance(r, tuple) else (r, None))
        trows.append(TableRow(row=i, page=10 + i // 10, top=100.0 + i, bottom=110.0 + i, category=category, texts=texts))
    t = Table(
        gazette_id=GID, doc_number=doc_number, table_id=table_id, attachment_label=label, title=title,
        columns=columns, n_rows=len(trows), page_start=10, page_end=10 + len(trows) // 10,
        rows=trows, sections=list(sections),
    )
    return t.model_copy(update={"kind": classify(t, None) if kind == "auto" else kind})


def doc(title, doc_number, *, body_lines=(), attachments=()):
    d = Document(gazette_id=GID, doc_id=doc_number, seq=1, doc_number=doc_number, title=title, page_start=1, page_end=9)
    return DocumentSpan(document=d, body_lines=tuple(body_lines), attachments=tuple(attachments))


SIZE = 14.0


def line(text, *, x0=90.0, top=100.0, page=1, segments=()):
    return TextLine(text=text, x0=x0, top=top, x1=x0 + SIZE * len(text), bottom=top + SIZE, size=SIZE,
                    bold=False, page=page, segments=tuple(segments))


# four column starts of a borderless two-person roster: name, position, name, position
COLS = (90.0, 160.0, 320.0, 390.0)


def roster_line(cells, top, page=1):
    """cells: {column index: text} → a line whose segments sit at the column starts."""
    segs = tuple((text, COLS[c], COLS[c] + SIZE * len(text)) for c, text in sorted(cells.items()))
    return TextLine(text=" ".join(s[0] for s in segs), x0=segs[0][1], top=top, x1=segs[-1][2],
                    bottom=top + SIZE, size=SIZE, bold=False, page=page, segments=segs)


# ---------------------------------------------------------------- classify

APPROVAL_COLS_1 = ["序号", "事项名称", "权力类型", "设定依据", "审批部门", "加强事中事后监管措施"]
APPROVAL_COLS_2 = ["序号", "事项名称", "权力类型", "设定依据", "原审批部门", "下放后审批部门", "加强事中事后监管措施", "备注"]
PROVINCE_COLS = ["序号", "项目名称", "建设地点", "领域", "行业"]
TRANSPORT_COLS = ["序号", "项目名称", "建设总规模", "投资(亿元)", "建设意义", "模式", "开/竣工时间",
                  "分年度任务(亿元)/2021年", "分年度任务(亿元)/2022年", "实施单位", "配合单位"]
TASK_COLS = ["序号", "主要目标", "工作任务", "具体措施", "责任单位", "配合单位", "完成时限"]


@pytest.mark.parametrize(
    "columns, title, kind",
    [
        (APPROVAL_COLS_1, "市政府决定相应取消的行政审批事项目录", "approval_items"),
        (APPROVAL_COLS_2, "市政府承接省政府下放管理层级的行政审批事项目录", "approval_items"),
        (PROVINCE_COLS, "2021年省级重点工程（第一批）项目名单", "projects"),
        (TRANSPORT_COLS, "二、朔州市铁路重点建设项目", "projects"),
        (["序号", "项目名称", "建设总规模", "投资 (亿元)", "模式", "开/竣工 时间", "分年度任务/2021 年",
          "分年度任务/2022 年", "实施单位", "配合 单位"], "六、朔州市交通其它建设项目", "projects"),
        (["序号", "揭榜项目", "揭榜单位", "揭榜任务", "服务的重点行业", "涉及典型场景", "推荐单位"],
         "2025年度智能制造系统解决方案“揭榜挂帅”项目名单", "projects"),
        (TASK_COLS, "朔州市扩大市场开放工作任务清单", "tasks"),
        (["序号", "姓名", "职务", "姓名", "职务"], "某某工作领导小组成员名单", "roster"),
        (["序号", "企业名称", "县区", "工作目标", "入企领导", "入企部门"], "市政府领导精准服务企业名单", "other"),
        (["年份", "县(市、区)", "镇", "任务类型"], "建设生活污水处理设施建制镇名单", "other"),
        (["一级指标", "二级指标", "三级指标", "赋分", "扣分标准", "加分标准", "考核方式"],
         "2021年度朔州市政务公开工作考核细则与评分表（A类）", "other"),
        (["序号", "企业名称", "联系人", "联系电话", "问题类型", "具体问题", "责任部门", "协调解决进展", "是否解决"],
         "服务企业台账（表样）", "other"),
    ],
)
def test_classify_by_header_and_caption(columns, title, kind):
    assert classify(table(columns, [], title=title), None) == kind


# ---------------------------------------------------------------- approvals


def test_legal_basis_one_entry_per_law_with_its_suffix():
    assert split_legal_basis("《中华人民共和国动物防疫法》 《乡村兽医管理办法》（农业部令第17号）") == [
        "《中华人民共和国动物防疫法》",
        "《乡村兽医管理办法》（农业部令第17号）",
    ]
    # 〈〉 inside a title is not a new citation; the 文号 in parentheses stays with its law
    assert split_legal_basis(
        "《国务院关于发布〈关于实行专业技术职务聘任制度的规定〉的通知》（国发〔1986〕27号） "
        "《中央职称改革工作领导小组关于转发国家教育委员会〈中等专业学校教师职务试行条例〉及〈实施意见〉的通知》"
        "（职改字〔1986〕第111号）"
    ) == [
        "《国务院关于发布〈关于实行专业技术职务聘任制度的规定〉的通知》（国发〔1986〕27号）",
        "《中央职称改革工作领导小组关于转发国家教育委员会〈中等专业学校教师职务试行条例〉及〈实施意见〉的通知》（职改字〔1986〕第111号）",
    ]
    assert split_legal_basis("《医疗机构管理条例》") == ["《医疗机构管理条例》"]
    assert split_legal_basis("") == []


def test_action_from_list_title():
    assert action_of("市政府决定相应取消的行政审批事项目录", APPROVAL_COLS_1) == "cancelled"
    assert action_of("市政府承接省政府下放管理层级的行政审批事项目录", APPROVAL_COLS_2) == "delegated"
    assert action_of("行政审批事项目录", APPROVAL_COLS_1) == "other"


def test_approval_rows_map_by_label():
    cancelled = table(
        APPROVAL_COLS_1,
        [["2", "乡村兽医登记许可", "行政许可", "《中华人民共和国动物防疫法》 《乡村兽医管理办法》（农业部令第17号）",
          "县级农业农村（兽医）部门或行政审批服务管理局", "取消许可，改为备案，通过以下措施加强监管："]],
        title="市政府决定相应取消的行政审批事项目录", doc_number="朔政发〔2021〕27号", label="附件1",
        kind="approval_items",
    )
    delegated = table(
        APPROVAL_COLS_2,
        [["11", "取用水计划审批", "其他权力",
          "《取水许可管理办法》（2017年修正） 《山西省水利厅关于调整下放取水许可及泉域水环境影响评价报告审批权限的通知》（晋水资源〔2018〕347号）",
          "省水利厅", "县级水行政主管部门", "承接后，通过以下措施加强监管：\n县级依据法律法规做好承接，及时与省水利厅做好工作衔接。",
          "省管用水户取用水计划审批下放至县级水行政主管部门。"]],
        title="市政府承接省政府下放管理层级的行政审批事项目录", doc_number="朔政发〔2021〕27号", label="附件2",
        kind="approval_items", table_id="t2",
    )
    rs = build_records([cancelled, delegated], [], GID)
    a, b = rs.approval_items
    assert (a.action, a.seq, a.name, a.power_type) == ("cancelled", 2, "乡村兽医登记许可", "行政许可")
    assert len(a.legal_basis) == 2
    assert a.authority == "县级农业农村（兽医）部门或行政审批服务管理局" and a.original_authority is None
    assert (a.doc_number, a.table_id, a.row, a.page) == ("朔政发〔2021〕27号", "t1", 0, 10)
    assert a.list_title == "市政府决定相应取消的行政审批事项目录"
    assert (b.action, b.seq, b.original_authority, b.authority) == ("delegated", 11, "省水利厅", "县级水行政主管部门")
    assert b.legal_basis[1].endswith("（晋水资源〔2018〕347号）")
    assert b.remarks == "省管用水户取用水计划审批下放至县级水行政主管部门。"
    assert b.supervision.startswith("承接后") and json.loads(b.extra) == {}


# ---------------------------------------------------------------- projects


@pytest.mark.parametrize("text, years", [
    ("2020/2024", (2020, 2024)),
    ("2021", (2021, 2021)),
    ("202 1-202 2", (2021, 2022)),  # 202 / 1-202 / 2: a narrow 开/竣工时间 cell wrapped each year
    ("202 1", (2021, 2021)),
    (None, (None, None)),
])
def test_schedule_years_read_a_year_wrapped_in_a_narrow_cell(text, years):
    assert schedule_years(text) == years


def test_transport_project_row_star_schedule_and_annual_plan():
    t = table(
        TRANSPORT_COLS,
        [
            ["1★", "集大原高铁", "全线270公里,山西境内197公里,朔州境内113公里。", "总投资339.3亿元,朔州境内142亿元。",
             "本线通过大张、京包、大西、太焦等客专连接华北、中原、华中、华南等地区", "政府筹资", "2020/2024", "40", "60",
             "市重大交通基础设施建设服务中心", "朔城区政府、怀仁市政府、山阴县政府、应县政府,市直有关部门"],
            ["2", "韩原铁路朔山联络线", "全线56公里,朔州境内56公里。", "20.776", "朔山联络线是连接朔准线、北同蒲线、韩原线的重要通道",
             "政府筹资", "2015/2022", "建成", "运营", "", ""],
        ],
        title="二、朔州市铁路重点建设项目", doc_number="朔政办发〔2021〕37号", label="附件", kind="projects",
    )
    att = AttachmentSpan(label="附件", title="朔州市交通强国建设行动计划（2021—2022年）项目清单", page_start=50, top=0.0, lines=())
    docs = [doc("朔州市人民政府办公室关于印发朔州市推进交通强国建设行动计划(2021-2022年)的通知", "朔政办发〔2021〕37号",
                attachments=[att])]
    p1, p2 = build_records([t], docs, GID).projects
    assert (p1.seq, p1.starred, p1.name) == (1, True, "集大原高铁")
    assert p1.category == "朔州市铁路重点建设项目"
    assert p1.list_title == "朔州市交通强国建设行动计划（2021—2022年）项目清单"
    assert p1.investment == "总投资339.3亿元,朔州境内142亿元。" and p1.investment_yi is None
    assert (p1.schedule, p1.start_year, p1.end_year) == ("2020/2024", 2020, 2024)
    assert json.loads(p1.annual_plan) == {"2021": "40", "2022": "60"}
    assert p1.implementer == "市重大交通基础设施建设服务中心"
    assert p1.partners == ["朔城区政府", "怀仁市政府", "山阴县政府", "应县政府", "市直有关部门"]
    assert p1.mode == "政府筹资"
    assert (p2.seq, p2.starred, p2.investment_yi) == (2, False, 20.776)
    assert json.loads(p2.annual_plan) == {"2021": "建成", "2022": "运营"}
    assert p2.partners == [] and p2.implementer is None


def test_airport_row_partners_on_two_printed_lines_and_year_range():
    t = table(
        TRANSPORT_COLS,
        [["1★", "朔州机场", "4C级运输机场，2600米长45米跑道。", "9.47", "是构建朔州立体综合交通格局的重要组成部分。",
          "政府筹资", "2020/2023", "3.96", "4.73", "市机场建设管理有限公司", "市直有关单位\n朔城区政府"]],
        title="一、朔州市综合交通枢纽重点建设项目", kind="projects",
    )
    (p,) = build_records([t], [], GID).projects
    assert p.investment_yi == 9.47 and p.starred and p.seq == 1
    assert json.loads(p.annual_plan) == {"2021": "3.96", "2022": "4.73"}
    assert p.partners == ["市直有关单位", "朔城区政府"]
    assert p.category == "朔州市综合交通枢纽重点建设项目"


def test_city_list_section_rows_and_star_in_name():
    rows = [
        (["1", "山西右玉晋西北云计算数据中心", "右玉县", "新基建", "信息基础设施"], "一、建设项目（52 项）"),
        (["53", "山西经纬通达股份有限公司新建枢纽型内陆港综合物流园铁路专用线项目", "应县", "新业态", "商贸物流"],
         "二、前期项目 (12 项)"),
    ]
    t = table(PROVINCE_COLS, rows, title="2021年市级重点工程项目名单", kind="projects",
              sections=[TableSection(label="一、建设项目（52 项）", stated_count=52, first_row=0, page=10)])
    star = table(PROVINCE_COLS, [["10", "新建集宁经大同至原平高速铁路★", "忻州市(原平市、代县)", "重大传统基础设施", "铁路"]],
                 title="2021年省级重点工程（第一批）项目名单", kind="projects", table_id="t2")
    a, b, c = build_records([t, star], [], GID).projects
    assert (a.category, a.list_title, a.location, a.field, a.industry) == (
        "建设项目", "2021年市级重点工程项目名单", "右玉县", "新基建", "信息基础设施")
    assert b.category == "前期项目" and b.seq == 53
    assert (c.name, c.starred, c.seq, c.category) == ("新建集宁经大同至原平高速铁路", True, 10, None)


def test_other_project_list_keeps_unmapped_columns_in_extra():
    cols = ["序号", "揭榜项目", "揭榜单位", "揭榜任务", "服务的重点行业", "涉及典型场景", "推荐单位"]
    t = table(cols, [["1", "面向石化化工行业\n的AI驱动数字化\n交付解决方案", "北京互时科技股份\n有限公司",
                      "研制数字化交付系统", "石化化工", "工厂数字化\n规划设计", "北京市经济\n和信息化局"]], kind="projects")
    (p,) = build_records([t], [], GID).projects
    assert p.name == "面向石化化工行业的AI驱动数字化交付解决方案"
    assert p.implementer == "北京互时科技股份有限公司"
    assert p.industry is None
    assert json.loads(p.extra) == {"揭榜任务": "研制数字化交付系统", "服务的重点行业": "石化化工",
                                   "涉及典型场景": "工厂数字化规划设计", "推荐单位": "北京市经济和信息化局"}


def test_investment_units():
    assert investment_yi("9.47", "投资(亿元)") == 9.47
    assert investment_yi("3500", "总投资（万元）") == 0.35
    assert investment_yi("2.5亿元", "投资") == 2.5
    assert investment_yi("经纬通达投资1.4亿元。", "投资(亿元)") is None
    assert investment_yi("12", "投资") is None


# ---------------------------------------------------------------- tasks


def test_task_rows_units_and_deadline():
    goal = "全市实际利用外资额达到3000万美元(商务部口径)，新设外资企业3家以上。"
    rows = [
        ["2", goal, "保持实际利用外资稳定增长。", "完善并推动外资政策落实。", "市促投局",
         "市市场监管局、国家外汇管理局朔州市中心支局、市政府外事办", "2021年12月31日"],
        ["6", "加强“走出去”战略的认识，营造有利于有实力企业“走出去”的良好氛围。", "进一步提升对外直接投资质量。",
         "促进我市优势产能开展国际产能合作。", "市发改委 市商务局", "专班组成单位", ""],
    ]
    t = table(TASK_COLS, rows, title="朔州市扩大市场开放工作任务清单", kind="tasks")
    a, b = build_records([t], [], GID).tasks
    assert (a.seq, a.goal, a.task) == (2, goal, "保持实际利用外资稳定增长。")
    assert a.lead_units == ["市促投局"]
    assert a.support_units == ["市市场监管局", "国家外汇管理局朔州市中心支局", "市政府外事办"]
    assert (a.deadline, a.deadline_date) == ("2021年12月31日", dt.date(2021, 12, 31))
    assert b.lead_units == ["市发改委", "市商务局"]
    assert (b.deadline, b.deadline_date) == (None, None)
    assert a.list_title == "朔州市扩大市场开放工作任务清单"


def test_deadline_period_end():
    assert deadline_date("2021年6月底前") == dt.date(2021, 6, 30)
    assert deadline_date("2021年底") == dt.date(2021, 12, 31)
    assert deadline_date("2021年") == dt.date(2021, 12, 31)
    assert deadline_date("长期坚持") is None


def test_unit_lists_keep_bracketed_names_whole():
    assert split_unit_list("市农业农村局、市规划和自然资源局，各县〔市、区〕人民政府") == [
        "市农业农村局", "市规划和自然资源局", "各县〔市、区〕人民政府"]


# ---------------------------------------------------------------- rosters

ZHUANBAN = [  # 朔政办发〔2021〕36号 附件2, printed lines: {column: text}
    {0: "组长：刘亮", 1: "副市长", 2: "段君华", 3: "市科技局四级调研员"},
    {0: "副组长：姜新明", 1: "市政府副秘书长", 2: "梅斌", 3: "市工信局党组成员"},
    {0: "王志福", 1: "市促进外来投资局局长", 2: "高才", 3: "市财政局二级调研员"},
    {0: "成员：陈万平", 1: "朔城区政府副区长", 2: "雷久义", 3: "市人社局副局长"},
    {0: "解玉婷", 1: "平鲁区政府副区长", 2: "杜丛", 3: "市规划和自然资源局副局长"},
    {0: "郎慧婷", 1: "怀仁市政府副市长", 2: "陈志国", 3: "市生态环境局副局长"},
    {0: "于介澜", 1: "山阴县政府副县长", 2: "胡秉厚", 3: "市商务局党组成员"},
    {0: "梁艳锋", 1: "应县政府副县长", 2: "蔚丽", 3: "市政府外事办副主任"},
    {0: "张奇", 1: "右玉县政府党组成员、右玉", 2: "张梁", 3: "市市场监管局副局长"},
    {1: "生态文化旅游示范区党工委"},
    {1: "副书记、管委会常务副主任"},
    {0: "康建国", 1: "朔州经济开发区管委会主", 2: "马维东", 3: "市政府金融办副主任"},
    {1: "任助理"},
    {0: "卫国华", 1: "市发改委副处级干部", 2: "高日平", 3: "市促进外来投资局副局长"},
    {0: "霍陟", 1: "市教育局副局长", 2: "张新年", 3: "朔州海关副关长"},
    {2: "张斌", 3: "外汇管理局朔州市中心支"},
    {3: "局副局长"},
    {2: "马武生", 3: "朔州银保监分局副局长"},
]


def test_two_column_roster_with_a_narrow_label_column_and_padded_names():
    # a label column too narrow for its label: 组 beside the person, 长： alone on the line below
    # (nothing else printed there); a padded two-character name whose second character is set
    # against its position (周　敏市工信局…): the roster reads on past the label's rest
    label_x, cols = 70.0, (104.0, 160.0, 320.0)

    def at(cells, top):
        if len(cells) >= 4:  # the right person's position one character width after the name
            name, x = cells[-2]
            cells = cells[:-1] + [(cells[-1][0], x + SIZE * (len(name) + 1))]
        segs = tuple((t, x, x + SIZE * len(t)) for t, x in cells)
        return TextLine(text=" ".join(t for t, _ in cells), x0=segs[0][1], top=top, x1=segs[-1][2],
                        bottom=top + SIZE, size=SIZE, bold=False, page=1, segments=segs)

    rows = [
        [("组", label_x), ("李明", cols[0]), ("副市长", cols[1]), ("赵振华", cols[2]), ("市科技局四级调研员", 0.0)],
        [("长：", label_x)],
        [("副组", label_x), ("孙建国", cols[0]), ("市政府副秘书长", cols[1]), ("周", cols[2]), ("敏市工信局党组成员", 0.0)],
        [("长：", label_x)],
        [("成", label_x), ("吴海峰", cols[0]), ("源城区政府副区长", cols[1]), ("郑", cols[2]), ("洁市人社局副局长", 0.0)],
        [("员：", label_x)],
        [("冯国庆", cols[0]), ("北岭区政府副区长", cols[1]), ("陈", cols[2]), ("立市商务局副局长", 0.0)],
    ]
    lines = [at(cells, 100 + 20 * i) for i, cells in enumerate(rows)]
    att = AttachmentSpan(label="附件2", title="桑源市扩大市场开放工作专班", page_start=40, top=0.0, lines=tuple(lines))
    docs = [doc("桑源市人民政府办公室关于印发桑源市扩大市场开放工作实施方案的通知", "桑政办发〔2022〕8号", attachments=[att])]
    members = build_records([], docs, GID).roster_members
    assert [(m.role, m.name, m.position) for m in members] == [
        ("组长", "李明", "副市长"), ("副组长", "孙建国", "市政府副秘书长"), ("成员", "吴海峰", "源城区政府副区长"),
        ("成员", "冯国庆", "北岭区政府副区长"), ("成员", "赵振华", "市科技局四级调研员"), ("成员", "周敏", "市工信局党组成员"),
        ("成员", "郑洁", "市人社局副局长"), ("成员", "陈立", "市商务局副局长"),
    ]


def test_tab_stop_roster_with_a_spaced_label_ending_near_the_name_column():
    # tab stops: labels at the left margin, their people at a later stop; people without a label
    # indented to a stop of their own, which 员： of the spaced label 成　员： nearly touches
    def at(cells, top):
        segs = tuple((t, x, x + SIZE * len(t)) for t, x in cells)
        return TextLine(text=" ".join(t for t, _ in cells), x0=segs[0][1], top=top, x1=segs[-1][2],
                        bottom=top + SIZE, size=SIZE, bold=False, page=1, segments=segs)

    rows = [
        [("总召集人：", 90.0), ("武跃飞", 200.0), ("市人民政府副市长", 260.0)],
        [("召集人：", 90.0), ("霍永生", 200.0), ("市人民政府副秘书长", 260.0)],
        [("张", 124.0), ("祥", 152.0), ("市规划和自然资源局局长", 200.0)],
        [("成", 90.0), ("员：", 118.0), ("康宝红", 200.0), ("市委宣传部原新闻中心负责人", 260.0)],
        [("高", 124.0), ("云", 152.0), ("市发展改革委二级调研员", 200.0)],
        [("王斌杰", 124.0), ("市农业农村局副局长", 200.0)],
    ]
    att = AttachmentSpan(label="附件2", title="朔州市野生动植物保护联席会议人员名单", page_start=40, top=0.0,
                         lines=tuple(at(cells, 100 + 20 * i) for i, cells in enumerate(rows)))
    docs = [doc("朔州市人民政府办公室关于同意建立朔州市野生动植物保护联席会议制度的函", "朔政办函〔2021〕32号", attachments=[att])]
    members = build_records([], docs, GID).roster_members
    assert [(m.role, m.name, m.position) for m in members] == [
        ("总召集人", "武跃飞", "市人民政府副市长"), ("召集人", "霍永生", "市人民政府副秘书长"),
        ("召集人", "张祥", "市规划和自然资源局局长"), ("成员", "康宝红", "市委宣传部原新闻中心负责人"),
        ("成员", "高云", "市发展改革委二级调研员"), ("成员", "王斌杰", "市农业农村局副局长"),
    ]


def test_two_column_roster_ends_before_the_issuer_line_under_it():
    # the 落款 right under the roster (on the next page) falls in the position column's range but
    # does not start at it: not a wrapped position of the last member
    lines = [roster_line(cells, top=100 + 20 * i) for i, cells in enumerate(ZHUANBAN)]
    issuer = "朔州市人民政府办公室"
    x0 = COLS[1] + 40.0
    lines.append(TextLine(text=issuer, x0=x0, top=60.0, x1=x0 + SIZE * len(issuer), bottom=60.0 + SIZE, size=SIZE,
                          bold=False, page=2))
    att = AttachmentSpan(label="附件2", title="朔州市扩大市场开放工作专班", page_start=40, top=0.0, lines=tuple(lines))
    docs = [doc("朔州市人民政府办公室关于印发朔州市扩大市场开放工作实施方案的通知", "朔政办发〔2021〕36号", attachments=[att])]
    by_name = {m.name: m for m in build_records([], docs, GID).roster_members}
    assert len(by_name) == 26 and by_name["霍陟"].position == "市教育局副局长"


def test_two_column_roster_read_in_printed_column_order():
    lines = [roster_line(cells, top=100 + 20 * i) for i, cells in enumerate(ZHUANBAN)]
    att = AttachmentSpan(label="附件2", title="朔州市扩大市场开放工作专班", page_start=40, top=0.0, lines=tuple(lines))
    docs = [doc("朔州市人民政府办公室关于印发朔州市扩大市场开放工作实施方案的通知", "朔政办发〔2021〕36号", attachments=[att])]
    members = build_records([], docs, GID).roster_members
    assert len(members) == 26
    assert [m.seq for m in members] == list(range(1, 27))
    assert {m.body for m in members} == {"朔州市扩大市场开放工作专班"}
    names = [m.name for m in members]
    assert names[:4] == ["刘亮", "姜新明", "王志福", "陈万平"]
    assert names[11:14] == ["霍陟", "段君华", "梅斌"]
    assert names[-1] == "马武生"
    roles = {m.name: m.role for m in members}
    assert roles["刘亮"] == "组长"
    assert roles["姜新明"] == roles["王志福"] == "副组长"
    assert all(roles[n] == "成员" for n in names[3:])  # the right column continues with 成员
    by_name = {m.name: m for m in members}
    assert by_name["张奇"].position == "右玉县政府党组成员、右玉生态文化旅游示范区党工委副书记、管委会常务副主任"
    assert by_name["康建国"].position == "朔州经济开发区管委会主任助理"
    assert by_name["张斌"].position == "外汇管理局朔州市中心支局副局长"
    assert (by_name["张奇"].row, by_name["张奇"].table_id, by_name["张奇"].doc_number) == (8, None, "朔政办发〔2021〕36号")


YAOPIN = [  # 朔政办函〔2021〕40号, 二、组成人员 — one person a line, name and position glued by layout
    "主任：吴秀玲市委副书记、市长", "副主任：魏元平副市长", "成员：张国宗市政府办公室二级调研员",
    "刘文德市中级人民法院副院长", "康瑛市检察院副检察长", "吴文莉市委组织部常务副部长", "李万川市委编办主任",
    "李子未市委网信办主任", "康宝红市委宣传部副处级干部", "王玉奎市发改委主任", "连彩霞市科技局局长",
    "黄军市工信局局长", "关军强市公安局副局长", "于太明市民政局局长", "王虎市司法局局长", "孔庆虎市财政局局长",
    "李全胜市人社局局长", "张祥市规划和自然资源局局长", "卢生权市生态环境局局长", "石生华市农业农村局局长",
    "边润文市商务局局长", "崔金鑫市卫健委主任", "贺旭峰市市场监管局局长", "崔润常市医保局局长",
    "钟启宇市行政审批局局长", "张梁市市场监管局副局长", "佟杰朔州海关关长",
]


def test_running_text_roster_in_document_body():
    body = [line("二、组成人员", top=80)]
    body += [line(t, top=100 + 20 * i, page=1 if i < 8 else 2) for i, t in enumerate(YAOPIN)]
    body += [line("委员会办公室设在市市场监督管理局。办公室主任：张梁（兼）。", top=700, page=2),
             line("朔州市人民政府办公室", x0=380, top=760, page=2)]
    docs = [doc("朔州市人民政府办公室关于成立朔州市药品安全与高质量发展委员会的通知", "朔政办函〔2021〕40号", body_lines=body)]
    members = build_records([], docs, GID).roster_members
    assert len(members) == 27
    assert {m.body for m in members} == {"朔州市药品安全与高质量发展委员会"}
    first, second, third, last = members[0], members[1], members[2], members[-1]
    assert (first.role, first.name, first.position) == ("主任", "吴秀玲", "市委副书记、市长")
    assert (second.role, second.name, second.position) == ("副主任", "魏元平", "副市长")
    assert (third.role, third.name) == ("成员", "张国宗")
    assert (last.role, last.name, last.position) == ("成员", "佟杰", "朔州海关关长")
    assert [m.name for m in members].count("张梁") == 1
    assert members[8].page == 2 and members[3].row == 3


def test_running_text_roster_with_gaps_and_carried_role():
    texts = ["总召集人：武跃飞 市人民政府副市长", "召集人：霍永生 市人民政府副秘书长", "张祥 市规划和自然资源局局长",
             "成员：康宝红 市委宣传部原新闻中心负责人", "高云 市发展改革委二级调研员", "高 才 市财政局副局长"]
    lines = [line(t, top=100 + 20 * i) for i, t in enumerate(texts)]
    att = AttachmentSpan(label="附件2", title="朔州市野生动植物保护联席会议人员名单", page_start=60, top=0.0, lines=tuple(lines))
    members = build_records([], [doc("关于同意建立朔州市野生动植物保护联席会议制度的函", "朔政办函〔2021〕32号",
                                     attachments=[att])], GID).roster_members
    assert [(m.role, m.name) for m in members] == [
        ("总召集人", "武跃飞"), ("召集人", "霍永生"), ("召集人", "张祥"), ("成员", "康宝红"), ("成员", "高云"),
        ("成员", "高才")]
    assert members[0].body == "朔州市野生动植物保护联席会议"
    assert members[5].position == "市财政局副局长"


def test_prose_without_role_labels_gives_no_members():
    lines = [line("联席会议办公室设在市规划和自然资源局，承担联席会议日常工作，办公室主任由市规划和自然资源局局长兼任。"),
             line("刘文德 市中级人民法院副院长", top=120)]
    assert build_records([], [doc("某某通知", "X〔2021〕1号", body_lines=lines)], GID).roster_members == []


def test_roster_table_two_people_a_row():
    t = table(["姓名", "职务", "姓名", "职务"],
              [["组长：刘 亮", "副市长", "段君华", "市科技局四级调研员"],
               ["副组长：姜新明", "市政府副秘书长", "梅 斌", "市工信局党组成员"]],
              title="某某工作专班成员名单", kind="roster")
    members = build_records([t], [], GID).roster_members
    assert [(m.role, m.name, m.row) for m in members] == [
        ("组长", "刘亮", 0), ("副组长", "姜新明", 1), ("副组长", "段君华", 0), ("副组长", "梅斌", 1)]
    assert {m.body for m in members} == {"某某工作专班"}


def test_names_and_bodies():
    assert split_name_position("康 瑛 市检察院副检察长") == ("康瑛", "市检察院副检察长")
    assert split_name_position("刘亮副市长") == ("刘亮", "副市长")
    assert split_name_position("梁艳锋应县政府副县长") == ("梁艳锋", "应县政府副县长")
    assert split_name_position("委员会办公室设在市市场监督管理局") is None
    assert body_from_caption("朔州市野生动植物保护联席会议人员名单") == "朔州市野生动植物保护联席会议"
    assert body_from_caption("朔州市扩大市场开放工作专班") == "朔州市扩大市场开放工作专班"
    assert body_from_title("朔州市人民政府办公室关于成立朔州市药品安全与高质量发展委员会的通知") == "朔州市药品安全与高质量发展委员会"


def test_headerless_two_person_roster_table():
    rows = [[c.get(0, ""), c.get(1, ""), c.get(2, ""), c.get(3, "")] for c in ZHUANBAN if 0 in c or 2 in c]
    # the tables stage joins a cell's wrapped lines; rebuild the three wrapped cells as printed
    rows[8][1] = "右玉县政府党组成员、右玉\n生态文化旅游示范区党工委\n副书记、管委会常务副主任"
    rows[9][1] = "朔州经济开发区管委会主\n任助理"
    rows[12][3] = "外汇管理局朔州市中心支\n局副局长"
    t = table(["col1", "col2", "col3", "col4"], rows, title="朔州市扩大市场开放工作专班", kind="auto",
              doc_number="朔政办发〔2021〕36号", label="附件2")
    assert t.kind == "roster" and len(rows) == 14
    members = build_records([t], [], GID).roster_members
    assert len(members) == 26
    assert [(m.seq, m.role, m.name) for m in members[:3]] == [(1, "组长", "刘亮"), (2, "副组长", "姜新明"), (3, "副组长", "王志福")]
    assert [(m.role, m.name, m.row) for m in members[12:14]] == [("成员", "段君华", 0), ("成员", "梅斌", 1)]
    by_name = {m.name: m for m in members}
    assert by_name["张奇"].position == "右玉县政府党组成员、右玉生态文化旅游示范区党工委副书记、管委会常务副主任"
    assert by_name["康建国"].position == "朔州经济开发区管委会主任助理"
    assert (by_name["马武生"].row, by_name["马武生"].table_id) == (13, "t1")
    assert {m.body for m in members} == {"朔州市扩大市场开放工作专班"}


def test_caption_without_number_is_category_when_attachment_holds_several_tables():
    att = AttachmentSpan(label="附件", title="朔州市交通强国建设行动计划（2021—2022年）项目清单", page_start=50, top=0.0, lines=())
    docs = [doc("关于印发朔州市推进交通强国建设行动计划(2021-2022年)的通知", "朔政办发〔2021〕37号", attachments=[att])]
    row = ["1★", "长城板块旅游公路", "580公里", "18.47", "", "政府投资", "2021/2022", "18.47", "",
           "市交通运输局、六县(市、区)政府", "市直有关单位"]
    hub = table(TRANSPORT_COLS, [row], title="朔州市农村公路建设项目", doc_number="朔政办发〔2021〕37号", label="附件",
                kind="projects")
    other = hub.model_copy(update={"table_id": "t2", "title": "朔州市交通其它建设项目"})
    p = build_records([hub, other], docs, GID).projects[0]
    assert (p.list_title, p.category) == ("朔州市交通强国建设行动计划（2021—2022年）项目清单", "朔州市农村公路建设项目")
    assert json.loads(p.annual_plan) == {"2021": "18.47"}
    assert p.implementer == "市交通运输局、六县(市、区)政府" and p.partners == ["市直有关单位"]


def test_unit_names_run_together_split_at_an_administrative_prefix():
    from gazette_extract.records.common import split_unit_list

    assert split_unit_list("市发改委市商务局") == ["市发改委", "市商务局"]
    for whole in ("朔州经济开发区管委会", "市委宣传部", "市政府办公室", "国家外汇管理局朔州市中心支局"):
        assert split_unit_list(whole) == [whole]
