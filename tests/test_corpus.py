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
