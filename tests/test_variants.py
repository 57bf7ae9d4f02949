"""Layouts the variation sweep (bench/variants.py) found broken, each on PDFs of two producers:
reportlab cases typeset at test time (samples/variant_fixtures.py, ~1 s each) and small html/docx
fixtures committed in tests/fixtures/variants/. Expected values come from the issue's source text
(tests/expectations/*.yaml), restricted to the documents a fixture keeps."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from expect import expectations, nows, strip_ordinal
from gazette_extract import layout, pipeline
from gazette_extract.layout import furniture
from gazette_extract.tables import open_tables
from gazette_extract.models import PageLayout, TextLine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "variants"
sys.path.insert(0, str(ROOT / "samples"))

import variant_fixtures  # noqa: E402


@pytest.fixture(scope="module")
def variant_pdf(tmp_path_factory):
    """variant_pdf(name) → the PDF of a case: typeset now (reportlab) or committed."""
    out = tmp_path_factory.mktemp("variants")
    cache: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in cache:
            committed = FIXTURES / f"{name}.pdf"
            cache[name] = committed if committed.exists() else variant_fixtures.build(name, out)
        return cache[name]

    return get


@pytest.fixture(scope="module")
def variant(variant_pdf):
    """variant(name) → (Extraction, manifest) of a case."""
    cache: dict[str, tuple] = {}

    def get(name: str):
        if name not in cache:
            pdf = variant_pdf(name)
            manifest = json.loads(pdf.with_suffix(".layout.json").read_text(encoding="utf-8"))
            cache[name] = (pipeline.run(pdf), manifest)
        return cache[name]

    return get


def _issue(manifest: dict) -> dict:
    return expectations("sangyuan-2022-02" if "sangyuan" in manifest["source"] else "shuozhou-2021-04")


def _expected_tables(manifest: dict) -> list[dict]:
    kept = {d["doc_number"] for d in manifest["documents"]}
    return [t for t in _issue(manifest)["tables"] if t["doc_number"] in kept]


def _table_matches(ex, spec: dict) -> list:
    return [t for t in ex.tables if t.doc_number == spec["doc_number"] and t.attachment_label == spec["attachment_label"]
            and nows(t.title) == nows(spec["title"])]


def _assert_tables_read(ex, manifest: dict) -> None:
    """Every table of the kept documents: found under its 文号, 附件 label and title, with its
    row count, and no furniture read as a title or cell."""
    specs = _expected_tables(manifest)
    assert specs
    for spec in specs:
        hits = _table_matches(ex, spec)
        assert len(hits) == 1, f"{spec['doc_number']} {spec['attachment_label']} {spec['title']}: {[(t.attachment_label, t.title) for t in ex.tables]}"
        assert hits[0].n_rows == spec["n_rows"], (spec["title"], hits[0].n_rows)
    header = nows(manifest["furniture"]["header_text"])
    for t in ex.tables:
        assert header not in nows(t.title), t.title
        assert not any(header in nows(text) for row in t.rows for text in row.texts), t.table_id


# --------------------------------------------------------------- 附件 label at the top of a page


@pytest.mark.parametrize("name", ["rl-label-top", "html-label-top"])
def test_attachment_label_opening_a_page_is_not_a_running_header(variant, name):
    """Each 附件 starts a page under a shallow head: its label is the first line in the header
    band, recurring (digits ignored) on several pages — still the label of its tables."""
    ex, manifest = variant(name)
    _assert_tables_read(ex, manifest)
    for page in manifest["tables"]:
        assert page["attachment_label"] in {t.attachment_label for t in ex.tables}


def _line(text: str, top: float, page: int = 1) -> TextLine:
    return TextLine(text=text, x0=90.0, top=top, x1=90.0 + 12 * len(text), bottom=top + 12, size=12.0, bold=False, page=page)


def test_body_label_and_rare_top_line_stay_body():
    """Unit: 附件1/附件2 at page tops and a 落款 left at the top of 3 of 40 pages are body lines;
    the running header printed on every page is furniture."""
    pages = []
    for k in range(1, 41):
        lines = [_line("某市人民政府公报", 40.0, k)]
        if k in (5, 9, 13):
            lines.append(_line("某市人民政府办公室", 70.0, k))
        elif k in (6, 10, 14):
            lines.append(_line(f"附件{k}", 70.0, k))
        lines.append(_line("正文" * 10, 300.0, k))
        pages.append(PageLayout(page=k, width=595.0, height=842.0, printed_page=None, header="", lines=tuple(lines),
                                glyphs=(), edges=(), body_size=12.0))
    out = furniture.strip_furniture(pages)
    assert all(p.header == "某市人民政府公报" for p in out)
    assert [ln.text for ln in out[4].lines][0] == "某市人民政府办公室"
    assert [ln.text for ln in out[5].lines][0] == "附件6"


# --------------------------------------------------------------- deep head and foot (B5, wide margins)


@pytest.mark.parametrize("name", ["rl-deep-head", "html-deep-head"])
def test_furniture_below_the_usual_band_is_still_furniture(variant, name):
    """A B5 page with a 30 mm head: the running header and the folio lie outside the usual
    bands; as the page's topmost and bottommost rows they are still furniture, so a continued
    table is not captioned by the header and is stitched."""
    ex, manifest = variant(name)
    _assert_tables_read(ex, manifest)
    first, offset = manifest["first_body_page"], manifest["printed_page_offset"]
    body = range(first, manifest["total_pages"] + 1)
    assert [ex.printed_pages[k - 1] for k in body] == [k - offset for k in body]


# --------------------------------------------------------------- header row alone at a page foot


@pytest.mark.parametrize("name", ["rl-header-orphan", "docx-header-orphan"])
def test_header_row_left_at_the_foot_of_a_page_starts_its_table(variant, name):
    """The header row stays at the foot of a page, the first (unsplittable) row goes to the next
    page without a repeated header: the header names the columns and the 附件 label above it
    owns the table, whose approval items all come out."""
    ex, manifest = variant(name)
    _assert_tables_read(ex, manifest)
    delegated = [a for a in ex.approval_items if a.action == "delegated"]
    want = [i for i in _issue(manifest)["records"]["approval_items"]["items"] if i["action"] == "delegated"]
    by_seq = {a.seq: nows(a.name) for a in delegated}
    assert want and all(by_seq.get(i["seq"]) == nows(i["name"]) for i in want), by_seq


# --------------------------------------------------------------- continuation lacking a merged rule


def test_continuation_whose_rows_all_merge_two_columns_is_stitched(variant):
    """Header not repeated; the continuation's rows all print 推进前期工作 across 2021年|2022年,
    so that rule is missing there: still the same table (its projects keep their category)."""
    ex, manifest = variant("rl-merged-continuation")
    _assert_tables_read(ex, manifest)
    assert all(t.title for t in ex.tables)
    exp = _issue(manifest)["records"]["projects"]["items"]
    transport = [i for i in exp if "交通" in i["list_title"]]
    got = {(strip_ordinal(p.category), p.seq) for p in ex.projects}
    assert {(strip_ordinal(i["category"]), i["seq"]) for i in transport} <= got


# --------------------------------------------------------------- open table, cells centred beside the 序号


@pytest.mark.parametrize("name", ["rl-centred-rows", "docx-centred-rows"])
def test_open_table_rows_centred_beside_their_seq(variant, name):
    """A table ruled over and under its header only, the cells centred vertically beside the
    序号: wrapped lines above and below the 序号 are one record, also on a page holding a
    single record (the next one went over)."""
    ex, manifest = variant(name)
    _assert_tables_read(ex, manifest)
    items = _issue(manifest)["records"]["approval_items"]["items"]
    got = {(a.action, a.seq): a for a in ex.approval_items}
    for item in items:
        assert (item["action"], item["seq"]) in got, item
        a = got[(item["action"], item["seq"])]
        assert nows(a.name) == nows(item["name"])
        if "legal_basis" in item:
            assert [nows(x) for x in a.legal_basis] == [nows(x) for x in item["legal_basis"]]


# --------------------------------------------------------------- a title cut by a page break


@pytest.mark.parametrize("name", ["rl-title-break"])
def test_title_cut_by_a_page_break_is_whole(variant, name):
    """Documents run on; a title's first lines end one page, its last line and the 文号 open the
    next: the title is every title line."""
    ex, manifest = variant(name)
    want = {d["doc_number"]: d["title"] for d in _issue(manifest)["documents"]}
    kept = {d["doc_number"] for d in manifest["documents"]}
    got = {d.doc_number: d.title for d in ex.documents}
    assert {n: nows(got.get(n)) for n in kept} == {n: nows(want[n]) for n in kept}


# --------------------------------------------------------------- an 附件 list whose items all wrap


@pytest.mark.parametrize("name", ["rl-wrapped-list"])
def test_wrapped_attachment_list_is_not_a_borderless_table(variant, name):
    """Item 1's wrapped line ends in 清单 right above item 2 (2. 某某…): the 附件 list goes on,
    its items are not the header and rows of a borderless table."""
    ex, manifest = variant(name)
    want = {d["doc_number"]: d for d in _issue(manifest)["documents"]}
    for doc in ex.documents:
        listed = [(a["label"], nows(a["title"])) for a in want[doc.doc_number]["attachments"]]
        assert [(a.label, nows(a.title)) for a in doc.attachments] == listed
    assert not ex.tables


# --------------------------------------------------------------- a gazette set wholly in 黑体


@pytest.mark.parametrize("name", ["rl-hei-body", "html-hei-body"])
def test_body_set_in_a_bold_looking_face_reads_regular(variant, variant_pdf, name):
    """Body, titles, headings and tables all in 黑体 (a face named …Hei…): the body lines read
    regular, so bold marks no body line as a title or caption; titles, tables, projects and the
    roster are read as printed."""
    ex, manifest = variant(name)
    for reader in layout.READERS:
        with layout.open_pdf(variant_pdf(name), reader) as opened:
            body_lines = [ln for page in layout.iter_pages(opened) for ln in page.lines
                          if abs(ln.size - page.body_size) < 0.5 and len(ln.text) >= 20]
        assert len(body_lines) > 50, reader
        assert not any(ln.bold for ln in body_lines), (reader, [ln.text for ln in body_lines if ln.bold][:3])
    _assert_tables_read(ex, manifest)
    issue = _issue(manifest)
    kept = {d["doc_number"] for d in manifest["documents"]}
    want = {d["doc_number"]: d["title"] for d in issue["documents"]}
    assert {d.doc_number: nows(d.title) for d in ex.documents} == {n: nows(want[n]) for n in kept}
    want_projects = {(nows(p["list_title"]), nows(p["category"] or ""), p["seq"], nows(p["name"]))
                     for p in issue["records"]["projects"]["items"]}
    got_projects = {(nows(p.list_title), nows(p.category or ""), p.seq, nows(p.name)) for p in ex.projects}
    transport = {p for p in want_projects if "交通强国" in p[0]}
    assert transport and transport <= got_projects
    for roster in issue["records"]["roster_members"]:
        if roster["doc_number"] in kept:
            got = sorted((m for m in ex.roster_members if nows(m.body) == nows(roster["body"])), key=lambda m: m.seq)
            assert [(m.role, nows(m.name), nows(m.position)) for m in got] == [
                (m["role"], nows(m["name"]), nows(m["position"])) for m in roster["members"]]


# --------------------------------------------------------------- an 附件 caption set like body text


@pytest.mark.parametrize("name", ["rl-plain-caption", "docx-plain-caption"])
def test_attachment_caption_centred_in_body_size_titles_its_project_list(variant, name):
    """The 附件's caption is set centred in the body's own size and face (no larger, not bold):
    it is still the caption, so the project list is titled by it, while the document's 附件
    keeps the title its 附件 list gives (the two wordings differ: 推进, brackets)."""
    ex, manifest = variant(name)
    _assert_tables_read(ex, manifest)
    issue = _issue(manifest)
    kept = {d["doc_number"] for d in manifest["documents"]}
    want = [p for p in issue["records"]["projects"]["items"] if "交通强国" in p["list_title"]]
    got = {(nows(p.list_title), nows(p.category or ""), p.seq): p for p in ex.projects}
    lists = {nows(c["list_title"]): c["total"] for c in issue["records"]["projects"]["counts"] if c["doc_number"] in kept}
    titled: dict[str, int] = {}
    for p in ex.projects:
        titled[nows(p.list_title)] = titled.get(nows(p.list_title), 0) + 1
    assert want and titled == lists
    for item in want:
        p = got[(nows(item["list_title"]), nows(item["category"]), item["seq"])]
        assert nows(p.name) == nows(item["name"])
        assert (p.start_year, p.end_year) == (item["start_year"], item["end_year"])
    listed = {d["doc_number"]: d["attachments"] for d in issue["documents"]}
    for doc in ex.documents:
        assert [(a.label, nows(a.title)) for a in doc.attachments] == [
            (a["label"], nows(a["title"])) for a in listed[doc.doc_number]]
# --------------------------------------------------------------- key-project lists (重点工程项目名单) on narrow pages


def _assert_key_project_lists_read(ex, manifest: dict) -> None:
    """Both 重点工程项目名单 of 桑政办发〔2022〕5号: every project under its list title with its
    序号, name and 领域 as the source prints them."""
    _assert_tables_read(ex, manifest)
    want = {(nows(p["list_title"]), p["seq"], nows(p["name"]), nows(p["field"] or ""))
            for p in _issue(manifest)["records"]["projects"]["items"] if "重点工程项目名单" in p["list_title"]}
    got = {(nows(p.list_title), p.seq, nows(p.name), nows(p.field or "")) for p in ex.projects}
    assert {w[0] for w in want} == {"2022年省级重点工程项目名单", "2022年市级重点工程项目名单"}
    assert want <= got, sorted(want - got)[:3]


@pytest.mark.parametrize("name", ["rl-borderless-head", "html-borderless-head"])
def test_borderless_table_whose_header_label_wraps(variant, name):
    """The 省级 list printed without any rule on a narrow page: the 序号 label wraps (序 / 号),
    its two lines half a line above and below the labels set on one line — one header row."""
    ex, manifest = variant(name)
    _assert_key_project_lists_read(ex, manifest)
    (table,) = [t for t in ex.tables if "省级" in t.title]
    assert table.columns == ["序号", "项目名称", "建设地点", "领域", "行业"]


@pytest.mark.parametrize("name", ["docx-total-over-centred", "docx-wrapped-names", "rl-wrapped-names"])
def test_wrapped_names_under_total_and_section_lines(variant, name):
    """The 市级 list's first page opens with 合计：11项 and 一、建设项目（8项） above records whose
    cells are centred beside the 序号, each name wrapped with its first line above the 序号
    (docx on 16开: a page with records 1–3; docx on A4 after the document before: records 1–5,
    every name's first line left of where a one-line name would start; reportlab: a name column
    set narrow, the whole list on one page)."""
    ex, manifest = variant(name)
    _assert_key_project_lists_read(ex, manifest)


@pytest.mark.parametrize("name", ["rl-shaded-head", "html-shaded-head"])
def test_shaded_header_over_rows_without_rules(variant, name):
    """Header cells filled gray over a 三线表 (市级), a header rule pair (事项目录) and a table
    with no rule (省级): each fill boxes its cell like rules, so the header reads as a ruled
    grid of one row; the rows under it, printed without rules, are still that table's."""
    ex, manifest = variant(name)
    _assert_key_project_lists_read(ex, manifest)
    issue = _issue(manifest)["records"]["approval_items"]
    want = {(i["action"], i["seq"], nows(i["name"]), nows(i["authority"] or "")) for i in issue["items"]}
    got = {(a.action, a.seq, nows(a.name), nows(a.authority or "")) for a in ex.approval_items}
    assert {w[0] for w in want} == {"cancelled", "delegated"} and want <= got, sorted(want - got)[:3]


