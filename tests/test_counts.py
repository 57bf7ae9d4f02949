"""Stage stated counts: each linking rule and each refusal, on hand-built documents and tables."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette_extract import counts
from gazette_extract.models import Attachment, Document, Paragraph, StatedCount, Table, TableRow

GID = "0123456789abcdef"
N1 = "某政办发〔2021〕7号"


def document(paragraphs: list[tuple[str, int]], attachments: list[tuple[str, int | None]] | None = None,
             *, number: str | None = N1, titles: dict[str, str] | None = None,
             listed: dict[str, int] | None = None) -> Document:
    titles, listed = titles or {}, listed or {}
    return Document(
        gazette_id=GID, doc_id="d01", seq=1, doc_number=number, title="关于某事的通知", issuer="某市人民政府",
        sign_date=dt.date(2021, 7, 1), page_start=3, page_end=12,
        paragraphs=[Paragraph(text=t, page=p) for t, p in paragraphs],
        attachments=[
            Attachment(gazette_id=GID, doc_number=number, label=lab, title=titles.get(lab), page_start=pg,
                       stated_count=listed.get(lab))
            for lab, pg in (attachments or [])
        ],
    )


def table(table_id: str, n: int, label: str | None, page: int, title: str | None = None, *,
          number: str | None = N1, **kw) -> Table:
    rows = [TableRow(row=i, page=page, top=100.0 + i, bottom=110.0 + i, texts=[str(i + 1), f"事项{i}"]) for i in range(n)]
    base = dict(gazette_id=GID, doc_number=number, table_id=table_id, attachment_label=label, title=title,
                columns=["序号", "名称"], n_rows=n, page_start=page, page_end=page, rows=rows)
    base.update(kw)
    return Table(**base)


def run(doc: Document, *tables: Table) -> tuple[dict[str, Table], list[StatedCount]]:
    out, found = counts.apply([doc], list(tables))
    return {t.table_id: t for t in out}, found


def linked(found: list[StatedCount]) -> list[tuple[str, tuple[str, ...], int]]:
    return [(c.target, tuple(c.table_ids), c.n) for c in found]


# ---------------------------------------------------------------- 1. 附件 list


def test_attachment_list_item_names_its_single_table():
    d = document([("附件：1. 省级项目名单（共17项）", 3), ("2. 市级项目名单（共64项）", 3)], [("附件1", 4), ("附件2", 6)])
    tabs, found = run(d, table("t1", 17, "附件1", 4), table("t2", 63, "附件2", 6))
    assert linked(found) == [("attachment", ("t1",), 17), ("attachment", ("t2",), 64)]
    assert found[1].phrase == "市级项目名单（共64项）" and found[1].source == "attachment_list" and found[1].page == 3
    assert (tabs["t2"].stated_count, tabs["t2"].stated_count_source) == (64, "市级项目名单（共64项）")


def test_attachment_stated_count_from_segment_is_used_without_the_list_paragraph():
    d = document([("正文。", 3)], [("附件1", 4)], titles={"附件1": "某名单"}, listed={"附件1": 12})
    tabs, found = run(d, table("t1", 12, "附件1", 4))
    assert linked(found) == [("attachment", ("t1",), 12)]
    assert tabs["t1"].stated_count == 12


def test_attachment_count_names_all_tables_of_the_attachment_but_fills_none():
    d = document([("附件：某项目清单（共5项）", 3)], [("附件", 4)])
    tabs, found = run(d, table("t1", 2, "附件", 4), table("t2", 3, "附件", 5))
    assert linked(found) == [("attachment", ("t1", "t2"), 5)]
    assert tabs["t1"].stated_count is None and tabs["t2"].stated_count is None


def test_tables_own_count_is_kept_when_the_text_disagrees():
    d = document([("附件：某项目名单（共18项）", 3)], [("附件", 4)])
    tabs, found = run(d, table("t1", 17, "附件", 4, stated_count=17))
    assert linked(found) == [("attachment", ("t1",), 18)]  # kept, so validate reports the disagreement
    assert (tabs["t1"].stated_count, tabs["t1"].stated_count_source) == (17, counts.OWN)


# ---------------------------------------------------------------- 2. 共40户（附件1）


def test_count_naming_its_attachment():
    d = document([("市级层面负责重点企业，共 40 户（附件 1）。县级层面见问题征集表（附件2）。", 3)],
                 [("附件1", 4), ("附件2", 6)])
    tabs, found = run(d, table("t1", 40, "附件1", 4), table("t2", 3, "附件2", 6))
    assert linked(found) == [("attachment", ("t1",), 40)]
    assert found[0].phrase == "共40户（附件1）" and found[0].page == 3 and found[0].source == "running_text"
    assert tabs["t1"].stated_count == 40 and tabs["t2"].stated_count is None


def test_bare_attachment_mention_names_the_only_attachment_with_tables():
    d = document([("共3个（见附件）。", 3)], [("附件1", 4)])
    _, found = run(d, table("t1", 3, "附件1", 4))
    assert linked(found) == [("attachment", ("t1",), 3)]


def test_count_of_an_attachment_without_tables_is_not_linked():
    d = document([("共41个（附件1）。", 3)], [("附件1", 4), ("附件2", 6)])
    _, found = run(d, table("t2", 3, "附件2", 6))
    assert found == []


# ---------------------------------------------------------------- 3. total above an attachment's tables


def test_total_above_attachment_tables_names_the_attachment():
    d = document([("正文。", 3), ("项目清单", 5), ("本市建设项目共5项，估算总投资10亿元。", 5)], [("附件", 5)])
    _, found = run(d, table("t1", 2, "附件", 5), table("t2", 3, "附件", 6))
    assert linked(found) == [("attachment", ("t1", "t2"), 5)]
    assert found[0].phrase == "本市建设项目共5项" and found[0].source == "attachment_text"


def test_two_different_totals_above_one_attachment_are_not_linked():
    d = document([("共5项，另有共7项。", 5)], [("附件", 5)])
    _, found = run(d, table("t1", 5, "附件", 5))
    assert found == []


def test_total_on_a_page_shared_by_two_attachments_is_not_linked():
    d = document([("共5项。", 5)], [("附件1", 5), ("附件2", 5)])
    _, found = run(d, table("t1", 5, "附件1", 5), table("t2", 1, "附件2", 5))
    assert found == []


def test_total_row_wording_above_tables_is_the_tables_own():
    d = document([("合计：5项", 5)], [("附件", 5)])
    _, found = run(d, table("t1", 5, "附件", 5))
    assert found == []


# ---------------------------------------------------------------- 4. parts of that total

TRANSPORT = (
    "全市交通建设项目共6项（包括省行动计划2项），其中综合交通枢纽项目1项，估算投资2亿元；"
    "铁路项目2项，估算投资3亿元；其它项目3项。序号栏中标“★”的项目为省行动计划项目。"
)


def transport_tables(**titles: str) -> list[Table]:
    default = {"t1": "某市综合交通枢纽重点建设项目", "t2": "某市铁路重点建设项目", "t3": "某市交通其它建设项目"}
    default.update(titles)
    sizes = {"t1": 1, "t2": 2, "t3": 3}
    return [table(tid, sizes[tid], "附件", 5 + i, title) for i, (tid, title) in enumerate(default.items())]


def test_parts_name_the_one_table_whose_title_holds_the_category():
    d = document([(TRANSPORT, 5)], [("附件", 5)])
    tabs, found = run(d, *transport_tables())
    parts = [(c.table_ids, c.n, c.phrase) for c in found if c.target == "table"]
    assert parts == [(["t1"], 1, "综合交通枢纽项目1项"), (["t2"], 2, "铁路项目2项"), (["t3"], 3, "其它项目3项")]
    assert [tabs[t].stated_count for t in ("t1", "t2", "t3")] == [1, 2, 3]
    assert tabs["t2"].stated_count_source == "铁路项目2项"
    assert ("attachment", ("t1", "t2", "t3"), 6) in linked(found)


def test_part_matching_two_titles_is_not_linked():
    text = "交通项目共5项，其中公路项目3项；铁路项目2项。"
    d = document([(text, 5)], [("附件", 5)])
    tabs, found = run(d, table("t1", 2, "附件", 5, "高速公路建设项目"), table("t2", 1, "附件", 6, "农村公路建设项目"),
                      table("t3", 2, "附件", 7, "铁路建设项目"))
    assert [(c.table_ids, c.n) for c in found if c.target == "table"] == [(["t3"], 2)]
    assert tabs["t1"].stated_count is None and tabs["t2"].stated_count is None


def test_part_matching_no_title_is_not_linked():
    d = document([("项目共5项，其中新建项目3项；续建项目2项。", 5)], [("附件", 5)])
    _, found = run(d, table("t1", 3, "附件", 5, "甲类清单"), table("t2", 2, "附件", 6, "乙类清单"))
    assert [c.target for c in found] == ["attachment"]


def test_parts_of_an_attachment_with_one_table_are_not_linked():
    """其中建设项目52项 is a part of the one table, not the table: no link."""
    d = document([("重点工程共64项，其中建设项目52项，前期项目12项。", 5)], [("附件", 5)])
    tabs, found = run(d, table("t1", 64, "附件", 5, "市级重点工程建设项目名单"))
    assert linked(found) == [("attachment", ("t1",), 64)]
    assert tabs["t1"].stated_count == 64


def test_one_table_named_by_two_different_parts_is_not_linked():
    d = document([("项目共5项，其中铁路项目2项；铁路专用线项目1项。", 5)], [("附件", 5)])
    _, found = run(d, table("t1", 3, "附件", 5, "铁路专用线建设项目"), table("t2", 2, "附件", 6, "公路建设项目"))
    assert [c.target for c in found] == ["attachment"]


def test_parts_outside_the_attachment_text_are_not_linked():
    body = "实施高速公路工程1项，普通国省道改造工程5项。"
    d = document([(body, 3), (TRANSPORT, 5)], [("附件", 5)])
    _, found = run(d, *transport_tables(t1="某市高速公路重点建设项目"))
    assert all(c.page == 5 for c in found)
    assert (["t1"], 1) not in [(c.table_ids, c.n) for c in found]


# ---------------------------------------------------------------- 5. starred part


def test_starred_part_with_legend_names_the_starred_rows():
    d = document([(TRANSPORT, 5)], [("附件", 5)])
    tabs, found = run(d, *transport_tables())
    (star,) = [c for c in found if c.target == "starred"]
    assert (star.table_ids, star.n) == (["t1", "t2", "t3"], 2)
    assert star.phrase == "共6项（包括省行动计划2项）"
    assert "省行动计划" not in "".join(c.phrase for c in found if c.target == "table")


def test_starred_part_without_legend_is_not_a_star_count():
    d = document([("全市交通建设项目共6项（包括省行动计划2项）。", 5)], [("附件", 5)])
    _, found = run(d, *transport_tables())
    assert [c.target for c in found] == ["attachment"]


def test_starred_count_does_not_fill_a_single_table():
    d = document([("项目共3项（包括省级项目2项），序号标★的为省级项目。", 5)], [("附件", 5)])
    tabs, found = run(d, table("t1", 3, "附件", 5, "项目清单"))
    assert sorted(c.target for c in found) == ["attachment", "starred"]
    assert tabs["t1"].stated_count == 3  # from 共3项, not 2


# ---------------------------------------------------------------- 6. 取消N项 / 承接M项

DECISION = "市人民政府决定相应取消4项行政审批事项，承接14项省政府下放管理层级的行政审批事项。"


def test_cancelled_and_delegated_counts_name_the_tables_of_their_action():
    d = document([(DECISION, 3)], [("附件1", 4), ("附件2", 5)])
    tabs, found = run(
        d,
        table("t1", 4, "附件1", 4, "市政府决定相应取消的行政审批事项目录", kind="approval_items"),
        table("t2", 14, "附件2", 5, "市政府承接省政府下放管理层级的行政审批事项目录", kind="approval_items"),
    )
    assert [(c.target, c.action, c.table_ids, c.n) for c in found] == [
        ("action", "cancelled", ["t1"], 4), ("action", "delegated", ["t2"], 14)]
    assert found[0].phrase == "市人民政府决定相应取消4项行政审批事项"
    assert found[1].phrase == "承接14项省政府下放管理层级的行政审批事项"
    assert (tabs["t1"].stated_count, tabs["t2"].stated_count) == (4, 14)


def test_action_title_taken_from_the_attachment_when_the_table_has_none():
    d = document([(DECISION, 3)], [("附件1", 4), ("附件2", 5)],
                 titles={"附件1": "取消的行政审批事项目录", "附件2": "下放的行政审批事项目录"})
    tabs, _ = run(d, table("t1", 4, "附件1", 4, kind="approval_items"), table("t2", 14, "附件2", 5, kind="approval_items"))
    assert (tabs["t1"].stated_count, tabs["t2"].stated_count) == (4, 14)


def test_action_with_two_tables_names_both_and_fills_neither():
    d = document([("决定取消5项行政审批事项。", 3)], [("附件1", 4), ("附件2", 5)])
    tabs, found = run(
        d,
        table("t1", 2, "附件1", 4, "取消的行政许可事项目录", kind="approval_items"),
        table("t2", 3, "附件2", 5, "取消的其他权力事项目录", kind="approval_items"),
    )
    assert [(c.action, c.table_ids, c.n) for c in found] == [("cancelled", ["t1", "t2"], 5)]
    assert tabs["t1"].stated_count is None and tabs["t2"].stated_count is None


def test_action_words_without_approval_tables_are_not_counts():
    d = document([("取消3项收费，下放2项职能。", 3)], [("附件", 4)])
    _, found = run(d, table("t1", 3, "附件", 4, "收费目录"))
    assert found == []


# ---------------------------------------------------------------- filling, dedup, scope


def test_same_count_from_two_places_is_kept_once():
    d = document([("附件：某项目名单（共3项）", 3), ("某项目名单", 4), ("本批项目共3项。", 4)], [("附件", 4)],
                 titles={"附件": "某项目名单"}, listed={"附件": 3})
    tabs, found = run(d, table("t1", 3, "附件", 4))
    assert linked(found) == [("attachment", ("t1",), 3)] and found[0].source == "attachment_list"


def test_two_different_numbers_for_one_table_fill_nothing():
    d = document([("附件：某项目名单（共3项）", 3), ("本批项目共4项。", 4)], [("附件", 4)])
    tabs, found = run(d, table("t1", 3, "附件", 4))
    assert sorted(c.n for c in found) == [3, 4]  # both kept: validate reports the one that disagrees
    assert tabs["t1"].stated_count is None


def test_tables_of_other_documents_are_not_linked():
    d = document([("共40户（附件1）。", 3)], [("附件1", 4)])
    _, found = run(d, table("t1", 40, "附件1", 4, number="某政发〔2021〕9号"))
    assert found == []


def test_standalone_document_without_number_owns_all_tables():
    d = document([("共2户（附件1）。", 3)], [("附件1", 4)], number=None)
    tabs, found = run(d, table("t1", 2, "附件1", 4, number=None))
    assert linked(found) == [("attachment", ("t1",), 2)] and found[0].doc_number is None
    assert tabs["t1"].stated_count == 2


def test_own_count_is_marked_as_the_tables():
    tabs, found = run(document([("正文。", 3)]), table("t1", 3, None, 4, stated_count=3))
    assert found == [] and tabs["t1"].stated_count_source == counts.OWN


@pytest.mark.parametrize(
    "text,what,n",
    [("其中综合交通枢纽项目3项", "综合交通枢纽项目", 3), ("；铁路项目4项", "铁路项目", 4), ("，其它7项", "其它", 7)],
)
def test_part_pattern(text, what, n):
    m = counts.PART_COUNT.search(text)
    assert (m["what"], int(m["n"])) == (what, n)


@pytest.mark.parametrize("text", ["推进交通强国建设项目共33项", "估算投资14.77亿元", "合计17项"])
def test_part_pattern_ignores_totals_and_amounts(text):
    assert counts.PART_COUNT.search(text) is None
