"""The review report (report.html) and the page debug image (inspect), on the real samples.

One extraction of samples/gazette-a.pdf is written once per session and its report made once
(with --all-pages); the browser tests drive that report in Debian's chromium, launched once.
Expected titles come from tests/expectations (written from the source text), not from output.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from expect import expectations, nows
from gazette_extract import report
from gazette_extract.errors import PageOutOfRangeError
from gazette_extract.report import build, inspect
from gazette_extract.models import Cell, Check, Table, TableSection
from gazette_extract.report.view import body_rows, check_subjects, header_rows, row_box
from gazette_extract.validate import load_extraction
from gazette_extract.write import write_outputs

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# a report of a 113-page gazette must stay under about this size
MAX_REPORT_BYTES = 20_000_000


@pytest.fixture(scope="session")
def out_a(extraction_a, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    write_outputs(extraction_a, out)
    return out


@pytest.fixture(scope="session")
def report_a(out_a) -> Path:
    return report.write_report(out_a, Path(__file__).resolve().parents[1] / "samples" / "gazette-a.pdf", all_pages=True)


@pytest.fixture(scope="session")
def html_a(report_a) -> str:
    return report_a.read_text(encoding="utf-8")


def _text(html: str) -> str:
    """The report's visible text, whitespace removed (for comparing with expectations)."""
    body = re.sub(r"<style>.*?</style>|<script>.*?</script>", "", html, flags=re.S)
    return nows(html_lib.unescape(re.sub(r"<[^>]+>", "", body)))


# ---------------------------------------------------------------- content


def test_report_is_one_self_contained_file(report_a, html_a, extraction_a):
    assert report_a.name == "report.html" and report_a.parent.name == "out"
    assert "http://" not in html_a and "https://" not in html_a
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?!#|data:)[^"'\s>]""", html_a)
    assert re.findall(r"url\(([^)]{0,5})", html_a) == ["data:"] * len(re.findall(r"url\(", html_a))
    assert 0 < report_a.stat().st_size < MAX_REPORT_BYTES * extraction_a.gazette.page_count / 113


def test_report_names_every_document_and_table_from_the_source(html_a):
    text = _text(html_a)
    truth = expectations()
    for doc in truth["documents"]:
        assert nows(doc["title"]) in text, doc["title"]
        assert nows(doc["doc_number"]) in text
        for unit in doc.get("addressees") or []:
            assert nows(unit) in text
    for table in truth["tables"]:
        if table.get("title"):
            assert nows(table["title"]) in text, table["title"]


def test_report_has_an_image_of_every_page_with_a_table(html_a, extraction_a):
    images = set(map(int, re.findall(r"\.pg-(\d+) \{ background-image: url\(data:image/webp;base64,", html_a)))
    assert images == set(range(1, extraction_a.gazette.page_count + 1))  # --all-pages
    for t in extraction_a.tables:
        for page in range(t.page_start, t.page_end + 1):
            assert f'id="{t.table_id}-p{page}"' in html_a


def test_report_lists_failed_checks_first_with_links(html_a, extraction_a):
    failed = [c for c in extraction_a.checks if c.failed]
    assert failed, "the sample's ★ count fails (15 stated, 13 printed): the report must show it"
    block = html_a[html_a.index('id="failed"'):html_a.index('id="documents"')]
    for c in failed:
        assert f'data-check="{c.check}"' in block
        assert html_lib.escape(c.subject, quote=False) in block
    # the ★ check names the 37号 document, its tables and the page of the phrase
    row = block[block.index('data-check="starred_count"'):]
    row = row[:row.index("</tr>")]
    assert 'href="#doc-' in row and 'href="#table-t' in row and 'href="#page-' in row
    assert block.index("failed-check") < block.index("passed, skipped or info")


def test_report_tables_show_headers_sections_stars_and_boxes(html_a, extraction_a):
    projects = next(t for t in extraction_a.tables if t.sections and t.kind == "projects")
    section = html_a[html_a.index(f'id="table-{projects.table_id}"'):]
    section = section[:section.index('class="block table-view"', 10)]
    for s in projects.sections:
        assert html_lib.escape(s.label, quote=False) in section
        assert 'class="section"' in section
    assert section.count('class="rowbox"') == projects.n_rows
    assert 'class="header"' in section and 'class="grid"' in section
    assert any('<span class="star">★</span>' in html_a for _ in [0])
    continued = next(t for t in extraction_a.tables if t.page_end > t.page_start)
    assert f'id="{continued.table_id}-p{continued.page_end}"' in html_a
    block = html_a[html_a.index(f'id="{continued.table_id}-p{continued.page_end}"'):]
    assert "续 continued" in block[:block.index("</figcaption>")]


