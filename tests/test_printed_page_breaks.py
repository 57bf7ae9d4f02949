"""Ruled tables with merged cells cut by a page break, set with reportlab (a second producer beside
the LibreOffice sample that taught these rules) in two fonts / margins / vertical alignments and
read with both readers. Expected values are the text the test printed.

- a group cell (主要目标 spanning rows) whose text runs on past the page foot with a row cut by the
  same break: the rest printed in the continuation's cell is not a new group;
- a row whose merged cell holds an enumeration (（一）…（三）) cut by the break: the rest, whose key
  cells are all filled (the merged cell), goes on with （四） and is not a row of its own.
"""

from __future__ import annotations

import pytest
from printed import Flow, Rule, Text, extract, text_width, write_pdf

SIZE = 11.0


def wrap(text: str, width: float, font: str) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a line break also at each "\\n")."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and text_width(line + ch, SIZE, font) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


def grid(flow: Flow, widths: list[float], heights: list[float], cells: list[tuple], valign: str = "top") -> None:
    """A ruled grid from the flow's left margin and current y: ``cells`` = (row, col, row_span,
    col_span, text), each stroked as its own rectangle (merged cells have no inner rule), its text
    wrapped in the cell, set from the top or centred vertically."""
    xs, ys = [flow.left], [flow.y]
    for w in widths:
        xs.append(xs[-1] + w)
    for h in heights:
        ys.append(ys[-1] + h)
    for r, c, rs, cs, text in cells:
        x0, x1, top, bottom = xs[c], xs[c + cs], ys[r], ys[r + rs]
        flow.pieces += [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom), Rule(x0, top, x0, bottom),
                        Rule(x1, top, x1, bottom)]
        lines = wrap(text, x1 - x0 - 6, flow.font) if text else []
        y = top + 3 if valign == "top" else (top + bottom - len(lines) * SIZE * 1.3) / 2
        for line in lines:
            flow.pieces.append(Text(line, x0 + 3, y, SIZE, flow.font))
            y += SIZE * 1.3
    flow.y = ys[-1]


def head(flow: Flow, caption: str) -> Flow:
    flow.line("附件", font="hei").line(caption, align="center", size=20, font="hei")
    return flow


TASK_HEADER = ["序号", "主要目标", "具体措施", "责任单位"]
TASK_WIDTHS = [40.0, 120.0, 200.0, 90.0]
GOAL = "加强走出去战略的认识，营造有利于有实力企业走出去的良好氛围。"
MEASURE = "促进优势产能开展国际产能合作，支持企业建立境外资源基地，推动能源企业走出去。"
NEW_GOAL = "推动外贸高质量发展"


def task_list(path, *, font: str, left: float, valign: str, cut: bool):
    """A task list whose group 主要目标 of rows 4–7 starts at the foot of page 1. ``cut``: row 5 is
    cut by the page break and so is the group's text (营造有利于… | …良好氛围。, the rest printed in
    the continuation's cell spanning rows 5–7); otherwise page 1 ends with row 5 whole and page 2
    opens with row 6 and a group of its own, after a label without closing punctuation."""
    f = head(Flow(left=left, font=font), "江城市扩大开放工作任务清单")
    header = [(0, j, 1, 1, t) for j, t in enumerate(TASK_HEADER)]
    first = [(1, 0, 1, 1, "1"), (1, 1, 3, 1, "全市实际利用外资稳定增长。"), (1, 2, 1, 1, "做好外资政策宣传工作。"),
             (2, 0, 1, 1, "2"), (2, 2, 1, 1, "完善并推动外资政策落实。"), (3, 0, 1, 1, "3"), (3, 2, 1, 1, "服务好已落地外资项目。"),
             *[(r, 3, 1, 1, "市商务局") for r in (1, 2, 3)]]
    goal_head = GOAL[:20] if cut else GOAL[:9]  # 加强走出去战略的认识，营造有利于有实力企业 | 提升对外投资质量…
    measure_head = MEASURE[:26] if cut else MEASURE
    page1 = first + [(4, 0, 1, 1, "4"), (4, 1, 2, 1, goal_head), (4, 2, 1, 1, "加强对外投资合作公共服务。"), (4, 3, 1, 1, "市商务局"),
                     (5, 0, 1, 1, "5"), (5, 2, 1, 1, measure_head), (5, 3, 1, 1, "市发改委")]
    f.y = f.bottom - 30 - 3 * 50 - 2 * 60
    grid(f, TASK_WIDTHS, [30, 50, 50, 50, 60, 60], header + page1, valign)
    f.new_page()
    if cut:
        page2 = [(1, 0, 1, 1, ""), (1, 1, 3, 1, GOAL[20:]), (1, 2, 1, 1, MEASURE[26:]), (1, 3, 1, 1, ""),
                 (2, 0, 1, 1, "6"), (2, 2, 1, 1, "强化风险防控措施。"), (2, 3, 1, 1, "市商务局"),
                 (3, 0, 1, 1, "7"), (3, 2, 1, 1, "贯彻落实稳外贸政策。"), (3, 3, 1, 1, "市商务局")]
    else:
        page2 = [(1, 0, 1, 1, "6"), (1, 1, 2, 1, NEW_GOAL), (1, 2, 1, 1, "推进贸易持续增长。"), (1, 3, 1, 1, "市商务局"),
                 (2, 0, 1, 1, "7"), (2, 2, 1, 1, "积极主动扩大进出口。"), (2, 3, 1, 1, "市商务局")]
    last = 4 if cut else 3
    page2 += [(last, 0, 1, 1, "8"), (last, 1, 1, 1, "实现招商引资稳中有增。"), (last, 2, 1, 1, "探索创新招商方式。"),
              (last, 3, 1, 1, "市促投局")]
    grid(f, TASK_WIDTHS, [30, 60, 50, 50, 50][: last + 1], header + page2, valign)
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("font, left, valign", [("song", 70.0, "center"), ("hei", 90.0, "top")])
@pytest.mark.parametrize("cut", [True, False])
def test_group_text_cut_by_the_page_break_is_one_group(tmp_path, reader, font, left, valign, cut):
    from gazette_extract import pipeline

    ex = pipeline.run(task_list(tmp_path / "t.pdf", font=font, left=left, valign=valign, cut=cut), reader=reader)
    (table,) = ex.tables
    assert [r.texts[0] for r in table.rows] == [str(n) for n in range(1, 9)]
    goals = [r.texts[1] for r in table.rows]
    if cut:  # rows 4–7 share the group, its text rejoined on both pages; row 5's measure too
        assert goals[3:] == [GOAL] * 4 + ["实现招商引资稳中有增。"]
        assert table.rows[4].texts[2] == MEASURE
    else:  # page 2 opens a group of its own
        assert goals[3:] == [GOAL[:9]] * 2 + [NEW_GOAL] * 2 + ["实现招商引资稳中有增。"]


