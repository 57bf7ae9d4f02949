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

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from .. import patterns
from ..models import DocumentSpan, RosterMember, Table, TextLine
from .common import (
    attachment_title,
    cell,
    document_title,
    norm_label,
    provenance,
    squeeze,
)

# ---------------------------------------------------------------- names and bodies


def body_from_caption(caption: str | None) -> str | None:
    """某市野生动植物保护联席会议人员名单 → 某市野生动植物保护联席会议."""
    s = squeeze(caption)
    if not s:
        return None
    s = patterns.TRAILING_COUNT.sub("", s)
    stripped = patterns.ROSTER_CAPTION_SUFFIX.sub("", s)
    return stripped or s


def body_from_title(title: str | None) -> str | None:
    """关于成立某市药品安全与高质量发展委员会的通知 → 某市药品安全与高质量发展委员会."""
    s = squeeze(title)
    if not s:
        return None
    m = patterns.BODY_IN_TITLE.search(s)
    return m["body"] if m else s


def clean_name(text: str) -> str:
    return regex.sub(r"\s+", "", text or "")


def is_name(text: str) -> bool:
    n = clean_name(text)
    return bool(patterns.PERSON_NAME.match(n)) and not patterns.NOT_IN_NAME.search(n)


def split_role(text: str) -> tuple[str | None, str]:
    """``组 长：刘 亮`` → ('组长', '刘 亮'); text without a role label → (None, text)."""
    m = patterns.ROSTER_ROLE.match(text.strip())
    if not m:
        return None, text.strip()
    return clean_name(m["role"]), m["rest"].strip()


def split_name_position(text: str) -> tuple[str, str] | None:
    """``刘文德 市中级人民法院副院长`` → (刘文德, 市中级人民法院副院长); None if no name leads.

    With a gap (whitespace) the split is at the gap; ``康 瑛 市检察院…`` (a layout space inside
    a two-character name) is read as 康瑛. Without any gap the split is a heuristic: the name is
    2–4 leading Han characters without characters that only occur in positions (市, 局, 副 …);
    among the candidate lengths 3 is preferred, a position that starts with an administrative
    word (市, 省, 副 …) or a place name (某县…, 某市…) is preferred. It can misread a
    two-character name before a place name (张奇右 | 玉县…), so the layout gap is always used
    when there is one.
    """
    s = text.strip()
    if not s:
        return None
    tokens = s.split()
    if len(tokens) >= 2:
        if len(tokens) >= 3 and len(tokens[0]) == 1 and 1 <= len(tokens[1]) <= 2 and is_name(tokens[0] + tokens[1]):
            return tokens[0] + tokens[1], squeeze(" ".join(tokens[2:]))
        # a two-character name padded to three (刘　亮) with its position set right after it
        # without a gap: 刘 | 亮副市长 → 刘亮 | 副市长
        if len(tokens[0]) == 1 and len(tokens[1]) >= 3 and is_name(tokens[0] + tokens[1][0]):
            return tokens[0] + tokens[1][0], squeeze(" ".join([tokens[1][1:]] + tokens[2:]))
        if is_name(tokens[0]):
            return tokens[0], squeeze(" ".join(tokens[1:]))
        return None
    best: tuple[int, int] | None = None
    for k in (3, 2, 4):
        name, rest = s[:k], s[k:]
        if len(rest) < 2 or not is_name(name):
            continue
        score = {3: 1, 2: 0, 4: -1}[k]
        if patterns.POSITION_START.match(rest):
            score += 2
        elif patterns.POSITION_PLACE_START.match(rest):
            score += 2
        if best is None or score > best[0]:
            best = (score, k)
    if best is None:
        return None
    return s[: best[1]], s[best[1]:]


def _names_only(rest: str) -> list[str] | None:
    """``张三、李四、王五`` → names (a role line listing people without positions)."""
    parts = [p for p in regex.split(r"[、，,\s]+", rest.strip()) if p]
    if len(parts) >= 2 and all(is_name(p) for p in parts):
        return [clean_name(p) for p in parts]
    return None


