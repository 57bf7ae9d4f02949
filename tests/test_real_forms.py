"""Page forms of real gazettes that the samples do not print: landscape table pages in a portrait
gazette, page numbers of a count, 目录 section headings without brackets, 版头 and 签发人 lines.
Each form is set with reportlab here, in two fonts / layouts, and a second producer's PDF of it
(headless Chromium, from the HTML beside it) is committed under tests/fixtures/real_forms/.
Expected values are the text the test printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from printed import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Flow,
    Rule,
    Text,
    document_head,
    draw,
    extract,
    ruled_table,
    signature,
    text_width,
)

FIXTURES = Path(__file__).parent / "fixtures" / "real_forms"

# ---------------------------------------------------------------- landscape table pages

HEAD = ["序号", "项目名称", "建设内容及规模", "总投资（亿元）", "建设年限", "责任单位"]
LIST_TITLE = "江城市道路改造项目清单"


def _project_rows(first: int, last: int) -> list[list[str]]:
    return [[str(j), f"江城市第{j}号道路改造工程", f"改造道路{j}公里", f"{j}.5", "2022/2023", "市住建局"]
            for j in range(first, last + 1)]


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
            draw(c, page[1], w)
        else:
            draw(c, page, h)
        c.restoreState()
        if folio and turn in ("ccw", "cw"):
            draw(c, [Text(f"— {n} —", w / 2, 800, 10.5, font, "center")], h)
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
        if folio:  # the folio printed upright at the portrait foot of every page, turned or not
            assert ex.printed_pages == list(range(1, len(ex.printed_pages) + 1))
            assert not [p for p in ex.documents[0].paragraphs if p.text.strip("—0123456789 ") == ""]


@pytest.mark.parametrize("turn, expected_turn", [("ccw", 90), ("cw", 270), ("rotate90", 0)])
def test_turned_page_is_rendered_turned_so_boxes_fall_on_their_text(tmp_path, turn, expected_turn):
    """A landscape page drawn turned is read turned upright, and says so (page_turns); the review
    report renders it turned the same way, so every cell box of the extraction lies on the page
    image and over printed ink (a /Rotate page is displayed upright by the PDF itself: no turn)."""
    import base64
    import io

    from PIL import Image

    from gazette_extract import pipeline
    from gazette_extract.report.pages import RENDER_SCALE, render_pages

    path = landscape_pages(tmp_path / "l.pdf", turn=turn, font="song", portrait_rows=0, folio=False)
    ex = pipeline.run(path)
    assert ex.page_turns == [0, expected_turn, expected_turn]
    turns = {i + 1: t for i, t in enumerate(ex.page_turns) if t}
    images = render_pages(path, [2, 3], turns=turns)
    for page in (2, 3):
        image = images[page]
        assert (image.width, image.height) == pytest.approx((PAGE_HEIGHT, PAGE_WIDTH), abs=0.01)  # landscape
        pixels = Image.open(io.BytesIO(base64.b64decode(image.data_uri.split(",", 1)[1]))).convert("L")
        rows = [r for t in ex.tables for r in t.rows if r.page == page]
        assert rows
        for row in rows:
            for text, (x0, top, x1, bottom) in zip(row.texts, row.boxes):
                assert 0 <= x0 < x1 <= image.width and 0 <= top < bottom <= image.height, (text, page)
                if text:
                    box = tuple(round(v * RENDER_SCALE) for v in (x0, top, x1, bottom))
                    ink = sum(pixels.crop(box).histogram()[:128])
                    assert ink > 10, (text, page, box)


@pytest.mark.parametrize("font", ["song", "kai"])
def test_toc_leaders_running_on_under_three_digit_page_numbers(tmp_path, font):
    """A 目录 whose leaders run on under the page number (a browser's cut-off leaders stay in the
    text layer: read left to right, dots fall between the digits): each entry keeps its page."""
    from printed import write_pdf

    entries = [("江城市人民政府关于加强城市供水安全管理的通知", "江政发〔2022〕3号", 98),
               ("江城市人民政府办公室关于印发道路改造项目清单的通知", "江政办发〔2022〕21号", 101),
               ("江城市人民政府办公室关于做好春季农业生产工作的通知", "江政办发〔2022〕25号", 117)]
    toc = [Text("目　录", PAGE_WIDTH / 2, 90, 20, "hei", "center")]
    for k, (title, number, printed) in enumerate(entries):
        top = 140 + 60 * k
        toc.append(Text(title, 90, top, 14, font))
        dots = int((498 - 110 - text_width(number, 14, font)) / text_width(".", 14, font))
        toc.append(Text(number + "." * dots, 110, top + 24, 14, font))  # the dots end under the number
        toc.append(Text(str(printed), 505, top + 24, 14, font, "right"))
    head = document_head(Flow(), ["江城市人民政府", "关于加强城市供水安全管理的通知"], "江政发〔2022〕3号", "各县（市、区）人民政府：")
    ex = extract(write_pdf(tmp_path / "toc.pdf", [toc, head.pieces]))
    assert [(e.title, e.doc_number, e.printed_page) for e in ex.toc] == entries


def test_a_vertical_masthead_does_not_turn_a_cover(tmp_path):
    """A cover whose 刊名 is set in a vertical column (竖排) beside horizontal lines stays upright."""
    from printed import write_pdf

    pieces = [Text(ch, 80, 100 + 40 * k, 30, "hei") for k, ch in enumerate("江城市人民政府公报")]
    f = Flow(left=200, top=200)
    f.line("2022年第3期（总第45期）").line("2022年3月31日出版").line("江城市人民政府办公室主管主办")
    ex = extract(write_pdf(tmp_path / "c.pdf", [pieces + f.pieces, document_head(Flow(), ["江城市人民政府",
                 "关于加强城市供水安全管理的通知"], "江政发〔2022〕3号", "各县（市、区）人民政府：").pieces]))
    assert ex.gazette.issue_no == 3 and ex.gazette.year == 2022


# ---------------------------------------------------------------- a gazette set by a browser

GAZETTE_DOCS = [  # (目录 section, title as the 目录 prints it, 文号, 成文日期, printed page)
    ("市政府文件", "江城市人民政府关于加强城市供水安全管理的通知", "江政发〔2022〕3号", "2022-03-08", 1),
    ("市政府文件", "江城市人民政府关于公布第二批市级非物质文化遗产代表性项目名录和保护单位的通知", "江政发〔2022〕5号",
     "2022-03-10", 2),
    ("市政府办公室文件", "江城市人民政府办公室关于做好2022年春季农业生产工作的请示", "江政办报〔2022〕2号", "2022-03-12", 2),
    ("市政府办公室文件", "江城市人民政府办公室关于印发道路改造项目清单的通知", "江政办发〔2022〕21号", "2022-03-15", 3),
]


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_browser_gazette_with_real_page_forms(reader):
    """gazette-forms.html printed by Chromium: 1/5 page numbers on alternate sides under alternating
    running headers, a 目录 with unbracketed section headings, a 版头 whose title is printed under the
    文号 without its issuer, a 文号 in brackets, an 上行文 文号 line with 签发人 starting on the page where the previous
    document ends, a date in Chinese numerals, and a table going on from a portrait page onto a
    landscape page drawn turned, its folio upright at the portrait foot."""
    from gazette_extract import pipeline

    ex = pipeline.run(FIXTURES / "gazette-forms.pdf", reader=reader)
    assert (ex.gazette.year, ex.gazette.issue_no, ex.gazette.total_issue_no) == (2022, 3, 45)
    assert ex.printed_pages == [None, None, 1, 2, 3, 4, 5]
    assert [(e.section, e.title, e.doc_number, e.printed_page) for e in ex.toc] == [
        (sec, title, number, page) for sec, title, number, _, page in GAZETTE_DOCS]
    assert [(d.section, d.title, d.doc_number, str(d.sign_date), d.printed_page_start) for d in ex.documents] == [
        (sec, title, number, date, page) for sec, title, number, date, page in GAZETTE_DOCS]
    assert [d.addressees for d in ex.documents][2] == ["市人民政府"]
    assert [t.title for t in ex.tables] == [LIST_TITLE]
    assert [(p.seq, p.name, p.investment_yi, p.end_year) for p in ex.projects] == [
        (j, f"江城市第{j}号道路改造工程", j + 0.5, 2023) for j in range(1, 11)]
    assert not [c for c in ex.checks if not c.ok and not c.skipped and c.check.startswith("toc")]


def test_browser_page_numbers_beside_the_running_header():
    """running-heads.html printed by Chromium: ·2·　江城市人民政府公报 / 2022年第3期　·3· over a rule."""
    from gazette_extract import pipeline

    ex = pipeline.run(FIXTURES / "running-heads.pdf")
    assert ex.printed_pages == [1, 2, 3, 4, 5, 6]
    [doc] = ex.documents
    assert (doc.title, doc.doc_number, doc.page_end) == ("江城市人民政府关于加强城市供水安全管理的通知", "江政发〔2022〕3号", 6)
    assert "公报" not in doc.body_text and "第3期" not in doc.body_text


# ---------------------------------------------------------------- the same forms set with reportlab

GAZETTE_BODY = "为进一步做好相关工作，经市人民政府同意，现将有关事项通知如下，请结合实际认真贯彻落实。"


def page_number_text(form: str, n: int, total: int) -> str:
    return {"dash": f"— {n} —", "hyphen": f"-{n}-", "di": f"第{n}页", "count": f"{n}/{total}",
            "di_count": f"第 {n} 页 共 {total} 页", "count_di": f"共{total}页 第{n}页"}[form]


def small_gazette(path: Path, *, font: str, folio: str, toc_sections: str, head: str, folio_in_header: bool = False) -> Path:
    """Cover (期号 in Chinese numerals), 目录 and the four documents of GAZETTE_DOCS (with the title of the second shortened),
    one a page, each page's number at the outer foot (alternating sides) and a running header
    alternating 刊名 / 期号 over a rule (``folio_in_header``: the number at the outer end of the
    running header's line, the 刊名 / 期号 at its inner end). ``toc_sections``: ``bold`` (黑体 section lines) or ``plain``
    (the body face, …文件). ``head``: ``title`` (title, then 文号), ``paren`` (the 文号 in brackets), ``banner`` (版头: 发文机关标志, 文号
    or 文号 + 签发人 for the 请示, red rule, then the title without its issuer)."""
    f = Flow(left=80, font=font)
    f.skip(120).line("江城市人民政府公报", size=30, align="center", font="hei").skip(30)
    f.line("二〇二二年第三期（总第四十五期）", align="center").line("2022年3月31日出版", align="center").new_page()
    f.line("目　录", size=20, align="center", font="hei").skip(10)
    docs = [(sec, title.replace("和保护单位", ""), number, date, k + 1)
            for k, (sec, title, number, date, _) in enumerate(GAZETTE_DOCS)]
    section = None
    for sec, title, number, _, page in docs:
        if sec != section:
            f.line(sec, font="hei" if toc_sections == "bold" else font)
            section = sec
        f.line(title, x=108).row([(108, f"（{number}）"), (500, str(page))])
    for sec, title, number, date, page in docs:
        f.new_page()
        issuer = title[: title.index("关于")]
        if head in ("title", "paren"):
            document_head(f, [issuer, title[len(issuer):]], f"（{number}）" if head == "paren" else number,
                          "市人民政府：" if "请示" in title else "各县（市、区）人民政府：")
        else:
            f.line(issuer + "文件", size=30, align="center", font="hei").skip(20)
            if "请示" in title:
                f.row([(80, number), (380, "签发人：张伟")])
            else:
                f.line(number, align="center")
            f.pieces.append(Rule(80, f.y + 4, PAGE_WIDTH - 80, f.y + 4))
            f.skip(20).line(title[len(issuer):], size=20, align="center", font="hei").skip(8)
            f.line("市人民政府：" if "请示" in title else "各县（市、区）人民政府：")
        f.paragraph(GAZETTE_BODY)
        signature(f, issuer, date.replace("-0", "-").replace("-", "年", 1).replace("-", "月") + "日")
    pages = f.pages()
    for k, pieces in enumerate(pages[2:], start=1):
        outer, inner = ((PAGE_WIDTH - 80, "right"), (80, "left")) if k % 2 else ((80, "left"), (PAGE_WIDTH - 80, "right"))
        number = page_number_text(folio, k, len(pages) - 2)
        pieces.append(Text(number, outer[0], 40 if folio_in_header else 800, 10.5, font, outer[1]))
        running = "2022年第3期" if k % 2 else "江城市人民政府公报"
        pieces.append(Text(running, *(inner if folio_in_header else (PAGE_WIDTH / 2, "center"))[:1], 40, 10.5, font,
                           inner[1] if folio_in_header else "center"))
        pieces.append(Rule(80, 58, PAGE_WIDTH - 80, 58))
    from printed import write_pdf

    return write_pdf(path, pages)


@pytest.mark.parametrize("font, folio, toc_sections, head, folio_in_header", [
    ("song", "count", "bold", "banner", False), ("kai", "di_count", "plain", "title", False),
    ("hei", "count_di", "plain", "banner", False), ("song", "hyphen", "bold", "title", True),
    ("kai", "dash", "plain", "banner", True), ("song", "count", "plain", "paren", True)])
def test_page_numbers_toc_sections_and_banners(tmp_path, font, folio, toc_sections, head, folio_in_header):
    ex = extract(small_gazette(tmp_path / "g.pdf", font=font, folio=folio, toc_sections=toc_sections, head=head,
                               folio_in_header=folio_in_header))
    expected = [(sec, title.replace("和保护单位", ""), number, date, k + 1)
                for k, (sec, title, number, date, _) in enumerate(GAZETTE_DOCS)]
    assert ex.printed_pages == [None, None, 1, 2, 3, 4]
    assert (ex.gazette.year, ex.gazette.issue_no, ex.gazette.total_issue_no) == (2022, 3, 45)
    assert [(e.section, e.title, e.doc_number, e.printed_page) for e in ex.toc] == [
        (sec, title, number, page) for sec, title, number, _, page in expected]
    assert [(d.section, d.title, d.doc_number, str(d.sign_date), d.printed_page_start) for d in ex.documents] == expected
    assert not [c for c in ex.checks if not c.ok and not c.skipped]


# ---------------------------------------------------------------- 附件 mid page, seal, sections and totals

TRANSPORT_TITLE = "江城市2022年交通重点建设项目清单"
TRANSPORT = [  # (category, 序号 as printed, name, 总投资（万元）, 建设年限)
    ("铁路项目", 1, "江城至北川铁路", "123456.5", "2022/2024"), ("铁路项目", 2, "江城南站改造工程", "8000", "2022/2023"),
    ("公路项目", 1, "江城绕城高速公路", "234567.8", "2022/2025"), ("公路项目", 2, "国道208线改造", "5600", "2022/2023"),
    ("公路项目", 3, "县乡公路提质改造工程", "3000", "2022"),
]


def _expect_transport(ex) -> None:
    [doc] = ex.documents
    assert (doc.issuer, str(doc.sign_date), doc.publicity) == ("江城市人民政府办公室", "2022-03-08", "此件公开发布")
    assert [(a.label, a.title, a.page_start) for a in doc.attachments] == [("附件", TRANSPORT_TITLE, 1)]
    [table] = ex.tables
    assert (table.title, table.n_rows) == (TRANSPORT_TITLE, 5)
    assert [(s.label, s.stated_count) for s in table.sections] == [("铁路项目", 2), ("公路项目", 3)]
    assert [(p.category, p.seq, p.name, p.investment, p.schedule) for p in ex.projects] == TRANSPORT
    assert [p.investment_yi for p in ex.projects] == [12.34565, 0.8, 23.45678, 0.56, 0.3]
    assert not [c for c in ex.checks if not c.ok and not c.skipped]


def test_browser_attachment_mid_page_with_sections_total_and_wrapped_amounts():
    """table-forms.html printed by Chromium: the 附件 starts under the 落款 (a seal drawn over it), its
    table has section rows with counts, 序号 restarting per section, a 合计 row, and amounts wrapped
    by a too narrow column (12345 / 6.5)."""
    from gazette_extract import pipeline

    _expect_transport(pipeline.run(FIXTURES / "table-forms.pdf"))


@pytest.mark.parametrize("font, amount_width", [("song", 42), ("kai", 46)])
def test_attachment_mid_page_with_sections_total_and_wrapped_amounts(tmp_path, font, amount_width):
    from PIL import Image, ImageDraw
    from reportlab.pdfgen import canvas

    f = Flow(left=80, font=font)
    document_head(f, ["江城市人民政府办公室", "关于印发交通重点建设项目清单的通知"], "江政办发〔2022〕21号", "各县（市、区）人民政府：")
    f.paragraph(f"《{TRANSPORT_TITLE}》已经市人民政府同意，现印发给你们，请认真组织实施。")
    f.line(f"附件：{TRANSPORT_TITLE}", x=108)
    signature(f, "江城市人民政府办公室", "2022年3月8日")
    seal_top = f.y - 80
    f.line("（此件公开发布）", x=108).skip(20)
    f.line("附件", font="hei").line(TRANSPORT_TITLE, align="center", size=20, font="hei")
    xs = [80.0]
    for w in (40, 170, 110, amount_width, 80):
        xs.append(xs[-1] + w)
    size = 12.0
    per_line = int((amount_width - 4) // text_width("0", size, font))

    def row(cells: list[str], span: bool = False) -> None:
        """One ruled row; a number wider than its cell wraps at the cell's width (12345 / 6.5)."""
        chunks = [[t[i:i + per_line] for i in range(0, len(t), per_line)] if t.replace(".", "").isdigit() else
                  [t] for t in cells]
        if cells[3:4] == ["总投资（万元）"]:
            chunks[3] = ["总投", "资（万", "元）"]
        top, height = f.y, 8 + max(len(c) for c in chunks) * (size + 2)
        f.pieces.extend([Rule(xs[0], top, xs[-1], top), Rule(xs[0], top + height, xs[-1], top + height)])
        f.pieces.extend(Rule(x, top, x, top + height) for x in ((xs[0], xs[-1]) if span else xs))
        for x, lines in zip(xs, chunks):
            f.pieces.extend(Text(t, x + 2, top + 4 + j * (size + 2), size, font) for j, t in enumerate(lines) if t)
        f.y += height

    row(["序号", "项目名称", "建设规模", "总投资（万元）", "建设年限"])
    section = None
    for category, seq, name, amount, years in TRANSPORT:
        if category != section:
            section = category
            n = sum(c == category for c, *_ in TRANSPORT)
            row([f"{'一二'[category == '公路项目']}、{category}（{n}项）"], span=True)
        row([str(seq), name, "新建", amount, years])
    row(["合计", "", "", "374624.3", ""])
    seal = tmp_path / "seal.png"
    img = Image.new("RGBA", (120, 120), (255, 255, 255, 0))
    ImageDraw.Draw(img).ellipse((4, 4, 116, 116), outline=(220, 0, 0, 255), width=6)
    img.save(seal)
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    c.drawImage(str(seal), PAGE_WIDTH - 240, PAGE_HEIGHT - seal_top - 120, 120, 120, mask="auto")
    draw(c, f.pieces, PAGE_HEIGHT)
    c.showPage()
    c.save()
    _expect_transport(extract(path))


# ---------------------------------------------------------------- 政府令

DECREE = ("江城市城市供水管理办法", "江城市人民政府令第3号")
NOTICE = ("江城市人民政府关于加强城市供水安全管理的通知", "江政发〔2022〕3号")


def _expect_decree(ex) -> None:
    assert [(e.section, e.title, e.doc_number, e.printed_page) for e in ex.toc] == [
        ("市政府令", *DECREE, 1), ("市政府文件", *NOTICE, 3)]
    assert [(d.section, d.title, d.doc_number, d.doc_code, d.doc_serial, str(d.sign_date), d.printed_page_start)
            for d in ex.documents] == [
        ("市政府令", *DECREE, "江城市人民政府令", 3, "2022-03-01", 1), ("市政府文件", *NOTICE, "江政发", 3, "2022-03-08", 3)]
    assert not [c for c in ex.checks if not c.ok and not c.skipped and c.check.startswith(("toc", "document"))]


def test_browser_decree():
    """decree.html printed by Chromium: 江城市人民政府令 over 第3号, the 目录 naming the 规章 with the 令
    number in brackets after it."""
    from gazette_extract import pipeline

    _expect_decree(pipeline.run(FIXTURES / "decree.pdf"))


@pytest.mark.parametrize("font, toc_form", [("song", "after"), ("kai", "before")])
def test_decree_head_over_its_number(tmp_path, font, toc_form):
    """``toc_form``: the 目录 prints the 令 number after the 规章's title, in brackets, or before it."""
    from printed import write_pdf

    f = Flow(left=80, font=font)
    f.skip(120).line("江城市人民政府公报", size=30, align="center", font="hei").skip(30).line("2022年第3期", align="center")
    f.new_page().line("目　录", size=20, align="center", font="hei").skip(10).line("【市政府令】", font="hei")
    if toc_form == "after":
        f.row([(96, "江城市城市供水管理办法（江城市人民政府令第3号）……"), (500, "1")])
    else:
        f.line("江城市人民政府令（第3号）", x=96).row([(96, "江城市城市供水管理办法………………"), (500, "1")])
    f.line("【市政府文件】", font="hei").line(NOTICE[0], x=96).row([(96, f"（{NOTICE[1]}）"), (500, "3")])
    f.new_page().line("江城市人民政府令", size=22, align="center", font="hei").line("第3号", align="center").skip(10)
    f.paragraph("《江城市城市供水管理办法》已经2022年2月28日市人民政府第5次常务会议通过，现予公布，自2022年5月1日起施行。")
    f.line("市长　张伟", x=400).line("2022年3月1日", x=400).skip(20)
    f.line("江城市城市供水管理办法", size=20, align="center", font="hei").line("第一章　总则", align="center", font="hei")
    f.paragraph("第一条　为了加强城市供水管理，保障城市生活、生产用水和其他各项建设用水，结合本市实际，制定本办法。")
    f.new_page().paragraph("第二条　本办法自2022年5月1日起施行。")
    document_head(f.new_page(), ["江城市人民政府", NOTICE[0][7:]], NOTICE[1], "各县（市、区）人民政府：")
    f.paragraph("为进一步加强城市供水安全管理，现将有关事项通知如下，请认真贯彻落实。")
    signature(f, "江城市人民政府", "2022年3月8日")
    pages = f.pages()
    for k, pieces in enumerate(pages[2:], start=1):
        pieces.append(Text(f"— {k} —", PAGE_WIDTH / 2, 800, 10.5, font, "center"))
    _expect_decree(extract(write_pdf(tmp_path / "d.pdf", pages)))


# ---------------------------------------------------------------- title blocks and 文号 forms

TITLE_DOCS = [  # (section, issuer, subject, 文号, date, how the head is printed)
    ("市政府文件", "江城市人民政府", "关于加强城市供水安全管理的通知", "江政发〔2022〕3号", "2022-03-08", "issuer_body"),
    ("市政府文件", "江城市人民政府", "关于表彰2021年度安全生产先进单位的决定", "江政发〔2022〕5号", "2022-03-10", "gap"),
    ("市政府办公室文件", "江城市人民政府办公室", "关于做好春季农业生产工作的通知", "江政办发〔2022〕9号", "2022-03-12",
     "right_under"),
    ("市政府办公室文件", "江城市人民政府办公室", "关于印发道路改造项目清单的通知", "江政办发〔二〇二二〕21号", "2022-03-15",
     "brackets"),
    ("市政府办公室文件", "江城市人民政府办公室", "关于开展2022年安全生产月活动的通知", "江政办发〔2022〕25号", "2022-03-18",
     "body_size"),
]
# the third document cites the fourth by its 文号 with the year in Arabic digits
CITING = "《江城市人民政府办公室关于印发道路改造项目清单的通知》（江政办发〔2022〕21号）"


def _expect_title_forms(ex) -> None:
    assert [(e.section, e.title, e.doc_number, e.printed_page) for e in ex.toc] == [
        (sec, issuer + subject, number, k + 1) for k, (sec, issuer, subject, number, _, _) in enumerate(TITLE_DOCS)]
    assert [(d.section, d.title, d.doc_number, d.doc_code, d.doc_year, d.doc_serial, str(d.sign_date), d.issuer)
            for d in ex.documents] == [
        (sec, issuer + subject, number, number[: number.index("〔")], 2022, int(number[number.index("〕") + 1 : -1]), date,
         issuer) for sec, issuer, subject, number, date, _ in TITLE_DOCS]
    assert [d.addressees for d in ex.documents] == [["各县（市、区）人民政府"]] * len(TITLE_DOCS)
    [ref] = [r for r in ex.references if r.cited_doc_number]
    assert (ref.doc_number, ref.cited_doc_number, ref.cited_year, ref.cited_serial, ref.cited_doc_id) == (
        "江政办发〔2022〕9号", "江政办发〔2022〕21号", 2022, 21, ex.documents[3].doc_id)
    assert not [c for c in ex.checks if not c.ok and not c.skipped and c.check.startswith(("toc", "document"))]


def title_forms_gazette(path: Path, *, font: str, left: float, title_size: float) -> Path:
    """Cover, 目录 and the documents of TITLE_DOCS, one a page: the issuer set in the body face
    and size, centred over 关于… in the title size; the 文号 at the right end of the title's last
    line past a wide gap; the 文号 right-aligned on the line under the title; the 文号 in brackets
    right after the title, its year in Chinese numerals; the whole title in the body face and
    size, centred over its centred 文号."""
    from printed import write_pdf

    f = Flow(left=left, font=font)
    f.skip(120).line("江城市人民政府公报", size=30, align="center", font="hei").skip(30)
    f.line("2022年第3期", align="center").new_page()
    f.line("目　录", size=20, align="center", font="hei").skip(10)
    section = None
    for k, (sec, issuer, subject, number, _, _) in enumerate(TITLE_DOCS):
        if sec != section:
            f.line(f"【{sec}】", font="hei")
            section = sec
        f.line(issuer + subject, x=left + 28).row([(left + 28, f"（{number}）"), (f.right - 10, str(k + 1))])
    for sec, issuer, subject, number, date, form in TITLE_DOCS:
        f.new_page()
        if form == "issuer_body":
            f.line(issuer, align="center").line(subject, size=title_size, align="center", font="hei")
            f.skip(6).line(number, align="center").skip(8)
        elif form == "gap":
            cut = subject.index("年度") + 2  # 关于表彰2021年度 | 安全生产先进单位的决定　　江政发〔2022〕5号
            f.line(issuer + subject[:cut], size=title_size, align="center", font="hei")
            f.pieces.append(Text(subject[cut:], left + 28, f.y, title_size, "hei"))
            f.pieces.append(Text(number, f.right, f.y + title_size - f.size, f.size, font, "right"))
            f.skip(max(f.leading, title_size * 1.7) + 14)
        elif form == "right_under":
            f.line(issuer + subject, size=title_size, align="center", font="hei")
            f.line(number, x=f.right, align="right").skip(8)
        elif form == "brackets":
            f.line(issuer, size=title_size, align="center", font="hei")
            f.line(f"{subject}（{number}）", size=title_size, align="center", font="hei").skip(14)
        else:
            f.line(issuer, align="center").line(subject, align="center").skip(6).line(number, align="center").skip(8)
        f.line("各县（市、区）人民政府：")
        f.paragraph(f"为进一步做好相关工作，经市人民政府同意，现将有关事项通知如下，请按照{CITING}要求认真贯彻落实。"
                    if form == "right_under" else GAZETTE_BODY)
        if form == "body_size":
            f.paragraph("各县（市、区）人民政府要切实履行属地责任，市直各有关单位要按照职责分工做好指导和服务工作，确保各项任务落到实处、取得实效。")
        signature(f, issuer, date.replace("-0", "-").replace("-", "年", 1).replace("-", "月") + "日")
    pages = f.pages()
    for k, pieces in enumerate(pages[2:], start=1):
        pieces.append(Text(f"— {k} —", PAGE_WIDTH / 2, 800, 10.5, font, "center"))
    return write_pdf(path, pages)


@pytest.mark.parametrize("font, left, title_size", [("song", 80, 20), ("kai", 70, 18)])
def test_title_block_and_doc_number_forms(tmp_path, font, left, title_size):
    _expect_title_forms(extract(title_forms_gazette(tmp_path / "t.pdf", font=font, left=left, title_size=title_size)))


def test_browser_title_block_and_doc_number_forms():
    """title-forms.html printed by Chromium: the forms of ``title_forms_gazette`` set by a browser."""
    from gazette_extract import pipeline

    _expect_title_forms(pipeline.run(FIXTURES / "title-forms.pdf"))
