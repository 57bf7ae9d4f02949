"""Ruling styles and Latin text through the real reader (issue 14): small PDFs drawn with
reportlab — rules as strokes, thin filled rectangles, paths (curves), invisible boxes; 三线表,
a header rule pair over unruled rows, rows left unruled under a boxed header; word spaces of
Latin text. Each PDF states its table in the test, so the expectations come from what is drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_extract import layout, tables
from gazette_extract.layout.lines import is_word_gap
from gazette_extract.layout.drawing import curve_boxes, paints
from gazette_extract.models import Glyph

FONT_FILE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
PAGE_W, PAGE_H = 595.0, 842.0


def _song() -> str:
    if not FONT_FILE.is_file():
        pytest.skip(f"CJK font {FONT_FILE} not installed (make system-deps)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "RulingSong" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("RulingSong", str(FONT_FILE), subfontIndex=0))
    return "RulingSong"


def _canvas(path: Path):
    from reportlab.pdfgen import canvas

    return canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))


def _y(top: float) -> float:
    """reportlab's y (from the bottom) of a top coordinate."""
    return PAGE_H - top


def _extract(path: Path, reader: str):
    pdf = layout.open_pdf(path, reader)
    try:
        pages = list(layout.iter_pages(pdf))
    finally:
        pdf.close()
    fragments = [f for p in pages for f in tables.find_fragments(p)]
    return pages, fragments, tables.build_tables(fragments, pages, "t")


HEADER = ("序号", "项目名称", "建设单位", "总投资(亿元)")
ROWS = (
    ("1", "朔州东站综合客运枢纽", "市交通局", "2.8"),
    ("2", "右玉通用机场", "右玉县政府", "2.5"),
    ("3", "新建城区供热管网改造工程", "市住建局", "1.2"),
    ("4", "PM2.5监测站点建设", "市生态环境局", "0.3"),
)
XS = (70.0, 110.0, 300.0, 430.0, 525.0)
PARAGRAPH = "以上项目由各建设单位按照年度计划组织实施，市发展改革委负责统筹协调和督促检查。"


def _draw_rows(c, font: str, top: float, rows, size: float = 10.5, pitch: float = 22.0) -> float:
    for row in rows:
        for x, text in zip(XS, row):
            c.setFont(font, size)
            c.drawString(x + 4, _y(top + 15), text)
        top += pitch
    return top


def _paragraph_and_table(c, font: str, top: float, pdf: Path, reader: str):
    """Draw the paragraph at ``top``, finish the PDF and return the one table found in it."""
    c.setFont(font, 12)
    c.drawString(XS[0], _y(top), PARAGRAPH)
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    (table,) = found
    return table


