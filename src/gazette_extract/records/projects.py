"""项目名单 / 项目清单 (and 揭榜挂帅 lists) → ``Project`` records.

Rules
- list_title: the table caption, unless the caption is itself a numbered heading
  (二、某市铁路重点建设项目), or the table is one of several in its 附件 and its caption differs
  from the 附件 title — then the list is the 附件 the table sits in and list_title is the 附件's
  title, while the caption (number removed) becomes the category.
- category: the section row the item sits under (一、建设项目（52 项） → 建设项目); else the
  numbered-heading caption; else null.
- starred: ★/☆ in 序号 or in the name; the mark is removed from both.
- investment: as printed; investment_yi: the number when the cell is a plain number (optionally
  followed by 亿元/万元), in 亿元 — the unit is the cell's own, else the header's
  (投资(亿元) / 投资(万元) → ÷10000); with no unit anywhere it stays null.
- schedule: 开/竣工时间 as printed; start_year/end_year from 2020/2023, 2021-2022, 2021—2022; a
  single year (2021) is both the start and the end year; a year a narrow cell wrapped
  (202 / 1-202 / 2) is read whole.
- annual_plan: JSON object year → text from the columns whose lower-level label is a year
  (分年度任务(亿元)/2021年); empty cells are left out; null when no year column has text.
- implementer: 实施单位 / 揭榜单位 / 责任单位 / 建设单位 as printed (layout spaces removed);
  partners: 配合单位 split into unit names (see ``split_unit_list``).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .. import patterns
from ..models import DocumentSpan, Project, Table
from .common import (
    FieldRule,
    attachment_title,
    cell,
    clean_block,
    dumps,
    is_numbered_heading,
    leaf_label,
    map_columns,
    norm_label,
    or_none,
    parse_seq,
    provenance,
    split_unit_list,
    squeeze,
    strip_heading,
    units_text,
)

_YEAR_COL = regex.compile(r"^(?P<y>(?:19|20)\d{2})年?度?$")

RULES = (
    FieldRule("seq", (r"^序号$", r"^编号$")),
    FieldRule("name", (r"项目名称", r"^揭榜项目$", r"^项目$", r"^名称$")),
    FieldRule("location", (r"建设地点", r"^地点$", r"项目地点", r"建设地址", r"所在地", r"^地址$", r"建设区域")),
    FieldRule("field", (r"^(?:所属)?领域$", r"^项目领域$")),
    FieldRule("industry", (r"^(?:所属)?(?:行业|产业)(?:类别|分类)?$",)),
    FieldRule("scale", (r"建设(?:总)?规模", r"建设内容", r"^规模$")),
    FieldRule("investment", (r"投资",), exclude=(r"/",)),
    FieldRule("significance", (r"建设意义", r"^意义$")),
    FieldRule("mode", (r"模式$", r"^建设方式$", r"^投资方式$")),
    FieldRule("schedule", (r"开/竣工", r"开竣工", r"起止年限", r"建设年限", r"建设期限", r"建设周期", r"起止时间")),
    FieldRule(
        "implementer",
        (r"^实施单位$", r"^揭榜单位$", r"^责任单位$", r"^建设单位$", r"^项目单位$", r"^实施主体$",
         r"^业主单位$", r"^牵头单位$", r"^承担单位$", r"^申报单位$"),
    ),
    FieldRule("partners", (r"^配合单位$", r"^协作单位$", r"^参与单位$", r"^联合单位$", r"^配合部门$")),
)

_AMOUNT = regex.compile(r"^\s*(?P<v>\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|亿|万)?\s*$")


def investment_yi(text: str | None, header: str) -> float | None:
    """投资 cell → 亿元 when it is a plain number; the unit from the cell, else the header."""
    if not text:
        return None
    m = _AMOUNT.match(squeeze(text))
    if not m:
        return None
    value = float(m["v"])
    unit = m["unit"] or ""
    if not unit:
        h = norm_label(header)
        unit = "万元" if "万元" in h else "亿元" if "亿" in h else ""
    if unit.startswith("万"):
        return round(value / 10000, 6)
    if unit.startswith("亿"):
        return value
    return None


def schedule_years(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    m = patterns.SCHEDULE.search(patterns.YEAR_WRAP_SPACE.sub("", squeeze(text)))
    if not m:
        return None, None
    start = int(m["start"])
    end = int(m["end"]) if m["end"] else start
    return start, end


def _strip_star(text: str) -> tuple[str, bool]:
    starred = bool(patterns.STAR.search(text))
    return patterns.STAR.sub("", text).strip(), starred


def build(table: Table, documents: Sequence[DocumentSpan], *, caption_is_category: bool = False) -> list[Project]:
    """Projects of one table. ``caption_is_category``: the table is one of several in its 附件
    (one per category heading), so a caption that differs from the 附件 title is a category."""
    year_cols = {
        i: m["y"] for i, label in enumerate(table.columns) if (m := _YEAR_COL.match(leaf_label(label)))
    }
    cols = map_columns(table.columns, RULES, taken=set(year_cols))
    caption = squeeze(table.title) or None
    heading_category = None
    att_title = squeeze(attachment_title(documents, table)) or None
    differs = bool(caption and att_title and norm_label(caption) != norm_label(att_title))
    if is_numbered_heading(caption) or (caption_is_category and differs):
        heading_category = strip_heading(caption)
        list_title = att_title or caption
    else:
        list_title = caption or attachment_title(documents, table)
    invest_header = table.columns[cols["investment"]] if "investment" in cols else ""
    used = set(cols.values()) | set(year_cols)
    out: list[Project] = []
    for row in table.rows:
        raw_name = squeeze(cell(row, cols.get("name")))
        seq_text = squeeze(cell(row, cols.get("seq")))
        name, star_in_name = _strip_star(raw_name)
        seq_plain, star_in_seq = _strip_star(seq_text)
        if not name:
            continue
        plan = {y: clean_block(cell(row, i)) for i, y in year_cols.items()}
        plan = {y: t for y, t in plan.items() if t}
        schedule = or_none(cell(row, cols.get("schedule")))
        start, end = schedule_years(schedule)
        investment = or_none(cell(row, cols.get("investment")))
        out.append(
            Project(
                **provenance(table, row, used),
                list_title=list_title,
                category=strip_heading(row.category) or heading_category,
                seq=parse_seq(seq_plain),
                starred=star_in_name or star_in_seq,
                name=name,
                location=or_none(cell(row, cols.get("location"))),
                field=or_none(cell(row, cols.get("field"))),
                industry=or_none(cell(row, cols.get("industry"))),
                scale=clean_block(cell(row, cols.get("scale"))),
                investment=investment,
                investment_yi=investment_yi(investment, invest_header),
                significance=clean_block(cell(row, cols.get("significance"))),
                mode=or_none(cell(row, cols.get("mode"))),
                schedule=schedule,
                start_year=start,
                end_year=end,
                annual_plan=dumps(plan) if plan else None,
                implementer=units_text(cell(row, cols.get("implementer"))),
                partners=split_unit_list(cell(row, cols.get("partners"))),
            )
        )
    return out
