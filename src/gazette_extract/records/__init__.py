"""Stage — records (记录): tables and roster text → typed records.

``classify`` names a table's kind from its header labels and caption (never from its position
in the gazette); ``build_records`` maps each table's rows to records with the module of its
kind (approvals, projects, tasks, rosters), reads rosters printed as running text in the
documents' bodies and attachments, and the documents cited in running text (references).

Kinds, by header labels (whitespace ignored):
- approval_items: a 事项 name column (事项名称) and one of 权力类型 / 设定依据 / 审批部门;
- projects: 项目名称 / 揭榜项目 and one of 建设地点 / 投资 / 实施单位 / 揭榜单位 / 领域 / 行业 /
  建设规模 / 开/竣工时间;
- tasks: a task column (工作任务 / 具体措施 / 主要目标 / 重点任务) and a unit column
  (责任单位 / 牵头单位 / 责任部门);
- roster: 姓名 with 职务 / 单位 columns, or a caption ending 名单 / 组成人员 / 成员 with a
  姓名 or 职务 column, or a table printed without header whose first column opens with
  role labels (组长：刘亮) and holds person names;
- other: everything else (考核细则, 征集表, 台账, a 名单 of towns or enterprises …).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..models import (
    ApprovalItem,
    DocumentSpan,
    Project,
    Reference,
    RosterMember,
    Table,
    TableKind,
    Task,
)
from . import approvals, projects, references, rosters, tasks
from .common import norm_label, squeeze

__all__ = ["RecordSet", "build_records", "classify"]


@dataclass(frozen=True)
class RecordSet:
    """The typed records of one gazette, one list per record type."""

    approval_items: list[ApprovalItem] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    roster_members: list[RosterMember] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def _has(labels: Sequence[str], pattern: str) -> bool:
    rx = regex.compile(pattern)
    return any(rx.search(lab) for lab in labels)


def classify(table: Table, attachment_title: str | None = None) -> TableKind:
    """The kind of ``table`` from its header labels and caption (see module docstring)."""
    labels = [norm_label(c) for c in table.columns]
    leaves = [lab.rsplit("/", 1)[-1] for lab in labels] + labels
    caption = squeeze(table.title) or squeeze(attachment_title) or ""
    if _has(leaves, r"事项名称|^审批事项$|^事项$") and _has(leaves, r"权力类型|权力类别|设定依据|审批部门|实施依据|审批机关"):
        return "approval_items"
    if _has(leaves, r"项目名称|^揭榜项目$|^项目$") and _has(
        leaves,
        r"建设地点|地点|投资|实施单位|揭榜单位|建设单位|责任单位|^(?:所属)?领域$|^(?:所属)?行业$|建设(?:总)?规模|开/竣工|建设年限|起止年限",
    ):
        return "projects"
    if _has(leaves, r"工作任务|具体措施|主要目标|重点任务|主要任务|工作措施|^任务$") and _has(
        leaves, r"责任单位|牵头单位|责任部门|牵头部门|责任主体"
    ):
        return "tasks"
    if _headerless_roster(table):
        return "roster"
    has_name = _has(leaves, r"姓名")
    has_position = _has(leaves, r"职务|职位|工作单位|^单位$")
    if has_name and has_position:
        return "roster"
    if regex.search(r"(?:名单|组成人员|成员|人员)$", caption) and (has_name or (has_position and not _has(leaves, r"名称"))):
        return "roster"
    return "other"


def _headerless_roster(table: Table) -> bool:
    """A table printed without a header whose first column opens with role labels (组长：刘亮)."""
    if not table.columns or not all(rosters.is_placeholder_label(c) for c in table.columns):
        return False
    return bool(table.rows) and rosters.name_columns(table) != [] and any(
        rosters.split_role(r.texts[0] if r.texts else "")[0] for r in table.rows
    )


def build_records(tables: list[Table], documents: list[DocumentSpan], gazette_id: str) -> RecordSet:
    """Map every classified table to records, and read rosters from the documents' text."""
    approval_items: list[ApprovalItem] = []
    project_list: list[Project] = []
    task_list: list[Task] = []
    roster_members: list[RosterMember] = []
    siblings: dict[tuple[str | None, str | None], int] = {}
    for table in tables:
        key = (table.doc_number, table.attachment_label)
        siblings[key] = siblings.get(key, 0) + 1
    for table in tables:
        if table.kind == "approval_items":
            approval_items.extend(approvals.build(table, documents))
        elif table.kind == "projects":
            several = table.attachment_label is not None and siblings[(table.doc_number, table.attachment_label)] > 1
            project_list.extend(projects.build(table, documents, caption_is_category=several))
        elif table.kind == "tasks":
            task_list.extend(tasks.build(table, documents))
        elif table.kind == "roster":
            roster_members.extend(rosters.from_table(table, documents))
    roster_members.extend(rosters.from_documents(documents, gazette_id))
    return RecordSet(
        references=references.from_documents([span.document for span in documents], gazette_id),
        approval_items=approval_items,
        projects=project_list,
        tasks=task_list,
        roster_members=roster_members,
    )