def _draw_table(path: Path, style: str) -> None:
    """One table in a ruling style: ``three_line`` (三线表), ``header_rules`` (rules over and
    under the header only, a paragraph after the rows), ``grid_paths`` (a full grid drawn as
    paths), ``thin_fills`` (a grid of thin filled rectangles)."""
    font = _song()
    c = _canvas(path)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), "表1 重点建设项目表")
    top = 100.0
    c.setLineWidth(1.0)
    bottom = top + 22.0 * (len(ROWS) + 1)
    if style in ("three_line", "header_rules"):
        c.line(XS[0], _y(top), XS[-1], _y(top))
        c.line(XS[0], _y(top + 22), XS[-1], _y(top + 22))
        if style == "three_line":
            c.line(XS[0], _y(bottom), XS[-1], _y(bottom))
    elif style == "grid_paths":
        for k in range(len(ROWS) + 2):
            p = c.beginPath()
            p.moveTo(XS[0], _y(top + 22 * k))
            for x in XS[1:]:
                p.lineTo(x, _y(top + 22 * k))  # a polyline: pdfminer gives a curve
            c.drawPath(p, stroke=1, fill=0)
        for x in XS:
            p = c.beginPath()
            p.moveTo(x, _y(top))
            p.lineTo(x, _y(top + 22))
            p.lineTo(x, _y(bottom))
            c.drawPath(p, stroke=1, fill=0)
    elif style == "thin_fills":
        c.setFillColorRGB(0, 0, 0)
        for k in range(len(ROWS) + 2):
            c.rect(XS[0], _y(top + 22 * k) - 0.25, XS[-1] - XS[0], 0.5, stroke=0, fill=1)
        for x in XS:
            c.rect(x - 0.25, _y(bottom), 0.5, bottom - top, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    _draw_rows(c, font, top, [HEADER])
    _draw_rows(c, font, top + 22, ROWS)
    if style == "header_rules":
        c.setFont(font, 12)
        c.drawString(XS[0], _y(bottom + 40), PARAGRAPH)
    c.showPage()
    c.save()


@pytest.mark.parametrize("style", ["three_line", "header_rules", "grid_paths", "thin_fills"])
def test_table_in_every_ruling_style(tmp_path, style, reader):
    pdf = tmp_path / f"{style}.pdf"
    _draw_table(pdf, style)
    _, _, found = _extract(pdf, reader)
    assert len(found) == 1
    (table,) = found
    assert table.columns == list(HEADER)
    assert table.title == "表1重点建设项目表"  # a layout space next to a CJK character is no text
    assert [r.texts for r in table.rows] == [list(r) for r in ROWS]


def test_white_and_unpainted_boxes_are_no_tables(tmp_path, reader):
    """A grid stroked in white round a text box: nothing a reader sees, no table."""
    font = _song()
    pdf = tmp_path / "white.pdf"
    c = _canvas(pdf)
    c.setStrokeColorRGB(1, 1, 1)
    for k in range(len(ROWS) + 2):
        c.line(XS[0], _y(100 + 22 * k), XS[-1], _y(100 + 22 * k))
    for x in XS:
        c.line(x, _y(100), x, _y(100 + 22 * (len(ROWS) + 1)))
    c.setFillColorRGB(1, 1, 1)
    c.rect(XS[0], _y(300), 200, 1.0, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    _draw_rows(c, font, 100, [HEADER, *ROWS])
    c.showPage()
    c.save()
    pages, fragments, found = _extract(pdf, reader)
    assert pages[0].edges == ()
    assert fragments == [] and found == []


def test_aligned_roster_without_rules_is_no_table(tmp_path, reader):
    """A borderless roster (names set in columns, no rule): lines, never a table."""
    font = _song()
    pdf = tmp_path / "roster.pdf"
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawString(70, _y(80), "组  长：张建国  市长")
    for k, names in enumerate((("王  明", "李小红", "赵  刚", "孙丽华"), ("周  涛", "吴建平", "郑  伟", "陈  静"))):
        for x, name in zip((70, 190, 310, 430), names):
            c.drawString(x, _y(110 + 24 * k), name)
    c.showPage()
    c.save()
    _, fragments, found = _extract(pdf, reader)
    assert fragments == [] and found == []


def test_latin_text_keeps_its_word_spaces(tmp_path, reader):
    """Spaces the font prints (Helvetica, Times) and spaces left as positioning (no space glyph)
    are both word gaps; none appear between CJK characters."""
    font = _song()
    pdf = tmp_path / "latin.pdf"
    c = _canvas(pdf)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(70, _y(80), "AXES D’EVALUATION")
    c.setFont("Times-Roman", 11)
    c.drawString(70, _y(110), "Il est très important que cela demeure ainsi.")
    c.drawString(70, _y(140), "Contact: info@example.org or https://example.org/covid-19")
    # words placed one by one, no space glyph between them: the gap alone says "space"
    x = 70.0
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for word in ("COVID-19", "and", "PM2.5"):
        c.drawString(x, _y(170), word)
        x += stringWidth(word, "Times-Roman", 11) + 0.25 * 11
    c.setFont(font, 12)
    c.drawString(70, _y(200), "全市 PM2.5 平均浓度 下降")
    c.showPage()
    c.save()
    pages, _, _ = _extract(pdf, reader)
    texts = [ln.text for ln in pages[0].lines]
    assert texts == [
        "AXES D’EVALUATION",
        "Il est très important que cela demeure ainsi.",
        "Contact: info@example.org or https://example.org/covid-19",
        "COVID-19 and PM2.5",
        "全市PM2.5平均浓度下降",
    ]


def _glyph(text: str, x0: float, x1: float, space_width: float = 0.0, size: float = 10.0) -> Glyph:
    return Glyph(text, x0, 0.0, x1, size, size, False, space_width)


def test_word_gap_uses_the_font_space_width_when_known():
    # Times at 10 pt: a space is 2.5 pt; 0.6 of it is a word gap, kerning is not
    assert is_word_gap(_glyph("s", 0, 4), _glyph("D", 5.6, 12, space_width=2.5))
    assert not is_word_gap(_glyph("s", 0, 4), _glyph("D", 4.3, 12, space_width=2.5))
    # a wide font space (a CJK font's half-width space: 5 pt) asks for a wider gap
    assert not is_word_gap(_glyph("a", 0, 4), _glyph("b", 6.0, 9, space_width=5.0))
    # unknown: 0.16 of the font size; tracked leader dots (0.13 em) are no word gap
    assert is_word_gap(_glyph("a", 0, 4), _glyph("b", 5.7, 9))
    assert not is_word_gap(_glyph(".", 0, 4), _glyph(".", 5.3, 9))
    # never next to a CJK character
    assert not is_word_gap(_glyph("市", 0, 10), _glyph("P", 15, 20))


def test_curve_boxes_keep_what_is_straight():
    # a closed axis-aligned path is a rectangle
    lines, rects = curve_boxes([(0, 0), (100, 0), (100, 0.5), (0, 0.5), (0, 0)], stroke=False)
    assert lines == [] and rects == [layout.RawBox(0, 100, 0, 0.5, False)]
    # a stroked polyline gives its straight segments; a bent one is dropped
    lines, rects = curve_boxes([(0, 0), (50, 0), (50, 30), (80, 60)], stroke=True)
    assert rects == [] and lines == [layout.RawBox(0, 50, 0, 0), layout.RawBox(50, 50, 0, 30)]
    # an unstroked open path paints no line
    assert curve_boxes([(0, 0), (50, 0), (50, 30)], stroke=False) == ([], [])


def test_paints_sees_white_as_nothing():
    assert paints(True, False, (0, 0, 0), None)
    assert not paints(True, False, (1, 1, 1), None)
    assert not paints(True, False, 1.0, None)
    assert not paints(False, True, None, (0, 0, 0, 0))  # CMYK white
    assert paints(False, True, None, (0.8, 1.0, 1.0))  # a coloured cell background
    assert not paints(False, False, 0, 0)


def _draw_borderless(path: Path, caption: str) -> None:
    font = _song()
    c = _canvas(path)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), caption)
    _draw_rows(c, font, 100, [HEADER, *ROWS])
    c.setFont(font, 12)
    c.drawString(XS[0], _y(240), PARAGRAPH)
    c.showPage()
    c.save()