# ---------------------------------------------------------------- running text


@dataclass
class _Entry:
    role: str | None
    name: str
    position: str
    line_index: int
    page: int
    x0: float = 0.0


@dataclass
class _Column:
    """One reading column of people (a name column and its position column)."""

    entries: list[_Entry] = field(default_factory=list)
    role: str | None = None


def _is_hard_stop(line: TextLine) -> bool:
    t = line.text.strip()
    if not t:
        return True
    if "。" in t or t.endswith(("；", ";")):
        return True
    if patterns.heading_level(t) in (1, 2) or patterns.DATE.search(t) or patterns.ATTACHMENT_LABEL.match(t):
        return True
    return False


_ONE_HAN = regex.compile(r"^\p{Han}$")
# How far (in character widths) the next run of a spaced-out word may start.
_SPACED_WORD_GAP = 2.0
# Run starts closer than this many character widths belong to one column.
_COLUMN_TOLERANCE = 0.6

Run = tuple[str, float, float]


def _raw_runs(line: TextLine) -> list[Run]:
    if line.segments:
        return [s for s in line.segments if s[0].strip()]
    return [(line.text, line.x0, line.x1)]


def _label_only(text: str) -> bool:
    role, rest = split_role(text)
    return role is not None and not rest


def _one_word(left: str, right: str) -> bool:
    """Two runs that are one spaced-out word: 张 | 祥, 总召集人：武 | 飞, 成 | 员：…, 召集 | 人：…"""
    core = split_role(left)[1]
    if _ONE_HAN.match(core) and _ONE_HAN.match(right.strip()):
        return True
    return split_role(left)[0] is None and len(left) <= 3 and split_role(left + right)[0] is not None


def _word_tail(runs: list[Run], i: int, em: float) -> bool:
    """Run ``i`` continues a spaced-out word begun by the run before it (祥 after 张, 员： after 成)."""
    if i == 0:
        return False
    prev, run = runs[i - 1], runs[i]
    core = split_role(prev[0])[1]
    return run[1] - prev[2] <= _SPACED_WORD_GAP * em and (bool(_ONE_HAN.match(core)) or _one_word(prev[0], run[0]))


def _column_stops(lines: Sequence[TextLine]) -> list[float]:
    """x where the columns of a roster start, learnt from where its runs start on two or more
    lines: the name column of the unlabelled members, the position column, the columns of a
    second person. Runs that open with a role label (its width varies with the label) and the
    second half of a spaced-out word are not column starts."""
    xs: list[float] = []
    for line in lines:
        runs = _raw_runs(line)
        em = max(line.size, 1.0)
        xs.extend(r[1] for i, r in enumerate(runs) if split_role(r[0])[0] is None and not _word_tail(runs, i, em))
    if not xs:
        return []
    em = statistics.median(max(ln.size, 1.0) for ln in lines)
    xs.sort()
    stops: list[float] = []
    group = [xs[0]]
    for x in xs[1:]:
        if x - group[-1] <= _COLUMN_TOLERANCE * em:
            group.append(x)
            continue
        if len(group) >= 2:
            stops.append(statistics.median(group))
        group = [x]
    if len(group) >= 2:
        stops.append(statistics.median(group))
    return stops


_NO_COLUMN_START = frozenset("：:，,、。；;）)」』】")
_FULL_WIDTH = regex.compile(r"^[\p{Han}\u3000-\u303F\uFF01-\uFF60]+$")


