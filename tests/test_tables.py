"""Tests of the tables stage: the pure functions on synthetic rules and glyphs, then real PDFs.

Synthetic pages are drawn the way PDF producers draw tables: every cell is a stroked
rectangle (so inner rules are printed twice and must snap), merged cells simply have no
rule between their grid rectangles, glyphs are 10 pt squares placed inside the cells.
Expectations on the corpus were written by looking at the rendered pages (pdftoppm).
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from gazette_extract import layout, tables
from gazette_extract.models import Edge, Glyph, PageLayout, TextLine

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
SAMPLES = Path(__file__).parents[1] / "samples"
SIZE = 10.0

# ------------------------------------------------------------------ synthetic pages


def glyphs_in(text: str, x0: float, top: float, x1: float, bold: bool = False) -> list[Glyph]:
    """Glyphs of ``text`` set from (x0, top), wrapping at x1 (CJK a full em, Latin half)."""
    out, x, y = [], x0, top
    for ch in text:
        w = SIZE if layout.is_cjk(ch) else SIZE / 2
        if x + w > x1:
            x, y = x0, y + SIZE * 1.2
        if ch != " ":
            out.append(Glyph(ch, x, y, x + w, y + SIZE, SIZE, bold))
        x += w
    return out


def cell_rect(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    return [
        Edge("h", x0, top, x1, top),
        Edge("h", x0, bottom, x1, bottom),
        Edge("v", x0, top, x0, bottom),
        Edge("v", x1, top, x1, bottom),
    ]


def draw_grid(xs, ys, cells, bold_rows=()):
    """Edges and glyphs for ``cells`` = [(row, col, row_span, col_span, text), ...]."""
    edges: list[Edge] = []
    glyphs: list[Glyph] = []
    for r, c, rs, cs, text in cells:
        x0, x1, top, bottom = xs[c], xs[c + cs], ys[r], ys[r + rs]
        edges += cell_rect(x0, top, x1, bottom)
        glyphs += glyphs_in(text, x0 + 2, top + 2, x1 - 2, bold=r in bold_rows)
    return edges, glyphs


def simple_rows(xs, ys, rows, start_row=0):
    """Cells of plain rows (no spans) for ``draw_grid``."""
    return [(start_row + i, j, 1, 1, t) for i, row in enumerate(rows) for j, t in enumerate(row)]


def text_line(text: str, x0: float, top: float, page: int, bold=False, size=SIZE, width=None) -> TextLine:
    w = width if width is not None else sum(size if layout.is_cjk(ch) else size / 2 for ch in text)
    return TextLine(text, x0, top, x0 + w, top + size, size, bold, page)


def page_of(no: int, edges=(), glyphs=(), lines=(), width=600.0, height=800.0) -> PageLayout:
    return PageLayout(
        page=no,
        width=width,
        height=height,
        printed_page=None,
        header="",
        lines=tuple(lines),
        glyphs=tuple(glyphs),
        edges=tuple(edges),
        body_size=SIZE,
    )


def centred(text: str, top: float, page: int, bold=True, width=600.0) -> TextLine:
    w = sum(SIZE if layout.is_cjk(ch) else SIZE / 2 for ch in text)
    return text_line(text, (width - w) / 2, top, page, bold=bold)


def run(pages: list[PageLayout]):
    frags = []
    for p in pages:
        frags += tables.find_fragments(p)
    light = [replace(p, glyphs=(), edges=()) for p in pages]
    return tables.build_tables(frags, light, "g")


XS = [50.0, 90.0, 250.0, 400.0, 550.0]


def row_ys(top: float, n: int, h: float = 20.0) -> list[float]:
    return [top + i * h for i in range(n + 1)]


# ------------------------------------------------------------------ edges → grid


def test_snap_and_join_merge_strokes_of_one_rule():
    edges = [Edge("h", 10, 100.0, 60, 100.0), Edge("h", 61, 100.8, 120, 100.8), Edge("v", 10, 100, 10, 150)]
    joined = tables.join_edges(tables.snap_edges(edges))
    hs = [e for e in joined if e.orientation == "h"]
    assert len(hs) == 1 and hs[0].x0 == 10 and hs[0].x1 == 120
    assert abs(hs[0].top - 100.4) < 0.01


def test_join_keeps_real_gaps():
    edges = [Edge("h", 10, 100, 60, 100), Edge("h", 80, 100, 120, 100)]
    assert len(tables.join_edges(edges)) == 2


def test_grid_lines_and_cells_with_spans():
    xs, ys = [0.0, 50.0, 100.0, 150.0], [0.0, 20.0, 40.0, 60.0]
    cells = [(0, 0, 2, 1, "A"), (0, 1, 1, 2, "B"), (1, 1, 1, 1, "c"), (1, 2, 1, 1, "d")]
    cells += [(2, 0, 1, 1, "e"), (2, 1, 1, 1, "f"), (2, 2, 1, 1, "g")]
    edges, _ = draw_grid(xs, ys, cells)
    joined = tables.join_edges(tables.snap_edges(edges))
    groups = tables.edge_groups(joined)
    assert len(groups) == 1
    gx, gy = tables.grid_lines(groups[0])
    assert [round(x) for x in gx] == [0, 50, 100, 150] and [round(y) for y in gy] == [0, 20, 40, 60]
    built, owner = tables.build_cells(gx, gy, groups[0])
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in built}
    assert spans[(0, 0)] == (2, 1)  # no rule between rows 0 and 1 in column 0
    assert spans[(0, 1)] == (1, 2)  # no rule between columns 1 and 2 in row 0
    assert len(built) == 7
    assert owner[1 * 3 + 0] == owner[0]  # grid (1,0) belongs to the row-spanning cell


def test_lone_rule_and_empty_page_are_not_tables():
    header_rule = [Edge("h", 50, 60, 550, 60)]
    glyphs = glyphs_in("某市人民政府公报", 200, 45, 400)
    assert tables.find_fragments(page_of(1, header_rule, glyphs)) == []
    assert tables.find_fragments(page_of(1)) == []


def test_one_column_box_is_not_a_table():
    edges = cell_rect(50, 100, 550, 200)
    assert tables.find_fragments(page_of(1, edges, glyphs_in("框内文字", 60, 110, 540))) == []


def test_cell_text_joins_lines_without_newlines():
    assert tables.join_text_lines(["北京市经济", "和信息化局"]) == "北京市经济和信息化局"
    assert tables.join_text_lines(["Smart", "factory"]) == "Smart factory"
    assert tables.join_text_lines(["无损解析主流CAD格式", "≥30种"]) == "无损解析主流CAD格式≥30种"
    assert tables.join_text_lines(["部署业务模块/", "APP数量"]) == "部署业务模块/APP数量"
    assert tables.join_text_lines(["刘 亮", "副市长"]) == "刘亮副市长"


def test_glyphs_go_to_cells_by_centre_and_wrap_into_one_text():
    ys = row_ys(100, 2, 40)
    cells = simple_rows(XS, ys, [["序号", "项目名称", "建设地点", "领域"], ["1", "朔州市冬季清洁取暖项目扩建工程", "朔城区", "能源"]])
    edges, glyphs = draw_grid(XS, ys, cells)
    (frag,) = tables.find_fragments(page_of(1, edges, glyphs))
    assert frag.n_rows == 2 and frag.n_cols == 4
    cell = frag.cells[frag.cell_at(1, 1)]
    assert cell.text == "朔州市冬季清洁取暖项目扩建工程"  # wrapped over two lines in the cell


def set_lines(lines, x0, top, x1=None, align="left"):
    """Glyphs of ``lines`` one under another (no wrapping), left-aligned at x0 or centred
    between x0 and x1."""
    out = []
    for i, text in enumerate(lines):
        w = sum(SIZE if layout.is_cjk(ch) else SIZE / 2 for ch in text)
        start = x0 if align == "left" else (x0 + x1 - w) / 2
        out += glyphs_in(text, start, top + i * SIZE * 1.2, start + w + 0.1)
    return out


def one_cell_text(lines, width=60.0, align="left", pad=2.0, wrap=False):
    """The text the table finder reads from one cell (a 2-column grid, the cell on the left)."""
    xs, ys = [50.0, 50.0 + width, 50.0 + width + 40], [100.0, 160.0]
    edges, _ = draw_grid(xs, ys, [(0, 0, 1, 1, ""), (0, 1, 1, 1, "")])
    if wrap:
        glyphs = glyphs_in(lines, xs[0] + pad, 102, xs[1] - pad)
    else:
        glyphs = set_lines(lines, xs[0] + pad, 102, xs[1] - pad, align)
    glyphs += glyphs_in("备注", xs[1] + 2, 102, xs[2] - 2)
    (frag,) = tables.find_fragments(page_of(1, edges, glyphs))
    return frag.cells[frag.cell_at(0, 0)].text


def test_wrapped_lines_join_and_hard_breaks_keep_a_newline():
    # wrapped at the right edge of a 5-glyph cell: one text
    assert one_cell_text("市市场监管局、国家外汇管理局", width=54, wrap=True) == "市市场监管局、国家外汇管理局"
    # two units stacked, each ending well short of the edge: a hard break
    assert one_cell_text(["市发改委", "市商务局"], width=80) == "市发改委\n市商务局"
    # a short line followed by a word that would have fitted: hard; the rest wraps
    assert one_cell_text(["市直有关单位", "朔城区政府"], width=94) == "市直有关单位\n朔城区政府"
    # a line ended early because the next starts with an opening quote + character (禁则)
    assert one_cell_text(["推动产业走", "“一带一路”"], width=64) == "推动产业走“一带一路”"
    # a line ended early because the next Latin word did not fit: wrapped, joined with a space
    assert one_cell_text(["total", "30.595km"], width=44) == "total 30.595km"
    # the last line may end anywhere
    assert one_cell_text(["全市实际利用", "外资"], width=64) == "全市实际利用外资"


def test_centred_lines_hard_break_when_the_next_would_have_fitted():
    # a centred title wrapped: the first line is full
    assert one_cell_text(["面向石化化工", "行业的方案"], width=64, align="centre") == "面向石化化工行业的方案"
    # centred phrases the author broke on purpose (the next phrase's first glyph would fit)
    assert one_cell_text(["汽车及汽车", "零部件"], width=100, align="centre") == "汽车及汽车\n零部件"


def test_header_labels_never_carry_newlines():
    xs = [50.0, 90.0, 250.0]
    ys = row_ys(100, 2, 40)
    edges, glyphs = draw_grid(xs, ys, [(1, 0, 1, 1, "1"), (1, 1, 1, 1, "甲")])
    edges += cell_rect(xs[0], ys[0], xs[1], ys[1]) + cell_rect(xs[1], ys[0], xs[2], ys[1])
    glyphs += glyphs_in("序号", 52, 102, 88) + set_lines(["项目", "名称"], 92, 102)
    (table,) = run([page_of(1, edges, glyphs)])
    assert table.columns == ["序号", "项目名称"]


# ------------------------------------------------------------------ headers


def two_level_page(no=1, top=100.0, header=True, data=(("1", "甲项目", "10", "20", "市发改委"),)):
    """序号 | 项目名称 | 分年度任务(亿元) over 2021年/2022年 | 实施单位."""
    xs = [50.0, 90.0, 250.0, 330.0, 410.0, 550.0]
    cells = []
    r = 0
    if header:
        cells += [(0, 0, 2, 1, "序号"), (0, 1, 2, 1, "项目名称"), (0, 2, 1, 2, "分年度任务(亿元)"), (0, 4, 2, 1, "实施单位")]
        cells += [(1, 2, 1, 1, "2021年"), (1, 3, 1, 1, "2022年")]
        r = 2
    for row in data:
        if row[2] == row[3]:  # one cell spanning both years
            cells += [(r, 0, 1, 1, row[0]), (r, 1, 1, 1, row[1]), (r, 2, 1, 2, row[2]), (r, 4, 1, 1, row[4])]
        else:
            cells += [(r, j, 1, 1, t) for j, t in enumerate(row)]
        r += 1
    ys = row_ys(top, r, 25)
    edges, glyphs = draw_grid(xs, ys, cells, bold_rows=(0, 1) if header else ())
    return page_of(no, edges, glyphs)


def test_two_level_header_labels_joined_with_slash():
    (frag,) = tables.find_fragments(two_level_page())
    depth = tables.header_depth(frag)
    assert depth == 2
    labels = [c.label for c in tables.leaf_columns(frag, 0, depth)]
    assert labels == ["序号", "项目名称", "分年度任务(亿元)/2021年", "分年度任务(亿元)/2022年", "实施单位"]


def test_sub_header_without_row_spans():
    """Columns without sub-labels drawn as separate (blank) cells in the second header row."""
    xs = [50.0, 90.0, 250.0, 330.0, 410.0]
    cells = [(0, 0, 1, 1, "序号"), (0, 1, 1, 1, "名称"), (0, 2, 1, 2, "分年度任务")]
    cells += [(1, 0, 1, 1, ""), (1, 1, 1, 1, ""), (1, 2, 1, 1, "2021年"), (1, 3, 1, 1, "2022年")]
    cells += simple_rows(xs, None, [["1", "甲", "3", "4"]], start_row=2)
    edges, glyphs = draw_grid(xs, row_ys(100, 3), cells)
    (frag,) = tables.find_fragments(page_of(1, edges, glyphs))
    assert tables.header_depth(frag) == 2
    assert [c.label for c in tables.leaf_columns(frag, 0, 2)][2:] == ["分年度任务/2021年", "分年度任务/2022年"]


def test_data_row_under_spanning_label_is_not_a_sub_header():
    xs = [50.0, 90.0, 250.0, 330.0]
    cells = [(0, 0, 1, 1, "序号"), (0, 1, 1, 2, "联系人及电话")]
    cells += simple_rows(xs, None, [["1", "张三", "13800000000"], ["2", "李四", "13900000000"]], start_row=1)
    edges, glyphs = draw_grid(xs, row_ys(100, 3), cells)
    (frag,) = tables.find_fragments(page_of(1, edges, glyphs))
    assert tables.header_depth(frag) == 1


def test_horizontal_span_in_data_repeats_into_each_column():
    page = two_level_page(data=(("1", "甲项目", "推进前期工作", "推进前期工作", "右玉县政府"), ("2", "乙", "1", "2", "市局")))
    (table,) = run([page])
    assert table.rows[0].texts == ["1", "甲项目", "推进前期工作", "推进前期工作", "右玉县政府"]
    assert table.rows[1].texts == ["2", "乙", "1", "2", "市局"]
    assert table.n_rows == 2


# ------------------------------------------------------------------ stitching


def list_page(no, rows, top=100.0, header=True, lines=()):
    head = [["序号", "项目名称", "建设地点", "领域"]] if header else []
    ys = row_ys(top, len(head) + len(rows))
    edges, glyphs = draw_grid(XS, ys, simple_rows(XS, ys, head + rows), bold_rows=(0,) if header else ())
    return page_of(no, edges, glyphs, lines)


def test_repeated_header_is_dropped_and_rows_keep_their_page():
    p1 = list_page(1, [["1", "甲", "朔城区", "能源"], ["2", "乙", "应县", "交通"]], lines=[centred("重点项目名单", 70, 1)])
    p2 = list_page(2, [["3", "丙", "怀仁市", "水利"]], top=60)
    (table,) = run([p1, p2])
    assert table.columns == ["序号", "项目名称", "建设地点", "领域"]
    assert [r.texts[0] for r in table.rows] == ["1", "2", "3"]
    assert [r.page for r in table.rows] == [1, 1, 2]
    assert (table.page_start, table.page_end, table.title) == (1, 2, "重点项目名单")


def test_continuation_without_repeated_header():
    p1 = list_page(1, [["1", "甲", "朔城区", "能源"], ["2", "乙", "应县", "交通"]])
    p2 = list_page(2, [["3", "丙", "怀仁市", "水利"], ["4", "丁", "山阴县", "农业"]], top=60, header=False)
    (table,) = run([p1, p2])
    assert [r.texts[0] for r in table.rows] == ["1", "2", "3", "4"]


def test_text_above_next_page_table_starts_a_new_table():
    p1 = list_page(1, [["1", "甲", "朔城区", "能源"], ["2", "乙", "应县", "交通"]])
    p2 = list_page(2, [["1", "丙", "怀仁市", "水利"]], top=100, lines=[centred("另一份名单", 70, 2)])
    t1, t2 = run([p1, p2])
    assert (t1.n_rows, t2.n_rows, t2.title) == (2, 1, "另一份名单")


def test_heading_left_at_foot_of_previous_page_ends_the_table():
    p1 = list_page(1, [["1", "甲", "朔城区", "能源"]], lines=[text_line("二、铁路重点建设项目", 60, 160, 1, bold=True)])
    p2 = list_page(2, [["1", "丙", "怀仁市", "水利"]], top=60)
    t1, t2 = run([p1, p2])
    assert t2.title == "铁路重点建设项目" and t2.rows[0].category == "铁路重点建设项目"


def test_caption_left_at_foot_of_previous_page():
    p1 = page_of(1, lines=[text_line("附件2", 50, 700, 1, bold=True), centred("事项目录", 740, 1)])
    p2 = list_page(2, [["1", "甲", "朔城区", "能源"]], top=60)
    (table,) = run([p1, p2])
    assert table.title == "事项目录"


def test_ruled_header_whose_labels_all_wrap_over_two_lines_is_one_row():
    # every label of the header row wraps over two lines in its narrow column (序 / 号, 企业名 /
    # 称, 联系 / 人): the same number of lines in every cell, yet one header row, not two records
    w1, w2 = SIZE + 6, 2 * SIZE + 6
    xs = [50.0, 50 + w1, 50 + w1 + w2, 50 + w1 + 2 * w2, 50 + w1 + 3 * w2]
    ys = [100.0, 100 + 2.4 * SIZE + 4] + [100 + 2.4 * SIZE + 4 + 20 * k for k in (1, 2, 3)]
    head = [(0, j, 1, 1, t) for j, t in enumerate(["序号", "企业名称", "联系人", "联系电话"])]
    body = [(k, 0, 1, 1, str(k)) for k in (1, 2, 3)] + [(k, j, 1, 1, "") for k in (1, 2, 3) for j in (1, 2, 3)]
    (table,) = run([page_of(1, *draw_grid(xs, ys, head + body, bold_rows=(0,)))])
    assert table.columns == ["序号", "企业名称", "联系人", "联系电话"]
    assert [r.texts[0] for r in table.rows] == ["1", "2", "3"]


def test_header_row_cut_at_the_page_foot_keeps_its_labels_last_lines():
    # the header row is split by the page break: 序 and 开/竣工时 end page 1, their last lines 号
    # and 间 open page 2 as a row of their own above the first record
    p1 = page_of(1, *draw_grid(XS, row_ys(740, 1), simple_rows(XS, None, [["序", "项目名称", "建设地点", "开/竣工时"]]), bold_rows=(0,)))
    rows = [["号", "", "", "间"], ["1", "甲", "朔城区", "2021/2023"], ["2", "乙", "应县", "2022/2024"]]
    p2 = page_of(2, *draw_grid(XS, [60.0, 72.0, 92.0, 112.0], simple_rows(XS, None, rows)))
    (table,) = run([p1, p2])
    assert table.columns == ["序号", "项目名称", "建设地点", "开/竣工时间"]
    assert [r.texts[0] for r in table.rows] == ["1", "2"]


def test_row_cut_by_page_break_is_rejoined():
    p1 = list_page(1, [["1", "甲", "朔城区", "能源"], ["2", "乙项目", "应县", "交通"]])
    p2 = list_page(2, [["", "二期", "", ""], ["3", "丙", "怀仁市", "水利"]], top=60)
    (table,) = run([p1, p2])
    assert [r.texts[:2] for r in table.rows] == [["1", "甲"], ["2", "乙项目二期"], ["3", "丙"]]
    assert table.rows[1].page == 1


def test_cut_row_rest_with_only_a_star_in_the_seq_column_is_rejoined():
    # the ★ printed after the number wraps onto the next page with the rest of the row
    p1 = list_page(1, [["1", "甲", "朔城区", "能源"], ["2", "乙项目", "20", "交通"]])
    p2 = list_page(2, [["★", "二期", "21/2024", ""], ["3", "丙", "怀仁市", "水利"]], top=60)
    (table,) = run([p1, p2])
    texts = [[t.replace(" ", "") for t in r.texts[:3]] for r in table.rows]
    assert texts == [["1", "甲", "朔城区"], ["2★", "乙项目二期", "2021/2024"], ["3", "丙", "怀仁市"]]


def test_numbered_row_with_a_blank_cell_at_the_top_of_a_page_stays_a_row():
    p1 = list_page(1, [["1", "甲", "朔城区", "能源"], ["2", "乙", "应县", "交通"]])
    p2 = list_page(2, [["3", "丙", "", "水利"]], top=60)
    (table,) = run([p1, p2])
    assert [r.texts[0] for r in table.rows] == ["1", "2", "3"]


def score_page(no, rows, top=100.0):
    head = [["指标", "考核内容", "赋分", "方式"]]
    ys = row_ys(top, len(head) + len(rows))
    edges, glyphs = draw_grid(XS, ys, simple_rows(XS, ys, head + rows), bold_rows=(0,))
    return page_of(no, edges, glyphs)


def test_cut_row_rest_blank_where_every_row_has_a_value_is_rejoined():
    # no 序号 column: the rest of a cut row is blank in 赋分, a column filled in every other row
    p1 = score_page(1, [["领导", "研究部署", "4", "查看"], ["公开", "年报编制", "3", "检查"], ["回应", "督办落实", "3", "根据市"]])
    p2 = score_page(2, [["", "情况", "", "记录"], ["平台", "网站安全", "2", "印证"]], top=60)
    (table,) = run([p1, p2])
    assert table.n_rows == 4
    assert table.rows[2].texts == ["回应", "督办落实情况", "3", "根据市记录"]


def test_row_printing_its_own_score_under_a_cell_spanning_the_break_stays_a_row():
    # 方式 spans the last row of page 1 and the first of page 2 (printed above the break only): the
    # row under the break is blank there, but prints a 赋分 of its own — a record, not a cut row's rest
    p1 = score_page(1, [["领导", "研究部署", "4", "查看"], ["公开", "年报编制", "3", "检查"], ["回应", "解读比例", "2", "印证"]])
    p2 = score_page(2, [["", "渠道占比", "2", ""], ["平台", "网站安全", "2", "印证"]], top=60)
    (table,) = run([p1, p2])
    assert [r.texts[1] for r in table.rows] == ["研究部署", "年报编制", "解读比例", "渠道占比", "网站安全"]


def penalty_page(no, top, body):
    """指标 | 考核内容 | 赋分 | 方式 without a 序号 column; ``body`` rows are 4 texts, or
    (label, merged text over 考核内容 and 赋分, 方式)."""
    cells = [(0, j, 1, 1, t) for j, t in enumerate(["指标", "考核内容", "赋分", "方式"])]
    for i, row in enumerate(body, start=1):
        if len(row) == 3:
            cells += [(i, 0, 1, 1, row[0]), (i, 1, 1, 2, row[1]), (i, 3, 1, 1, row[2])]
        else:
            cells += [(i, j, 1, 1, t) for j, t in enumerate(row)]
    ys = row_ys(top, len(body) + 1, h=40.0)
    return page_of(no, *draw_grid(XS, ys, cells, bold_rows=(0,)))


PENALTY_P1 = [["领导", "研究部署", "4", "查看"], ["公开", "年报编制", "3", ""],
              ("扣分项", "有下列情形的：（一）丢分的，扣10分；（二）通报的，扣5分；", "根据评定")]


def test_cut_row_rest_going_on_with_the_cells_enumeration_is_rejoined():
    # the rest of a cut row has every key column filled (a merged cell), but its text goes on with
    # the list the cell printed above the break: （一）（二） | （三）
    p2 = penalty_page(2, 60, [("", "（三）弄虚作假的，扣5分。", ""), ["加分项", "亮点工程", "5", "检查"]])
    (table,) = run([penalty_page(1, 100, PENALTY_P1), p2])
    assert table.n_rows == 4
    cut = table.rows[2]
    assert cut.texts[1] == "有下列情形的：（一）丢分的，扣10分；（二）通报的，扣5分；\n（三）弄虚作假的，扣5分。"
    assert (cut.texts[0], cut.texts[3], table.rows[3].texts[0]) == ("扣分项", "根据评定", "加分项")


@pytest.mark.parametrize("first", [("", "（一）新的情形，扣2分。", "检查"), ("加分项", "（三）亮点工程，加5分。", "检查")])
def test_row_opening_a_list_of_its_own_or_with_its_own_label_stays_a_row(first):
    # a list restarting at （一）, or a row with a label of its own, is not the rest of the row above
    (table,) = run([penalty_page(1, 100, PENALTY_P1), penalty_page(2, 60, [first])])
    assert table.n_rows == 4 and table.rows[3].texts[1] == first[1]


WIDE_XS = [50.0, 110.0, 190.0, 270.0, 310.0, 430.0, 550.0]


def _merged_row(r, label, text, how):
    return [(r, 0, 1, 1, label), (r, 1, 1, 4, text), (r, 5, 1, 1, how)]


def test_row_merging_columns_like_the_last_row_continues_the_table_on_the_next_page():
    # page 1 ends with 加分项 | one text over 二级指标…加分标准 | 方式; the next row of that form
    # opens page 2 alone, no header repeated: its frame lacks the merged rules, still the same table
    head = [(0, j, 1, 1, t) for j, t in enumerate(["一级指标", "二级指标", "三级指标", "赋分", "扣分标准", "方式"])]
    body = [(1, j, 1, 1, t) for j, t in enumerate(["领导", "推动", "研究部署", "4", "未部署的扣1分", "查看"])]
    body += [(2, j, 1, 1, t) for j, t in enumerate(["公开", "年报", "年报编制", "3", "未编制的扣1分", "检查"])]
    p1 = page_of(1, *draw_grid(WIDE_XS, row_ys(100, 4, h=40.0), head + body + _merged_row(3, "加分项", "（一）入选亮点工程的，加5分。", "印证"),
                               bold_rows=(0,)))
    p2 = page_of(2, *draw_grid(WIDE_XS, row_ys(60, 1, h=40.0), _merged_row(0, "扣分项", "有下列情形的，扣5分。", "评定")))
    (table,) = run([p1, p2])
    assert [r.texts[0] for r in table.rows] == ["领导", "公开", "加分项", "扣分项"]
    assert table.rows[3].texts == ["扣分项"] + ["有下列情形的，扣5分。"] * 4 + ["评定"]


def test_rest_of_a_merged_row_cut_by_the_break_is_rejoined_across_a_figure_column():
    # the last row merges 二级指标…扣分标准 (over the 赋分 figures) and is cut by the page break:
    # its rest, label re-printed, goes on with the cell's enumeration — one row, not a record
    head = [(0, j, 1, 1, t) for j, t in enumerate(["一级指标", "二级指标", "三级指标", "赋分", "扣分标准", "方式"])]
    body = [(1, j, 1, 1, t) for j, t in enumerate(["领导", "推动", "研究部署", "4", "未部署的扣1分", "查看"])]
    body += [(2, j, 1, 1, t) for j, t in enumerate(["公开", "年报", "年报编制", "3", "未编制的扣1分", "检查"])]
    p1 = page_of(1, *draw_grid(WIDE_XS, row_ys(100, 4, h=40.0),
                               head + body + _merged_row(3, "扣分项", "有下列情形的：（一）丢分的；（二）通报的；", "评定"), bold_rows=(0,)))
    p2 = page_of(2, *draw_grid(WIDE_XS, row_ys(60, 1, h=40.0), _merged_row(0, "扣分项", "（三）弄虚作假的。", "")))
    (table,) = run([p1, p2])
    assert [r.texts[0] for r in table.rows] == ["领导", "公开", "扣分项"]
    assert table.rows[2].texts[1] == "有下列情形的：（一）丢分的；（二）通报的；\n（三）弄虚作假的。"


def task_page(no, top, spec):
    """序号 | 主要目标 (a group column) | 具体措施 | 责任单位; ``spec`` = [(row, col, row_span, text)]."""
    cells = [(0, j, 1, 1, t) for j, t in enumerate(["序号", "主要目标", "具体措施", "责任单位"])]
    cells += [(1 + r, c, rs, 1, t) for r, c, rs, t in spec]
    n = max(c[0] + c[2] for c in cells)
    return page_of(no, *draw_grid([50.0, 90.0, 250.0, 450.0, 550.0], row_ys(top, n, h=30.0), cells, bold_rows=(0,)))


def tasks_page_1(last_goal):
    return task_page(1, 100, [
        (0, 0, 1, "1"), (0, 1, 2, "保持外资稳定增长。"), (0, 2, 1, "做好宣传"), (0, 3, 1, "市商务局"),
        (1, 0, 1, "2"), (1, 2, 1, "完善政策"), (1, 3, 1, "市商务局"),
        (2, 0, 1, "3"), (2, 1, 1, last_goal), (2, 2, 1, "促进产能合作，推动企业走"), (2, 3, 1, "市发改委"),
    ])


def test_group_text_cut_with_its_row_is_rejoined_on_both_pages():
    # the row of 序号 3 is cut by the page break and so is its group cell: 良好氛 | 围。, the rest
    # printed in the continuation's cell spanning the next rows (not a new group)
    p2 = task_page(2, 60, [
        (0, 0, 1, ""), (0, 1, 3, "围。"), (0, 2, 1, "出去。"), (0, 3, 1, ""),
        (1, 0, 1, "4"), (1, 2, 1, "加强服务"), (1, 3, 1, "市商务局"),
        (2, 0, 1, "5"), (2, 2, 1, "防控风险"), (2, 3, 1, "市商务局"),
        (3, 0, 1, "6"), (3, 1, 1, "推动外贸发展。"), (3, 2, 1, "扩大进出口"), (3, 3, 1, "市商务局"),
    ])
    (table,) = run([tasks_page_1("营造企业走出去的良好氛"), p2])
    assert [r.texts[0] for r in table.rows] == ["1", "2", "3", "4", "5", "6"]
    assert [r.texts[1] for r in table.rows[2:]] == ["营造企业走出去的良好氛围。"] * 3 + ["推动外贸发展。"]
    assert table.rows[2].texts[2] == "促进产能合作，推动企业走出去。"


def test_new_group_at_the_top_of_a_page_keeps_its_label():
    # a numbered row opens page 2 with a group of its own: nothing is joined, even after a label
    # without closing punctuation
    p2 = task_page(2, 60, [(0, 0, 1, "4"), (0, 1, 2, "推动外贸发展"), (0, 2, 1, "扩大进出口"), (0, 3, 1, "市商务局"),
                           (1, 0, 1, "5"), (1, 2, 1, "开拓市场"), (1, 3, 1, "市商务局")])
    (table,) = run([tasks_page_1("提升对外投资质量"), p2])
    assert [r.texts[1] for r in table.rows[2:]] == ["提升对外投资质量", "推动外贸发展", "推动外贸发展"]


def test_group_label_complete_above_a_cut_row_keeps_its_reprint():
    # the group's text ends its sentence above the break; the continuation re-prints it in another
    # form (a half-width comma): the printed text is kept, nothing is joined
    p2 = task_page(2, 60, [(0, 0, 1, ""), (0, 1, 2, "新设企业3家,实现增长。"), (0, 2, 1, "出去。"), (0, 3, 1, ""),
                           (1, 0, 1, "4"), (1, 2, 1, "加强服务"), (1, 3, 1, "市商务局")])
    (table,) = run([tasks_page_1("新设企业3家，实现增长。"), p2])
    assert [r.texts[1] for r in table.rows[2:]] == ["新设企业3家，实现增长。", "新设企业3家,实现增长。"]


def test_repeated_header_label_cut_short_does_not_spill_into_the_first_row():
    p1 = page_of(1, *draw_grid(XS, row_ys(100, 3), simple_rows(XS, None, [["序号", "名称", "开竣工时间", "领域"], ["1", "甲", "2021", "能源"], ["2", "乙", "2022", "交通"]]), bold_rows=(0,)))
    p2 = page_of(2, *draw_grid(XS, row_ys(60, 3), simple_rows(XS, None, [["序号", "名称", "开竣工", "领域"], ["3", "丙", "时2023", "水利"], ["4", "丁", "2024", "交通"]]), bold_rows=(0,)))
    (table,) = run([p1, p2])
    assert table.columns[2] == "开竣工时间" and table.rows[2].texts == ["3", "丙", "2023", "水利"]


def test_caption_left_at_foot_of_previous_page_above_form_fields():
    # caption and 报送单位： end page 1; 日期： is printed with the grid on page 2
    p1 = page_of(1, lines=[centred("服务企业台账", 700, 1), text_line("报送单位：", 60, 740, 1)])
    p2 = list_page(2, [["1", "甲", "朔城区", "能源"]], top=80, lines=[text_line("日期：年月日", 60, 60, 2)])
    (table,) = run([p1, p2])
    assert table.title == "服务企业台账"


def group_page(no, top, cells_spec, header=True):
    """门类 | 大类 | 代码 | 简称, with group cells spanning rows."""
    cells, r = [], 0
    if header:
        cells += [(0, j, 1, 1, t) for j, t in enumerate(["门类", "大类", "代码", "简称"])]
        r = 1
    for spec in cells_spec:
        cells.append((r + spec[0], spec[1], spec[2], 1, spec[3]))
    n = max(c[0] + c[2] for c in cells)
    edges, glyphs = draw_grid([50.0, 200.0, 300.0, 400.0, 550.0], row_ys(top, n), cells)
    return page_of(no, edges, glyphs)


def test_group_cells_fill_down_within_and_across_pages():
    p1 = group_page(
        1,
        100,
        [(0, 0, 3, "农、林、牧、渔业(A)"), (0, 1, 2, "农业"), (0, 2, 1, "000998"), (1, 2, 1, "002041"),
         (2, 1, 1, "林业"), (2, 2, 1, "000592")] + [(i, 3, 1, n) for i, n in enumerate(["隆平", "登海", "平潭"])],
    )
    p2 = group_page(
        2,
        60,
        [(0, 0, 1, "农、林、牧、渔业"), (0, 1, 1, "渔业"), (0, 2, 1, "000798"), (0, 3, 1, "中水"),
         (1, 0, 2, "采矿业(B)"), (1, 1, 2, "煤炭"), (1, 2, 1, "000552"), (2, 2, 1, "000780"),
         (1, 3, 1, "靖远"), (2, 3, 1, "平庄")],
    )
    (table,) = run([p1, p2])
    texts = [r.texts for r in table.rows]
    assert texts[0] == ["农、林、牧、渔业(A)", "农业", "000998", "隆平"]
    assert texts[1] == ["农、林、牧、渔业(A)", "农业", "002041", "登海"]  # row span filled down
    # the shortened label re-printed at the top of page 2 takes the group's printed value
    assert texts[3] == ["农、林、牧、渔业(A)", "渔业", "000798", "中水"]
    assert texts[5] == ["采矿业(B)", "煤炭", "000780", "平庄"]


def test_blank_group_cell_at_top_of_continuation_is_filled():
    p1 = group_page(1, 100, [(0, 0, 2, "制造业(C)"), (0, 1, 2, "医药"), (0, 2, 1, "1"), (1, 2, 1, "2"),
                             (0, 3, 1, "甲"), (1, 3, 1, "乙")])
    p2 = group_page(2, 60, [(0, 0, 2, ""), (0, 1, 2, ""), (0, 2, 1, "3"), (1, 2, 1, "4"),
                            (0, 3, 1, "丙"), (1, 3, 1, "丁")])
    (table,) = run([p1, p2])
    assert [r.texts[:2] for r in table.rows[2:]] == [["制造业(C)", "医药"], ["制造业(C)", "医药"]]


# ------------------------------------------------------------------ section, total, notes


def test_section_and_total_rows_are_kept_apart():
    head = [(0, j, 1, 1, t) for j, t in enumerate(["序号", "项目名称", "建设地点", "领域"])]
    cells = head + [(1, 0, 1, 4, "一、建设项目（2 项）")]
    cells += simple_rows(XS, None, [["1★", "甲", "朔城区", "能源"], ["2", "乙", "应县", "交通"]], start_row=2)
    cells += [(4, 0, 1, 4, "二、前期项目（1 项）")]
    cells += simple_rows(XS, None, [["3", "丙", "怀仁市", "水利"]], start_row=5)
    cells += [(6, 0, 1, 4, "合计：3 项")]
    edges, glyphs = draw_grid(XS, row_ys(100, 7), cells)
    notes = [text_line("备注：项目名称后标★为省定省管项目，", 50, 245, 1), text_line("其余为市管项目。", 50, 257, 1)]
    (table,) = run([page_of(1, edges, glyphs, [centred("重点工程项目名单", 80, 1)] + notes)])
    assert table.n_rows == 3
    assert [(s.label, s.stated_count, s.first_row) for s in table.sections] == [("建设项目", 2, 0), ("前期项目", 1, 2)]
    assert [r.category for r in table.rows] == ["建设项目", "建设项目", "前期项目"]
    assert table.stated_count == 3
    assert table.notes == ["备注：项目名称后标★为省定省管项目，其余为市管项目。"]


def test_section_numeral_in_seq_cell():
    assert tables.classify_row(
        tables.RawRow(1, 1, 0, 0, ["一", "建设项目（52 项）", "", ""], [], [], [], n_distinct=2, widest=0.9)
    ) == "section"


def test_caption_skips_form_fields_and_stops_at_attachment_label():
    lines = [
        text_line("附件3", 50, 40, 1, bold=True),
        centred("服务企业台账", 60, 1),
        text_line("报送单位：", 60, 78, 1),
        text_line("日期：年月日", 400, 88, 1),
    ]
    page = list_page(1, [["1", "甲", "朔城区", "能源"]], top=102, lines=lines)
    (table,) = run([page])
    assert table.title == "服务企业台账"


def test_wrapped_caption_and_count_in_caption():
    lines = [centred("关于某某事项的", 64, 1), centred("企业名单（共41个）", 76, 1)]
    (table,) = run([list_page(1, [["1", "甲", "朔城区", "能源"]], lines=lines)])
    assert table.title == "关于某某事项的企业名单（共41个）"
    assert table.stated_count == 41


def test_body_paragraph_is_not_a_caption():
    para = text_line("各县（市、区）人民政府，市直各有关单位：现将有关事项通知如下，请认真贯彻执行。", 50, 80, 1)
    (table,) = run([list_page(1, [["1", "甲", "朔城区", "能源"]], lines=[para])])
    assert table.title is None


def test_table_ids_in_order():
    p = list_page(1, [["1", "甲", "朔城区", "能源"]])
    q = list_page(2, [["1", "乙", "应县", "交通"]], lines=[centred("第二张表", 70, 2)])
    assert [t.table_id for t in run([p, q])] == ["t01", "t02"]


# ------------------------------------------------------------------ forms

FORM_XS = [50.0, 120.0, 220.0, 290.0, 390.0, 460.0, 550.0]


def form_page_1(lines=()):
    cells = [(0, 0, 1, 6, "一、企业基本情况")]
    cells += [(1, 0, 1, 1, "企业名称"), (1, 1, 1, 3, ""), (1, 4, 1, 1, "行业分类"), (1, 5, 1, 1, "")]
    cells += [(2, j, 1, 1, t) for j, t in enumerate(["所属县区", "", "联系人", "", "联系电话", ""])]
    cells += [(3, 0, 1, 6, "二、需要解决的问题")]
    cells += [(4, 0, 1, 1, "手续办理"), (4, 1, 1, 2, "□规划□环评"), (4, 3, 1, 1, "权益保障"), (4, 4, 1, 2, "□合同纠纷")]
    cells += [(5, 0, 2, 1, "备注"), (5, 1, 1, 5, "请具体描述当前情况。"), (6, 1, 1, 5, "")]
    edges, glyphs = draw_grid(FORM_XS, row_ys(100, 7), cells)
    return page_of(1, edges, glyphs, lines)


def form_page_2(no=2, top=60.0, first="请具体描述费用情况。"):
    xs = [50.0, 120.0, 290.0, 390.0, 550.0]  # a subset of the form's rules
    cells = [(0, 0, 1, 4, first), (1, 0, 1, 4, "三、需要解决的需求")]
    cells += [(2, j, 1, 1, t) for j, t in enumerate(["技术需求", "□智能化改造", "政策需求", "□产业政策"])]
    edges, glyphs = draw_grid(xs, row_ys(top, 3), cells)
    return page_of(no, edges, glyphs, [text_line("注：此表由企业填写。", 80, top + 70, no)])


def test_form_has_no_header_and_every_row_is_data():
    (form,) = run([form_page_1([centred("问题征集表", 80, 1)]), form_page_2()])
    assert form.title == "问题征集表"
    assert form.columns == ["列1", "列2", "列3", "列4", "列5", "列6"]
    assert (form.n_rows, form.page_start, form.page_end) == (10, 1, 2)
    texts = [r.texts for r in form.rows]
    assert texts[0] == ["一、企业基本情况", "", "", "", "", ""]  # section rows are rows of the form
    assert texts[1] == ["企业名称", "", "", "", "行业分类", ""]  # blank cells are input fields
    assert texts[4] == ["手续办理", "□规划□环评", "", "权益保障", "□合同纠纷", ""]  # spans printed once
    assert texts[5][:2] == ["备注", "请具体描述当前情况。"] and texts[6] == [""] * 6  # no fill-down
    assert texts[7][0] == "请具体描述费用情况。" and form.rows[7].page == 2
    assert texts[9] == ["技术需求", "□智能化改造", "", "政策需求", "□产业政策", ""]  # placed by left rule
    assert form.sections == [] and all(r.category is None for r in form.rows)
    assert form.notes == ["注：此表由企业填写。"]


def other_rules_page(first: str, no=2, top=60.0):
    """The top of a page whose rules are not the form's (another division of the width)."""
    xs = [50.0, 160.0, 330.0, 550.0]
    cells = [(0, 0, 1, 3, first)] + [(1, j, 1, 1, t) for j, t in enumerate(["合作需求", "", "用工需求"])]
    edges, glyphs = draw_grid(xs, row_ys(top, 2), cells)
    return page_of(no, edges, glyphs)


