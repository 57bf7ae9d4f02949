"""2. Cell text (单元格文字): glyphs bucketed into cells by their centre, a cell's lines joined where
they wrap and "\n" kept at hard line breaks (``hard_breaks``); text joining helpers (``flat``,
``join_text_lines``, ``norm_text``) shared by the later steps.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from .. import patterns
from ..layout import group_lines, is_cjk, is_word_gap
from ..models import Glyph
from .grid import GridCell
from .settings import BBox, FragmentCell


SPACE_NEAR_CJK = regex.compile(r"(?<=[\p{Han}\u3000-\u303f\uff00-\uffef—…·“”‘’])[ \u3000]+|[ \u3000]+(?=[\p{Han}\u3000-\u303f\uff00-\uffef—…·“”‘’])")


# Characters after which a wrapped line goes on without a space (部署业务模块/ + APP → 模块/APP).
_NO_SPACE_AFTER = set("/-–([{<«'\"·@#&+=_~^\\")
# Characters before which no space goes (a wrapped line starting with closing punctuation).
_NO_SPACE_BEFORE = set(")]}>»,.;:!?%/-–'\"")


def join_text_lines(texts: Sequence[str]) -> str:
    """Join the lines of one cell without newlines: CJK lines just concatenate; a space only
    between two non-CJK characters (a word wrapped in Latin text), and not after a slash or
    hyphen or before closing punctuation (a wrap inside a token); layout spaces next to CJK
    characters are dropped."""
    out = ""
    for t in texts:
        t = SPACE_NEAR_CJK.sub("", t.strip())
        if not t:
            continue
        if (
            out
            and not is_cjk(out[-1])
            and not is_cjk(t[0])
            and out[-1] not in _NO_SPACE_AFTER
            and t[0] not in _NO_SPACE_BEFORE
        ):
            out += " "
        out += t
    return out


def join_label_lines(texts: Sequence[str]) -> str:
    """A header label's lines joined: like ``join_text_lines`` but a space survives only
    between two ASCII letters or digits (路段交通量Q + (pcu/d) → 路段交通量Q(pcu/d);
    10< + μ≤20 → 10<μ≤20)."""
    out = ""
    for t in texts:
        t = SPACE_NEAR_CJK.sub("", t.strip())
        if not t:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += " "
        out += t
    return out


# Punctuation that may not start a line (行首禁则): it stays with the character before it, so a
# line breaks before that character.
_NO_LINE_START = set("，。、；：？！”’》〉）)]】」』〕}>,.;:?!%…—·")
# Punctuation that may not end a line (行尾禁则): it goes down with the character after it.
_NO_LINE_END = set("“‘《〈（([【「『〔{<")


@dataclass(frozen=True, slots=True)
class CellLine:
    """A printed line of a cell: its text, extent, size and the width of its first token."""

    text: str
    x0: float
    x1: float
    size: float
    first_token: float  # width of the unit that could not go on the line above (see ``_first_token``)


def _first_token(glyphs: Sequence[Glyph]) -> float:
    """Width of the smallest piece a line-breaker moves to the next line as a whole: one CJK
    character with the opening punctuation in front of it and the closing punctuation after it
    (禁则), or a Latin word / number with its punctuation (30.595km,: non-CJK glyphs without
    a space between them)."""
    gs = sorted(glyphs, key=lambda g: g.x0)
    i = 0
    while i < len(gs) - 1 and gs[i].text in _NO_LINE_END:
        i += 1
    if not is_cjk(gs[i].text[0]) and gs[i].text[0].isalnum():
        while (
            i + 1 < len(gs)
            and not is_cjk(gs[i + 1].text[0])
            and not is_word_gap(gs[i], gs[i + 1])
        ):
            i += 1
    while i + 1 < len(gs) and gs[i + 1].text[0] in _NO_LINE_START:
        i += 1
    return gs[i].x1 - gs[0].x0


def cell_lines(glyphs: list[Glyph], page: int) -> list[CellLine]:
    """The printed lines of a cell, top to bottom, with what ``lines_text`` needs."""
    if not glyphs:
        return []
    lines = group_lines(glyphs, page)
    members: list[list[Glyph]] = [[] for _ in lines]
    if len(lines) == 1:
        members[0].extend(glyphs)
    else:
        mids = [(ln.top + ln.bottom) / 2 for ln in lines]
        for g in glyphs:  # to the line whose middle is nearest (the first of equals)
            mid = (g.top + g.bottom) / 2
            k, best = 0, abs(mids[0] - mid)
            for j in range(1, len(mids)):
                d = abs(mids[j] - mid)
                if d < best:
                    k, best = j, d
            members[k].append(g)
    return [
        CellLine(ln.text, ln.x0, ln.x1, ln.size, _first_token(m) if m else ln.size)
        for ln, m in zip(lines, members)
    ]


# A line ends well short of the cell when the free space left on it exceeds the next line's
# first token by more than this share of the font size (about 1.5–2 glyphs of free space for
# CJK text, whose token is one glyph).
HARD_BREAK_SLACK = 0.75


def hard_breaks(lines: Sequence[CellLine], bbox: BBox, pad: float | None = None) -> list[bool]:
    """For each line but the last: was the line broken on purpose (硬换行) rather than wrapped?

    General rule (every line-breaker, left-aligned or centred): a line wraps because the next
    unbreakable piece did not fit, so the free space on a wrapped line is smaller than the next
    line's first token (one CJK character with its 禁则 punctuation, or a Latin word). A line
    whose free space exceeds that token by more than ``HARD_BREAK_SLACK`` glyphs was ended
    before the edge: a hard break.

    Free space is measured inside the cell padding ``pad`` (taken as the same on both sides;
    default: the smallest left gap of the cell's lines; at most half a glyph). By the line's alignment: a line
    starting at the padding is left-aligned and its free space is the gap at its right; a line
    with equal gaps on both sides is centred and its free space is the sum of both gaps (a
    centred label over two lines, 市发改委 / 市商务局, is a hard break when the second label would
    have fitted beside the first); a line ending at the padding is right-aligned (free space at
    its left). A first line indented further (a paragraph indent) is measured at its right.
    """
    return [free > nxt.first_token + HARD_BREAK_SLACK * ln.size
            for free, ln, nxt in zip(free_space(lines, bbox, pad), lines, lines[1:])]


def free_space(lines: Sequence[CellLine], bbox: BBox, pad: float | None = None) -> list[float]:
    """For each line but the last, the room left on it inside the cell (see ``hard_breaks``)."""
    if len(lines) < 2:
        return []
    x0, _, x1, _ = bbox
    if pad is None:
        pad = min(ln.x0 - x0 for ln in lines)
    # a cell's padding is under half a glyph (0.2–0.5 em in WPS, Word, the samples): a larger
    # gap is centring, not padding (a lone centred cell cannot show its padding)
    pad = min(max(0.0, pad), 0.5 * max(ln.size for ln in lines))
    out = []
    for ln in lines[:-1]:
        tol = max(1.0, 0.15 * ln.size)
        left = ln.x0 - (x0 + pad)
        right = (x1 - pad) - ln.x1
        if left <= tol:
            free = right
        elif abs(left - right) <= max(2.0, 0.3 * ln.size):
            free = left + right
        elif right <= tol:
            free = left
        else:
            free = right
        out.append(free)
    return out


# A number or date range (2020/2023) forced over several lines of a cell too narrow for it: the
# line ends in a digit or / and the next begins with one.
# Width of a digit in CJK fonts' Latin part, as a share of the font size.
DIGIT_WIDTH = 0.55
_TOKEN_END = regex.compile(r"[0-9/／.\-]$")
_TOKEN_START = regex.compile(r"^[0-9/／.\-]")


def glued_breaks(lines: Sequence[CellLine], bbox: BBox, pad: float | None = None) -> list[bool]:
    """For each line but the last: was an unbreakable token (2020/2023) cut there because the
    cell is too narrow for it (20 / 20/2 / 02 / 3)? The next line's first glyph did not fit (less
    room left than a digit's width, with 0.4 glyph for the padding guess) and the break
    falls between two digits or a digit and a slash: such pieces join without a space."""
    return [
        free < DIGIT_WIDTH * nxt.size + 0.4 * ln.size
        and bool(_TOKEN_END.search(ln.text))
        and bool(_TOKEN_START.match(nxt.text))
        for free, ln, nxt in zip(free_space(lines, bbox, pad), lines, lines[1:])
    ]


def lines_text(lines: Sequence[CellLine], breaks: Sequence[bool], glued: Sequence[bool] = ()) -> str:
    """A cell's text: wrapped lines joined by ``join_text_lines``, a "\n" at every hard break;
    a token cut by a too narrow cell (``glued``) is joined without a space."""
    parts: list[list[str]] = [[]]
    for i, ln in enumerate(lines):
        if i and i - 1 < len(glued) and glued[i - 1] and not breaks[i - 1] and parts[-1]:
            parts[-1][-1] += ln.text.strip()
        else:
            parts[-1].append(ln.text)
        if i < len(breaks) and breaks[i]:
            parts.append([])
    return "\n".join(t for t in (join_text_lines(p) for p in parts) if t)


def flat(text: str) -> str:
    """A cell text as one line: hard breaks joined like wrapped lines (labels, section rows)."""
    return join_text_lines(text.split("\n")) if "\n" in text else text


def _table_padding(cell_lines_: Iterable[tuple[Sequence[CellLine], BBox]]) -> float | None:
    """The cell padding of a table: the median, over its cells of two or more lines, of the
    smallest left gap (cells of one table share their padding; a cell whose lines are all
    centred and short cannot show it by itself)."""
    gaps = sorted(min(ln.x0 - b[0] for ln in ls) for ls, b in cell_lines_ if len(ls) >= 2)
    if not gaps:
        return None
    return max(0.0, gaps[len(gaps) // 2])


# Glyphs of one unbreakable run (a number, a date range 2020/2023, a Latin word) sit closer than
# this share of the font size: the gap between the texts of two cells holds both cells' padding.
RUN_GAP = 0.1


def run_starts(glyphs: Sequence[Glyph]) -> dict[int, float]:
    """For each glyph (by id), the x centre of the first glyph of its run.

    Printed pattern: a narrow cell holding unbreakable text (2020/2023 in a 建设年限 column)
    that does not fit runs on past its ruling line into the next cell (2020/202 | 3 3.96), even
    over that cell's own text. Text belongs to the cell its run starts in; a run is the non-CJK
    glyphs drawn one after the other on one line, each where the one before it ends (``glyphs``
    in drawing order; CJK text wraps inside its cell and is placed glyph by glyph).
    """
    out: dict[int, float] = {}
    prev: Glyph | None = None
    start = 0.0
    for g in glyphs:
        joins = (
            prev is not None
            and not is_cjk(g.text[0])
            and not is_cjk(prev.text[-1])
            and abs((g.top + g.bottom) / 2 - (prev.top + prev.bottom) / 2) <= 0.45 * min(g.size, prev.size)
            and abs(g.x0 - prev.x1) <= RUN_GAP * max(g.size, prev.size)
        )
        if not joins:
            start = (g.x0 + g.x1) / 2
        out[id(g)] = start
        prev = g
    return out


def fill_cells(
    cells: Sequence[GridCell],
    owner: Sequence[int],
    xs: Sequence[float],
    ys: Sequence[float],
    glyphs: Iterable[Glyph],
    page: int,
) -> list[FragmentCell]:
    """Assign glyphs to cells by their centre (bisect on the boundaries: no glyph × cell loop);
    a cell's text keeps its hard line breaks as "\n" (``hard_breaks``)."""
    n_cols = len(xs) - 1
    members: dict[int, list[Glyph]] = {}
    x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
    glyphs = [g for g in glyphs if y_lo < (g.top + g.bottom) / 2 < y_hi]
    run_x = run_starts(glyphs)
    for g in glyphs:
        cx, cy = run_x[id(g)], (g.top + g.bottom) / 2
        if not (x_lo < cx < x_hi):
            continue
        c = bisect.bisect_right(xs, cx) - 1
        r = bisect.bisect_right(ys, cy) - 1
        members.setdefault(owner[r * n_cols + c], []).append(g)
    lines = [cell_lines(members.get(i, []), page) for i in range(len(cells))]
    pad = _table_padding((ls, gc.bbox) for ls, gc in zip(lines, cells))
    out = []
    for i, gc in enumerate(cells):
        gl = members.get(i, [])
        ls = lines[i]
        cell_pad = None if pad is None or not ls else min(pad, min(ln.x0 - gc.bbox[0] for ln in ls))
        out.append(
            FragmentCell(
                gc.row,
                gc.col,
                gc.row_span,
                gc.col_span,
                lines_text(ls, hard_breaks(ls, gc.bbox, cell_pad), glued_breaks(ls, gc.bbox, cell_pad)),
                gc.bbox,
                bold=bool(gl) and sum(g.bold for g in gl) * 2 > len(gl),
            )
        )
    return out


def norm_text(text: str) -> str:
    """Text compared across pages: no spaces, no line-wrapping differences."""
    return patterns.remove_whitespace(text)
