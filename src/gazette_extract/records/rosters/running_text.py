"""Rosters printed in running text or a borderless layout (one or two people a line)."""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ... import patterns
from ...models import DocumentSpan, RosterMember, TextLine
from ..common import (
    squeeze,
)
from .names import (
    _names_only,
    body_from_caption,
    body_from_title,
    clean_name,
    is_name,
    split_name_position,
    split_role,
)

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


def _has_colon(line: TextLine) -> bool:
    """The line's runs hold a colon (: or ：), which every role label ends in."""
    if line.segments:
        return any(":" in s[0] or "：" in s[0] for s in line.segments)
    return ":" in line.text or "：" in line.text


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
        # a column starts here — unless the run completes a spaced label (成 | 员：): no column's
        # text begins with a label's tail, however near a column start a tab stop set it
        at_stop = any(abs(x0 - x) <= _COLUMN_TOLERANCE * em for x in stops) and not _label_tail(out, text)
        if out and not at_stop and x0 - out[-1][2] <= _SPACED_WORD_GAP * em and _one_word(out[-1][0], text):
            out[-1] = (out[-1][0] + text, out[-1][1], x1)
        elif out and _label_only(out[-1][0]) and split_role(text)[0] is None:
            out[-1] = (out[-1][0] + text, out[-1][1], x1)
        else:
            out.append((text, x0, x1))
    return out


def _label_tail(out: list[Run], text: str) -> bool:
    """``text`` ends a role label begun by the last run read (成 | 员：李文静)."""
    return bool(out) and split_role(out[-1][0])[0] is None and split_role(out[-1][0] + text)[0] is not None


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
    # every role label ends in a colon (ROSTER_ROLE), on this line or, wrapped, on the one below:
    # most lines of a document have none, and are no roster's start without cutting them in cells
    if not _has_colon(line) and (below is None or not _has_colon(below)):
        return False
    segs = _segments(line)
    role, rest = split_role(segs[0][0])
    if role is None and below is not None:
        head, under = segs[0][0], _segments(below)[0][0]
        return any(_label_wrapped_into(head[:k], under) for k in range(1, min(len(head), 3) + 1))
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


def parse_person(name_text: str, position_text: str) -> tuple[str, str] | None:
    """A (name, position) from a name cell and a position cell; the name cell may hold both.
    A name cell of one Han character is a two-character name padded to the width of three whose
    second character was set against the position (周　敏市工信局… in a narrow name column): no
    name is one character, so the position cell's first character completes it."""
    n = name_text.strip()
    position_text = position_text.strip()
    if _ONE_HAN.match(n) and position_text and is_name(n + position_text[0]):
        n, position_text = n + position_text[0], position_text[1:]
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
        if not cells[idx]:  # the line held only a wrapped label's rest (长：), joined above
            consumed = idx + 1
            continue
        if anchors:
            em = max(line.size, 1.0)
            assigned = _assign(cells[idx], anchors, em)
            if not any(c % 2 == 0 for c in assigned) and any(
                min(abs(x0 - a) for a in anchors) > _COLUMN_TOLERANCE * em for _t, x0, _x1 in cells[idx]
            ):
                break  # no name, and not set at a column start: no wrapped position (a 落款 below)
            ok = _read_two_column_line(assigned, columns, idx, line.page)
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
            person = parse_person(rest, pos_cell or "")
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
        person = split_name_position(" ".join(parts)) or parse_person(parts[0], squeeze(" ".join(parts[1:])))
    else:
        names = _names_only(parts[0])
        if names:
            col.entries.extend(_Entry(col.role, n, "", idx, line.page, line.x0) for n in names)
            return True
        person = parse_person(parts[0], "")
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
