"""Cited documents (引用文件): the patterns on their own, the records module on small documents,
the references_resolved check (info level), the real pipeline on every sample PDF of
conftest.SAMPLE_NAMES against the citations read from its source text (``references:`` of
tests/expectations/shuozhou-2021-04.yaml for the gazette-* samples, of the file named after the
source for the others), and a real WPS-made plan from ../shared/corpus."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from conftest import SAMPLE_NAMES
from expect import EXPECTATIONS, nows
from gazette_extract import patterns, validate
from gazette_extract.models import Document, Extraction, GazetteInfo, Paragraph
from gazette_extract.records.references import cited_issuer, cited_kind, from_documents, number_key
from gazette_extract.write import validation_summary

GID = "0123456789abcdef"

# ---------------------------------------------------------------- patterns


@pytest.mark.parametrize(
    "text, titles",
    [
        ("根据《国务院关于推动创新创业高质量发展的意见》（国发〔2018〕32号）精神", ["国务院关于推动创新创业高质量发展的意见"]),
        ("《关于印发〈某省赋权实施方案〉及〈基本目录〉的通知》", ["关于印发〈某省赋权实施方案〉及〈基本目录〉的通知"]),
        ("《甲条例》《乙办法》", ["甲条例", "乙办法"]),
        ("《关于印发《某某办法》的通知》", ["关于印发《某某办法》的通知"]),  # 《》 nested instead of 〈〉: one title
        ("按照《山西省建制镇三", []),  # not closed in this text: nothing yet
    ],
)
def test_cited_title_pattern(text, titles):
    assert [m.group()[1:-1] for m in patterns.CITED_TITLE.finditer(text)] == titles


@pytest.mark.parametrize(
    "after, number, code, year, serial",
    [
        ("（国发〔2018〕32号）、", "国发〔2018〕32号", "国发", "2018", "32"),
        ("(朔环发〔2021〕61号)要求", "朔环发〔2021〕61号", "朔环发", "2021", "61"),  # half-width brackets
        ("（晋政办发〔2021〕43 号）", "晋政办发〔2021〕43 号", "晋政办发", "2021", "43"),  # space inside
        (" （ 某政发[2020]5号 ）", "某政发[2020]5号", "某政发", "2020", "5"),
        ("（朔政发〔2017〕45号，以下简称《通知》）", "朔政发〔2017〕45号", "朔政发", "2017", "45"),
        ("（职改字〔1986〕第111号）", "职改字〔1986〕第111号", "职改字", "1986", "111"),
        ("（国发〔2018〕32号文件）精神", "国发〔2018〕32号", "国发", "2018", "32"),
    ],
)
def test_cited_number_bracket_with_year(after, number, code, year, serial):
    m = patterns.CITED_NUMBER_BRACKET.match(after)
    assert (m["number"], m["code"], m["year"], m["serial"]) == (number, code, year, serial)


@pytest.mark.parametrize(
    "after, code, year, serial",
    [
        ("（国务院令 第 722 号）精神", "国务院令", None, "722"),
        ("（农业部令第17号）", "农业部令", None, "17"),
        ("（2017年教育部、外交部、公安部令第42号）", "教育部、外交部、公安部令", "2017", "42"),
    ],
)
def test_cited_number_bracket_with_decree(after, code, year, serial):
    m = patterns.CITED_NUMBER_BRACKET.match(after)
    assert (m["d_code"], m["d_year"], m["d_serial"]) == (code, year, serial)


@pytest.mark.parametrize("after", ["（2020年版）", "（DB14/1928-2019）", "(GB18918-2002)", "（2012年修正）", "精神（国发〔2018〕32号）"])
def test_cited_number_bracket_refuses_other_brackets(after):
    assert patterns.CITED_NUMBER_BRACKET.match(after) is None


def test_bracket_left_open_and_year_in_brackets():
    assert patterns.BRACKET_LEFT_OPEN.match("（国发〔2018〕") and patterns.BRACKET_LEFT_OPEN.match(" (")
    assert not patterns.BRACKET_LEFT_OPEN.match("（国发〔2018〕32号）精神") and not patterns.BRACKET_LEFT_OPEN.match("精神")
    assert [m["year"] for m in patterns.YEAR_IN_BRACKETS.finditer("[2021] （ 2020 ） 【2019】 ［2018］ 〔2017〕")] == [
        "2021", "2020", "2019", "2018", "2017"]


@pytest.mark.parametrize(
    "title, issuer",
    [
        ("国务院关于推进国家级经济技术开发区创新提升的意见", "国务院"),
        ("国务院办公厅关于加快发展的意见", "国务院办公厅"),
        ("某省人民政府办公厅关于印发某某方案的通知", "某省人民政府办公厅"),
        ("某市人民政府关于对开发区下放行政职权事项的通知", "某市人民政府"),
        ("某市政府关于积极利用外资的实施意见", "某市政府"),
        ("国家卫生健康委员会 国家中医药管理局关于印发某某办法的通知", "国家卫生健康委员会 国家中医药管理局"),
        ("国家卫生健康委员会国家中医药管理局关于印发某某办法的通知", "国家卫生健康委员会 国家中医药管理局"),
        ("中共中央 国务院关于全面推进乡村振兴的意见", "中共中央 国务院"),
        ("中共某省委办公厅 某省人民政府办公厅印发某某规定的通知", "中共某省委办公厅 某省人民政府办公厅"),
        ("某市生态环境局、某市工业和信息化局关于转发某某方案的通知", "某市生态环境局 某市工业和信息化局"),
        ("中央职称改革工作领导小组关于转发某某条例的通知", "中央职称改革工作领导小组"),
        ("财政部 国家税务总局关于某某的通知", "财政部 国家税务总局"),
        ("国务院对确需保留的行政审批项目设定行政许可的决定", "国务院"),
        ("全国人民代表大会常务委员会关于修改〈某法〉的决定", "全国人民代表大会常务委员会"),
        ("国家发展改革委等部门关于某某的意见", "国家发展改革委等部门"),
        ("财政部 税务总局等六部门关于某某的通知", "财政部 税务总局等六部门"),
    ],
)
def test_cited_issuer(title, issuer):
    assert cited_issuer(title) == issuer


@pytest.mark.parametrize(
    "title",
    ["关于贯彻落实交通强国建设纲要的实施方案", "中华人民共和国药品管理法", "某市人民政府赋予各开发区市级职权事项清单",
     "外商投资准入特别管理措施（负面清单）（2020版）", "优化营商环境条例", "通知"],
)
def test_no_cited_issuer(title):
    assert cited_issuer(title) is None


@pytest.mark.parametrize(
    "title, kind",
    [
        ("中华人民共和国药品管理法", "law"),
        ("外商投资法", "law"),
        ("优化营商环境条例", "regulation"),
        ("政府信息公开条例", "regulation"),
        ("某省城镇污水处理厂运行监督管理办法(试行)", "rules"),  # qualifier ignored; 办法 before 法
        ("某省实施〈中华人民共和国民办教育促进法〉办法", "rules"),
        ("关于实行专业技术职务聘任制度的规定", "rules"),
        ("国务院关于推动创新创业高质量发展的意见", "normative"),
        ("某市推进交通强国建设行动计划（2021-2022年）", "normative"),
        ("某市2021年政务公开工作要点", "normative"),
        ("某市2021年食品安全重点工作安排", "normative"),
        ("某市招商引资优惠政策20条", "normative"),
        ("通知", "normative"),
        # a notice that issues something takes the kind of what it issues
        ("国务院关于发布〈关于实行专业技术职务聘任制度的规定〉的通知", "rules"),
        ("某部关于印发某某管理办法的通知", "rules"),
        ("某厅关于转发某某方案的通知", "normative"),
        ("某省人民政府办公厅关于印发〈某赋权实施方案〉及〈省级赋权事项基本目录〉的通知", "normative"),
        ("某市人民政府关于公布第一批某某名单的通知", "normative"),  # a list issued: the notice stays normative
        ("某厅关于印发〈某某目录〉的通知", "normative"),
        ("环境空气质量标准", "other"),
        ("水质化学需氧量的测定方法", "other"),
        ("某市政府常务会议纪要", "normative"),
        ("划拨用地目录", "other"),
        ("某某项目清单", "other"),
        ("关于建立某某联席会议制度的请示", "other"),
    ],
)
def test_cited_kind(title, kind):
    assert cited_kind(title) == kind


def test_number_key_ignores_bracket_width_spaces_and_di():
    assert number_key("某政发[2021] 5 号") == number_key("某政发〔2021〕5号") == number_key("某政发（2021）第5号")
    assert number_key("晋政发〔二〇二一〕5号") == number_key("晋政发〔2021〕5号")


# ---------------------------------------------------------------- records on small documents


def doc(doc_id: str, number: str | None, texts: list[tuple[str, int]], title: str | None = None) -> Document:
    code = patterns.DOC_NUMBER.fullmatch(number)["code"] if number else None
    return Document(
        gazette_id=GID, doc_id=doc_id, seq=int(doc_id[1:]), doc_number=number, doc_code=code, title=title, page_start=texts[0][1],
        page_end=texts[-1][1], paragraphs=[Paragraph(text=t, page=p) for t, p in texts],
    )


def test_citation_cut_by_a_page_break_is_read_whole():
    d = doc("d1", "某政发〔2021〕1号", [
        ("为做好工作。", 3),
        ("按照《某省建制镇生活污水处理设施建设三", 3),
        ("年攻坚行动实施方案》精神，制定本方案。", 4),
    ])
    (ref,) = from_documents([d], GID)
    assert ref.cited_title == "某省建制镇生活污水处理设施建设三年攻坚行动实施方案"
    assert (ref.paragraph, ref.page, ref.kind) == (1, 3, "normative")


def test_number_cut_by_a_page_break_is_read_whole():
    d = doc("d1", None, [("根据《某省人民政府关于某事的通知》（某政办发〔2021〕", 5), ("43号）精神。", 6)])
    (ref,) = from_documents([d], GID)
    assert (ref.cited_doc_number, ref.cited_doc_code, ref.cited_year, ref.cited_serial) == ("某政办发〔2021〕43号", "某政办发", 2021, 43)
    assert ref.cited_issuer == "某省人民政府" and ref.doc_number is None


def test_number_in_the_next_paragraph_after_a_closed_title():
    d = doc("d1", None, [("根据《某省人民政府关于某事的通知》", 5), ("（某政办发〔2021〕43号）精神。", 6), ("其他。", 6)])
    (ref,) = from_documents([d], GID)
    assert (ref.cited_doc_number, ref.paragraph, ref.page) == ("某政办发〔2021〕43号", 0, 5)


def test_rows_in_order_with_first_and_short_forms():
    d = doc("d2", "某政办函〔2021〕9号", [
        ("《某市人民政府关于建立某制度的通知》（某政发〔2017〕45号，以下简称《通知》）印发以来，", 7),
        ("贯彻《优化营商环境条例》（国务院令 第 722 号）和《优化营商环境条例》。", 7),
    ])
    refs = from_documents([d], GID)
    assert [r.cited_title for r in refs] == ["某市人民政府关于建立某制度的通知", "通知", "优化营商环境条例", "优化营商环境条例"]
    assert [r.cited_doc_number for r in refs] == ["某政发〔2017〕45号", None, "国务院令第722号", None]
    assert [r.first for r in refs] == [True, True, True, False]
    assert [r.paragraph for r in refs] == [0, 0, 1, 1]
    assert refs[2].cited_doc_code == "国务院令" and refs[2].cited_year is None and refs[2].cited_serial == 722


def test_cited_doc_id_by_number_then_by_title():
    cited = doc("d1", "某政发〔2021〕3号", [("正文。", 1)], title="某市人民政府关于某事的通知")
    citing = doc("d2", "某政办发〔2021〕8号", [
        ("按照《某市人民政府关于某事的通知》(某政发[2021]3号)和《某市人民政府关于某事的通知》，", 2),
        ("及《某市人民政府关于别事的通知》（某政发〔2019〕1号）。", 2),
    ])
    refs = from_documents([cited, citing], GID)
    assert [r.cited_doc_id for r in refs] == ["d1", "d1", None]


def test_angle_brackets_mapped_to_deprecated_code_points_come_out_nfc():
    """A PDF text layer may map 〈〉 to U+2329/U+232A (canonically 〈〉): the title is NFC."""
    (ref,) = from_documents([doc("d1", None, [("根据《关于印发\u2329甲办法\u232a的通知》精神。", 1)])], GID)
    assert ref.cited_title == "关于印发〈甲办法〉的通知" and ref.kind == "rules"


def test_no_citation_no_rows():
    assert from_documents([doc("d1", None, [("没有引用。", 1)])], GID) == []


# ---------------------------------------------------------------- references_resolved (info)


def _gazette() -> GazetteInfo:
    return GazetteInfo(gazette_id=GID, source_file="x.pdf", sha256="0" * 64, page_count=9, extractor_version="t")


def test_references_resolved_is_info_and_never_fails_the_run():
    own = doc("d1", "某政发〔2021〕3号", [("正文。", 1)])
    citing = doc("d2", "某政发〔2021〕4号", [("按照《甲的通知》（某政发〔2021〕3号）和《乙的通知》（某政发〔2017〕45号）、《丙的意见》（国发〔2018〕1号）。", 2)])
    ex = Extraction(gazette=_gazette(), documents=[own, citing], references=from_documents([own, citing], GID))
    checks = validate.check_references(ex)
    assert {c.subject: c.ok for c in checks} == {"某政发〔2021〕3号": True, "某政发〔2017〕45号": False}  # 国发 is not the gazette's own
    assert all(c.level == "info" for c in checks)
    unresolved = next(c for c in checks if not c.ok)
    assert not unresolved.failed and "乙的通知" in unresolved.message and "某政发〔2021〕4号" in unresolved.message
    summary = validation_summary(checks)
    assert summary["ok"] and summary["failed"] == 0 and summary["info"] == 1


def test_references_resolved_skipped_without_own_numbers():
    ex = Extraction(gazette=_gazette(), documents=[doc("d1", "某政发〔2021〕3号", [("《甲法》。", 1)])])
    (check,) = validate.check_references(ex)
    assert check.skipped and check.level == "info"


# ---------------------------------------------------------------- the samples against their source

EXPECTATIONS_DIR = EXPECTATIONS.parent


def expected_references(sample: str) -> dict[str, list[dict]]:
    """The citations the sample's source text prints, per citing 文号: shuozhou-2021-04.yaml for
    the gazette-* samples (typeset from the seed), else the expectation files named after the
    sample's source (sangyuan-a → sangyuan-*.yaml); skips when none lists references."""
    if sample.startswith("gazette-"):
        files = [EXPECTATIONS]
    else:
        files = sorted(EXPECTATIONS_DIR.glob(f"{sample.split('-')[0]}-*.yaml"))
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "references" in data:
            return data["references"]
    pytest.skip(f"no references expectations for sample {sample}")