def test_report_has_a_sortable_view_per_record_kind(html_a, extraction_a):
    for kind in ("approval_items", "projects", "tasks", "roster_members", "references"):
        records = getattr(extraction_a, kind)
        block = html_a[html_a.index(f'id="records-{kind}"'):]
        block = block[:block.index("</table>")]
        assert 'class="grid sortable"' in block
        assert block.count("<tr>") == len(records) + 1
    assert 'href="#t' in html_a[html_a.index('id="records-projects"'):]
    cited = html_a[html_a.index('id="records-references"'):]
    assert f'href="#doc-{extraction_a.references[0].doc_id}"' in cited[:cited.index("</tr>", cited.index("<tbody>"))]


def test_default_report_shows_only_pages_with_tables_or_failed_checks(out_a, extraction_a):
    html = build.render_report(out_a, Path(__file__).resolve().parents[1] / "samples" / "gazette-a.pdf")
    images = set(map(int, re.findall(r"\.pg-(\d+) \{", html)))
    table_pages = {p for t in extraction_a.tables for p in range(t.page_start, t.page_end + 1)}
    assert table_pages <= images < set(range(1, extraction_a.gazette.page_count + 1))


def test_report_finds_the_pdf_by_its_recorded_name_or_says_there_is_none(out_a, tmp_path):
    html = build.render_report(out_a)  # gazette-a.pdf is neither beside OUT/ nor in the cwd
    assert "data:image" not in html and 'id="image-note"' in html and "--pdf" in html
    out = tmp_path / "out"
    shutil.copytree(out_a, out)
    shutil.copy(Path(__file__).resolve().parents[1] / "samples" / "gazette-a.pdf", tmp_path / "gazette-a.pdf")
    assert build.find_pdf(out, load_extraction(out)) == tmp_path / "gazette-a.pdf"  # beside OUT/


def test_report_of_the_wrong_pdf_has_no_images(out_a):
    html = build.render_report(out_a, Path(__file__).resolve().parents[1] / "samples" / "gazette-b.pdf")
    assert "data:image" not in html and "sha256 differs" in html


def test_two_level_headers_and_escaped_cells():
    top, below = header_rows(["序号", "分年度任务/2021年", "分年度任务/2022年", "开/竣工时间"])
    assert [(h.text, h.colspan, h.rowspan) for h in top] == [("序号", 1, 2), ("分年度任务", 2, 1), ("开/竣工时间", 1, 2)]
    assert [h.text for h in below] == ["2021年", "2022年"]
    assert len(header_rows(["序号", "开/竣工时间"])) == 1
    assert str(build.cell_html('<b a="1">★1\n2')) == '&lt;b a=&#34;1&#34;&gt;<span class="star">★</span>1<br>2'


def test_tables_carry_the_geometry_the_report_draws(extraction_a, extraction_b):
    for extraction in (extraction_a, extraction_b):
        for t in extraction.tables:
            pages = [f.page for f in t.frames]
            assert pages[0] == t.page_start and pages[-1] == t.page_end
            assert not t.frames[0].continued and all(f.continued for f in t.frames[1:])
            for f in t.frames:
                assert f.x0 < f.x1 and f.top < f.bottom and f.xs[0] == pytest.approx(f.x0, abs=2)
            for s in t.sections:
                assert s.top is not None and s.top < s.bottom


# ---------------------------------------------------------------- inspect


@pytest.fixture(scope="module")
def sample_a() -> Path:
    return Path(__file__).resolve().parents[1] / "samples" / "gazette-a.pdf"


def _colour_pixels(image: Image.Image, colour: tuple[int, int, int], box: tuple[int, int, int, int]) -> int:
    counts = image.crop(box).getcolors(maxcolors=1 << 24) or []
    return sum(n for n, px in counts if px[:3] == colour)


def test_inspect_draws_each_layer_with_a_legend(sample_a, extraction_a, tmp_path):
    table = next(t for t in extraction_a.tables if t.kind == "projects")
    plain = next(d for d in extraction_a.documents if not any(
        t.page_start <= d.page_start <= t.page_end for t in extraction_a.tables)).page_start
    with_table = inspect.inspect_page(sample_a, table.page_start, tmp_path / "table.png")
    without = inspect.inspect_page(sample_a, plain, tmp_path / "plain.png")
    for path, page in ((with_table, table.page_start), (without, plain)):
        image = Image.open(path).convert("RGB")
        page_height = round(extraction_a_page_height(sample_a, page) * inspect.INSPECT_SCALE)
        assert image.height > page_height + 40  # the legend band
        legend = (0, page_height, image.width, image.height)
        for colour in (inspect.TEXT_LINE, inspect.SEGMENT, inspect.EDGE, inspect.CELL, inspect.TABLE):
            assert _colour_pixels(image, colour[:3], legend) > 50
        table_pixels = _colour_pixels(image, inspect.TABLE[:3], (0, 0, image.width, page_height))
        assert (table_pixels > 1000) == (page == table.page_start)