def test_form_row_cut_by_the_page_break_is_one_row():
    # the form's last row on page 1 is cut: page 2 opens with its rest under the cells it filled
    # (the label column blank), then a row of its own
    xs = [50.0, 120.0, 290.0, 390.0, 550.0]
    cells = [(0, 0, 1, 4, "一、企业基本情况"), (1, 0, 1, 1, "企业名称"), (1, 1, 1, 1, ""), (1, 2, 1, 1, "行业分类"), (1, 3, 1, 1, "")]
    cells += [(2, j, 1, 1, t) for j, t in enumerate(["合作需求", "□企业间合作（注明对象）", "用工需求", "□管理人员"])]
    p1 = page_of(1, *draw_grid(xs, row_ys(600, 3), cells))
    cells = [(0, j, 1, 1, t) for j, t in enumerate(["", "与混合所有制改革", "", ""])]
    cells += [(1, j, 1, 1, t) for j, t in enumerate(["资金需求", "□投资贷款", "管理需求", "□股份制改造"])]
    p2 = page_of(2, *draw_grid(xs, row_ys(60, 2), cells))
    (form,) = run([p1, p2])
    texts = [r.texts for r in form.rows]
    assert form.n_rows == 4
    assert texts[2] == ["合作需求", "□企业间合作（注明对象）与混合所有制改革", "用工需求", "□管理人员"]
    assert texts[3][0] == "资金需求"