PENALTY = "考核中有下列情形的，每发现一起，在总得分的基础上扣分："
ITEMS = ["（一）造成全市丢分的，每项扣10分；", "（二）出现严重错误被通报的，扣5分；", "（三）存在严重安全漏洞的，扣5分；",
         "（四）在接受考核时弄虚作假的，扣5分。"]


def scoring_list(path, *, font: str, left: float, valign: str):
    """A 评分表 without 序号 whose last row on page 1, 重大扣分项, holds a merged cell over 二级指标 …
    扣分标准 listing （一）…（三）; its rest under the repeated header holds （四） in the same merged
    cell, the 一级指标 and 考核方式 cells blank. One earlier row leaves 考核方式 blank too."""
    f = head(Flow(left=left, font=font), "江城市政务公开考核评分表")
    widths = [70.0, 80.0, 40.0, 170.0, 90.0]
    header = [(0, j, 1, 1, t) for j, t in enumerate(["一级指标", "二级指标", "赋分", "扣分标准", "考核方式"])]
    rows = [(1, 0, 2, 1, "组织领导"), (1, 1, 1, 1, "领导推动"), (1, 2, 1, 1, "2"), (1, 3, 1, 1, "未作出指示的，扣2分"),
            (1, 4, 1, 1, "网上检查"), (2, 1, 1, 1, "工作部署"), (2, 2, 1, 1, "4"), (2, 3, 1, 1, "每少研究一项，扣1分"),
            (2, 4, 1, 1, ""), (3, 0, 1, 1, "重大扣分项"), (3, 1, 1, 3, "\n".join([PENALTY, *ITEMS[:3]])),
            (3, 4, 1, 1, "根据考核情况评定")]
    f.y = f.bottom - 30 - 2 * 40 - 110
    grid(f, widths, [30, 40, 40, 110], header + rows, valign)
    f.new_page()
    grid(f, widths, [30, 30], header + [(1, 0, 1, 1, ""), (1, 1, 1, 3, ITEMS[3]), (1, 4, 1, 1, "")], valign)
    return write_pdf(path, f.pages())


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("font, left, valign", [("song", 70.0, "top"), ("kai", 90.0, "center")])
def test_cut_row_going_on_with_its_enumeration_is_one_row(tmp_path, reader, font, left, valign):
    from gazette_extract import pipeline

    ex = pipeline.run(scoring_list(tmp_path / "s.pdf", font=font, left=left, valign=valign), reader=reader)
    (table,) = ex.tables
    assert table.n_rows == 3
    last = table.rows[2]
    assert (last.texts[0], last.texts[4]) == ("重大扣分项", "根据考核情况评定")
    assert last.texts[3].split("\n")[-2:] == ITEMS[2:]