def test_borderless_table_under_a_table_caption(tmp_path, reader):
    pdf = tmp_path / "borderless.pdf"
    _draw_borderless(pdf, "表1 重点建设项目表")
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert table.columns == list(HEADER) and table.title == "表1重点建设项目表"
    assert [r.texts for r in table.rows] == [list(r) for r in ROWS]


def test_borderless_table_whose_header_wraps_over_lines(tmp_path, reader):
    """No rule at all; the header row wraps 序 / 号 and 权力 / 类型 over two lines, the other labels
    centred between them (lines of one header row overlap in height); the caption names a 目录 of
    items: a table, its labels joined per column."""
    pdf = tmp_path / "borderless-wrapped.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), "市政府决定相应取消的行政审批事项目录")
    c.setFont(font, 10.5)
    for x, (a, b) in zip((XS[0], XS[2]), (("序", "号"), ("权力", "类型"))):
        c.drawString(x + 4, _y(112), a)
        c.drawString(x + 4, _y(125), b)
    for x, label in zip((XS[1], XS[3]), ("事项名称", "审批部门")):
        c.drawString(x + 4, _y(118.5), label)
    rows = (("1", "乡村兽医登记许可", "行政许可", "县级农业农村部门"), ("2", "职业卫生技术服务机构丙级资质认可", "行政许可", "市行政审批服务管理局"))
    _draw_rows(c, font, 130, rows)
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert table.columns == ["序号", "事项名称", "权力类型", "审批部门"]
    assert [r.texts for r in table.rows] == [list(r) for r in rows]


def _draw_row_at(c, font: str, top: float, row, shift=(0, 0, 0, 0)) -> None:
    c.setFont(font, 10.5)
    for x, dx, text in zip(XS, shift, row):
        c.drawString(x + 4 + dx, _y(top + 15), text)


MORE_ROWS = (("5", "城区污水处理厂提标改造", "市住建局", "0.9"), ("6", "农村公路安防工程", "市交通局", "0.4"))


@pytest.mark.parametrize("first_page_text", ["表1 重点建设项目表", None])
def test_borderless_table_going_on_under_its_repeated_header(tmp_path, reader, first_page_text):
    """A borderless table runs to the foot of page 1; page 2 opens with its header repeated over
    two more rows, with no caption, the columns' texts set a little differently (columns read from
    text fall differently): the same table. Under no caption on page 1 the columns of page 2 are
    text, not a table."""
    pdf = tmp_path / "borderless-continued.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), first_page_text or "以上项目按照年度计划组织实施")
    if first_page_text:
        _draw_rows(c, font, 100, [HEADER, *ROWS])
    c.showPage()
    for k, row in enumerate([HEADER, *MORE_ROWS]):
        _draw_row_at(c, font, 110 + 22 * k, row, shift=(0, 6, -8, 10))
    c.setFont(font, 12)
    c.drawString(XS[0], _y(200), PARAGRAPH)
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    if first_page_text is None:
        assert found == []
        return
    (table,) = found
    assert [r.texts for r in table.rows] == [list(r) for r in (*ROWS, *MORE_ROWS)]
    assert [f.page for f in table.frames] == [1, 2]