def test_form_continues_when_next_page_opens_with_a_section_row():
    (form,) = run([form_page_1(), other_rules_page("三、其他需求")])
    assert (form.page_end, form.n_rows) == (2, 9)
    assert form.rows[7].texts[0] == "三、其他需求" and form.rows[8].texts[0] == "合作需求"
    assert len(form.columns) == 8  # the second page's rules are columns of the form too


def test_form_does_not_take_a_grid_of_other_rules_without_a_section_row():
    tables_ = run([form_page_1(), other_rules_page("请具体描述其他情况。")])
    assert tables_[0].page_end == 1


def test_table_with_heading_row_inside_its_frame_is_not_a_form():
    cells = [(0, 0, 1, 4, "一、铁路重点建设项目")]
    cells += simple_rows(XS, None, [["序号", "项目名称", "建设地点", "领域"], ["1", "甲", "朔城区", "能源"]], start_row=1)
    edges, glyphs = draw_grid(XS, row_ys(100, 3), cells)
    (table,) = run([page_of(1, edges, glyphs)])
    assert table.columns == ["序号", "项目名称", "建设地点", "领域"] and table.n_rows == 1


def test_headed_table_on_the_page_after_a_form_is_not_stitched_to_it():
    (form, table) = run([form_page_1(), list_page(2, [["1", "甲", "朔城区", "能源"]], top=60)])
    assert form.page_end == 1 and table.columns[0] == "序号"