def test_roster_with_a_tab_stop_narrower_than_its_label(variant):
    """Tab stops at 4.5 and 9.8 characters: 总召集人： runs past the first, so labelled lines
    set the name at the second stop; 成　员： set spaced puts 员： right by the first stop, where
    the other members' names start. Every member is read with role, name and position."""
    ex, manifest = variant("docx-tight-tab-stops")
    (roster,) = [r for r in _issue(manifest)["records"]["roster_members"] if "野生动植物" in r["body"]]
    got = sorted((m for m in ex.roster_members if nows(m.body) == nows(roster["body"])), key=lambda m: m.seq)
    assert [(m.role, nows(m.name), nows(m.position)) for m in got] == [
        (m["role"], nows(m["name"]), nows(m["position"])) for m in roster["members"]]


def test_spaced_label_tail_by_a_column_start_joins_its_head():
    """Unit: 成 | 员： with 员： within a column's tolerance of the members' name column is one
    label, joined to the name after it; the position stays a cell of its own."""
    from gazette_extract.records.rosters import running_text

    line = TextLine(text="成员：李文静市委宣传部副部长", x0=106.3, top=650.0, x1=358.3, bottom=662.0, size=12.0, bold=False,
                    page=1, segments=(("成", 106.3, 118.3), ("员：", 130.3, 154.3), ("李文静", 201.1, 237.1),
                                      ("市委宣传部副部长", 262.3, 358.3)))
    cells = running_text._segments(line, [137.5, 201.1, 262.3])
    assert [c[0] for c in cells] == ["成员：李文静", "市委宣传部副部长"]


