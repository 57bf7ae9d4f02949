"""Roster tables (姓名 | 职务 columns, one or two people a row)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ... import patterns
from ...models import DocumentSpan, RosterMember, Table
from ..common import (
    attachment_title,
    cell,
    document_title,
    norm_label,
    provenance,
    squeeze,
)
from .names import (
    body_from_caption,
    body_from_title,
    clean_name,
    is_name,
    split_role,
)
from .running_text import (
    parse_person,
)

# ---------------------------------------------------------------- tables

_NAME_COL = regex.compile(r"姓名|^名字$")
_POSITION_COL = regex.compile(r"职务|职位|单位|工作单位|职称")
_ROLE_COL = regex.compile(r"组内职务|本组职务|担任职务|拟任职务|委员会职务|领导小组职务|^角色$|组内分工|^类别$|^身份$")


def _role_column(table: Table, index: int) -> bool:
    label = norm_label(table.columns[index])
    if _ROLE_COL.search(label):
        return True
    values = [squeeze(cell(r, index)) for r in table.rows]
    values = [v for v in values if v]
    return bool(values) and all(patterns.ROSTER_ROLE_WORD.match(v) for v in values)


_PLACEHOLDER = regex.compile(r"^(?:col\d+|列\d+)?$")


def is_placeholder_label(label: str) -> bool:
    """A column label the tables stage made up for a table printed without header."""
    return bool(_PLACEHOLDER.match(norm_label(label)))


def name_columns(table: Table) -> list[int]:
    """姓名 columns by label; in a header-less table, the columns whose cells are names
    (a leading role label 组长： allowed) — at least 60% of the filled cells."""
    labels = [norm_label(c) for c in table.columns]
    by_label = [i for i, lab in enumerate(labels) if _NAME_COL.search(lab)]
    if by_label or not all(is_placeholder_label(c) for c in table.columns):
        return by_label
    out = []
    for i in range(len(labels)):
        values = [split_role(squeeze(cell(r, i)))[1] for r in table.rows]
        values = [v for v in values if v]
        if values and sum(is_name(v) for v in values) >= 0.6 * len(values):
            out.append(i)
    return out


def from_table(table: Table, documents: Sequence[DocumentSpan]) -> list[RosterMember]:
    """A roster table; two (or more) 姓名 columns are read one pair after the other. In a
    header-less table the column after each name column holds the position."""
    labels = [norm_label(c) for c in table.columns]
    name_cols = name_columns(table)
    if not name_cols:
        return []
    headerless = all(is_placeholder_label(c) for c in table.columns)
    role_cols = {i for i in range(len(labels)) if i not in name_cols and _role_column(table, i)}
    if headerless:
        role_cols = {i for i in role_cols if i not in {n + 1 for n in name_cols}}
    pairs = []
    for k, n in enumerate(name_cols):
        stop = name_cols[k + 1] if k + 1 < len(name_cols) else len(labels)
        group = range(n + 1, stop)
        pos = next((i for i in group if i not in role_cols and (headerless or _POSITION_COL.search(labels[i]))), None)
        role = next((i for i in group if i in role_cols), None)
        if role is None and k == 0:
            role = next((i for i in range(0, n) if i in role_cols), None)
        pairs.append((n, pos, role))
    used = {c for p in pairs for c in p if c is not None}
    body = (
        body_from_caption(table.title)
        or body_from_caption(attachment_title(documents, table))
        or body_from_title(document_title(documents, table.doc_number))
    )
    out: list[RosterMember] = []
    role: str | None = None
    seq = 1
    for n, pos, role_col in pairs:
        for row in table.rows:
            category = squeeze(row.category)
            if category:
                cat = regex.sub(r"[：:]$", "", patterns.HEADING_NUMBER.sub("", category))
                if patterns.ROSTER_ROLE_WORD.match(cat):
                    role = cat
            name_text = squeeze(cell(row, n)) if n is not None else ""
            if role_col is not None and squeeze(cell(row, role_col)):
                role = clean_name(cell(row, role_col))
            label_role, rest = split_role(name_text)
            if label_role is not None:
                role = label_role
            if not rest:
                continue
            position = squeeze(cell(row, pos)) if pos is not None else ""
            person = parse_person(rest, position) if not is_name(rest) else (clean_name(rest), position)
            if person is None:
                continue
            out.append(
                RosterMember(
                    **provenance(table, row, used),
                    body=body,
                    role=role,
                    seq=seq,
                    name=person[0],
                    position=person[1] or None,
                )
            )
            seq += 1
    return out
