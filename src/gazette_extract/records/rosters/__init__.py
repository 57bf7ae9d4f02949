"""Committee / working-group rosters (名单, 组成人员) → ``RosterMember`` records.

Three printed forms, one reading rule: people are read in printed column order — down the left
column first, then down the right one — and a role label (组长：, 成员：…) carries down to
the following people until the next label; a column without a label of its own continues with
the role in force at the end of the column before it.

(a) Roster tables: columns 姓名 + 职务/单位 (possibly 姓名 职务 姓名 职务, two people a row); a
    role comes from a role column (组内职务 …, or a 职务 column holding only role words), a role
    label in the name cell (组长：刘亮) or the section row above (组长).
(b) Running text, one person a line: ``主任：吴秀玲 市委副书记、市长`` then ``刘文德 市中级人民法院副院长``.
(c) Borderless two-column layout: each printed line holds up to two people, in four columns
    (name, position, name, position) separated by wide gaps (``TextLine.segments``). Column
    positions are learnt from the lines that fill all four; every segment then goes to the
    column it starts in. A segment in a position column with no name beside it continues the
    position of the entry above it in that column (a wrapped 职务).

A roster starts only at a role-label line (组长：/主任：/召集人：/成员： …) whose rest is a person,
and ends at the first line that is not a roster line: a sentence (contains 。 or ends with ；),
a heading (一、 / （一）), a date, or text that is neither a person nor a wrapped position. So
``委员会办公室设在…。办公室主任：张梁（兼）。`` is prose and never a member.

Names: layout spaces removed (刘 亮 → 刘亮); a name is 2–4 Han characters. When the name and the
position were printed with only a narrow gap (lost by layout), they are split by
``split_name_position`` (a heuristic; see there).

body: the roster's name — the 附件 title or table caption without 人员名单/成员名单/名单/组成人员;
for a roster in a document's own text, the body the title sets up (关于成立X的通知 → X).
"""

from __future__ import annotations

from .names import (
    body_from_caption,
    body_from_title,
    clean_name,
    is_name,
    split_name_position,
    split_role,
)
from .running_text import from_documents, from_lines
from .tables import from_table, is_placeholder_label, name_columns

__all__ = [
    "body_from_caption",
    "body_from_title",
    "clean_name",
    "from_documents",
    "from_lines",
    "from_table",
    "is_name",
    "is_placeholder_label",
    "name_columns",
    "split_name_position",
    "split_role",
]