@pytest.mark.parametrize("continued", [True, False])
def test_borderless_table_going_on_without_its_header(tmp_path, reader, continued):
    """A borderless table runs to the foot of page 1; page 2 opens with two more rows set in its
    columns, no header, no rule (a longer text in the last column): the same table. A page
    opening with a paragraph after such a table holds no table."""
    pdf = tmp_path / "borderless-no-header.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), "表1 重点建设项目表")
    _draw_rows(c, font, 100, [HEADER, *ROWS])
    c.showPage()
    if continued:
        more = (MORE_ROWS[0], ("6", "农村公路安防工程", "市交通局", "0.4（续建）"))
        for k, row in enumerate(more):
            _draw_row_at(c, font, 110 + 22 * k, row)
    table = _paragraph_and_table(c, font, 200 if continued else 110, pdf, reader)
    want = (*ROWS, *more) if continued else ROWS
    assert [r.texts for r in table.rows] == [list(r) for r in want]


def test_open_table_row_cut_by_the_break_goes_on_under_the_header_repeated_without_rules(tmp_path, reader):
    """A table ruled over and under its header only runs to the foot of page 1, its last row cut;
    page 2 repeats the header as text (no rule) and prints the rest of that row over two lines,
    no 序号: the header is skipped and the rest joins the cut row."""
    pdf = tmp_path / "open-cut-row.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setLineWidth(0.8)
    for top in (100, 122):
        c.line(XS[0], _y(top), XS[-1], _y(top))
    _draw_rows(c, font, 100, [HEADER, ROWS[0], ("2", "新建城区供热", "市住建局", "1.2")])
    c.showPage()
    _draw_row_at(c, font, 100, HEADER)
    _draw_row_at(c, font, 122, ("", "管网改造", "", ""))
    _draw_row_at(c, font, 136, ("", "工程", "", ""))
    table = _paragraph_and_table(c, font, 200, pdf, reader)
    assert [r.texts for r in table.rows] == [list(ROWS[0]), ["2", "新建城区供热管网改造工程", "市住建局", "1.2"]]


def test_header_rule_pair_over_a_label_wrapped_a_character_a_line(tmp_path, reader):
    """Rules over and under the header only; one label set in a narrow column wraps a character
    a line (行 / 政 / 权 / 力 / 类 / 型: six lines), the others centred beside it: still a header."""
    pdf = tmp_path / "narrow-header.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setLineWidth(0.8)
    for top in (100, 182):
        c.line(XS[0], _y(top), XS[-1], _y(top))
    c.setFont(font, 10.5)
    for k, ch in enumerate("行政权力类型"):
        c.drawString(XS[2] + 4, _y(115 + 13 * k), ch)
    for x, label in zip((XS[0], XS[1], XS[3]), ("序号", "事项名称", "审批部门")):
        c.drawString(x + 4, _y(147), label)
    rows = (("1", "乡村兽医登记许可", "行政许可", "县级农业农村部门"), ("2", "职业卫生技术服务机构认可", "行政许可", "市行政审批局"))
    _draw_rows(c, font, 184, rows)
    table = _paragraph_and_table(c, font, 280, pdf, reader)
    assert table.columns == ["序号", "事项名称", "行政权力类型", "审批部门"]
    assert [r.texts for r in table.rows] == [list(r) for r in rows]


def test_borderless_rows_centred_beside_their_seq_with_names_wider_than_their_label(tmp_path, reader):
    """No rule; each record's cells centred vertically beside its 序号, a long name wrapped over
    the lines above and below the 序号's line and, centred, starting left of its column's label:
    the column starts left of those lines, and each name is its record's."""
    pdf = tmp_path / "centred-names.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), "2022年市级重点工程项目名单")
    c.setFont(font, 10.5)
    for x, label in ((75, "序号"), (150, "项目名称"), (330, "建设地点"), (450, "行业")):
        c.drawString(x, _y(112), label)
    records = (("1", "桑源云计算数据中心二期", "工程", "源城区", "信息基础设施"),
               ("2", "东川县年产20万吨高岭土", "深加工项目", "东川县", "碳基新材料"))
    top = 130
    for seq, name1, name2, place, trade in records:
        c.drawCentredString(170, _y(top + 10), name1)
        c.drawString(80, _y(top + 17), seq)
        c.drawString(330, _y(top + 17), place)
        c.drawString(450, _y(top + 17), trade)
        c.drawCentredString(170, _y(top + 24), name2)
        top += 36
    table = _paragraph_and_table(c, font, 260, pdf, reader)
    assert table.columns == ["序号", "项目名称", "建设地点", "行业"]
    assert [r.texts for r in table.rows] == [[a, b + c_, d, e] for a, b, c_, d, e in records]