def _split_at_stops(run: Run, stops: Sequence[float], em: float) -> list[Run]:
    """A run printed across column starts is one run a column: cells' text set so close to the
    next cell's that no wide gap shows (``王志福市促进外来投资`` over the name and position
    columns). Full-width glyphs advance one character width each and a cell's text ends at
    least its padding before the next column starts: reading from the run's start, a column
    start is a cut when the glyphs before it end short of it (a glyph boundary right at a
    column start is no cut: 副组 over a column starting at 组). The cut is kept only when the
    last piece then ends where the run ends. A role label at the run's head is never cut, and
    a cell never starts with closing punctuation (长：)."""
    text, x0, x1 = run
    if not _FULL_WIDTH.match(text):
        return [run]
    role_match = patterns.ROSTER_ROLE.match(text)
    head = len(role_match["role"]) + 1 if role_match else 0
    n = len(text)
    cuts: list[tuple[int, float]] = []  # (index of the first glyph of a piece, its x)
    start, start_x = 0, x0
    for stop in stops:
        if not start_x + 0.5 * em < stop < x1 - 0.5 * em:
            continue
        k = start + int((stop - start_x) / em + 0.1)
        end_x = start_x + (k - start) * em
        if k <= max(head, start) or k >= n or text[k] in _NO_COLUMN_START or stop - end_x < 0.1 * em:
            continue
        cuts.append((k, stop))
        start, start_x = k, stop
    if not cuts or abs(start_x + (n - start) * em - x1) > 0.25 * em:
        return [run]
    out: list[Run] = []
    prev_k, prev_x = 0, x0
    for k, x in cuts:
        out.append((text[prev_k:k], prev_x, prev_x + (k - prev_k) * em))
        prev_k, prev_x = k, x
    out.append((text[prev_k:], prev_x, x1))
    return out


def _segments(line: TextLine, stops: Sequence[float] = ()) -> list[Run]:
    """The cells of a roster line: its runs cut at the roster's column starts, and the runs that
    layout split inside one word joined again.

    Printed patterns joined (a wide gap — a full-width space or a tab stop — splits each of them):
    - a two-character name padded to the width of three: ``张　祥`` (runs 张 | 祥), also right
      after a label ``总召集人：武　飞`` (runs 总召集人：武 | 飞) — no name, label or position is
      a single Han character, so two one-character runs side by side are one word;
    - a label set spaced: ``成　员：康宝红``, ``召 集 人：`` (runs 成 | 员：康宝红) — runs that only
      together begin with a role label;
    - a label alone in its column (a tab stop or a label column of a layout table):
      ``总召集人：`` | ``武飞`` — the label joins the person it introduces, so a line reads as
      name / position columns whether the label was set in its own column or not.
    """
    em = max(line.size, 1.0)
    raw = _raw_runs(line)
    # a column that has a run of its own on this line is not crossed by another run
    free = [x for x in stops if all(abs(r[1] - x) > _COLUMN_TOLERANCE * em for r in raw)]
    runs = [piece for run in raw for piece in _split_at_stops(run, free, em)]
    out: list[Run] = []
    for text, x0, x1 in runs:
        at_stop = any(abs(x0 - x) <= _COLUMN_TOLERANCE * em for x in stops)  # a column starts here
        if out and not at_stop and x0 - out[-1][2] <= _SPACED_WORD_GAP * em and _one_word(out[-1][0], text):
            out[-1] = (out[-1][0] + text, out[-1][1], x1)
        elif out and _label_only(out[-1][0]) and split_role(text)[0] is None:
            out[-1] = (out[-1][0] + text, out[-1][1], x1)
        else:
            out.append((text, x0, x1))
    return out


def _label_wrapped_into(head: str, below: str) -> bool:
    """``head`` + ``below`` is a role label and nothing more (组 / 长：, 副组 / 长：)."""
    return bool(head) and _label_only(head + below) and not _label_only(head)


def _join_wrapped_labels(cells: list[list[Run]]) -> list[list[Run]]:
    """A label column too narrow for its label wraps it onto the next line, in the label column
    (组 | 李明 … over 长：| …): the label's pieces are joined on the person's line, before the
    person's name, and removed from the line below."""
    out = [list(c) for c in cells]
    for i in range(len(out) - 1):
        line, below = out[i], out[i + 1]
        if len(line) < 2 or not below or below[0][2] > line[1][1] + 1.0:
            continue
        if _label_wrapped_into(line[0][0], below[0][0]):
            name = line[1]
            line[0:2] = [(line[0][0] + below[0][0] + name[0], line[0][1], name[2])]
            del below[0]
    return out