def _row_line(text: str, x0: float, top: float, size: float = 9.0) -> TextLine:
    return TextLine(text=text, x0=x0, top=top, x1=x0 + size * len(text), bottom=top + size, size=size, bold=False, page=1)


def test_header_row_lines_overlap_where_a_label_wraps():
    """Unit: 序 / 号 half a line above and below the one-line labels are one header row; the
    合计 line below them starts the body; a one-line header is its line alone."""
    lines = [_row_line("序", 69, 164.7), _row_line("项目名称建设地点", 127, 170.7), _row_line("号", 69, 176.7),
             _row_line("合计：6项", 65, 191.1), _row_line("1桑源至忻州城际铁路", 65, 213.6)]
    assert [ln.text for ln in open_tables._header_lines(lines, 0)] == ["序", "项目名称建设地点", "号"]
    assert open_tables._header_lines(lines, 3) == [lines[3]]


def test_open_body_stops_at_the_larger_title_under_it():
    """Unit: rows in 9 pt, then the next document's 发文机关 line in 16 pt 31 pt below: more than
    2.5 row lines off, though less than 2.5 of its own."""
    rows = [_row_line("11云谷县通用机场项目云谷县", 65, 467.9), _row_line("设施", 287, 473.9)]
    title = _row_line("桑源市人民政府办公室", 160, 513.7, size=16.0)
    assert open_tables.open_body([*rows, title], 60.0, 420.0, 460.0, 842.0) == rows
