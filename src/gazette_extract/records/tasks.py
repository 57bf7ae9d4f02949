"""任务清单 / 任务分工 tables → ``Task`` records.

Rules
- lead_units: the 牵头单位 column if there is one, else 责任单位 / 责任部门; support_units: 配合单位
  / 协同单位 / 参与单位; when a table has both 牵头单位 and 责任单位 but no 配合单位, 责任单位 feeds
  support_units. Both are split into unit names (``split_unit_list``).
- deadline: 完成时限 as printed. deadline_date: a full date in it (2021年12月31日); else, when it
  names only a month or a year (2021年6月, 2021年6月底前, 2021年底, 2021年), the last day of
  that period — a deadline is met up to the end of the period it names; else null (长期坚持,
  持续推进, 每季度 …).
- Merged cells (主要目标, 工作任务 spanning several rows) arrive repeated by the tables stage.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from .. import patterns
from ..models import DocumentSpan, Table, Task
from .common import (
    FieldRule,
    attachment_title,
    cell,
    clean_block,
    is_numbered_heading,
    map_columns,
    or_none,
    parse_seq,
    provenance,
    split_unit_list,
    squeeze,
)

RULES = (
    FieldRule("seq", (r"^序号$", r"^编号$")),
    FieldRule("goal", (r"主要目标", r"工作目标", r"^目标$", r"目标任务")),
    FieldRule("task", (r"工作任务", r"重点任务", r"主要任务", r"^任务$", r"工作内容", r"任务名称", r"^事项$")),
    FieldRule("measure", (r"具体措施", r"工作措施", r"主要措施", r"^措施$", r"举措", r"具体任务", r"工作要求")),
    FieldRule("lead_units", (r"牵头单位", r"牵头部门")),
    FieldRule("support_units", (r"配合单位", r"配合部门", r"协同单位", r"协办单位", r"参与单位")),
    FieldRule("lead_units_alt", (r"责任单位", r"责任部门", r"责任主体", r"承办单位")),
    FieldRule("deadline", (r"完成时限", r"时限", r"完成时间", r"时间节点", r"完成期限", r"进度安排")),
)


def deadline_date(text: str | None) -> dt.date | None:
    """The date a deadline names (see module docstring), or None."""
    if not text:
        return None
    s = squeeze(text)
    full = patterns.parse_date(s)
    if full:
        return full
    m = patterns.YEAR_MONTH.search(s)
    if not m:
        return None
    year = int(m["year"])
    if m["month"]:
        month = int(m["month"])
        if not 1 <= month <= 12:
            return None
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 12, 31)


def build(table: Table, documents: Sequence[DocumentSpan]) -> list[Task]:
    cols = map_columns(table.columns, RULES)
    lead_col = cols.get("lead_units")
    support_col = cols.get("support_units")
    alt = cols.get("lead_units_alt")
    if lead_col is None:
        lead_col = alt
    elif support_col is None:
        support_col = alt
    used = {c for c in (lead_col, support_col, cols.get("seq"), cols.get("goal"), cols.get("task"),
                        cols.get("measure"), cols.get("deadline")) if c is not None}
    caption = squeeze(table.title) or None
    if caption and is_numbered_heading(caption):
        list_title = attachment_title(documents, table) or caption
    else:
        list_title = caption or attachment_title(documents, table)
    out: list[Task] = []
    for row in table.rows:
        goal = clean_block(cell(row, cols.get("goal")))
        task = clean_block(cell(row, cols.get("task")))
        measure = clean_block(cell(row, cols.get("measure")))
        if not (goal or task or measure):
            continue
        deadline = or_none(cell(row, cols.get("deadline")))
        out.append(
            Task(
                **provenance(table, row, used),
                list_title=list_title,
                seq=parse_seq(cell(row, cols.get("seq"))),
                goal=goal,
                task=task,
                measure=measure,
                lead_units=split_unit_list(cell(row, lead_col)),
                support_units=split_unit_list(cell(row, support_col)),
                deadline=deadline,
                deadline_date=deadline_date(deadline),
            )
        )
    return out