@pytest.fixture(params=SAMPLE_NAMES)
def sample_refs(request, extractions, reader):
    """(expected references, Extraction) of each sample PDF in turn, with each reader."""
    expected = expected_references(request.param)
    return expected, extractions.get(request.param, reader)


def _found(extraction) -> dict[str, list]:
    by_doc: dict[str, list] = {}
    for r in extraction.references:
        by_doc.setdefault(r.doc_number, []).append(r)
    return by_doc


def precision_recall(expected: dict[str, list[dict]], extraction) -> tuple[float, float]:
    """Citations matched per citing document on (title, 文号), whitespace ignored."""
    found = _found(extraction)
    tp = fp = fn = 0
    for number in set(expected) | set(found):
        want = [(nows(i["title"]), nows(i.get("number"))) for i in expected.get(number, [])]
        for got in ((nows(r.cited_title), nows(r.cited_doc_number)) for r in found.get(number, [])):
            if got in want:
                want.remove(got)
                tp += 1
            else:
                fp += 1
        fn += len(want)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def test_references_precision_recall(sample_refs):
    """Every 《title》 (with its 文号) of the source's running text, per citing document: F1 ≥ 0.95."""
    expected, extraction = sample_refs
    precision, recall = precision_recall(expected, extraction)
    assert 2 * precision * recall / max(precision + recall, 1e-9) >= 0.95, (precision, recall)


