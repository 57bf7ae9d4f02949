"""Real government PDFs from ../shared/corpus (never copied into the repo; skipped when absent).

Expectations were established by looking at the rendered pages, not from the extractor.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")

ALL = [
    "miit-2025-smart-manufacturing-jiebang-project-list.pdf",
    "csrc-listed-company-industry-classification-2018q3.pdf",
    "anhui-construction-land-standard-2020-p1-table.pdf",
    "tw-taipei-daan-health-center-letter-with-table-2020.pdf",
    "miit-automotive-digital-transformation-plan.pdf",
    "annual-report-page-quadrupled-chars-anhui-anli.pdf",
]


@pytest.fixture(scope="session")
def extraction(corpus_extraction):
    """extraction("x.pdf") → the Extraction of ../shared/corpus/x.pdf, once per reader (conftest)."""
    return corpus_extraction


@pytest.mark.parametrize("name", ALL)
def test_extract_exits_0_and_toc_checks_are_skipped(name, tmp_path, extraction, reader):
    result = subprocess.run(
        [sys.executable, "-m", "gazette_extract.cli", "extract", str(CORPUS / name), "--out", str(tmp_path / "out"), "-q",
         "--reader", reader],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "gazette.json").is_file()
    toc_checks = [c for c in extraction(name).checks if c.check.startswith("toc")]
    assert toc_checks, "the TOC checks are reported"
    assert all(c.skipped and c.ok for c in toc_checks)


def test_taiwan_letter_doc_number_and_no_binding_marks(extraction):
    ex = extraction("tw-taipei-daan-health-center-letter-with-table-2020.pdf")
    assert len(ex.documents) == 1
    doc = ex.documents[0]
    assert doc.doc_number == "北市安健個字第1093003080號"
    assert doc.doc_serial == 1093003080
    assert doc.title == "臺北市大安區健康服務中心函"
    assert str(doc.sign_date) == "2020-10-05"
    assert "檢送109年9月份臺北市大安區登革熱病媒蚊密度調查結果" in doc.body_text
    # 裝/訂/線 are binding marks printed in the margin, never text of a paragraph.
    for paragraph in doc.paragraphs:
        assert paragraph.text not in {"裝", "訂", "線"}
    assert "裝" not in doc.body_text and "訂" not in doc.body_text


def test_plan_body_reads_in_order_with_heading_levels_and_no_tables(extraction):
    ex = extraction("miit-automotive-digital-transformation-plan.pdf")
    assert ex.tables == []
    assert len(ex.documents) == 1
    doc = ex.documents[0]
    assert doc.title == "汽车行业数字化转型实施方案"
    levels = {p.text: p.level for p in doc.paragraphs}
    assert levels["一、总体要求"] == 1
    assert levels["二、重点任务"] == 1
    assert levels["（一）诊断评估与改进提升行动"] == 2
    assert any(t.startswith("1.完善诊断评估体系") and lv == 3 for t, lv in levels.items())
    body = doc.body_text
    order = ["一、总体要求", "二、重点任务", "（一）诊断评估与改进提升行动", "三、实施保障"]
    positions = [body.index(h) for h in order]
    assert positions == sorted(positions)
    # A paragraph wrapped over lines and pages is one paragraph.
    assert "汽车产业是国民经济的重要支柱产业，产业链长、涉及面广、关联带动性强，是制造业数字化转型的重点领域。" in body


def test_quadrupled_fake_bold_cover_reads_once(extraction):
    ex = extraction("annual-report-page-quadrupled-chars-anhui-anli.pdf")
    text = ex.documents[0].title + "\n" + ex.documents[0].body_text
    assert "安徽安利合成革股份有限公司" in text
    assert "2011年年度报告" in text  # genuine repetition 年年 kept
    assert "安安" not in text and "徽徽" not in text


def test_jiebang_list_maps_to_projects_and_keeps_other_columns_in_extra(extraction):
    ex = extraction("miit-2025-smart-manufacturing-jiebang-project-list.pdf")
    assert len(ex.projects) == 73
    first = ex.projects[0]
    assert (first.seq, first.name, first.implementer) == (
        1,
        "面向石化化工行业的AI驱动数字化交付解决方案",
        "北京互时科技股份有限公司",
    )
    extra = json.loads(first.extra)
    assert extra["服务的重点行业"] == "石化化工" and extra["推荐单位"] == "北京市经济和信息化局"
    assert "揭榜任务" in extra
    assert [p.seq for p in ex.projects] == list(range(1, 74))


# ---------------------------------------------------------------- pdfplumber's table PDFs (issue 14)
# Expectations read off the rendered pages (pdftoppm -r 60 / -r 150 crops), not from the extractor.


@pytest.mark.parametrize(
    "name",
    ["pdfplumber-nics-background-checks-2015-11.pdf", "pdfplumber-table-curves-example.pdf", "pdfplumber-senate-expenditures.pdf"],
)
def test_pdfplumber_table_pdfs_extract_quietly(name, tmp_path):
    """Once refused as "nothing to extract": each now gives its table, exit 0, nothing on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "gazette_extract.cli", "extract", str(CORPUS / name), "--out", str(tmp_path / "out"), "-q"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert len(json.loads((tmp_path / "out" / "gazette.json").read_text(encoding="utf-8"))["tables"]) == 1


