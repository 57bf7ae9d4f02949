"""Page forms of real gazettes that the samples do not print: landscape table pages in a portrait
gazette, page numbers of a count, 目录 section headings without brackets, 版头 and 签发人 lines.
Each form is set with reportlab here, in two fonts / layouts, and a second producer's PDF of it
(headless Chromium, from the HTML beside it) is committed under tests/fixtures/real_forms/.
Expected values are the text the test printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from printed import PAGE_HEIGHT, PAGE_WIDTH, Flow, Rule, Text, document_head, extract, font_name, ruled_table, signature

FIXTURES = Path(__file__).parent / "fixtures" / "real_forms"

# ---------------------------------------------------------------- landscape table pages

HEAD = ["序号", "项目名称", "建设内容及规模", "总投资（亿元）", "建设年限", "责任单位"]
LIST_TITLE = "江城市道路改造项目清单"


def _project_rows(first: int, last: int) -> list[list[str]]:
    return [[str(j), f"江城市第{j}号道路改造工程", f"改造道路{j}公里", f"{j}.5", "2022/2023", "市住建局"]
            for j in range(first, last + 1)]


def _draw(c, pieces: list, page_height: float) -> None:
    for piece in pieces:
        if isinstance(piece, Rule):
            c.setLineWidth(0.6)
            c.line(piece.x0, page_height - piece.top, piece.x1, page_height - piece.bottom)
            continue
        c.setFont(font_name(piece.font), piece.size)
        baseline = page_height - piece.top - piece.size * 0.88
        if piece.align == "center":
            c.drawCentredString(piece.x, baseline, piece.text)
        else:
            c.drawString(piece.x, baseline, piece.text)


def landscape_pages(path: Path, *, turn: str, font: str, portrait_rows: int, folio: bool) -> Path:
    """A 通知 on a portrait page, then its 附件 table: ``portrait_rows`` rows on a portrait page, the
    rest on two landscape pages (header repeated). ``turn``: how a landscape page is made —
    ``rotate90`` / ``rotate270`` (a portrait MediaBox with /Rotate, content drawn turned so that it
    displays upright), ``ccw`` / ``cw`` (content drawn turned on a portrait page, no /Rotate: the
    reader turns the paper). ``folio``: the page number printed upright at the portrait foot."""
    from reportlab.pdfgen import canvas

    w, h = PAGE_WIDTH, PAGE_HEIGHT
    c = canvas.Canvas(str(path), pagesize=(w, h), invariant=1)
    f = Flow(left=80, font=font)
    document_head(f, ["江城市人民政府办公室", "关于印发道路改造项目清单的通知"], "江政办发〔2022〕21号", "各县（市、区）人民政府：")
    f.paragraph(f"《{LIST_TITLE}》已经市人民政府同意，现印发给你们，请认真组织实施。")
    f.line(f"附件：{LIST_TITLE}", x=108)
    signature(f, "江城市人民政府办公室", "2022年3月8日")
    pages = [f.pieces]
    if portrait_rows:
        p = Flow(left=60, font=font)
        p.line("附件", font="hei").line(LIST_TITLE, align="center", size=20, font="hei")
        ruled_table(p, [30, 130, 100, 80, 70, 70], [HEAD, *_project_rows(1, portrait_rows)], size=10.5)
        pages.append(p.pieces)
    for k, (first, last) in enumerate([(portrait_rows + 1, portrait_rows + 11), (portrait_rows + 12, 30)]):
        g = Flow(left=70, top=60, bottom=560, font=font)
        if k == 0 and not portrait_rows:
            g.line("附件", font="hei").line(LIST_TITLE, align="center", size=20, font="hei")
        ruled_table(g, [40, 200, 150, 100, 90, 110], [HEAD, *_project_rows(first, last)], size=12)
        pages.append(("landscape", g.pieces))
    for n, page in enumerate(pages, start=1):
        c.saveState()
        if isinstance(page, tuple):
            if turn in ("rotate90", "rotate270"):
                c.setPageSize((h, w))  # reportlab swaps the box back for /Rotate 90: a portrait MediaBox
                c.setPageRotation(90 if turn == "rotate90" else 270)
            if turn in ("rotate90", "ccw"):
                c.translate(w, 0)
                c.rotate(90)
            else:
                c.translate(0, h)
                c.rotate(-90)
            _draw(c, page[1], w)
        else:
            _draw(c, page, h)
        c.restoreState()
        if folio and turn in ("ccw", "cw"):
            _draw(c, [Text(f"— {n} —", w / 2, 800, 10.5, font, "center")], h)
        c.showPage()
        c.setPageSize((w, h))
        c.setPageRotation(0)
    c.save()
    return path


@pytest.mark.parametrize("turn, font, portrait_rows, folio", [
    ("ccw", "song", 0, False), ("cw", "kai", 0, True), ("ccw", "hei", 8, True), ("cw", "song", 8, False),
    ("rotate90", "kai", 8, False), ("rotate270", "song", 0, False)])
def test_table_on_landscape_pages_is_read_and_stitched(tmp_path, turn, font, portrait_rows, folio):
    path = landscape_pages(tmp_path / "l.pdf", turn=turn, font=font, portrait_rows=portrait_rows, folio=folio)
    for reader in ("pdfium", "pdfplumber"):
        from gazette_extract import pipeline

        ex = pipeline.run(path, reader=reader)
        assert [(t.title, t.n_rows) for t in ex.tables] == [(LIST_TITLE, 30)], reader
        assert [p.name for p in ex.projects] == [f"江城市第{j}号道路改造工程" for j in range(1, 31)]
        assert {(p.start_year, p.end_year) for p in ex.projects} == {(2022, 2023)}
        assert [d.doc_number for d in ex.documents] == ["江政办发〔2022〕21号"]
        if folio:
            assert ex.printed_pages[0] == 1


def test_a_vertical_masthead_does_not_turn_a_cover(tmp_path):
    """A cover whose 刊名 is set in a vertical column (竖排) beside horizontal lines stays upright."""
    from printed import write_pdf

    pieces = [Text(ch, 80, 100 + 40 * k, 30, "hei") for k, ch in enumerate("江城市人民政府公报")]
    f = Flow(left=200, top=200)
    f.line("2022年第3期（总第45期）").line("2022年3月31日出版").line("江城市人民政府办公室主管主办")
    ex = extract(write_pdf(tmp_path / "c.pdf", [pieces + f.pieces, document_head(Flow(), ["江城市人民政府",
                 "关于加强城市供水安全管理的通知"], "江政发〔2022〕3号", "各县（市、区）人民政府：").pieces]))
    assert ex.gazette.issue_no == 3 and ex.gazette.year == 2022