# ------------------------------------------------------------------ real PDFs


@functools.cache
def extract(path: Path):
    """Tables of a real PDF, run the way the pipeline runs the stage (cached per file)."""
    pdf = layout.open_pdf(path)
    frags, pages = [], []
    try:
        for pg in layout.iter_pages(pdf):
            frags += tables.find_fragments(pg)
            pages.append(replace(pg, glyphs=(), edges=()))
    finally:
        pdf.close()
    return tuple(tables.build_tables(frags, layout.strip_furniture(pages), "g"))


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not available")
    return path


def test_corpus_miit_project_list_one_table_over_14_pages():
    (table,) = extract(corpus("miit-2025-smart-manufacturing-jiebang-project-list.pdf"))
    assert table.columns == ["序号", "揭榜项目", "揭榜单位", "揭榜任务", "服务的重点行业", "涉及典型场景", "推荐单位"]
    assert table.n_rows == 73 and (table.page_start, table.page_end) == (1, 14)
    assert [r.texts[0] for r in table.rows] == [str(i) for i in range(1, 74)]  # header not repeated
    first = table.rows[0].texts
    assert first[1] == "面向石化化工行业的AI驱动数字化交付解决方案"
    assert first[2] == "北京互时科技股份有限公司"
    assert first[4] == "石化化工" and first[6] == "北京市经济和信息化局"
    # printed as three centred phrases in a cell that holds eight glyphs a line: hard breaks
    assert table.rows[4].texts[1] == "杆塔设计制造\n一体化管控\n解决方案" and table.rows[4].page == 2
    assert first[1] == "面向石化化工行业的AI驱动数字化交付解决方案"  # centred, but wrapped: no break
    assert all("\n" not in c for c in table.columns)
    assert table.title == "2025年度智能制造系统解决方案“揭榜挂帅”项目名单"


