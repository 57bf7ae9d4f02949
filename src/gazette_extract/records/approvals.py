"""行政审批事项 lists (取消 / 下放 / 承接 目录) → ``ApprovalItem`` records.

Rules
- action comes from the list's title (the table caption, else the 附件 title): a title that
  speaks only of 取消 → cancelled; one that speaks of 下放/承接/委托/赋权 → delegated; a title
  naming both decides by its columns (原审批部门 / 下放后审批部门 mean a delegation list);
  anything else → other.
- legal_basis: one entry per cited law. A new citation starts at each 《 outside another
  citation; text after the closing 》 (a parenthesised 文号 or edition, an article number)
  stays with its law; separators (、，；) and wrapped lines between citations are dropped.
  A cell without 《 is one entry.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..models import ApprovalItem, DocumentSpan, Table
from .common import (
    FieldRule,
    attachment_title,
    cell,
    clean_block,
    map_columns,
    or_none,
    parse_seq,
    provenance,
    squeeze,
)

RULES = (
    FieldRule("seq", (r"^序号$", r"^编号$")),
    FieldRule("name", (r"事项名称", r"项目名称", r"^(?:审批)?事项$", r"名称$")),
    FieldRule("power_type", (r"权力类型", r"权力类别", r"事项类型", r"^类型$", r"^类别$")),
    FieldRule("legal_basis", (r"设定依据", r"实施依据", r"法律依据", r"依据")),
    FieldRule("original_authority", (r"^原.*(?:部门|机关|单位)", r"下放前")),
    FieldRule(
        "authority",
        (r"下放后.*(?:部门|机关|单位)", r"承接.*(?:部门|机关|单位)", r"审批部门", r"实施(?:部门|机关|主体)", r"审批机关"),
    ),
    FieldRule("supervision", (r"事中事后", r"监管")),
    FieldRule("remarks", (r"^备注$", r"^说明$")),
)

_CANCEL = regex.compile(r"取消")
_DELEGATE = regex.compile(r"下放|承接|委托|赋权|赋予|调整.*层级")


def action_of(title: str | None, columns: Sequence[str]) -> str:
    """cancelled / delegated / other from the list title (and its columns when it names both)."""
    t = squeeze(title)
    cancel, delegate = bool(_CANCEL.search(t)), bool(_DELEGATE.search(t))
    if cancel and not delegate:
        return "cancelled"
    if delegate and not cancel:
        return "delegated"
    if cancel and delegate:
        labels = "".join(columns)
        return "delegated" if regex.search(r"原.*部门|下放后", labels) else "cancelled"
    return "other"


def split_legal_basis(text: str | None) -> list[str]:
    """设定依据 cell → one entry per cited law (see module docstring)."""
    if not text or not text.strip():
        return []
    s = text.strip()
    parts: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in s:
        if ch == "《":
            if depth == 0 and "".join(buf).strip(" \t\n、，,；;"):
                parts.append("".join(buf))
                buf = []
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
        buf.append(ch)
    parts.append("".join(buf))
    out = []
    for p in parts:
        p = squeeze(p).strip(" 、，,；;")
        if p:
            out.append(p)
    return out


def build(table: Table, documents: Sequence[DocumentSpan]) -> list[ApprovalItem]:
    cols = map_columns(table.columns, RULES)
    list_title = squeeze(table.title) or attachment_title(documents, table)
    action = action_of(table.title or list_title, table.columns)
    if action == "other" and list_title:
        action = action_of(list_title, table.columns)
    items: list[ApprovalItem] = []
    for row in table.rows:
        name = squeeze(cell(row, cols.get("name")))
        if not name:
            continue
        items.append(
            ApprovalItem(
                **provenance(table, row, cols.values()),
                action=action,
                list_title=list_title or None,
                seq=parse_seq(cell(row, cols.get("seq"))),
                name=name,
                power_type=or_none(cell(row, cols.get("power_type"))),
                legal_basis=split_legal_basis(cell(row, cols.get("legal_basis"))),
                original_authority=or_none(cell(row, cols.get("original_authority"))),
                authority=or_none(cell(row, cols.get("authority"))),
                supervision=clean_block(cell(row, cols.get("supervision"))),
                remarks=clean_block(cell(row, cols.get("remarks"))),
            )
        )
    return items