def test_header_rule_pair_over_a_row_whose_cells_are_set_close(tmp_path, reader):
    """Rules over and under the header only; a record's cells filled to their edges, the texts of
    neighbouring columns 0.6 em apart (less than a segment gap): one line across the table's
    width, yet cells — not a paragraph ending the body."""
    from reportlab.pdfbase import pdfmetrics

    pdf = tmp_path / "close-cells.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setLineWidth(0.8)
    for top in (100, 122):
        c.line(70, _y(top), 300, _y(top))
    c.setFont(font, 10.5)
    xs = (70.0, 81.3, 213.3, 261.3)
    rows = (("1", "朔州东站", "市交通局", "2.8"), ("2", "新建城区供热管网改造工程", "市住建局", "1.2"))
    for x, label in zip((70.0, 120.0, 213.3, 261.3), ("号", "项目名称", "单位", "投资")):
        c.drawString(x, _y(115), label)
    for k, row in enumerate(rows):
        for x, text in zip(xs, row):
            c.drawString(x, _y(137 + 18 * k), text)
    assert all(xs[i] + pdfmetrics.stringWidth(rows[1][i], font, 10.5) + 6 < xs[i + 1] + 0.5 for i in range(3))
    table = _paragraph_and_table(c, font, 200, pdf, reader)
    assert [r.texts for r in table.rows] == [list(r) for r in rows]


def test_header_rule_pair_at_a_page_foot_over_only_its_total(tmp_path, reader):
    """A table's header between two rules ends page 1, with only its 合计 line under it; its
    records open page 2 with no header and no rule: one table, the records read by the columns of
    the header's labels (a name flush left in its column, left of its centred label)."""
    pdf = tmp_path / "header-at-foot.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(700), "2022年市级重点工程项目名单")
    c.setLineWidth(0.8)
    for top in (730, 752):
        c.line(XS[0], _y(top), XS[-1], _y(top))
    c.setFont(font, 10.5)
    for x, label in zip((74, 180, 340, 455), HEADER):
        c.drawString(x, _y(745), label)
    c.drawString(74, _y(770), "合计：2项")
    c.showPage()
    _draw_rows(c, font, 80, ROWS[:2])
    table = _paragraph_and_table(c, font, 180, pdf, reader)
    assert table.columns == list(HEADER) and table.stated_count == 2
    assert [r.texts for r in table.rows] == [list(r) for r in ROWS[:2]]


def test_records_between_a_head_rule_and_a_bottom_rule_are_no_header(tmp_path, reader):
    """A page whose running header's rule and a table's closing rule frame six records (a
    continuation, no header): lines opening with a number are records, never a header wrapped
    over many lines, and rules high on the page are no header left at its foot."""
    pdf = tmp_path / "records-between-rules.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setLineWidth(0.8)
    for top in (60, 100 + 22 * 6):
        c.line(XS[0], _y(top), XS[-1], _y(top))
    _draw_rows(c, font, 100, [(str(k + 5), *row[1:]) for k, row in enumerate(ROWS + ROWS[:2])])
    c.showPage()
    c.save()
    _, fragments, found = _extract(pdf, reader)
    assert fragments == [] and found == []


def test_text_in_columns_under_a_roster_caption_is_no_table(tmp_path, reader):
    pdf = tmp_path / "roster-caption.pdf"
    _draw_borderless(pdf, "重点建设项目联络组成员名单")
    _, fragments, found = _extract(pdf, reader)
    assert fragments == [] and found == []