def test_corpus_csrc_85_pages_group_cells_filled():
    started = time.perf_counter()
    extract.cache_clear()
    (table,) = extract(corpus("csrc-listed-company-industry-classification-2018q3.pdf"))
    elapsed = time.perf_counter() - started
    assert table.n_rows == 3563 and (table.page_start, table.page_end) == (1, 85)
    assert table.columns == ["门类名称及代码", "行业大类代码", "行业大类名称", "上市公司代码", "上市公司简称"]
    assert all(all(t for t in r.texts) for r in table.rows)  # every group cell filled
    rows = {r.texts[3]: r.texts for r in table.rows}
    assert rows["000998"] == ["农、林、牧、渔业(A)", "01", "农业", "000998", "隆平高科"]
    assert rows["600467"] == ["农、林、牧、渔业(A)", "04", "渔业", "600467", "好当家"]
    # page 2 re-prints the 门类 label shortened (农、林、牧、渔业): the group's first value wins
    assert rows["000713"] == ["农、林、牧、渔业(A)", "05", "农、林、牧、渔服务业", "000713", "丰乐种业"]
    assert rows["000552"][:3] == ["采矿业(B)", "06", "煤炭开采和洗选业"]
    assert table.title == "2018年3季度上市公司行业分类结果"
    assert elapsed < 60