def _role_start(line: TextLine, below: TextLine | None = None) -> bool:
    """A line that opens a roster: role label + a person (or the label alone); the label may
    wrap onto the line below in a narrow label column (组 | 李　明 … over 长：)."""
    segs = _segments(line)
    role, rest = split_role(segs[0][0])
    if role is None and below is not None:
        head, under = segs[0][0], _segments(below)[0][0]
        return any(_label_wrapped_into(head[:k], under) for k in range(1, min(len(head), 4)))
    if role is None:
        return False
    if len(segs) >= 2:
        return not rest or is_name(rest) or split_name_position(" ".join([rest] + [s[0] for s in segs[1:]])) is not None
    return not rest or split_name_position(rest) is not None or _names_only(rest) is not None


def _column_anchors(cells: Sequence[list[Run]]) -> list[float] | None:
    """x where the four columns (name, position, name, position) start, from full lines."""
    full = [c for c in cells if len(c) == 4]
    if not full:
        return None
    anchors = [statistics.median(c[i][1] for c in full) for i in range(4)]
    if any(b <= a for a, b in zip(anchors, anchors[1:])):
        return None
    return anchors


def _assign(segments: list[Run], anchors: list[float], em: float) -> dict[int, str]:
    cells: dict[int, str] = {}
    for text, x0, _x1 in segments:
        col = max(0, bisect.bisect_right(anchors, x0 + em) - 1)
        cells[col] = (cells[col] + " " + text) if col in cells else text
    return cells


def _parse_person(name_text: str, position_text: str) -> tuple[str, str] | None:
    """A (name, position) from a name cell and a position cell; the name cell may hold both."""
    n = name_text.strip()
    if is_name(n):
        return clean_name(n), squeeze(position_text)
    split = split_name_position(n)
    if split is None:
        return None
    return clean_name(split[0]), squeeze(split[1] + position_text)


def _read_region(lines: Sequence[TextLine]) -> tuple[list[_Entry], int]:
    """Read people from ``lines`` (starting at a role line); returns them and lines consumed."""
    end = 1
    while end < len(lines) and not _is_hard_stop(lines[end]):
        end += 1
    region = list(lines[:end])
    stops = _column_stops(region)
    cells = _join_wrapped_labels([_segments(line, stops) for line in region])
    anchors = _column_anchors(cells)
    columns = [_Column(), _Column()]
    left_x0 = region[0].x0
    consumed = 0
    for idx, line in enumerate(region):
        if idx and not _continues_region(region[idx - 1], line):
            break
        if anchors:
            ok = _read_two_column_line(_assign(cells[idx], anchors, max(line.size, 1.0)), columns, idx, line.page)
        else:
            ok = _read_one_column_line(line, cells[idx], columns[0], idx, left_x0)
        if not ok:
            break
        consumed = idx + 1
    # a column without a role label of its own continues with the role in force before it
    for prev, col in zip(columns, columns[1:]):
        carry = prev.role
        for e in col.entries:
            if e.role is None:
                e.role = carry
            carry = e.role
    return [e for col in columns for e in col.entries], consumed


def _continues_region(prev: TextLine, line: TextLine) -> bool:
    """Same page and no blank band wider than two lines, or the top of the next page."""
    if line.page != prev.page:
        return line.page == prev.page + 1
    return line.top - prev.bottom <= 2.5 * max(prev.size, line.size, 1.0)


