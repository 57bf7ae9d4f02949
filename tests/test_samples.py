"""Checks on the committed sample PDFs (samples/gazette-a.pdf, gazette-b.pdf, and the whole
multi-producer set of samples/producers.py).

Reads the PDFs and their layout manifests; does not re-typeset. The expected text comes from
samples/gzsource.py, which parses the seed and applies the documented clean-up rules.
"""
import json
import re
import sys
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
sys.path.insert(0, str(SAMPLES))
import gzsource  # noqa: E402

A4 = (595.28, 841.89)
WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s or "")


@pytest.fixture(scope="module")
def issue():
    return gzsource.parse()


def _open(key):
    pdf = pdfplumber.open(SAMPLES / ("gazette-%s.pdf" % key))
    man = json.loads((SAMPLES / ("gazette-%s.layout.json" % key)).read_text(encoding="utf-8"))
    return pdf, man


@pytest.fixture(scope="module")
def A():
    pdf, man = _open("a")
    yield pdf, man
    pdf.close()


@pytest.fixture(scope="module")
def B():
    pdf, man = _open("b")
    yield pdf, man
    pdf.close()


# ------------------------------------------------------------------ basic properties

@pytest.mark.parametrize("key", ["a", "b"])
def test_pdf_exists_a4_and_page_count(key):
    pdf, man = _open(key)
    try:
        assert len(pdf.pages) == man["total_pages"]
        for p, mp in zip(pdf.pages, man["pages"]):
            size = sorted((round(p.width, 0), round(p.height, 0)))
            assert size == [595, 842], (p.page_number, p.width, p.height)
            assert [round(p.width, 1), round(p.height, 1)] == [round(v, 1) for v in mp["size"]]
        if key == "a":
            assert all(p.height > p.width for p in pdf.pages)
        else:
            assert any(p.width > p.height for p in pdf.pages), "gazette-b needs landscape pages"
        assert (SAMPLES / ("gazette-%s.pdf" % key)).stat().st_size < 5_000_000
    finally:
        pdf.close()


@pytest.mark.parametrize("key", ["a", "b"])
def test_fonts_embedded_subset_truetype_with_tounicode(key):
    pdf, man = _open(key)
    try:
        seen = {}
        for p in pdf.pages:
            fonts = resolve1(p.page_obj.resources.get("Font")) or {}
            for ref in fonts.values():
                f = resolve1(ref)
                name = resolve1(f["BaseFont"]).name
                if name in seen:
                    continue
                fd = resolve1(f.get("FontDescriptor"))
                seen[name] = True
                assert resolve1(f["Subtype"]).name == "TrueType", name
                assert re.match(r"^[A-Z]{6}\+", name), "not a subset font: " + name
                assert fd is not None and "FontFile2" in fd, "not embedded: " + name
                assert "ToUnicode" in f, "no ToUnicode: " + name
        bases = {n.split("+", 1)[1] for n in seen}
        want = {"UMingCN-0", "WenQuanYiZenHei-0"} if key == "a" else {"UKaiCN-0", "UMingCN-0", "WenQuanYiZenHei-0"}
        assert want <= bases, bases
    finally:
        pdf.close()


# ------------------------------------------------------------------ manifest / page numbers

def _footer_number(page, man):
    H = page.height
    band = page.within_bbox((0, H - man["furniture"]["footer_top_from_bottom"], page.width, H))
    m = re.search(r"(\d+)", band.extract_text() or "")
    return int(m.group(1)) if m else None


def test_manifest_consistency(A, issue):
    pdf, man = A
    assert man["pages"][man["first_body_page"] - 1]["printed"] == 1
    assert all(p["printed"] is None for p in man["pages"][: man["first_body_page"] - 1])
    docs = {d["doc_number"]: d for d in man["documents"]}
    assert [d["doc_number"] for d in man["documents"]] == [d["doc_number"] for d in issue["docs"]]
    assert len(man["toc"]) == 17
    for e in man["toc"]:
        assert e["printed_page"] == docs[e["doc_number"]]["printed_page_start"]
        assert docs[e["doc_number"]]["page_start"] == e["printed_page"] + man["printed_page_offset"]
    for t in man["tables"]:
        src = issue["docs"][t["doc_index"]]["blocks"][t["block_index"]]
        if t["kind"] == "table":
            assert t["data_rows"] == sum(1 for r in src["table"]["rows"] if r["kind"] == "row")
        assert docs[t["doc_number"]]["page_start"] <= t["page_start"] <= t["page_end"] <= docs[t["doc_number"]]["page_end"]


