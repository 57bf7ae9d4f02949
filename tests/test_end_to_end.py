"""End-to-end acceptance tests: every sample PDF (expect.SAMPLE_SET: two issues, each typeset
by reportlab, by Chromium from HTML and by LibreOffice from DOCX) through the whole pipeline.

The truth comes from two places only:
* tests/expectations/<issue>.yaml — written by reading that issue's source text (the header
  comment defines the comparison conventions, implemented in tests/expect.py);
* samples/<sample>.layout.json — the typesetter's manifest: where each document and table
  was placed (PDF pages, printed pages, TOC printed pages).

Each sample is extracted once per session (conftest ``extractions``) and written once with
``write_outputs`` into a temporary directory (``outputs``). Tests are parametrized by (sample,
item of that sample's issue); ids start with the sample and name the 文号 (zhengfa-26 = 朔政发〔2021〕26号,
banfa-32 = 朔政办发〔2021〕32号, banhan-45 = 朔政办函〔2021〕45号), the table key of the YAML or the
record. Expectations the extractor does not meet yet on a producer are marked xfail in
tests/producer_xfails.py (applied by conftest), never weakened here.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from expect import (
    SAMPLES,
    doc_id,
    expectations_for,
    field_mismatches,
    furniture_in,
    issue_of,
    list_id,
    manifest,
    manifest_document,
    manifest_table,
    manifest_toc,
    nows,
    project_id,
    same,
    strip_ordinal,
)

ROOT = Path(__file__).resolve().parents[1]


def cases(items_of, ids_of=None, samples=SAMPLES) -> list:
    """pytest params (sample, *item) for every sample, the items taken from that sample's issue:
    items_of(expectations) → items (a tuple item spreads over several arguments)."""
    out = []
    for sample in samples:
        for item in items_of(expectations_for(sample)):
            args = item if isinstance(item, tuple) else (item,)
            out.append(pytest.param(sample, *args, id=f"{sample}-{ids_of(*args)}" if ids_of else sample))
    return out


# ============================================================================ fixtures


@pytest.fixture(scope="session")
def extraction(sample_extraction):
    """extraction("gazette-a") → the Extraction of samples/gazette-a.pdf with this test's reader
    (pipeline run once per sample and reader, shared with the other test modules through conftest's cache)."""
    return sample_extraction


@pytest.fixture(scope="session")
def outputs(extraction, tmp_path_factory):
    """outputs("gazette-a") → the OUT/ directory write_outputs produced for that sample (once)."""
    written: dict[str, Path] = {}

    def get(sample: str) -> Path:
        if sample not in written:
            from gazette_extract.write import write_outputs

            out = tmp_path_factory.mktemp(f"e2e-{sample}-{extraction(sample).gazette.reader}") / "out"
            write_outputs(extraction(sample), out)
            written[sample] = out
        return written[sample]

    return get


sample_param = pytest.mark.parametrize("sample", SAMPLES)


# ============================================================================ lookups


def find_document(ex, doc_number: str):
    hits = [d for d in ex.documents if d.doc_number == doc_number]
    if len(hits) != 1:
        pytest.fail(
            f"{len(hits)} documents with 文号 {doc_number}; extracted 文号: {[d.doc_number for d in ex.documents]}"
        )
    return hits[0]


def find_toc_entry(ex, seq: int):
    hits = [e for e in ex.toc if e.seq == seq]
    if len(hits) != 1:
        pytest.fail(f"{len(hits)} TOC entries with seq {seq}; extracted seqs: {[e.seq for e in ex.toc]}")
    return hits[0]


def _table_summary(ex) -> list:
    return [(t.table_id, t.doc_number, t.attachment_label, t.title, t.n_rows) for t in ex.tables]


def strict_tables(ex, spec: dict) -> list:
    """Tables matching the YAML table by 文号 + 附件 label + title (whitespace removed)."""
    return [
        t
        for t in ex.tables
        if t.doc_number == spec["doc_number"]
        and t.attachment_label == spec["attachment_label"]
        and nows(t.title) == nows(spec["title"])
    ]


def locate_table(ex, spec: dict, tables: list):
    """The extracted table for a YAML table, to test its other properties (so that a wrong
    文号/附件 label/caption is reported once, by test_table_found, not by every property test):
    1. the strict match (文号 + 附件 label + title);
    2. else the one table whose caption equals the YAML title (leading ordinal ignored);
    3. else by order: the YAML tables sharing this 文号 + 附件 label and the extracted tables
       with that 文号 + 附件 label, when there are as many of each, pair up in reading order.
    """
    hits = strict_tables(ex, spec)
    if len(hits) == 1:
        return hits[0]
    loose = [t for t in ex.tables if strip_ordinal(t.title) == strip_ordinal(spec["title"])]
    if len(loose) == 1:
        return loose[0]
    group = [s for s in tables if (s["doc_number"], s["attachment_label"]) == (spec["doc_number"], spec["attachment_label"])]
    found = sorted(
        (t for t in ex.tables if (t.doc_number, t.attachment_label) == (spec["doc_number"], spec["attachment_label"])),
        key=lambda t: (t.page_start, t.rows[0].top if t.rows else 0.0),
    )
    if len(found) == len(group):
        return found[group.index(spec)]
    pytest.fail(
        f"table {spec['key']} ({spec['doc_number']} {spec['attachment_label']} {spec['title']!r}) not found "
        f"({len(hits)} strict / {len(loose)} by caption / {len(found)} tables for {len(group)} expected with this "
        f"文号 and label); extracted tables: {_table_summary(ex)}"
    )


def table_row(table, row: int):
    hits = [r for r in table.rows if r.row == row]
    if len(hits) != 1:
        pytest.fail(f"table {table.table_id} ({table.title!r}) has {len(hits)} data rows numbered {row} (n_rows={table.n_rows})")
    return hits[0]


def column_index(table, column: str) -> int:
    labels = [nows(c) for c in table.columns]
    if nows(column) not in labels:
        pytest.fail(f"column {column!r} not among the columns of {table.table_id} ({table.title!r}): {table.columns}")
    return labels.index(nows(column))


# ============================================================================ gazette

GAZETTE_FIELDS = ["title", "year", "issue_no", "total_issue_no", "publish_date", "publisher"]


@sample_param
@pytest.mark.parametrize("field", GAZETTE_FIELDS)
def test_gazette_field(extraction, sample, field):
    gazette = extraction(sample).gazette
    expected = expectations_for(sample)["gazette"][field]
    actual = getattr(gazette, field)
    assert same(actual, expected), f"gazette.{field}: expected {expected!r}, got {actual!r}"


@sample_param
def test_gazette_page_count(extraction, sample):
    assert extraction(sample).gazette.page_count == manifest(sample)["total_pages"]


# ============================================================================ toc


@sample_param
def test_toc_entry_count(extraction, sample):
    toc = extraction(sample).toc
    expected = len(expectations_for(sample)["toc"])
    assert expected == len(manifest(sample)["toc"])
    assert len(toc) == expected, [(e.seq, e.doc_number) for e in toc]


toc_cases = cases(lambda e: e["toc"], lambda e: f"{e['seq']:02d}-{doc_id(e['doc_number'])}")


@pytest.mark.parametrize("sample,entry", toc_cases)
def test_toc_entry(extraction, sample, entry):
    got = find_toc_entry(extraction(sample), entry["seq"])
    problems = field_mismatches(got, entry)
    assert not problems, f"TOC entry {entry['seq']} ({entry['doc_number']}): " + "; ".join(problems)


@pytest.mark.parametrize("sample,entry", toc_cases)
def test_toc_printed_page(extraction, sample, entry):
    got = find_toc_entry(extraction(sample), entry["seq"])
    expected = manifest_toc(sample, entry["doc_number"])["printed_page"]
    assert got.printed_page == expected, f"TOC {entry['doc_number']}: printed_page {got.printed_page}, manifest {expected}"


# ============================================================================ documents

DOC_FIELDS = [
    "seq",
    "section",
    "doc_code",
    "doc_year",
    "doc_serial",
    "title",
    "issuer",
    "sign_date",
    "publicity",
    "addressees",
]
DOC_PAGE_FIELDS = ["page_start", "page_end", "printed_page_start"]
doc_param = pytest.mark.parametrize("sample,doc", cases(lambda e: e["documents"], lambda d: doc_id(d["doc_number"])))


@sample_param
def test_documents_count_and_order(extraction, sample):
    got = [d.doc_number for d in extraction(sample).documents]
    assert got == [d["doc_number"] for d in expectations_for(sample)["documents"]]


@doc_param
@pytest.mark.parametrize("field", DOC_FIELDS)
def test_document_field(extraction, sample, doc, field):
    got = find_document(extraction(sample), doc["doc_number"])
    problems = field_mismatches(got, {field: doc[field]})
    assert not problems, f"{doc['doc_number']}: " + "; ".join(problems)


@doc_param
@pytest.mark.parametrize("field", DOC_PAGE_FIELDS)
def test_document_pages(extraction, sample, doc, field):
    got = find_document(extraction(sample), doc["doc_number"])
    expected = manifest_document(sample, doc["doc_number"])[field]
    assert getattr(got, field) == expected, f"{doc['doc_number']}.{field}: {getattr(got, field)}, manifest {expected}"


@doc_param
def test_document_attachments(extraction, sample, doc):
    got = find_document(extraction(sample), doc["doc_number"])
    actual = [(a.label, nows(a.title)) for a in got.attachments]
    expected = [(a["label"], nows(a["title"])) for a in doc["attachments"]]
    assert actual == expected, f"{doc['doc_number']} attachments (label, title): got {actual}, expected {expected}"


def _phrases(key):
    return cases(lambda e: [(d, i, p) for d in e["documents"] for i, p in enumerate(d.get(key, []))],
                 lambda d, i, _: f"{doc_id(d['doc_number'])}-{i}")


@pytest.mark.parametrize("sample,doc,i,phrase", _phrases("body_contains"))
def test_document_body_contains(extraction, sample, doc, i, phrase):
    got = find_document(extraction(sample), doc["doc_number"])
    assert nows(phrase) in nows(got.body_text), f"{doc['doc_number']} body_text lacks {phrase!r}"


@pytest.mark.parametrize("sample,doc,i,phrase", _phrases("body_not_contains"))
def test_document_body_not_contains(extraction, sample, doc, i, phrase):
    got = find_document(extraction(sample), doc["doc_number"])
    assert nows(phrase) not in nows(got.body_text), f"{doc['doc_number']} body_text contains {phrase!r}"


@pytest.mark.parametrize(
    "sample,doc,nxt", cases(lambda e: list(zip(e["documents"], e["documents"][1:])), lambda d, _: doc_id(d["doc_number"]))
)
def test_document_body_excludes_next_document(extraction, sample, doc, nxt):
    got = find_document(extraction(sample), doc["doc_number"])
    body = nows(got.body_text)
    toc_title = next(e["title"] for e in expectations_for(sample)["toc"] if e["doc_number"] == nxt["doc_number"])
    for title in {nows(nxt["title"]), nows(toc_title)}:
        assert title not in body, f"{doc['doc_number']} body_text runs into the next document {nxt['doc_number']}"
    # each 文号 is printed only in the 目录 and above its own document (checked in the seed)
    assert nows(nxt["doc_number"]) not in body, f"{doc['doc_number']} body_text holds the next 文号 {nxt['doc_number']}"


# ============================================================================ tables

table_param = pytest.mark.parametrize("sample,spec", cases(lambda e: e["tables"], lambda t: t["key"]))


def tables_of(sample: str) -> list:
    return expectations_for(sample)["tables"]


@sample_param
def test_table_count(extraction, sample):
    """Every ruled table of the issue (the manifest's ruled tables and forms = the YAML's), nothing
    more; the borderless rosters the manifest also lists are read into roster_members, not tables."""
    expected = tables_of(sample)
    assert len(expected) == len([t for t in manifest(sample)["tables"] if t["kind"] != "roster"])
    ex = extraction(sample)
    assert len(ex.tables) == len(expected), _table_summary(ex)


@table_param
def test_table_found(extraction, sample, spec):
    ex = extraction(sample)
    hits = strict_tables(ex, spec)
    assert len(hits) == 1, (
        f"{len(hits)} tables with 文号 {spec['doc_number']}, label {spec['attachment_label']}, "
        f"title {spec['title']!r}; extracted: {_table_summary(ex)}"
    )


@table_param
def test_table_kind(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    assert t.kind == spec["kind"], f"{spec['key']}: kind {t.kind!r}"


@table_param
def test_table_columns(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    if spec["columns"] is None:  # header-less: the grid width is what is stated
        if "n_cols" in spec:
            widths = Counter(len(r.texts) for r in t.rows)
            assert set(widths) == {spec["n_cols"]}, f"{spec['key']}: row widths {dict(widths)}, expected {spec['n_cols']}"
        return
    assert [nows(c) for c in t.columns] == [nows(c) for c in spec["columns"]], f"{spec['key']}: columns {t.columns}"


@table_param
def test_table_n_rows(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    assert t.n_rows == spec["n_rows"], f"{spec['key']}: n_rows {t.n_rows}"
    assert len(t.rows) == spec["n_rows"], f"{spec['key']}: {len(t.rows)} rows listed"


@table_param
def test_table_stated_count(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    assert t.stated_count == spec["stated_count"], f"{spec['key']}: stated_count {t.stated_count}"


@pytest.mark.parametrize("sample,spec", cases(lambda e: [t for t in e["tables"] if "sections" in t], lambda t: t["key"]))
def test_table_sections(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    expected, first = [], 0
    for s in spec["sections"]:
        expected.append((nows(s["label"]), s["stated_count"], first, s["n_rows"]))
        first += s["n_rows"]
    got = []
    for i, s in enumerate(t.sections):
        end = t.sections[i + 1].first_row if i + 1 < len(t.sections) else t.n_rows
        got.append((nows(s.label), s.stated_count, s.first_row, end - s.first_row))
    assert got == expected, f"{spec['key']}: sections (label, stated_count, first_row, n_rows)"


@table_param
@pytest.mark.parametrize("field", ["page_start", "page_end"])
def test_table_pages(extraction, sample, spec, field):
    expected = manifest_table(sample, spec)[field]
    if expected is None:
        pytest.skip(f"{sample}: the manifest found no {field} for {spec['key']} in the printed text")
    t = locate_table(extraction(sample), spec, tables_of(sample))
    assert getattr(t, field) == expected, f"{spec['key']}.{field}: {getattr(t, field)}, manifest {expected}"


def _cell_id(spec, i, cell) -> str:
    column = cell.get("column")
    if column is not None:
        return f"{spec['key']}-r{cell['row']}-c{spec['columns'].index(column)}"
    if "col" in cell:
        return f"{spec['key']}-r{cell['row']}-c{cell['col']}"
    return f"{spec['key']}-r{cell['row']}"


@pytest.mark.parametrize(
    "sample,spec,i,cell", cases(lambda e: [(t, i, c) for t in e["tables"] for i, c in enumerate(t.get("cells", []))], _cell_id)
)
def test_table_cell(extraction, sample, spec, i, cell):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    row = table_row(t, cell["row"])
    where = f"{spec['key']} row {cell['row']}"
    if "row_text_contains" in cell:
        text = "".join(row.texts)
        assert nows(cell["row_text_contains"]) in nows(text), f"{where}: row text {row.texts!r}"
    else:
        col = column_index(t, cell["column"]) if "column" in cell else cell["col"]
        where += f" column {cell.get('column', col)!r}"
        assert col < len(row.texts), f"{where}: row has only {len(row.texts)} cells: {row.texts!r}"
        text = row.texts[col]
        if "text" in cell:
            assert same(text, cell["text"]), f"{where}: expected {cell['text']!r}, got {text!r}"
        for phrase in cell.get("contains", []):
            assert nows(phrase) in nows(text), f"{where}: {text!r} lacks {phrase!r}"
    for phrase in cell.get("not_contains", []):
        assert nows(phrase) not in nows(text), f"{where}: {text!r} contains {phrase!r}"


def _header_like(texts: list[str], columns: list[str]) -> bool:
    """A data row that is really a (repeated) header: every non-empty cell is its column's label
    (whole, or either level of a two-level label) and at least 3 (or all) labels appear."""
    hits = 0
    for text, column in zip(texts, columns):
        t = nows(text)
        if not t:
            continue
        labels = {nows(column), *(nows(p) for p in column.split("/"))}
        if t not in labels:
            return False
        hits += 1
    return hits >= min(3, len(columns))


@pytest.mark.parametrize("sample,spec", cases(lambda e: [t for t in e["tables"] if t["columns"]], lambda t: t["key"]))
def test_table_no_header_row_as_data(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    bad = [r.row for r in t.rows if _header_like(r.texts, spec["columns"])]
    assert not bad, f"{spec['key']}: header labels read as data in rows {bad}"


@pytest.mark.parametrize(
    "sample,spec", cases(lambda e: [t for t in e["tables"] if t.get("total_row_text")], lambda t: t["key"])
)
def test_table_no_total_row_as_data(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    bad = [r.row for r in t.rows if nows(spec["total_row_text"]) in nows("".join(r.texts))]
    assert not bad, f"{spec['key']}: total row {spec['total_row_text']!r} read as data in rows {bad}"


@table_param
def test_table_no_page_furniture(extraction, sample, spec):
    t = locate_table(extraction(sample), spec, tables_of(sample))
    exp = expectations_for(sample)
    bad = [(r.row, c, text, furniture_in(text, exp)) for r in t.rows for c, text in enumerate(r.texts) if furniture_in(text, exp)]
    assert not bad, f"{spec['key']}: running header / page number inside cells: {bad[:5]}"


@sample_param
def test_no_page_furniture_in_any_table(extraction, sample):
    ex, exp = extraction(sample), expectations_for(sample)
    bad = [
        (t.table_id, r.row, c, furniture_in(text, exp))
        for t in ex.tables
        for r in t.rows
        for c, text in enumerate(r.texts)
        if furniture_in(text, exp)
    ]
    assert not bad, f"running header / page number inside cells: {bad[:10]}"


# ============================================================================ records: approval items

def approvals_of(sample: str) -> dict:
    return expectations_for(sample)["records"]["approval_items"]


@pytest.mark.parametrize("sample,action", cases(lambda e: sorted(e["records"]["approval_items"]["counts"]), str))
def test_approval_items_count(extraction, sample, action):
    items = [a for a in extraction(sample).approval_items if a.action == action]
    assert len(items) == approvals_of(sample)["counts"][action], f"{action}: seqs {[a.seq for a in items]}"


@sample_param
def test_approval_items_doc_number(extraction, sample):
    got = Counter(a.doc_number for a in extraction(sample).approval_items)
    assert set(got) == {approvals_of(sample)["doc_number"]}, dict(got)


@pytest.mark.parametrize(
    "sample,item", cases(lambda e: e["records"]["approval_items"]["items"], lambda a: f"{a['action']}-{a['seq']}")
)
def test_approval_item(extraction, sample, item):
    hits = [a for a in extraction(sample).approval_items if a.action == item["action"] and a.seq == item["seq"]]
    assert len(hits) == 1, f"{len(hits)} {item['action']} items with seq {item['seq']}"
    problems = field_mismatches(hits[0], item, skip=("action", "seq"))
    assert not problems, f"{item['action']} {item['seq']} {item['name']}: " + "; ".join(problems)


# ============================================================================ records: projects

project_list_param = pytest.mark.parametrize(
    "sample,spec", cases(lambda e: e["records"]["projects"]["counts"], lambda c: list_id(c["list_title"]))
)


def projects_of(ex, list_title: str) -> list:
    return [p for p in ex.projects if nows(p.list_title) == nows(list_title)]


@project_list_param
def test_projects_total(extraction, sample, spec):
    ex = extraction(sample)
    got = projects_of(ex, spec["list_title"])
    assert len(got) == spec["total"], (
        f"{spec['list_title']}: {len(got)} projects; list_titles seen: {dict(Counter(p.list_title for p in ex.projects))}"
    )


@project_list_param
def test_projects_doc_number(extraction, sample, spec):
    got = Counter(p.doc_number for p in projects_of(extraction(sample), spec["list_title"]))
    assert got and set(got) == {spec["doc_number"]}, dict(got)


@project_list_param
def test_projects_per_category(extraction, sample, spec):
    got = Counter(nows(p.category) or None for p in projects_of(extraction(sample), spec["list_title"]))
    if spec["categories"] is None:
        expected = {None: spec["total"]}
    else:
        expected = {nows(k): v for k, v in spec["categories"].items()}
    assert dict(got) == expected


@project_list_param
def test_projects_starred_count(extraction, sample, spec):
    got = [p for p in projects_of(extraction(sample), spec["list_title"]) if p.starred]
    assert len(got) == spec["starred"], [p.name for p in got]


@project_list_param
def test_projects_starred_names(extraction, sample, spec):
    got = sorted(nows(p.name) for p in projects_of(extraction(sample), spec["list_title"]) if p.starred)
    names = expectations_for(sample)["records"]["projects"]["starred_names"][spec["list_title"]]
    expected = sorted(nows(n) for n in names)
    assert got == expected


@project_list_param
def test_projects_names_without_star(extraction, sample, spec):
    bad = [p.name for p in projects_of(extraction(sample), spec["list_title"]) if "★" in (p.name or "")]
    assert not bad, f"★ not stripped from names: {bad}"


@pytest.mark.parametrize("sample,item", cases(lambda e: e["records"]["projects"]["items"], project_id))
def test_project(extraction, sample, item):
    got = [
        p
        for p in projects_of(extraction(sample), item["list_title"])
        if p.seq == item["seq"] and nows(p.category) == nows(item["category"])
    ]
    assert len(got) == 1, f"{len(got)} projects in {item['list_title']} / {item['category']} with seq {item['seq']}"
    problems = field_mismatches(got[0], item, skip=("list_title", "category", "seq"))
    assert not problems, f"{item['list_title']} {item['category']} {item['seq']} {item['name']}: " + "; ".join(problems)


# ============================================================================ records: tasks

def expected_tasks(sample: str) -> dict:
    return expectations_for(sample)["records"]["tasks"]


def tasks_of(ex, sample: str) -> list:
    return [t for t in ex.tasks if nows(t.list_title) == nows(expected_tasks(sample)["list_title"])]


@sample_param
def test_tasks_count(extraction, sample):
    ex = extraction(sample)
    got = tasks_of(ex, sample)
    count = expected_tasks(sample)["count"]
    assert len(got) == count, f"{len(got)} tasks; all list_titles: {dict(Counter(t.list_title for t in ex.tasks))}"
    assert sorted(t.seq for t in got) == list(range(1, count + 1))


@sample_param
def test_tasks_doc_number(extraction, sample):
    got = Counter(t.doc_number for t in tasks_of(extraction(sample), sample))
    assert got and set(got) == {expected_tasks(sample)["doc_number"]}, dict(got)


@pytest.mark.parametrize("sample,item", cases(lambda e: e["records"]["tasks"]["items"], lambda t: f"task-{t['seq']}"))
def test_task(extraction, sample, item):
    got = [t for t in tasks_of(extraction(sample), sample) if t.seq == item["seq"]]
    assert len(got) == 1, f"{len(got)} tasks with seq {item['seq']}"
    problems = field_mismatches(got[0], item, skip=("seq",))
    assert not problems, f"task {item['seq']}: " + "; ".join(problems)


# ============================================================================ records: rosters

roster_param = pytest.mark.parametrize(
    "sample,roster", cases(lambda e: e["records"]["roster_members"], lambda r: doc_id(r["doc_number"]))
)


def members_of(ex, body: str) -> list:
    return sorted((m for m in ex.roster_members if nows(m.body) == nows(body)), key=lambda m: m.seq)


@roster_param
def test_roster_count(extraction, sample, roster):
    ex = extraction(sample)
    got = members_of(ex, roster["body"])
    assert len(got) == roster["count"], (
        f"{roster['body']}: {len(got)} members; bodies seen: {dict(Counter(m.body for m in ex.roster_members))}"
    )


@roster_param
def test_roster_doc_number(extraction, sample, roster):
    got = Counter(m.doc_number for m in members_of(extraction(sample), roster["body"]))
    assert got and set(got) == {roster["doc_number"]}, dict(got)


@roster_param
@pytest.mark.parametrize("field", ["seq", "name", "role", "position"])
def test_roster_members(extraction, sample, roster, field):
    """The members in roster order: seq numbers, names, roles, positions (element-wise)."""
    got = [getattr(m, field) for m in members_of(extraction(sample), roster["body"])]
    expected = [m[field] for m in roster["members"]]
    norm = (lambda v: v) if field == "seq" else nows
    got_n, exp_n = [norm(g) for g in got], [norm(e) for e in expected]
    if got_n != exp_n:
        i = next((k for k, (g, e) in enumerate(zip(got_n, exp_n)) if g != e), min(len(got_n), len(exp_n)))
        pytest.fail(
            f"{roster['body']} {field}: {len(got)} values for {len(expected)} members; first difference at "
            f"index {i}: got {got[i] if i < len(got) else '—'!r}, expected {expected[i] if i < len(expected) else '—'!r}"
        )


# ============================================================================ validation


@pytest.mark.parametrize(
    "sample,stated",
    cases(lambda e: [c for c in e["records"]["stated_counts"] if not c["consistent"]], lambda c: doc_id(c["doc_number"])),
)
def test_inconsistent_stated_count_is_reported(extraction, sample, stated):
    """A count the text states that the printed list does not hold (seed, 37号: 包括省行动计划15项
    (★), the printed tables hold 13 ★): a failing check reports both numbers."""
    checks = extraction(sample).checks
    number, actual = str(stated["number"]), str(stated["actual"])
    hits = [c for c in checks if not c.ok and nows(c.expected).startswith(number) and nows(c.actual).startswith(actual)]
    assert hits, [(c.check, c.subject, c.expected, c.actual, c.ok) for c in checks if not c.ok]


# ============================================================================ output files

PARQUET_COLUMNS = {
    "gazettes": "gazette_id source_file sha256 title year issue_no total_issue_no publish_date publisher page_count extractor_version reader",
    "toc": "gazette_id seq section title doc_number printed_page",
    "documents": "gazette_id doc_id seq section doc_number doc_code doc_year doc_serial title issuer addressees sign_date publicity page_start page_end printed_page_start body_text",
    "attachments": "gazette_id doc_number label title page_start",
    "tables": "gazette_id doc_number table_id attachment_label title kind columns n_rows stated_count page_start page_end",
    "cells": "gazette_id table_id row col column text page x0 top x1 bottom",
    "approval_items": "action list_title seq name power_type legal_basis original_authority authority supervision remarks",
    "projects": "list_title category seq starred name location field industry scale investment investment_yi significance mode schedule start_year end_year annual_plan implementer partners",
    "tasks": "list_title seq goal task measure lead_units support_units deadline deadline_date",
    "roster_members": "body role seq name position",
    "references": "gazette_id doc_id doc_number cited_title cited_doc_number cited_doc_code cited_year cited_serial "
    "cited_issuer kind cited_doc_id first page paragraph",
    "checks": "gazette_id check subject expected actual ok level message",
}
RECORD_BASE = "gazette_id doc_number table_id row page extra"
for _name in ("approval_items", "projects", "tasks", "roster_members"):
    PARQUET_COLUMNS[_name] = RECORD_BASE + " " + PARQUET_COLUMNS[_name]
PARQUET_COLUMNS = {k: v.split() for k, v in PARQUET_COLUMNS.items()}

OUTPUT_FILES = [f"{name}.parquet" for name in PARQUET_COLUMNS] + ["gazette.json", "validation.json"]

# (file, column, expected Arrow type): "int" = any integer type, "list<string>" = list of (large_)string
PARQUET_TYPES = [
    ("documents", "sign_date", "date32"),
    ("documents", "addressees", "list<string>"),
    ("documents", "doc_year", "int"),
    ("documents", "page_start", "int"),
    ("gazettes", "publish_date", "date32"),
    ("gazettes", "page_count", "int"),
    ("toc", "printed_page", "int"),
    ("tables", "columns", "list<string>"),
    ("tables", "n_rows", "int"),
    ("cells", "x0", "double"),
    ("approval_items", "legal_basis", "list<string>"),
    ("projects", "investment_yi", "double"),
    ("projects", "starred", "bool"),
    ("projects", "start_year", "int"),
    ("tasks", "lead_units", "list<string>"),
    ("tasks", "support_units", "list<string>"),
    ("tasks", "deadline_date", "date32"),
    ("checks", "ok", "bool"),
]


def _type_ok(arrow_type, expected: str) -> bool:
    import pyarrow as pa

    if expected == "date32":
        return pa.types.is_date32(arrow_type)
    if expected == "double":
        return pa.types.is_float64(arrow_type)
    if expected == "int":
        return pa.types.is_integer(arrow_type)
    if expected == "bool":
        return pa.types.is_boolean(arrow_type)
    if expected == "list<string>":
        return (pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type)) and (
            pa.types.is_string(arrow_type.value_type) or pa.types.is_large_string(arrow_type.value_type)
        )
    raise ValueError(expected)


def read_parquet(out: Path, name: str):
    import pyarrow.parquet as pq

    return pq.read_table(out / f"{name}.parquet")


@sample_param
@pytest.mark.parametrize("filename", OUTPUT_FILES)
def test_output_file_written(outputs, sample, filename):
    assert (outputs(sample) / filename).is_file()


@sample_param
@pytest.mark.parametrize("name", list(PARQUET_COLUMNS))
def test_parquet_columns(outputs, sample, name):
    table = read_parquet(outputs(sample), name)
    missing = [c for c in PARQUET_COLUMNS[name] if c not in table.column_names]
    assert not missing, f"{name}.parquet lacks {missing}; has {table.column_names}"


@sample_param
@pytest.mark.parametrize("name,column,kind", PARQUET_TYPES, ids=[f"{n}.{c}" for n, c, _ in PARQUET_TYPES])
def test_parquet_column_type(outputs, sample, name, column, kind):
    schema = read_parquet(outputs(sample), name).schema
    assert column in schema.names, f"{name}.parquet has no column {column}"
    assert _type_ok(schema.field(column).type, kind), f"{name}.{column}: {schema.field(column).type}, expected {kind}"


JSON_LISTS = {
    "toc": "toc",
    "documents": "documents",
    "tables": "tables",
    "approval_items": "approval_items",
    "projects": "projects",
    "tasks": "tasks",
    "roster_members": "roster_members",
    "references": "references",
    "checks": "checks",
}


@sample_param
@pytest.mark.parametrize("name", list(JSON_LISTS))
def test_parquet_and_json_hold_the_same_rows(outputs, sample, name):
    out = outputs(sample)
    doc = json.loads((out / "gazette.json").read_text(encoding="utf-8"))
    assert read_parquet(out, name).num_rows == len(doc[JSON_LISTS[name]])


@sample_param
def test_gazette_json_validates_against_schema(outputs, sample):
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "gazette.schema.json").read_text(encoding="utf-8"))
    doc = json.loads((outputs(sample) / "gazette.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@sample_param
def test_gazette_json_is_utf8_not_ascii_escaped(outputs, sample):
    text = (outputs(sample) / "gazette.json").read_text(encoding="utf-8")
    title = expectations_for(sample)["gazette"]["title"]
    assert title in text and "\\u%04x" % ord(title[0]) not in text


@sample_param
def test_validation_json(outputs, sample):
    out = outputs(sample)
    doc = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    for key in ("ok", "passed", "failed", "checks"):
        assert key in doc, f"validation.json lacks {key!r}"
    checks = read_parquet(out, "checks").to_pylist()
    assert len(doc["checks"]) == len(checks)
    assert doc["failed"] == sum(1 for c in checks if not c["ok"] and not c.get("skipped") and c["level"] == "error")
    assert doc["ok"] == (doc["failed"] == 0)


ENTERPRISE_TITLE = "市政府领导精准服务企业名单"
# 入企领导 / 入企部门 of the enterprises, read from each issue's source (seed: 附件1 of
# 朔政办函〔2021〕45号, 40 rows; second issue: 附件1 of 桑政办函〔2022〕21号, 12 rows): each group prints
# its values on its first row only (merged cells). issue → (rows, groups)
ENTERPRISE_LISTS = {
    "shuozhou-2021-04": (40, [
        (0, 4, "吴秀玲", "市工信局"),
        (5, 9, "张韬", "市发改委"),
        (10, 15, "王加关", "市科技局"),
        (16, 19, "田东", "市农业农村局"),
        (20, 28, "魏元平", "市市场监管局"),
        (29, 32, "武跃飞", "市生态环境局"),
        (33, 39, "刘亮", "市小微企业发展服务中心"),
    ]),
    "sangyuan-2022-02": (12, [
        (0, 3, "李明", "市工信局"),
        (4, 7, "孙建国", "市发改委"),
        (8, 11, "赵刚", "市商务局"),
    ]),
}


def _enterprise_table(out: Path) -> dict:
    rows = [t for t in read_parquet(out, "tables").to_pylist() if nows(t["title"]) == ENTERPRISE_TITLE]
    assert len(rows) == 1, f"{len(rows)} tables titled {ENTERPRISE_TITLE} in tables.parquet"
    return rows[0]


@sample_param
def test_enterprise_list_is_one_table(outputs, sample):
    out = outputs(sample)
    table = _enterprise_table(out)
    n_rows = ENTERPRISE_LISTS[issue_of(sample)][0]
    assert table["n_rows"] == n_rows
    cells = [c for c in read_parquet(out, "cells").to_pylist() if c["table_id"] == table["table_id"]]
    assert sorted({c["row"] for c in cells}) == list(range(n_rows))


@sample_param
@pytest.mark.parametrize("column,index", [("入企领导", 2), ("入企部门", 3)], ids=["leader", "department"])
def test_enterprise_list_merged_cells_repeated(outputs, sample, column, index):
    out = outputs(sample)
    table = _enterprise_table(out)
    cells = read_parquet(out, "cells").to_pylist()
    got = {c["row"]: c["text"] for c in cells if c["table_id"] == table["table_id"] and nows(c["column"]) == column}
    groups = ENTERPRISE_LISTS[issue_of(sample)][1]
    expected = {r: g[index] for g in groups for r in range(g[0], g[1] + 1)}
    wrong = {r: got.get(r) for r in expected if nows(got.get(r)) != expected[r]}
    assert not wrong, f"{column} per row (row: text) differs from the groups {groups}: {wrong}"