def _read_two_column_line(cells: dict[int, str], columns: list[_Column], idx: int, page: int) -> bool:
    read_any = False
    for pair, col in ((0, columns[0]), (1, columns[1])):
        name_cell, pos_cell = cells.get(2 * pair), cells.get(2 * pair + 1)
        if name_cell:
            role, rest = split_role(name_cell)
            if role is not None:
                col.role = role
            if not rest:
                read_any = True
                continue
            person = _parse_person(rest, pos_cell or "")
            if person is None:
                return False
            col.entries.append(_Entry(col.role, person[0], person[1], idx, page))
            read_any = True
        elif pos_cell:
            if not col.entries:
                return False
            col.entries[-1].position += squeeze(pos_cell)
            read_any = True
    return read_any


def _read_one_column_line(line: TextLine, segs: list[Run], col: _Column, idx: int, left_x0: float) -> bool:
    """One person a line; a line indented past the roster's left edge with no name continues
    the position above it. A line far right of the roster's left edge (a 落款) ends it."""
    em = max(line.size, 1.0)
    if line.x0 > left_x0 + 8 * em or line.x0 < left_x0 - 2 * em:
        return False
    role, rest = split_role(segs[0][0])
    if role is not None:
        col.role = role
    parts = [p for p in [rest] + [s[0].strip() for s in segs[1:]] if p]
    if not parts:
        return role is not None
    person: tuple[str, str] | None = None
    if len(parts) >= 2 and is_name(parts[0]):
        person = clean_name(parts[0]), squeeze(" ".join(parts[1:]))
    elif len(parts) >= 2:
        # a padded name split by the gap (赵 | 刚市人民政府副市长) or a name glued to its position
        person = split_name_position(" ".join(parts)) or _parse_person(parts[0], squeeze(" ".join(parts[1:])))
    else:
        names = _names_only(parts[0])
        if names:
            col.entries.extend(_Entry(col.role, n, "", idx, line.page, line.x0) for n in names)
            return True
        person = _parse_person(parts[0], "")
    if person is not None and person[1]:
        col.entries.append(_Entry(col.role, person[0], person[1], idx, line.page, line.x0))
        return True
    if role is None and col.entries and len(parts) == 1 and line.x0 >= col.entries[-1].x0 + 1.5 * em:
        col.entries[-1].position += squeeze(parts[0])
        return True
    return False


def from_lines(
    lines: Sequence[TextLine], *, body: str | None, gazette_id: str, doc_number: str | None, seq_start: int = 1
) -> list[RosterMember]:
    """Every roster printed in ``lines`` (a document body or an attachment's lines)."""
    out: list[RosterMember] = []
    seq = seq_start
    i = 0
    while i < len(lines):
        if not _role_start(lines[i], lines[i + 1] if i + 1 < len(lines) else None):
            i += 1
            continue
        entries, consumed = _read_region(lines[i:])
        for e in entries:
            out.append(
                RosterMember(
                    gazette_id=gazette_id,
                    doc_number=doc_number,
                    table_id=None,
                    row=e.line_index,
                    page=e.page,
                    body=body,
                    role=e.role,
                    seq=seq,
                    name=e.name,
                    position=e.position or None,
                )
            )
            seq += 1
        i += max(consumed, 1)
    return out


def from_documents(documents: Sequence[DocumentSpan], gazette_id: str) -> list[RosterMember]:
    out: list[RosterMember] = []
    for span in documents:
        doc = span.document
        out.extend(
            from_lines(span.body_lines, body=body_from_title(doc.title), gazette_id=gazette_id,
                       doc_number=doc.doc_number)
        )
        listed = {a.label: a.title for a in doc.attachments if a.title}
        for att in span.attachments:
            # the printed caption, else the title the 附件 list gives (a caption set like body text)
            body = body_from_caption(att.title or listed.get(att.label)) or body_from_title(doc.title)
            out.extend(from_lines(att.lines, body=body, gazette_id=gazette_id, doc_number=doc.doc_number))
    return out


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
            person = _parse_person(rest, position) if not is_name(rest) else (clean_name(rest), position)
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