def extraction_a_page_height(pdf: Path, page: int) -> float:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[page - 1].get_size()[1]
    finally:
        doc.close()


def test_inspect_finds_the_furniture_the_pipeline_removes(sample_a, extraction_a):
    page = next(i + 1 for i, n in enumerate(extraction_a.printed_pages) if n is not None and i > 10)
    debug = inspect.read_page_debug(sample_a, page)
    assert [ln.text for ln in debug.folio] and str(extraction_a.printed_pages[page - 1]) in debug.folio[0].text
    assert any(nows(expectations()["gazette"]["title"]) in nows(ln.text) for ln in debug.header)
    kept = {ln.text for ln in debug.page.lines}
    assert all(ln.text in kept for ln in debug.header + debug.folio)  # drawn where the page prints them


def test_inspect_on_a_second_producer(corpus, tmp_path):
    pdf = corpus / "tw-taipei-daan-health-center-letter-with-table-2020.pdf"
    letter = inspect.read_page_debug(pdf, 1)
    assert [ln.text for ln in letter.margin_marks] == ["裝", "訂", "線"]  # binding marks on the margin
    table = inspect.read_page_debug(pdf, 3)
    assert table.fragments and table.page.edges and not table.margin_marks
    assert inspect.inspect_page(pdf, 3, tmp_path / "tw.png").stat().st_size > 10_000


def test_inspect_rejects_a_page_past_the_end(sample_a, extraction_a):
    with pytest.raises(PageOutOfRangeError, match="no page"):
        inspect.read_page_debug(sample_a, extraction_a.gazette.page_count + 1)


# ---------------------------------------------------------------- command line