def test_boxed_header_over_unruled_rows_with_wrapped_cells(tmp_path, reader):
    """A boxed header (grid) over a frame without column rules; a description wraps to a second
    line (joined), a line alone across the columns from the left is a section row."""
    pdf = tmp_path / "boxed.pdf"
    c = _canvas(pdf)
    xs = (60.0, 150.0, 230.0, 480.0, 540.0)
    c.setLineWidth(0.8)
    c.rect(xs[0], _y(130), xs[-1] - xs[0], 30, stroke=1, fill=0)
    for x in xs[1:-1]:
        c.line(x, _y(100), x, _y(130))
    c.rect(xs[0], _y(260), xs[-1] - xs[0], 128, stroke=1, fill=0)  # the body's frame
    c.setFont("Helvetica-Bold", 8)
    for x, label in zip(xs, ("DOCUMENT NO.", "DATE", "DESCRIPTION", "AMOUNT ($)")):
        c.drawString(x + 4, _y(118), label)
    c.setFont("Helvetica", 8)
    body = [
        ("DHAW001", "05/03/2019", "STAFF TRANSPORTATION", "920.68"),
        (None, None, "AIRFARE FOR E JOHNSON KANSAS CITY AND RETURN", None),
        ("Travel and lodging expenses of the district office", None, None, None),
        ("DHAW002", "05/24/2019", "SENATOR'S TRANSPORTATION", "907.96"),
        ("DHAW003", "06/04/2019", "STAFF TRANSPORTATION", "1,112.00"),
    ]
    top = 145.0
    for row in body:
        for x, text in zip(xs, row):
            if text:
                c.drawString(x + 4, _y(top), text)
        top += 11
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert table.columns == ["DOCUMENT NO.", "DATE", "DESCRIPTION", "AMOUNT ($)"]
    assert [r.texts for r in table.rows] == [
        ["DHAW001", "05/03/2019", "STAFF TRANSPORTATION AIRFARE FOR E JOHNSON KANSAS CITY AND RETURN", "920.68"],
        ["DHAW002", "05/24/2019", "SENATOR'S TRANSPORTATION", "907.96"],
        ["DHAW003", "06/04/2019", "STAFF TRANSPORTATION", "1,112.00"],
    ]
    assert [s.label for s in table.sections] == ["Travel and lodging expenses of the district office"]
    assert table.rows[1].category == "Travel and lodging expenses of the district office"


def test_coloured_header_blocks_and_rows_ruled_every_third(tmp_path, reader):
    """A spreadsheet export: header cells are coloured blocks, a group label over sub-labels
    with no rule under it (the sub-columns' rules start under the label), body rules only
    every third row."""
    pdf = tmp_path / "sheet.pdf"
    c = _canvas(pdf)
    xs = (60.0, 160.0, 220.0, 280.0, 340.0)
    c.setFillColorRGB(0.8, 1.0, 1.0)
    c.rect(xs[0], _y(130), xs[1] - xs[0], 30, stroke=0, fill=1)
    c.setFillColorRGB(1.0, 1.0, 0.0)
    c.rect(xs[1], _y(130), xs[4] - xs[1], 30, stroke=0, fill=1)
    c.setLineWidth(0.3)
    for x in xs:  # full-height column rules of the body, started at the header's bottom
        c.line(x, _y(130), x, _y(196))
    for x in xs[2:4]:  # sub-column rules: only under the group label
        c.line(x, _y(116), x, _y(130))
    for y in (130, 163, 196):
        c.line(xs[0], _y(y), xs[-1], _y(y))
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(xs[0] + 4, _y(126), "State")
    c.drawCentredString((xs[1] + xs[4]) / 2, _y(111), "Redemption")
    for x, label in zip(xs[1:], ("Handgun", "Long Gun", "*Other")):
        c.drawString(x + 4, _y(126), label)
    c.setFont("Helvetica", 8)
    states = [("Alabama", "2,179", "2,307", "11"), ("Alaska", "100", "100", "0"), ("Arizona", "1,273", "648", "4"),
              ("Arkansas", "922", "2,275", "1"), ("California", "480", "433", "4"), ("Colorado", "0", "0", "0")]
    top = 140.0
    for k, row in enumerate(states):
        c.drawString(xs[0] + 4, _y(top), row[0])
        for x, text in zip(xs[2:] + (xs[-1] + 60,), row[1:]):
            c.drawRightString(x - 4, _y(top), text)
        top += 11
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert table.columns == ["State", "Redemption/Handgun", "Redemption/Long Gun", "Redemption/*Other"]
    assert [r.texts for r in table.rows] == [list(r) for r in states]


def test_three_line_table_continued_on_the_next_page(tmp_path, reader):
    """A 三线表 cut by a page break: its first page has no bottom rule, the next page prints 续表
    and the header again between two rules; one table, rows in order."""
    font = _song()
    pdf = tmp_path / "continued.pdf"
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(680), "表1 重点建设项目表")
    for y in (700, 722):
        c.line(XS[0], _y(y), XS[-1], _y(y))
    _draw_rows(c, font, 700, [HEADER, *ROWS[:2]])
    c.showPage()
    c.setFont(font, 12)
    c.drawString(XS[0], _y(80), "续表1")
    for y in (100, 122, 166):
        c.line(XS[0], _y(y), XS[-1], _y(y))
    _draw_rows(c, font, 100, [HEADER, *ROWS[2:]])
    c.setFont(font, 12)
    c.drawString(XS[0], _y(200), PARAGRAPH)
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert (table.page_start, table.page_end) == (1, 2)
    assert table.columns == list(HEADER)
    assert [r.texts for r in table.rows] == [list(r) for r in ROWS]
    assert [r.page for r in table.rows] == [1, 1, 2, 2]