def test_corpus_anhui_three_tables_with_spanning_headers():
    t75, t76, t77 = extract(corpus("anhui-construction-land-standard-2020-p1-table.pdf"))
    assert (t75.n_rows, t76.n_rows, t77.n_rows) == (6, 9, 1)
    assert t75.title == "表7.5停车区用地指标基准值（公顷/处）"
    assert t76.title == "表7.6停车区用地指标调整系数"
    assert t77.title == "表7.7监控通信设施用地指标（公顷/处）"
    assert t75.columns[3].startswith("编制条件/路段交通量Q") and t75.columns[4].startswith("编制条件/大型车比例")
    assert t75.rows[0].texts[:3] == ["高速公路", "八", "2.5000"]
    assert t75.rows[5].texts[:3] == ["二级公路", "二", "0.3333"]
    assert t75.notes and t75.notes[0].startswith("注：表中路段交通量")
    assert len(t76.columns) == 8 and t76.columns[3].startswith("大型车比例") and t76.columns[3].endswith("/μ≤10")
    assert t76.rows[1].texts[:2] == ["高速公路", "八"]  # 高速公路 and 八 span rows
    assert t76.rows[8].texts[-1] == "1.00"
    assert t77.columns == ["路段监控通信分中心", "路段监控通信站", "桥隧监控通信站"]
    assert t77.rows[0].texts == ["1.7333", "0.8667", "0.5333"]