def test_printed_page_numbers_in_footer(A):
    pdf, man = A
    for mp in man["pages"]:
        n = _footer_number(pdf.pages[mp["page"] - 1], man) if mp["printed"] else None
        assert n == mp["printed"], mp


def _toc_numbers(pdf, man):
    """Read '文号.....N' lines from the 目录 pages."""
    out = {}
    for mp in man["pages"]:
        if mp["kind"] != "toc":
            continue
        for line in (pdf.pages[mp["page"] - 1].extract_text() or "").split("\n"):
            m = re.match(r"^\s*(\S+〔2021〕\d+号)\s*\.{3,}\s*(\d+)\s*$", line.replace(" ", ""))
            if m:
                out[m.group(1)] = int(m.group(2))
    return out


@pytest.mark.parametrize("key", ["a", "b"])
def test_toc_points_to_printed_start_page(key):
    pdf, man = _open(key)
    try:
        toc = _toc_numbers(pdf, man)
        assert len(toc) == 17
        for d in man["documents"]:
            assert toc[d["doc_number"]] == d["printed_page_start"]
            # the 文号 line is on the page the TOC points to, whose footer shows that number
            page = pdf.pages[d["page_start"] - 1]
            assert d["doc_number"] in nows(page.extract_text()), d
            assert _footer_number(page, man) == toc[d["doc_number"]] if key == "a" else True
    finally:
        pdf.close()


def test_toc_32hao_equals_footer_where_docno_appears(A):
    pdf, man = A
    toc = _toc_numbers(pdf, man)
    dn = "朔政办发〔2021〕32号"
    hits = []
    for mp in man["pages"]:
        if mp["kind"] != "body":
            continue
        for line in (pdf.pages[mp["page"] - 1].extract_text() or "").split("\n"):
            if nows(line) == dn:
                hits.append(mp["page"])
    assert len(hits) == 1, hits
    assert _footer_number(pdf.pages[hits[0] - 1], man) == toc[dn]


# ------------------------------------------------------------------ readback (gazette-a)

def expected_running_text(issue):
    """Running text in reading order; tables, rosters and forms are checked cell by cell."""
    out = []
    for d in issue["docs"]:
        out += [d["title"], d["doc_number"]]
        for b in d["blocks"]:
            t = b["t"]
            if t in ("table", "roster2", "form"):
                continue
            if t == "attlist":
                out += b["items"]
            elif t == "attachment":
                out += [b["label"], b["caption"]]
            else:
                out.append(b["text"])
    out.append(issue["back"]["title"])
    out += [b["text"] for b in issue["back"]["blocks"]]
    return nows("".join(out))


def _running_chars(pdf, man):
    regions = {}
    for r in man["table_regions"]:
        regions.setdefault(r["page"], []).append(r["bbox"])
    fz = man["furniture"]
    text = []
    for mp in man["pages"]:
        if mp["kind"] != "body":
            continue
        page = pdf.pages[mp["page"] - 1]
        H = page.height
        boxes = regions.get(mp["page"], [])

        def keep(o, boxes=boxes, H=H):
            if o.get("object_type") != "char":
                return True
            cx, cy = (o["x0"] + o["x1"]) / 2, (o["top"] + o["bottom"]) / 2
            if cy < fz["header_bottom"] or cy > H - fz["footer_top_from_bottom"]:
                return False
            return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)
        text.append(page.filter(keep).extract_text() or "")
    return nows("".join(text))


def _first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def test_readback_running_text_a(A, issue):
    pdf, man = A
    got = _running_chars(pdf, man)
    want = expected_running_text(issue)
    if got != want:
        i = _first_diff(got, want)
        pytest.fail("running text differs at %d:\n got  …%s…\n want …%s…" % (i, got[max(i - 30, 0):i + 40],
                                                                            want[max(i - 30, 0):i + 40]))