def _header_rule_pair(path: Path, caption: str):
    """A page with a caption, then the header between two rules; returns the canvas and font."""
    font = _song()
    c = _canvas(path)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), caption)
    for y in (100, 122):
        c.line(XS[0], _y(y), XS[-1], _y(y))
    _draw_rows(c, font, 100, [HEADER])
    c.setFont(font, 10.5)
    return c, font


def _close_with_paragraph(c, font: str, top: float) -> None:
    """A paragraph of running text after the table, then the page is saved."""
    c.setFont(font, 12)
    c.drawString(XS[0], _y(top), PARAGRAPH)
    c.showPage()
    c.save()


def test_padded_rows_with_a_wrapped_cell_and_centred_neighbours(tmp_path, reader):
    """Rules over and under the header only; a name wraps to two lines while the short cells
    beside it are centred on the row: the padding between rows, wider than the leading inside
    a cell, keeps the row together."""
    pdf = tmp_path / "padded.pdf"
    c, font = _header_rule_pair(pdf, "表2 重点项目表")
    top = 122.0
    rows = [(("1",), ("朔州东站综合客运", "枢纽工程"), ("市交通局",), ("2.8",)), (("2",), ("右玉通用机场",), ("右玉县政府",), ("2.5",))]
    for row in rows:
        height = 8 + 14 * max(len(cell) for cell in row)
        for x, cell in zip(XS, row):
            first = top + (height - 14 * len(cell)) / 2 + 11
            for k, line in enumerate(cell):
                c.drawString(x + 4, _y(first + 14 * k), line)
        top += height
    _close_with_paragraph(c, font, top + 40)
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert [r.texts for r in table.rows] == [
        ["1", "朔州东站综合客运枢纽工程", "市交通局", "2.8"],
        ["2", "右玉通用机场", "右玉县政府", "2.5"],
    ]


def test_header_rule_pair_with_section_and_total_rows(tmp_path, reader):
    """Under a header rule pair: a numbered section row, data rows, a total row set in one
    column — the total is not the wrapped rest of the row above it."""
    pdf = tmp_path / "sections.pdf"
    c, font = _header_rule_pair(pdf, "2022年市级重点工程项目名单")
    c.drawString(XS[0] + 4, _y(137), "一、建设项目（2项）")
    end = _draw_rows(c, font, 144, ROWS[:2])
    c.setFont(font, 10.5)
    c.drawString(XS[1] + 4, _y(end + 15), "合计：2项")
    _close_with_paragraph(c, font, end + 60)
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert [r.texts for r in table.rows] == [list(r) for r in ROWS[:2]]
    assert [(s.label, s.stated_count) for s in table.sections] == [("建设项目", 2)]
    assert table.stated_count == 2 and all(r.category == "建设项目" for r in table.rows)


def test_header_rule_pair_at_a_page_foot_over_a_total_a_section_and_one_record(tmp_path, reader):
    """A 三线表 cut by a page break right after its first record: under the header rule pair the
    page holds only 合计：11项 (in the 序号 column), a section row and one record. The total row is the
    table's own, not a paragraph line, so the page's rows are a table."""
    pdf = tmp_path / "foot.pdf"
    font = _song()
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(660), "2022年市级重点工程项目名单")
    for y in (680, 702):
        c.line(XS[0], _y(y), XS[-1], _y(y))
    _draw_rows(c, font, 680, [HEADER])
    c.setFont(font, 7)  # small enough to stay inside the 序号 column
    c.drawString(XS[0] + 2, _y(717), "合计：11项")
    c.setFont(font, 10.5)
    c.drawString(XS[0] + 4, _y(739), "一、建设项目（8项）")
    _draw_rows(c, font, 746, ROWS[:1])
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert table.columns == list(HEADER)
    assert [r.texts for r in table.rows] == [list(ROWS[0])]
    assert table.stated_count == 11 and [(s.label, s.stated_count) for s in table.sections] == [("建设项目", 8)]


# ------------------------------------------------------------------ the second issue's ruling styles
# samples/gzsource.py TABLE_RULINGS: three of the second issue's tables are printed by every
# producer without a grid; tests/expectations/sangyuan-2022-02.yaml names their style (``ruling``)
# next to their columns, rows and cells, which test_end_to_end checks on every sample.

RULING_SAMPLES = ("sangyuan-a", "sangyuan-html", "sangyuan-docx")
RULES_OVER_HEADER = {"three_line": 2, "header_rules": 2, "none": 0}