def test_cli_report_and_inspect(out_a, sample_a, tmp_path):
    from typer.testing import CliRunner

    from gazette_extract.cli import app

    runner = CliRunner()
    out = tmp_path / "out"
    shutil.copytree(out_a, out)
    result = runner.invoke(app, ["report", str(out), "--pdf", str(sample_a)])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").is_file() and "report.html" in result.output
    result = runner.invoke(app, ["report", str(tmp_path / "missing")])
    assert result.exit_code == 2
    png = tmp_path / "p.png"
    result = runner.invoke(app, ["inspect", str(sample_a), "--page", "2", "--out", str(png)])
    assert result.exit_code == 0 and Image.open(png).format == "PNG"
    result = runner.invoke(app, ["inspect", str(sample_a), "--page", "9999"])
    assert result.exit_code == 2


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (installed by `make test`; never downloaded)."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: `make browser` installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def opened_report(browser, report_a):
    """The report open in a page, with its console errors and network requests recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url))
    page.goto(report_a.as_uri())
    page.wait_for_load_state("load")
    yield page, errors, requests
    page.close()


def test_browser_renders_without_errors_or_network(opened_report, report_a):
    page, errors, requests = opened_report
    assert errors == []
    assert [u for u in requests if not u.startswith(("data:", report_a.as_uri()))] == []
    assert page.title().startswith("Review: ")


def test_browser_shows_every_document_and_table(opened_report, extraction_a):
    page, _, _ = opened_report
    titles = [nows(t) for t in page.locator("article.doc h3.doc-title").all_inner_texts()]
    for doc in expectations()["documents"]:
        assert nows(doc["title"]) in titles
    shown = {nows(t) for t in page.locator("section.table-view h3.table-title").all_inner_texts()}
    for table in expectations()["tables"]:
        if table.get("title"):
            assert any(nows(table["title"]) in t for t in shown), table["title"]
    assert page.locator("section.table-view").count() == len(extraction_a.tables)
    # every table's page images are laid out (the data: image is decoded and sized)
    first = page.locator("section.table-view figure.page .sheet").first
    assert first.bounding_box()["height"] > 100
    assert "data:image/webp" in first.evaluate("e => getComputedStyle(e).backgroundImage")


def test_browser_row_click_highlights_its_box(opened_report, extraction_a):
    page, errors, _ = opened_report
    table = next(t for t in extraction_a.tables if t.n_rows >= 3)
    row = page.locator(f"#{table.table_id}-r2")
    row.scroll_into_view_if_needed()
    row.click()
    box = page.locator(f"#box-{table.table_id}-r2")
    assert "hl" in box.get_attribute("class").split()
    fill = box.locator("rect").evaluate("e => getComputedStyle(e).fill")
    assert fill.replace(" ", "") == "rgba(245,180,0,0.45)"
    assert "hl" in row.get_attribute("class").split()
    # another row moves the highlight
    page.locator(f"#{table.table_id}-r0").click()
    assert "hl" not in box.get_attribute("class").split()
    assert "hl" in page.locator(f"#box-{table.table_id}-r0").get_attribute("class").split()
    assert errors == []


def test_browser_record_views_sort(opened_report, extraction_a):
    page, errors, _ = opened_report
    view = page.locator("#records-projects table")
    seq_col = ["seq" == t for t in view.locator("thead th").all_inner_texts()].index(True)
    header = view.locator("thead th").nth(seq_col)
    header.click()
    header.click()  # descending
    first = view.locator("tbody tr").first.locator("td").nth(seq_col).inner_text()
    assert int(first) == max(p.seq for p in extraction_a.projects if p.seq is not None)
    assert errors == []


def test_extract_with_report_writes_it_after_extraction(tmp_path):
    from test_bad_input import DOC_TITLE, make_document_pdf
    from typer.testing import CliRunner

    from gazette_extract.cli import app

    pdf = make_document_pdf(tmp_path / "doc.pdf")
    result = CliRunner().invoke(app, ["extract", str(pdf), "--out", str(tmp_path / "out"), "--report", "--quiet"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert nows(DOC_TITLE) in _text(html) and 'id="image-note"' not in html


# ---------------------------------------------------------------- the view, on small made-up input


def _cell(row: int, col: int, text: str, top: float, bottom: float, page: int = 1) -> Cell:
    x = 50.0 + 60 * col
    return Cell(gazette_id="g", table_id="t01", row=row, col=col, column=f"c{col}", text=text, page=page,
                x0=x, top=top, x1=x + 60, bottom=bottom)


def test_row_box_is_the_band_all_its_cells_share():
    merged = _cell(0, 0, "group", 100, 200)  # a group cell spanning two printed rows
    page, box = row_box([merged, _cell(0, 1, "a", 100, 140), _cell(0, 2, "b", 100, 140)])
    assert page == 1 and (box.x, box.y, box.w, box.h) == (50.0, 100.0, 180.0, 40.0)
    placeholder = _cell(0, 0, "", 100, 140).model_copy(update={"x0": 0.0, "x1": 0.0})  # as write.py fills a missing box
    assert row_box([placeholder]) is None


def test_filled_group_cells_are_marked():
    table = Table(gazette_id="g", table_id="t01", columns=["c0", "c1"], n_rows=3, page_start=1, page_end=2,
                  sections=[TableSection(label="建设项目", stated_count=2, first_row=0, page=1)])
    cells = {
        0: [_cell(0, 0, "group", 100, 200), _cell(0, 1, "a", 100, 140)],
        1: [_cell(1, 0, "group", 100, 200), _cell(1, 1, "a", 140, 200)],  # same text, own box: printed twice
        2: [_cell(2, 0, "group", 60, 90, page=2), _cell(2, 1, "c", 60, 90, page=2)],  # carried to page 2
    }
    rows = body_rows(table, cells)
    assert [r.kind for r in rows] == ["section", "data", "data", "data"]
    assert rows[0].label == "建设项目（2项）"
    assert [[c.fill for c in r.cells] for r in rows[1:]] == [[False, False], [True, False], [True, False]]


def test_check_subjects_read_document_tables_and_pages(extraction_a):
    doc = next(d for d in extraction_a.documents if d.doc_number)
    table = extraction_a.tables[0]
    check = Check(gazette_id="g", check="x", subject=f"{doc.doc_number} 附件", expected="1", actual="2", ok=False,
                  message=f"rows in table(s) {table.table_id}, t999 (PDF pp.{table.page_start}-{table.page_start + 1})")
    docs, tables, pages = check_subjects(check, extraction_a)
    assert docs == [doc] and tables == [table] and pages == [table.page_start]


def test_report_of_a_second_producer(corpus, tmp_path):
    """A Taiwanese 函 (another producer, landscape table pages, a two-level header continued over
    two pages): each page of the table gets its image, grid, header band and a box per row."""
    from gazette_extract import pipeline

    pdf = corpus / "tw-taipei-daan-health-center-letter-with-table-2020.pdf"
    extraction = pipeline.run(pdf)
    write_outputs(extraction, tmp_path / "out")
    html = build.render_report(tmp_path / "out", pdf)
    table = next(t for t in extraction.tables if t.page_end > t.page_start)
    for page in range(table.page_start, table.page_end + 1):
        figure = html[html.index(f'id="{table.table_id}-p{page}"'):]
        figure = figure[:figure.index("</figure>")]
        assert f'class="sheet pg-{page}"' in figure and 'class="header"' in figure and 'class="grid"' in figure
        assert ("续 continued" in figure) == (page > table.page_start)
    assert html.count('class="rowbox"') == sum(t.n_rows for t in extraction.tables)
    assert re.search(r'<th colspan="([2-9]|\d\d)" rowspan="1">', html)  # a parent over its children