def expected_cell(issue, t, cell):
    blk = issue["docs"][t["doc_index"]]["blocks"][t["block_index"]]
    if cell["kind"] == "header":
        return cell["text"]
    if t["kind"] == "table":
        return blk["table"]["rows"][cell["r"]]["cells"][cell["c"]]
    if t["kind"] == "roster":
        return blk["rows"][cell["r"]][cell["c"]]
    col = 0
    for txt, span in blk["form"]["rows"][cell["r"]]:
        if col == cell["c"]:
            return txt
        col += span
    raise KeyError(cell)


def test_readback_table_cells_a(A, issue):
    pdf, man = A
    tables = {t["id"]: t for t in man["tables"]}
    # every source cell (non-empty) is printed at least once
    printed = {(c["table"], c["r"], c["c"]) for c in man["cells"] if c["kind"] == "cell"}
    for t in man["tables"]:
        if t["kind"] != "table":
            continue
        blk = issue["docs"][t["doc_index"]]["blocks"][t["block_index"]]["table"]
        for ri, r in enumerate(blk["rows"]):
            covered = {c + k for c, m in r["colspan"].items() for k in range(1, int(m))} if r["kind"] == "row" else set()
            for ci, txt in enumerate(r["cells"]):
                if txt and ci not in covered and ci not in r.get("cont", ()):
                    assert (t["id"], ri, ci) in printed, (t["caption"], ri, ci, txt)
    bad = []
    for cell in man["cells"]:
        t = tables[cell["table"]]
        page = pdf.pages[cell["page"] - 1]
        x0, top, x1, bottom = cell["bbox"]
        got = nows(page.within_bbox((x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5)).extract_text())
        want = nows(expected_cell(issue, t, cell))
        if got != want:
            bad.append((t["caption"], cell["page"], cell.get("r"), cell["c"], got[:40], want[:40]))
    assert not bad, "%d cells differ, e.g. %r" % (len(bad), bad[:5])


def test_spans_reprinted_after_page_break_a(A, issue):
    """A row span cut by a page break is re-printed at the top of the next page."""
    pdf, man = A
    tid = next(t["id"] for t in man["tables"] if t["caption"] == "市政府领导精准服务企业名单")
    t = next(t for t in man["tables"] if t["id"] == tid)
    assert t["page_end"] > t["page_start"]
    frags = [c for c in man["cells"] if c["table"] == tid and c["kind"] == "cell" and c["c"] == 4]
    assert any(c["span"] for c in frags), "no re-printed 入企领导 label"
    # the header is repeated on each page of the table
    heads = {c["page"] for c in man["cells"] if c["table"] == tid and c["kind"] == "header"}
    assert heads == set(range(t["page_start"], t["page_end"] + 1))


def test_transport_two_level_header_a(A):
    pdf, man = A
    t = next(t for t in man["tables"] if t.get("heading") == "一、朔州市综合交通枢纽重点建设项目")
    heads = [c for c in man["cells"] if c["table"] == t["id"] and c["kind"] == "header"]
    by = {c["text"]: c["bbox"] for c in heads}
    top, y21, y22 = by["分年度任务(亿元)"], by["2021年"], by["2022年"]
    assert abs(top[0] - y21[0]) < 0.5 and abs(top[2] - y22[2]) < 0.5      # spans both sub-columns
    assert y21[1] >= top[3] - 0.5                                          # sub-header below
    assert by["序号"][3] >= y21[3] - 0.5                                   # others span both levels


# ------------------------------------------------------------------ gazette-b defects

def test_b_fake_bold_titles(B):
    pdf, man = B
    d = man["documents"][1]
    page = pdf.pages[d["page_start"] - 1]
    title = d["title"]
    chars = [c for c in page.chars if c["text"] in title and c["size"] >= 15]
    pairs = 0
    for a in chars:
        for b in chars:
            if a is not b and a["text"] == b["text"] and abs(a["top"] - b["top"]) < 0.01 and \
                    0.2 < b["x0"] - a["x0"] < 0.4:
                pairs += 1
    assert pairs >= len(title) * 0.9, (pairs, len(title))
    assert "朔朔州州市市" in nows(page.extract_text()) or pairs