def test_nics_grid_of_filled_rectangles_and_thin_lines(extraction):
    """25 columns under a two-level header drawn as coloured blocks (Pre-Pawn over Handgun |
    Long Gun | *Other, no rule under the group label); rows ruled only every fifth state."""
    (table,) = extraction("pdfplumber-nics-background-checks-2015-11.pdf").tables
    assert len(table.columns) == 25
    assert table.columns[:7] == ["State / Territory", "Permit", "Handgun", "Long Gun", "*Other", "**Multiple", "Admin"]
    assert table.columns[7:10] == ["Pre-Pawn/Handgun", "Pre-Pawn/Long Gun", "Pre-Pawn/*Other"]
    assert table.columns[16:18] == ["Rentals/Handgun", "Rentals/Long Gun"]
    assert table.columns[-1] == "Totals"
    assert table.title == "NICS Firearm Background Checks November - 2015"
    # 50 states, DC, Guam, Mariana Islands, Puerto Rico, Virgin Islands, and the Totals row
    assert table.n_rows == 56
    names = [r.texts[0] for r in table.rows]
    assert names[:3] == ["Alabama", "Alaska", "Arizona"] and names[-2:] == ["Wyoming", "Totals"]
    assert "District of Columbia" in names and "Virgin Islands" in names
    alabama = table.rows[0].texts
    assert alabama[1:7] == ["18,870", "23,022", "22,650", "859", "1,178", "0"]
    assert alabama[10:13] == ["2,179", "2,307", "11"] and alabama[-1] == "71,137"
    assert alabama[16:18] == ["", ""]  # the shaded Rentals columns are empty for states
    totals = table.rows[-1].texts
    assert totals[1] == "804,006" and totals[-1] == "2,236,457"
    wyoming = table.rows[-2].texts
    assert wyoming[1:4] == ["383", "1,745", "2,372"] and wyoming[-1] == "5,017"


def test_table_ruled_mostly_horizontally_with_italic_sections(extraction):
    """Caption 'Table 2: …' above; section rows (Blood and lymphatic system disorders …) are
    sections, not data; wrapped first-column texts are one cell."""
    (table,) = extraction("pdfplumber-table-curves-example.pdf").tables
    assert table.title == "Table 2: Tabulated adverse reactions"
    assert len(table.columns) == 4 and table.columns[0] == "System organ class"
    assert table.columns[3] == "Treatment of DVT and PE, and prevention of recurrent DVT and PE (VTEt)"
    labels = [s.label for s in table.sections]
    assert labels[:3] == ["Blood and lymphatic system disorders", "Immune system disorders", "Nervous system disorders"]
    assert labels[-1] == "Skin and subcutaneous tissue disorders"
    assert len(labels) == 9
    assert table.rows[0].texts == ["Anaemia", "Common", "Common", "Common"]
    assert table.rows[0].category == "Blood and lymphatic system disorders"
    hyper = next(r for r in table.rows if r.texts[0].startswith("Hypersensitivity"))
    assert hyper.texts == ["Hypersensitivity, allergic oedema and Anaphylaxis", "Rare", "Uncommon", "Uncommon"]
    assert table.rows[-1].texts == ["Alanine aminotransferase increased", "Uncommon", "Uncommon", "Common"]
    assert table.rows[-1].category == "Hepatobiliary disorders"
    assert table.n_rows == 23


def test_senate_boxed_header_over_unruled_rows(extraction):
    """A boxed two-level header (OBLIGATION/SERVICE DATES over START | END) over body rows
    with no rules: 10 staff salary rows, then 22 expense rows whose description wraps."""
    (table,) = extraction("pdfplumber-senate-expenditures.pdf").tables
    assert table.columns == [
        "DOCUMENT NO.",
        "DATE POSTED",
        "PAYEE NAME",
        "OBLIGATION/SERVICE DATES/START",
        "OBLIGATION/SERVICE DATES/END",
        "DESCRIPTION",
        "AMOUNT ($)",
    ]
    assert table.n_rows == 32
    assert table.rows[0].texts == ["", "", "BAIN, J MATTHEW", "", "", "DISTRICT DIRECTOR", "37,499.96"]
    assert table.rows[9].texts[2] == "GRUENDER, BENJAMIN L" and table.rows[9].texts[6] == "1,458.33"
    first = table.rows[10].texts
    assert first[:5] == ["DHAW20190001", "05/03/2019", "CITIBANK - TRAVEL CBA CARD", "03/04/2019", "03/06/2019"]
    assert first[5] == "STAFF TRANSPORTATION AIRFARE FOR E JOHNSON KANSAS CITY TO WASHINGTON DC AND RETURN"
    assert first[6] == "920.68"
    last = table.rows[-1].texts
    assert last[0] == "DHAW20190070" and last[6] == "411.49"
    assert [r.texts[0] for r in table.rows[10:]].count("") == 0