def _ruled_expectations() -> list[dict]:
    import yaml

    path = Path(__file__).resolve().parent / "expectations" / "sangyuan-2022-02.yaml"
    return [t for t in yaml.safe_load(path.read_text(encoding="utf-8"))["tables"] if t.get("ruling")]


def test_second_issue_names_one_table_per_ruling_style():
    assert sorted(t["ruling"] for t in _ruled_expectations()) == ["header_rules", "none", "three_line"]


@pytest.mark.parametrize("sample", RULING_SAMPLES)
def test_second_issue_tables_in_every_ruling_style(sample, sample_extraction, reader):
    """Each of the three tables is found with its columns and rows, and its pages print the
    style: no column rule inside the table; two rules over and under the header (three_line,
    header_rules) or none at all; a 三线表's bottom rule under its last row."""
    from conftest import sample_pdf

    ex = sample_extraction(sample)
    pdf = layout.open_pdf(sample_pdf(sample), reader)
    try:
        for exp in _ruled_expectations():
            table = next(t for t in ex.tables if t.title == exp["title"])
            assert table.columns == exp["columns"] and table.n_rows == exp["n_rows"], exp["title"]
            for page_no in range(table.page_start, table.page_end + 1):
                rows = [r for r in table.rows if r.page == page_no]
                x0 = min(b[0] for r in rows for b in r.boxes if b[2] > b[0])
                x1 = max(b[2] for r in rows for b in r.boxes if b[2] > b[0])
                top, bottom = min(r.top for r in rows), max(r.bottom for r in rows)
                (page,) = layout.iter_pages(pdf, page_no - 1, page_no - 1)
                joined = tables.join_edges(tables.snap_edges(page.edges))  # rules drawn cell by cell
                inside = [e for e in joined if e.x0 >= x0 - 2 and e.x1 <= x1 + 2]
                assert not [e for e in inside if e.orientation == "v" and e.top < bottom and e.bottom > top]
                full = [e for e in inside if e.orientation == "h" and e.x1 - e.x0 >= 0.8 * (x1 - x0)]
                above = [e for e in full if top - 80 <= e.top <= top + 2]
                assert len(above) == RULES_OVER_HEADER[exp["ruling"]], (exp["title"], page_no)
                below = [e for e in full if bottom - 2 <= e.top <= bottom + 20]
                if exp["ruling"] != "three_line" or page_no == table.page_end:
                    assert len(below) == (1 if exp["ruling"] == "three_line" else 0), (exp["title"], page_no)
    finally:
        pdf.close()


def _box_row(c, top: float, height: float = 22.0, shade: float | None = None) -> None:
    """One row of cells at ``top`` on the XS columns: outlined, or filled gray (no outline)."""
    for x0, x1 in zip(XS, XS[1:]):
        if shade is None:
            c.rect(x0, _y(top + height), x1 - x0, height, stroke=1, fill=0)
        else:
            c.setFillGray(shade)
            c.rect(x0, _y(top + height), x1 - x0, height, stroke=0, fill=1)
            c.setFillGray(0)


def test_shaded_header_over_unruled_rows(tmp_path, reader):
    """Header cells filled gray (no rule anywhere): the fills box the header like a one-row
    grid; the rows under it, in its columns, are the table's body."""
    font = _song()
    pdf = tmp_path / "shaded.pdf"
    c = _canvas(pdf)
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(80), "表1 重点建设项目表")
    _box_row(c, 100, shade=0.8)
    _draw_rows(c, font, 100, [HEADER, *ROWS])
    c.showPage()
    c.save()
    _, _, found = _extract(pdf, reader)
    (table,) = found
    assert table.columns == list(HEADER)
    assert [r.texts for r in table.rows] == [list(r) for r in ROWS]


def test_boxed_row_over_the_next_tables_caption_stays_one_row(tmp_path, reader):
    """A table's last row alone in its box at the top of a page, then the next table's caption
    and ruled grid: the lines under the box belong to that grid, not to rows of the box."""
    font = _song()
    pdf = tmp_path / "last-row.pdf"
    c = _canvas(pdf)
    c.setLineWidth(0.8)
    _box_row(c, 100)
    _draw_rows(c, font, 100, [("5", "右玉通用机场二期", "右玉县政府", "1.6")])
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, _y(150), "表2 重点建设项目表")
    top = 170.0
    for k in range(len(ROWS) + 1):
        _box_row(c, top + 22 * k)
    _draw_rows(c, font, top, [HEADER, *ROWS])
    c.showPage()
    c.save()
    _, fragments, _ = _extract(pdf, reader)
    assert [f.n_rows for f in fragments] == [1, len(ROWS) + 1]