def test_b_kangxi_radicals(B):
    pdf, man = B
    text = "".join(p.extract_text() or "" for p in pdf.pages)
    for ch in ("\u2f45", "\u2f94", "\u2f2f"):
        assert ch in text, hex(ord(ch))
    # substitution is limited to the documented documents
    for d in man["documents"]:
        if d["doc_number"] in ("朔政发〔2021〕26号",):
            pg = "".join(pdf.pages[i - 1].extract_text() or "" for i in range(d["page_start"], d["page_end"]))
            assert "\u2f45" not in pg


def test_b_layout_differs(A, B):
    _, ma = A
    _, mb = B
    starts_a = [d["printed_page_start"] for d in ma["documents"]]
    starts_b = [d["printed_page_start"] for d in mb["documents"]]
    assert starts_a != starts_b
    # in B some document starts on the page where the previous one ends
    assert any(x["page_end"] == y["page_start"] for x, y in zip(mb["documents"], mb["documents"][1:]))
    wide = [t for t in mb["tables"] if t["columns"] >= 10]
    assert wide and all(mb["pages"][t["page_start"] - 1]["size"][0] > 800 for t in wide)


# ------------------------------------------------------------------ the multi-producer set

from expect import SAMPLE_SET, expectations_for  # noqa: E402


@pytest.mark.parametrize("sample", list(SAMPLE_SET))
def test_every_sample_committed_small_with_its_manifest(sample):
    """Every producer's PDF of both issues is committed (CI cannot typeset html/docx), modest in
    size (fonts subset), A4, and its manifest counts its pages and lists every document."""
    import pypdfium2 as pdfium

    path = SAMPLES / f"{sample}.pdf"
    assert path.stat().st_size < 2_000_000, f"{path.name}: {path.stat().st_size} bytes"
    man = json.loads((SAMPLES / f"{sample}.layout.json").read_text(encoding="utf-8"))
    doc = pdfium.PdfDocument(str(path))
    try:
        assert len(doc) == man["total_pages"]
        w, h = doc[man["first_body_page"] - 1].get_size()
        assert sorted((round(w), round(h))) == [595, 842]
    finally:
        doc.close()
    exp = expectations_for(sample)
    assert [d["doc_number"] for d in man["documents"]] == [d["doc_number"] for d in exp["documents"]]
    assert all(d["page_start"] <= d["page_end"] for d in man["documents"])


def test_second_issue_reads_like_the_seed():
    """gzsource reads the second issue's source by the seed's format: cover, 目录 and documents
    agree with each other and with its expectations file."""
    iss = gzsource.parse(SAMPLES / "source" / "sangyuan-gazette-2022-02.txt")
    exp = expectations_for("sangyuan-a")
    assert iss["cover"]["name"] == exp["gazette"]["title"]
    assert [e["doc_number"] for e in iss["toc"]] == [d["doc_number"] for d in iss["docs"]]
    assert [nows(d["title"]) for d in iss["docs"]] == [nows(d["title"]) for d in exp["documents"]]
    tables = [b["table"] for d in iss["docs"] for b in d["blocks"] if b["t"] == "table"]
    assert [sum(r["kind"] == "row" for r in t["rows"]) for t in tables] == [t["n_rows"] for t in exp["tables"]]


def test_roster_printing_helpers():
    """The html/docx producers pad two-character names and space two-character role labels."""
    import htmlgazette as H

    assert H.pad_name("张祥") == "张\u3000祥" and H.pad_name("高 才") == "高\u3000才" and H.pad_name("康宝红") == "康宝红"
    assert H.spaced_label("主任") == "主\u3000任：" and H.spaced_label("成 员") == "成\u3000员："
    assert H.spaced_label("总召集人") == "总召集人："
    assert H.split_roster_line("召集人：霍永生 市人民政府副秘书长") == ("召集人", "霍永生", "市人民政府副秘书长")
    assert H.split_title("朔州市人民政府办公室关于印发…的通知", ("朔州市人民政府", "朔州市人民政府办公室")) == (
        "朔州市人民政府办公室", "关于印发…的通知")