def test_references_of_each_document(sample_refs):
    """Titles, 文号, issuer, kind and first of each document's citations, in order, as the source prints them."""
    expected, extraction = sample_refs
    found = _found(extraction)
    wrong = []
    for number, want in expected.items():
        got = [
            (nows(r.cited_title), nows(r.cited_doc_number), r.cited_issuer, r.kind, r.first) for r in found.get(number, [])
        ]
        want = [(nows(i["title"]), nows(i.get("number")), i.get("issuer"), i["kind"], i.get("first", True)) for i in want]
        wrong += [f"{number}: found {g}, source {w}" for g, w in zip(got, want) if g != w]
        if len(got) != len(want):
            wrong.append(f"{number}: {len(got)} citations found, the source prints {len(want)}")
    assert not wrong, "\n".join(wrong)


def test_references_point_at_their_paragraph(sample_refs):
    """Each row's paragraph (seq) of its document holds the start of the citation, on its page."""
    _, extraction = sample_refs
    docs = {d.doc_id: d for d in extraction.documents}
    for r in extraction.references:
        paragraph = docs[r.doc_id].paragraphs[r.paragraph]
        assert paragraph.page == r.page
        assert "《" + r.cited_title[:2] in unicodedata.normalize("NFC", paragraph.text)


def test_table_cells_and_back_matter_are_not_references(extractions, reader):
    """The 设定依据 cells of the approval tables and the 简介 page cite laws too: not in references."""
    for sample in SAMPLE_NAMES:
        if not sample.startswith("gazette-"):
            continue
        titles = {r.cited_title for r in extractions.get(sample, reader).references}
        assert "设置医疗机构批准书" not in titles and "国务院对确需保留的行政审批项目设定行政许可的决定" not in titles
        assert "中华人民共和国立法法" not in titles and "朔州市人民政府公报" not in titles