def test_corpus_taipei_table_continues_from_page_3_to_4():
    table, legend = extract(corpus("tw-taipei-daan-health-center-letter-with-table-2020.pdf"))
    # under the notes, a borderless table under its caption 登革熱病媒蚊幼蟲各種指數與級數相關表
    assert legend.page_start == 4 and legend.title == "登革熱病媒蚊幼蟲各種指數與級數相關表"
    assert legend.columns == ["等級", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert [r.texts[0] for r in legend.rows] == ["住宅指數﹪", "容器指數﹪", "布氏指數"]
    assert legend.rows[2].texts[1:] == ["1-4", "5-9", "10-19", "20-34", "35-49", "50-74", "75-99", "100-199", "≧200"]
    assert len(table.columns) == 42 and table.n_rows == 44
    assert (table.page_start, table.page_end) == (3, 4)
    assert table.columns[:3] == ["編號", "村里", "場所種類"] and table.columns[-1] == "地址"
    assert "調查容器數/戶外" in table.columns and "花瓶(1)/戶外" in table.columns
    first, second = table.rows[0].texts, table.rows[1].texts
    assert first[1] == "台北美侖大飯店" and second[1] == "台北美侖大飯店"  # merged cells repeat
    assert first[table.columns.index("調查容器數/戶外")] == "8"
    assert first[table.columns.index("花瓶(1)/戶外")] == "3"
    assert first[16] == "積水容器" and second[16] == "陽性容器"
    assert table.rows[36].page == 4 and table.rows[36].texts[:2] == ["19", "通化里"]
    assert table.title == "臺北市大安區109年度9月份登革熱病媒蚊密度調查結果表"


def test_corpus_plan_without_tables():
    assert extract(corpus("miit-automotive-digital-transformation-plan.pdf")) == ()


# ------------------------------------------------------------------ sample gazettes


def sample_tables(name: str):
    pdf, manifest = SAMPLES / f"gazette-{name}.pdf", SAMPLES / f"gazette-{name}.layout.json"
    if not pdf.exists() or not manifest.exists():
        pytest.skip(f"sample gazette-{name} not available")
    expected = [t for t in json.loads(manifest.read_text(encoding="utf-8"))["tables"] if t["kind"] == "table"]
    return expected, extract(pdf)


@pytest.mark.parametrize("name", ["a", "b"])
def test_samples_tables_match_manifest(name):
    expected, got = sample_tables(name)
    remaining = list(got)
    for exp in expected:
        match = next((t for t in remaining if t.page_start == exp["page_start"]), None)
        assert match is not None, exp["caption"]
        remaining.remove(match)
        assert match.n_rows == exp["data_rows"], exp["caption"]
        assert len(match.columns) == exp["columns"], exp["caption"]
        assert match.page_end == exp["page_end"], exp["caption"]
        if exp["heading"]:  # one table of a list split under numbered headings: named by its heading
            assert match.title == exp["heading"].split("、", 1)[1]
            assert all(r.category == match.title for r in match.rows)
        else:
            assert match.title == exp["caption"]


@pytest.mark.parametrize("name", ["a", "b"])
def test_samples_sections_totals_and_spans(name):
    _, got = sample_tables(name)
    by_title = {t.title: t for t in got}
    city = by_title.get("2021年市级重点工程项目名单")
    assert city is not None
    assert [(s.label, s.stated_count) for s in city.sections] == [("建设项目", 52), ("前期项目", 12)]
    assert city.stated_count == 64 and city.n_rows == 64
    assert sum(r.category == "建设项目" for r in city.rows) == 52
    leaders = by_title["市政府领导精准服务企业名单"]
    assert leaders.columns[-2:] == ["入企领导", "入企部门"]
    assert all(r.texts[-1] and r.texts[-2] for r in leaders.rows)  # row spans filled into all 40 rows
    plan = [t for t in got if any(c.startswith("分年度任务") and "/" in c for c in t.columns)]
    assert plan and all(r.texts[0] for t in plan for r in t.rows)


@pytest.mark.parametrize("name", ["a", "b"])
def test_samples_form_is_one_headerless_table(name):
    expected, got = sample_tables(name)
    manifest = json.loads((SAMPLES / f"gazette-{name}.layout.json").read_text(encoding="utf-8"))
    (exp,) = [t for t in manifest["tables"] if t["kind"] == "form"]
    (form,) = [t for t in got if t.page_start == exp["page_start"]]
    assert (form.n_rows, form.page_end, len(form.columns)) == (exp["data_rows"], exp["page_end"], exp["columns"])
    assert form.columns[0] == "列1" and form.title == exp["caption"]
    joined = ["".join(r.texts) for r in form.rows]
    assert joined[0] == "一、企业基本情况" and joined[2] == "所属县区联系人联系电话"
    assert joined[17] == "四、需要解决的“六需”问题" and joined[21].startswith("请结合当前情况")


@pytest.mark.parametrize("name", ["a", "b"])
def test_samples_hard_breaks_in_cells(name):
    _, got = sample_tables(name)
    approvals = next(t for t in got if t.title == "市政府决定相应取消的行政审批事项目录")
    basis = approvals.rows[1].texts[approvals.columns.index("设定依据")]
    assert basis == "《中华人民共和国动物防疫法》\n《乡村兽医管理办法》（农业部令第17号）"  # one law a line
    hub = next(t for t in got if t.title == "朔州市综合交通枢纽重点建设项目")
    assert hub.rows[2].texts[-2] == "朔州市经济开发区管委会\n市交通运输局"
    assert hub.rows[2].texts[1] == "双港经济园区综合交通枢纽"  # wrapped name: no break