def test_references_resolved_on_the_samples(sample_refs):
    """A cited 文号 with the 代字 of one of the gazette's own documents is an info row, never a failure;
    the ones the source cites that are not documents of the issue are reported not ok."""
    expected, extraction = sample_refs
    own_codes = {code(n) for n in expected}
    cited_own = {nows(i["number"]) for items in expected.values() for i in items if code(i.get("number")) in own_codes}
    rows = [c for c in extraction.checks if c.check == "references_resolved" and not c.skipped]
    assert {c.subject for c in rows if not c.ok} == cited_own - set(expected)
    assert all(c.level == "info" and not c.failed for c in rows)


def code(number: str | None) -> str | None:
    """机关代字 of a 文号 as written in the expectations (朔政发〔2017〕45号 → 朔政发)."""
    m = patterns.DOC_NUMBER.fullmatch(nows(number)) if number else None
    return m["code"] if m else None


# ---------------------------------------------------------------- a real producer (corpus)


def test_real_plan_citations_wrapped_across_lines(corpus_extraction):
    """《汽车行业数字化转型实施方案》 (WPS, FangSong; ../shared/corpus): its three citations, two of them
    wrapped across printed lines (为落实《制造 / 业数字化转型行动方案》, 按照《国家智能制造标 / 准体系…》),
    read from the pages (pdftotext -layout, pages 1 and 5)."""
    extraction = corpus_extraction("miit-automotive-digital-transformation-plan.pdf")
    assert [(r.cited_title, r.cited_doc_number, r.kind, r.page, r.first) for r in extraction.references] == [
        ("制造业数字化转型行动方案", None, "normative", 1, True),
        ("国家智能制造标准体系建设指南", None, "other", 5, True),
        ("国家数据标准体系建设指南", None, "other", 5, True),
    ]
