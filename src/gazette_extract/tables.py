"""Stage — tables (表格): ruled tables found per page, stitched across pages.

A chain of small pure functions, in the spirit of pdfplumber's ``table.py``:

per page (``find_fragments``, while glyphs and edges are in memory)
    snap_edges → join_edges → edge_groups (edges that touch) → grid_lines (row and column
    boundaries) → build_cells (grid rectangles; a missing inner rule merges two grid cells
    into one spanning cell) → fill_cells (glyphs by their centre, bucketed by grid row and
    column, so the cost is O(glyphs · log); a cell's lines joined where they wrap, "\n" kept
    where a line ends well short of the cell: ``hard_breaks``) → ``TableFragment``

across pages (``build_tables``)
    chain_fragments (a fragment at the top of a page continues the last table of the
    previous page when the column layouts or the header texts match) → header_depth /
    leaf_columns (multi-level headers joined as 父/子) → fragment_rows (texts per leaf
    column, spanning cells repeated into every row and column they cover, repeated header
    dropped) → merge_cut_row / fill_group_columns (rows and group cells cut by a page
    break) → classify rows (section 分类行, total 合计 and note 注 rows kept apart from data)
    → find_caption / find_notes (text just above / below the table) → ``Table``.

forms (``is_form``: a grid opening with a full-width 一、… row and no header under it)
    chained on when the next page's frame uses the form's rules or opens with a section row;
    columns 列1…列N from every rule of the form, every printed row a data row, nothing
    repeated or filled down (``form_rows`` / ``_build_form``).

Cell texts carry "\n" only at hard line breaks (two units stacked in one cell, one law or
item a line); header labels, section, total and note rows are joined flat (``flat``).

Every rule says in a comment which general pattern of printed tables it encodes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from . import patterns
from .layout import group_lines, is_cjk
from .models import Edge, Glyph, PageLayout, Table, TableFrame, TableRow, TableSection, TextLine

BBox = tuple[float, float, float, float]

# ------------------------------------------------------------------ settings


@dataclass(frozen=True, slots=True)
class TableSettings:
    """Tolerances of the table finder, in PDF points unless said otherwise."""

    # Rules printed as several strokes (or rectangle sides of neighbouring cells) land within
    # this distance of each other: they are one rule.
    snap_tolerance: float = 3.0
    # Collinear pieces of one rule separated by less than this are joined (PDF producers draw
    # a rule cell by cell, with hairline gaps or overlaps).
    join_tolerance: float = 3.0
    # A horizontal and a vertical rule meet when they come this close (rules often stop a
    # hair short of the crossing rule).
    intersection_tolerance: float = 3.0
    # A rule shorter than this is a tick or an underline dot, not table ruling.
    min_edge_length: float = 2.0
    # A boundary between two grid cells counts as ruled when rules cover this share of it.
    min_coverage: float = 0.6
    # Two tables' column boundaries match within this share of the page width (continuations
    # are re-typeset by the same template, so boundaries move by a point or two at most).
    column_match_tolerance: float = 0.012
    # A caption is short: a line longer than this is body text.
    max_caption_chars: int = 60
    # A section row's single cell spans at least this share of the table's width.
    section_min_width: float = 0.8


DEFAULT_SETTINGS = TableSettings()

# ------------------------------------------------------------------ fragment types


@dataclass(frozen=True, slots=True)
class FragmentCell:
    """A cell of a fragment's grid (单元格); ``row_span``/``col_span`` > 1 for merged cells."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    bbox: BBox
    bold: bool = False


@dataclass(frozen=True, slots=True)
class TableFragment:
    """The part of one table printed on one page (表格片段): its grid and its cells' text.

    ``xs`` / ``ys`` are the column and row boundaries (len = columns + 1, rows + 1); ``owner``
    maps each grid position (row-major) to the index of the cell covering it.
    """

    page: int
    bbox: BBox
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[FragmentCell, ...]
    owner: tuple[int, ...]
    page_width: float
    page_height: float

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell_at(self, row: int, col: int) -> int:
        """Index in ``cells`` of the cell covering grid position (row, col)."""
        return self.owner[row * self.n_cols + col]


# ------------------------------------------------------------------ 1. edges


def snap_edges(edges: Iterable[Edge], tol: float = DEFAULT_SETTINGS.snap_tolerance) -> list[Edge]:
    """Move nearly collinear rules onto one line (cluster by position, use the cluster mean).

    General pattern: a rule drawn as a rectangle side and as a line, or by two neighbouring
    cells, is printed twice a fraction of a point apart; it is one rule.
    """
    out: list[Edge] = []
    for orient in ("h", "v"):
        group = [e for e in edges if e.orientation == orient]
        pos = (lambda e: e.top) if orient == "h" else (lambda e: e.x0)
        group.sort(key=pos)
        cluster: list[Edge] = []
        for e in group + [None]:  # type: ignore[list-item]
            if e is not None and cluster and pos(e) - pos(cluster[-1]) <= tol:
                cluster.append(e)
                continue
            if cluster:
                mean = sum(pos(c) for c in cluster) / len(cluster)
                for c in cluster:
                    if orient == "h":
                        out.append(Edge("h", c.x0, mean, c.x1, mean))
                    else:
                        out.append(Edge("v", mean, c.top, mean, c.bottom))
            cluster = [e] if e is not None else []
    return out


def join_edges(edges: Iterable[Edge], tol: float = DEFAULT_SETTINGS.join_tolerance) -> list[Edge]:
    """Join collinear pieces of one rule whose gap is at most ``tol`` (cell-by-cell strokes)."""
    out: list[Edge] = []
    by_line: dict[tuple[str, float], list[Edge]] = {}
    for e in edges:
        key = (e.orientation, e.top if e.orientation == "h" else e.x0)
        by_line.setdefault(key, []).append(e)
    for (orient, at), group in sorted(by_line.items()):
        if orient == "h":
            spans = sorted((e.x0, e.x1) for e in group)
        else:
            spans = sorted((e.top, e.bottom) for e in group)
        start, end = spans[0]
        for a, b in spans[1:]:
            if a <= end + tol:
                end = max(end, b)
            else:
                out.append(_edge(orient, at, start, end))
                start, end = a, b
        out.append(_edge(orient, at, start, end))
    return out


def _edge(orient: str, at: float, a: float, b: float) -> Edge:
    return Edge("h", a, at, b, at) if orient == "h" else Edge("v", at, a, at, b)


def edge_groups(edges: Sequence[Edge], tol: float = DEFAULT_SETTINGS.intersection_tolerance) -> list[list[Edge]]:
    """Connected groups of rules: a horizontal and a vertical rule that cross or touch belong
    to the same table (two tables on one page share no rule)."""
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, e in enumerate(edges) if e.orientation == "h"]
    vs = [i for i, e in enumerate(edges) if e.orientation == "v"]
    vs.sort(key=lambda i: edges[i].x0)
    v_x = [edges[i].x0 for i in vs]
    for hi in hs:
        h = edges[hi]
        lo = bisect.bisect_left(v_x, h.x0 - tol)
        hi_ = bisect.bisect_right(v_x, h.x1 + tol)
        for vi in vs[lo:hi_]:
            v = edges[vi]
            if v.top - tol <= h.top <= v.bottom + tol:
                a, b = find(hi), find(vi)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Edge]] = {}
    for i, e in enumerate(edges):
        groups.setdefault(find(i), []).append(e)
    return [g for g in groups.values() if any(e.orientation == "h" for e in g) and any(e.orientation == "v" for e in g)]


def _cluster_positions(values: Iterable[float], tol: float) -> list[float]:
    """Sorted distinct positions, values closer than ``tol`` merged (their mean)."""
    out: list[float] = []
    run: list[float] = []
    for v in sorted(values):
        if run and v - run[-1] > tol:
            out.append(sum(run) / len(run))
            run = []
        run.append(v)
    if run:
        out.append(sum(run) / len(run))
    return out


def grid_lines(group: Sequence[Edge], tol: float = DEFAULT_SETTINGS.snap_tolerance) -> tuple[list[float], list[float]]:
    """Column boundaries ``xs`` and row boundaries ``ys`` of one group of rules.

    The outer frame is taken from the rules' extent when a side is not ruled (tables printed
    without left/right border lines still have horizontal rules reaching the edge).
    """
    xs = _cluster_positions((e.x0 for e in group if e.orientation == "v"), tol)
    ys = _cluster_positions((e.top for e in group if e.orientation == "h"), tol)
    h_x0 = min(e.x0 for e in group if e.orientation == "h")
    h_x1 = max(e.x1 for e in group if e.orientation == "h")
    v_top = min(e.top for e in group if e.orientation == "v")
    v_bottom = max(e.bottom for e in group if e.orientation == "v")
    if h_x0 < xs[0] - tol:
        xs.insert(0, h_x0)
    if h_x1 > xs[-1] + tol:
        xs.append(h_x1)
    if v_top < ys[0] - tol:
        ys.insert(0, v_top)
    if v_bottom > ys[-1] + tol:
        ys.append(v_bottom)
    return xs, ys


def _index_of(positions: Sequence[float], value: float, tol: float) -> int | None:
    i = bisect.bisect_left(positions, value - tol)
    if i < len(positions) and abs(positions[i] - value) <= tol:
        return i
    return None


def _coverage(spans: list[tuple[float, float]], a: float, b: float) -> float:
    """Share of [a, b] covered by ``spans`` (sorted, non-overlapping after join)."""
    if b <= a:
        return 1.0
    covered = 0.0
    for s, e in spans:
        lo, hi = max(s, a), min(e, b)
        if hi > lo:
            covered += hi - lo
    return covered / (b - a)


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell of a grid before text: its grid range and rectangle."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox


def build_cells(
    xs: Sequence[float],
    ys: Sequence[float],
    group: Sequence[Edge],
    settings: TableSettings = DEFAULT_SETTINGS,
) -> tuple[list[GridCell], list[int]]:
    """Cells of the grid and the owner of every grid position.

    General pattern: a merged cell (合并单元格) is drawn by leaving out the inner rule between
    grid rectangles; two neighbours with no rule (or too little of one) between them are one
    cell. A merge that is not rectangular is closed to its bounding rectangle.
    """
    tol = settings.snap_tolerance
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    v_spans: dict[int, list[tuple[float, float]]] = {}
    h_spans: dict[int, list[tuple[float, float]]] = {}
    for e in group:
        if e.orientation == "v":
            i = _index_of(xs, e.x0, tol)
            if i is not None:
                v_spans.setdefault(i, []).append((e.top, e.bottom))
        else:
            i = _index_of(ys, e.top, tol)
            if i is not None:
                h_spans.setdefault(i, []).append((e.x0, e.x1))
    for spans in (*v_spans.values(), *h_spans.values()):
        spans.sort()

    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and _coverage(v_spans.get(c + 1, []), ys[r], ys[r + 1]) < settings.min_coverage:
                union(here, here + 1)
            if r + 1 < n_rows and _coverage(h_spans.get(r + 1, []), xs[c], xs[c + 1]) < settings.min_coverage:
                union(here, here + n_cols)

    ranges: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            rg = ranges.get(root)
            if rg is None:
                ranges[root] = [r, r, c, c]
            else:
                rg[0], rg[1] = min(rg[0], r), max(rg[1], r)
                rg[2], rg[3] = min(rg[2], c), max(rg[3], c)
    cells: list[GridCell] = []
    owner = [-1] * (n_rows * n_cols)
    for root in sorted(ranges):  # roots are the smallest index: row-major order
        r0, r1, c0, c1 = ranges[root]
        idx = len(cells)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if owner[r * n_cols + c] == -1:
                    owner[r * n_cols + c] = idx
    return cells, owner


# ------------------------------------------------------------------ 2. text


_SPACE_NEAR_CJK = regex.compile(r"(?<=[\p{Han}\u3000-\u303f\uff00-\uffef—…·“”‘’])[ \u3000]+|[ \u3000]+(?=[\p{Han}\u3000-\u303f\uff00-\uffef—…·“”‘’])")


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
        t = _SPACE_NEAR_CJK.sub("", t.strip())
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
        t = _SPACE_NEAR_CJK.sub("", t.strip())
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
            and gs[i + 1].x0 - gs[i].x1 < 0.2 * gs[i].size
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
    for g in glyphs:
        mid = (g.top + g.bottom) / 2
        k = min(range(len(lines)), key=lambda j: abs((lines[j].top + lines[j].bottom) / 2 - mid))
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
    if len(lines) < 2:
        return []
    x0, _, x1, _ = bbox
    if pad is None:
        pad = min(ln.x0 - x0 for ln in lines)
    # a cell's padding is under half a glyph (0.2–0.5 em in WPS, Word, the samples): a larger
    # gap is centring, not padding (a lone centred cell cannot show its padding)
    pad = min(max(0.0, pad), 0.5 * max(ln.size for ln in lines))
    out = []
    for ln, nxt in zip(lines, lines[1:]):
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
        out.append(free > nxt.first_token + HARD_BREAK_SLACK * ln.size)
    return out


def lines_text(lines: Sequence[CellLine], breaks: Sequence[bool]) -> str:
    """A cell's text: wrapped lines joined by ``join_text_lines``, a "\n" at every hard break."""
    parts: list[list[str]] = [[]]
    for i, ln in enumerate(lines):
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
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        if not (x_lo < cx < x_hi and y_lo < cy < y_hi):
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
                lines_text(ls, hard_breaks(ls, gc.bbox, cell_pad)),
                gc.bbox,
                bold=bool(gl) and sum(g.bold for g in gl) * 2 > len(gl),
            )
        )
    return out


# ------------------------------------------------------------------ 3. fragments


def find_fragments(page: PageLayout, settings: TableSettings = DEFAULT_SETTINGS) -> list[TableFragment]:
    """The ruled tables printed on one page, top to bottom.

    A group of touching rules is a table fragment when its grid has at least two columns and
    one row (a lone rule under a running header, or a box around a paragraph, is not). One-row
    fragments are kept only to continue a table from the previous page (``build_tables``).
    """
    edges = [
        e
        for e in page.edges
        if (e.x1 - e.x0 if e.orientation == "h" else e.bottom - e.top) >= settings.min_edge_length
    ]
    if not edges:
        return []
    joined = join_edges(snap_edges(edges, settings.snap_tolerance), settings.join_tolerance)
    fragments: list[TableFragment] = []
    glyphs = sorted(page.glyphs, key=lambda g: g.top)
    glyph_tops = [g.top for g in glyphs]
    for group in edge_groups(joined, settings.intersection_tolerance):
        xs, ys = grid_lines(group, settings.snap_tolerance)
        if len(xs) < 3 or len(ys) < 2:
            continue
        cells, owner = build_cells(xs, ys, group, settings)
        # glyphs whose top lies within the grid's vertical range (sorted once per page)
        lo = bisect.bisect_left(glyph_tops, ys[0] - 20)
        hi = bisect.bisect_right(glyph_tops, ys[-1])
        filled = fill_cells(cells, owner, xs, ys, glyphs[lo:hi], page.page)
        if not any(c.text for c in filled):
            continue  # rules with no text inside: a drawing, a frame, a signature line
        fragments.append(
            TableFragment(
                page=page.page,
                bbox=(xs[0], ys[0], xs[-1], ys[-1]),
                xs=tuple(xs),
                ys=tuple(ys),
                cells=tuple(filled),
                owner=tuple(owner),
                page_width=page.width,
                page_height=page.height,
            )
        )
    fragments.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    return fragments


# ------------------------------------------------------------------ 4. headers


def _norm(text: str) -> str:
    """Text compared across pages: no spaces, no line-wrapping differences."""
    return regex.sub(r"\s+", "", text)


# A cell of figures (a data cell, never a header label): digits, separators, signs, %.
# Printed headers have at most this many levels of grid rows.
MAX_HEADER_ROWS = 4
_NUMERIC = regex.compile(r"^[\d\s.,，%％\-—－+/:：]+$")
# A sub-header label is short.
_MAX_SUBHEADER_CHARS = 16


def _top_title_row(frag: TableFragment) -> bool:
    """The first grid row is a title printed inside the frame: one cell spanning all columns
    (表名 typeset as the first row of the table) above further rows."""
    if frag.n_rows < 2:
        return False
    first = frag.cells[frag.cell_at(0, 0)]
    return first.col_span == frag.n_cols and first.row_span == 1 and bool(first.text)


def _full_width_cell(frag: TableFragment, row: int) -> FragmentCell | None:
    """The cell of grid row ``row`` when one cell spans all columns of it."""
    cell = frag.cells[frag.cell_at(row, 0)]
    return cell if cell.col_span == frag.n_cols and cell.row == row else None


def _is_section_heading(text: str) -> bool:
    """A numbered section heading (一、企业基本情况 / 二、需要解决的“四事”问题)."""
    text = _SPACE_NEAR_CJK.sub("", flat(text)).strip()
    return patterns.heading_level(text) == 1 and len(text) <= DEFAULT_SETTINGS.max_caption_chars


def is_form(frag: TableFragment) -> bool:
    """A form (表格式的表单: 征集表, 申请表, 登记表): a ruled grid with no header row.

    General pattern: the grid opens with one full-width cell holding a numbered section
    heading (一、企业基本情况), and the row under it is not a header: it has an empty cell (an
    input field beside its label: 企业名称 | ____ | 行业分类 | ____). A table whose first row
    is a title or heading printed inside its frame has its header row (every cell a label)
    right under it, and stays a table.
    """
    if frag.n_rows < 2:
        return False
    top = _full_width_cell(frag, 0)
    if top is None or top.row_span != 1 or not _is_section_heading(top.text):
        return False
    below = [frag.cells[i] for i in dict.fromkeys(frag.cell_at(1, c) for c in range(frag.n_cols))]
    return any(not c.text.strip() for c in below)


def header_depth(frag: TableFragment, start: int = 0) -> int:
    """How many grid rows (from ``start``) form the header (表头).

    - The top row is header.
    - A header cell whose row span reaches further down pulls those rows into the header
      (编号 printed once beside the two levels of a two-level header).
    - A header cell spanning several columns above two or more cells of the next row makes
      that row a sub-header (分年度任务 over 2021年 / 2022年), when that row holds no numbers.
    A header deeper than ``MAX_HEADER_ROWS`` is a label cell running into the data (a rule
    left out), and the header is then the top row only.
    """
    n_rows, n_cols = frag.n_rows, frag.n_cols
    depth = 1
    changed = True
    while changed and start + depth < n_rows:
        changed = False
        for c in range(n_cols):
            for r in range(start, start + depth):
                cell = frag.cells[frag.cell_at(r, c)]
                end = cell.row + cell.row_span
                if end > start + depth:
                    depth = end - start
                    changed = True
        if changed:
            continue
        last = start + depth - 1
        below = start + depth
        if below >= n_rows:
            break
        if _is_sub_header(frag, last, below):
            depth += 1
            changed = True
    if depth > MAX_HEADER_ROWS:
        return 1  # a label cell reaching deep into the data: a missing rule, not a header
    return depth


def _is_sub_header(frag: TableFragment, last: int, below: int) -> bool:
    """Row ``below`` is a sub-header of row ``last``: some cell of ``last`` spans several
    columns above two or more cells of ``below`` that read as labels (short, not figures),
    and every other cell of ``below`` is blank or repeats the label above it (columns
    without sub-labels drawn as separate cells)."""
    parents = [frag.cells[i] for i in dict.fromkeys(frag.cell_at(last, c) for c in range(frag.n_cols))]
    found = False
    for cell in parents:
        cols = range(cell.col, cell.col + cell.col_span)
        subs = [frag.cells[i] for i in dict.fromkeys(frag.cell_at(below, c) for c in cols)]
        if cell.col_span >= 2 and len(subs) >= 2:
            if not all(
                s.row == below and s.text and len(s.text) <= _MAX_SUBHEADER_CHARS and not _NUMERIC.match(s.text)
                for s in subs
            ):
                return False
            found = True
        else:
            for s in subs:
                if s.row == below and s.text and _norm(s.text) != _norm(cell.text):
                    return False
    return found


@dataclass(frozen=True, slots=True)
class Column:
    """A leaf column (叶列) of a table: label path joined with '/', grid range, x-range."""

    label: str
    col0: int
    col1: int  # exclusive
    x0: float
    x1: float


def leaf_columns(frag: TableFragment, start: int, depth: int) -> list[Column]:
    """Leaf columns under a header of ``depth`` rows starting at grid row ``start``.

    Each grid column's label is the path of distinct header cells above it, top to bottom,
    joined with '/' (分年度任务(亿元)/2021年); neighbouring grid columns under the very same
    header cells are one leaf column (a rule that only the data rows draw does not split a
    header). Blank labels become col1, col2 … by position.
    """
    paths: list[tuple[int, ...]] = []
    for c in range(frag.n_cols):
        path: list[int] = []
        for r in range(start, start + depth):
            idx = frag.cell_at(r, c)
            if idx not in path:
                path.append(idx)
        paths.append(tuple(path))
    columns: list[Column] = []
    c = 0
    while c < frag.n_cols:
        c1 = c + 1
        while c1 < frag.n_cols and paths[c1] == paths[c]:
            c1 += 1
        parts = [_label(frag.cells[i].text) for i in paths[c]]
        label = "/".join(p for p in dict.fromkeys(parts) if p)
        columns.append(Column(label, c, c1, frag.xs[c], frag.xs[c1]))
        c = c1
    return [
        col if col.label else Column(f"col{i + 1}", col.col0, col.col1, col.x0, col.x1) for i, col in enumerate(columns)
    ]


def _label(text: str) -> str:
    """A header label: layout spaces next to CJK characters removed."""
    return _SPACE_NEAR_CJK.sub("", flat(text)).strip()


# ------------------------------------------------------------------ 5. rows


@dataclass(slots=True)
class RawRow:
    """A grid row read against the table's leaf columns, before classification."""

    page: int
    grid_row: int
    top: float
    bottom: float
    texts: list[str]
    boxes: list[BBox]
    cell_ids: list[tuple[int, ...]]  # per leaf column: indices of the fragment cells it shows
    spans: list[int]  # per leaf column: the longest row span among those cells
    cont: bool = False  # first row of a continuation fragment
    frag_index: int = 0
    kind: str = "data"
    n_distinct: int = 0
    widest: float = 0.0  # width share of the widest non-empty cell


def map_columns(frag: TableFragment, columns: Sequence[Column], dx: float) -> list[list[int]]:
    """Grid columns of ``frag`` under each leaf column (by the grid column's centre, after
    shifting the fragment by ``dx`` onto the first fragment)."""
    out: list[list[int]] = [[] for _ in columns]
    bounds = [col.x0 for col in columns] + [columns[-1].x1]
    for c in range(frag.n_cols):
        cx = (frag.xs[c] + frag.xs[c + 1]) / 2 + dx
        i = bisect.bisect_right(bounds, cx) - 1
        if 0 <= i < len(columns):
            out[i].append(c)
    return out


def fragment_rows(frag: TableFragment, columns: Sequence[Column], start: int, dx: float, frag_index: int) -> list[RawRow]:
    """Grid rows from ``start`` down, with texts per leaf column.

    Merged cells repeat: a row-spanning cell gives its text to every row it covers, a
    column-spanning cell to every leaf column it covers (the contract: merged cells are
    repeated into every row they span).
    """
    col_map = map_columns(frag, columns, dx)
    width = frag.xs[-1] - frag.xs[0]
    rows: list[RawRow] = []
    for r in range(start, frag.n_rows):
        texts, boxes, ids, spans = [], [], [], []
        for grid_cols in col_map:
            idxs = tuple(dict.fromkeys(frag.cell_at(r, c) for c in grid_cols))
            cells = [frag.cells[i] for i in idxs]
            texts.append(join_text_lines([c.text for c in cells]))
            if cells:
                boxes.append(
                    (
                        min(c.bbox[0] for c in cells),
                        min(c.bbox[1] for c in cells),
                        max(c.bbox[2] for c in cells),
                        max(c.bbox[3] for c in cells),
                    )
                )
            else:
                boxes.append((0.0, 0.0, 0.0, 0.0))
            ids.append(idxs)
            spans.append(max((c.row_span for c in cells), default=1))
        distinct = {frag.cell_at(r, c) for c in range(frag.n_cols)}
        filled = [frag.cells[i] for i in distinct if frag.cells[i].text]
        widest = max(((c.bbox[2] - c.bbox[0]) / width for c in filled), default=0.0) if width else 0.0
        rows.append(
            RawRow(
                page=frag.page,
                grid_row=r,
                top=frag.ys[r],
                bottom=frag.ys[r + 1],
                texts=texts,
                boxes=boxes,
                cell_ids=ids,
                spans=spans,
                frag_index=frag_index,
                n_distinct=len(filled),
                widest=widest,
            )
        )
    if rows:
        rows[0].cont = True
    return rows


# ------------------------------------------------------------------ 6. stitching


def _columns_match(frag: TableFragment, first: TableFragment, columns: Sequence[Column], settings: TableSettings) -> bool:
    """Same column layout: every leaf-column boundary of the table is a boundary of the
    fragment, and every boundary of the fragment is one of the first fragment's (within a
    tolerance, after aligning the left edges)."""
    tol = max(3.0, settings.column_match_tolerance * first.page_width)
    dx = first.xs[0] - frag.xs[0]
    if abs((frag.xs[-1] - frag.xs[0]) - (first.xs[-1] - first.xs[0])) > tol:
        return False
    xs = [x + dx for x in frag.xs]
    leaf_bounds = [c.x0 for c in columns] + [columns[-1].x1]
    if not all(_index_of(xs, b, tol) is not None for b in leaf_bounds):
        return False
    return all(_index_of(first.xs, x, tol) is not None for x in xs)


def _header_texts(frag: TableFragment, start: int, depth: int) -> list[str]:
    return [_row_text(frag, r) for r in range(start, start + depth)]


def _row_text(frag: TableFragment, r: int) -> str:
    ids = dict.fromkeys(frag.cell_at(r, c) for c in range(frag.n_cols))
    return _norm("".join(frag.cells[i].text for i in ids))


def repeated_header_rows(frag: TableFragment, header: Sequence[str], labels: Sequence[str]) -> int:
    """How many top grid rows of a continuation repeat the table's header (续表 reprints the
    header on every page): either the rows read as the same leaf labels, or each top row's
    text equals a header row's text."""
    if frag.n_rows == 0:
        return 0
    depth = header_depth(frag)
    if depth and [c.label for c in leaf_columns(frag, 0, depth)] == list(labels):
        return depth
    wanted = set(header)
    n = 0
    while n < frag.n_rows and n < len(header) and _row_text(frag, n) in wanted and _row_text(frag, n):
        n += 1
    return n


def _inside(line: TextLine, boxes: Sequence[BBox]) -> bool:
    cx, cy = line.center_x, (line.top + line.bottom) / 2
    return any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)


def lines_outside(lines: Sequence[TextLine], fragments: Sequence[TableFragment]) -> tuple[TextLine, ...]:
    """The lines not printed inside any of ``fragments`` (the text of a table is its cells')."""
    boxes = [f.bbox for f in fragments]
    return tuple(ln for ln in lines if not _inside(ln, boxes)) if boxes else tuple(lines)


def free_lines(page: PageLayout | None, boxes: Sequence[BBox]) -> list[TextLine]:
    """The page's text lines outside every table fragment, top to bottom."""
    if page is None:
        return []
    return sorted((ln for ln in page.lines if not _inside(ln, boxes)), key=lambda ln: ln.top)


def chain_fragments(
    fragments: Sequence[TableFragment],
    pages_by_no: dict[int, PageLayout],
    settings: TableSettings = DEFAULT_SETTINGS,
) -> list[list[TableFragment]]:
    """Group fragments into tables (续表 stitching).

    A fragment continues the last table when: it is the first fragment on its page; the
    table's last fragment was the last thing printed on the previous page (text below it — a
    note, the next heading or caption — means the table ended there); nothing but the
    table's own caption re-printed or a 续表 mark stands above it; and the column layouts
    match or the fragment repeats the table's header. A lone one-row fragment that continues
    nothing is dropped (a box, not a table).
    """
    by_page: dict[int, list[TableFragment]] = {}
    for f in fragments:
        by_page.setdefault(f.page, []).append(f)
    for fs in by_page.values():
        fs.sort(key=lambda f: f.bbox[1])
    chains: list[list[TableFragment]] = []
    info: list[tuple[list[Column], list[str], str | None]] = []  # columns, header texts, caption
    for page_no in sorted(by_page):
        for pos, frag in enumerate(by_page[page_no]):
            if pos == 0 and chains and _continues(frag, chains[-1], info[-1], by_page, pages_by_no, settings):
                chains[-1].append(frag)
                continue
            if frag.n_rows < 2:
                continue
            if is_form(frag):
                chains.append([frag])
                caption = _caption_of(frag, pages_by_no, by_page, settings)
                info.append((form_columns([frag], settings), [], caption.title))
                continue
            start = 1 if _top_title_row(frag) else 0
            depth = header_depth(frag, start)
            cols = leaf_columns(frag, start, depth) if depth else []
            if len(cols) < 2:
                continue
            chains.append([frag])
            caption = _caption_of(frag, pages_by_no, by_page, settings)
            info.append((cols, _header_texts(frag, start, depth), caption.title))
    return chains


def _continues(
    frag: TableFragment,
    chain: list[TableFragment],
    info: tuple[list[Column], list[str], str | None],
    by_page: dict[int, list[TableFragment]],
    pages_by_no: dict[int, PageLayout],
    settings: TableSettings,
) -> bool:
    last = chain[-1]
    if last.page != frag.page - 1 or by_page[last.page][-1] is not last:
        return False
    cols, header, caption = info
    page = pages_by_no.get(frag.page)
    above = [ln for ln in free_lines(page, [f.bbox for f in by_page[frag.page]]) if ln.bottom <= frag.bbox[1] + 1]
    for ln in above:
        if caption and _norm(ln.text) and _norm(ln.text) in _norm(caption):
            continue  # the table's caption re-printed on the next page
        if _is_continued_mark(ln.text) or patterns.TABLE_META_LINE.match(ln.text):
            continue  # 续表 / (续) marks a continuation explicitly; 单位：万元 repeated
        return False
    prev_page = pages_by_no.get(last.page)
    below = [
        ln
        for ln in free_lines(prev_page, [f.bbox for f in by_page[last.page]])
        if ln.top >= last.bbox[3] - 1 and not patterns.PAGE_NUMBER.match(ln.text)
    ]
    if below:
        return False
    if is_form(chain[0]):
        return _form_continues(frag, chain, settings)
    if _columns_match(frag, chain[0], cols, settings):
        return True
    return repeated_header_rows(frag, header, [c.label for c in cols]) > 0


def _form_tolerance(frag: TableFragment, settings: TableSettings) -> float:
    return max(3.0, settings.column_match_tolerance * frag.page_width)


def form_columns(chain: Sequence[TableFragment], settings: TableSettings = DEFAULT_SETTINGS) -> list[Column]:
    """The columns of a form: every column rule printed in any of its fragments (a form's rows
    divide its width each in their own way, and a page may use only some of the rules),
    labelled 列1, 列2 … by position. ``colN`` is kept for a blank label of a headed table;
    ``列N`` says the table has no header at all."""
    first = chain[0]
    tol = _form_tolerance(first, settings)
    xs = _cluster_positions((x + first.xs[0] - f.xs[0] for f in chain for x in f.xs), tol)
    return [Column(f"列{i + 1}", i, i + 1, xs[i], xs[i + 1]) for i in range(len(xs) - 1)]


def _form_continues(frag: TableFragment, chain: Sequence[TableFragment], settings: TableSettings) -> bool:
    """A form goes on at the top of the next page without a repeated header when its frame
    has the same width and either every column rule of the fragment is one of the form's
    (rows there use a subset of the form's rules) or its first row is again a full-width
    numbered section (二、/三、…)."""
    first = chain[0]
    tol = _form_tolerance(first, settings)
    if abs((frag.xs[-1] - frag.xs[0]) - (first.xs[-1] - first.xs[0])) > tol:
        return False
    dx = first.xs[0] - frag.xs[0]  # facing pages may shift the frame: align the left edges
    bounds = [c.x0 for c in form_columns(chain, settings)] + [first.xs[-1]]
    if all(_index_of(bounds, x + dx, tol) is not None for x in frag.xs):
        return True
    top = _full_width_cell(frag, 0)
    return top is not None and _is_section_heading(top.text)


_CONTINUED = regex.compile(r"^[（(]?\s*续\s*(?:表|上表)?\s*[\d.\-－]*\s*[）)]?$")


def _is_continued_mark(text: str) -> bool:
    """续表 / (续) / 续表1: the mark printed above the rest of a table on the next page."""
    return bool(_CONTINUED.match(text.strip()))


# ------------------------------------------------------------------ 7. cut rows and groups


def _is_seq_column(rows: Sequence[RawRow], col: int) -> bool:
    """The column is a 序号 column: a number in (nearly) every data row."""
    # rows that may be the rest of a cut row (first of a continuation, 序号 blank) do not count
    data = [r for r in rows if r.kind == "data" and not (r.cont and not r.texts[col])]
    if len(data) < 2:
        return False
    hits = sum(bool(patterns.SEQ_CELL.match(r.texts[col])) for r in data)
    return hits >= 0.8 * len(data)


def group_columns(rows: Sequence[RawRow]) -> set[int]:
    """Leaf columns that hold group cells: some data cell in them spans several grid rows
    (行业大类 printed once beside all its companies)."""
    out: set[int] = set()
    for r in rows:
        if r.kind != "data":
            continue
        for i, span in enumerate(r.spans):
            if span > 1:
                out.add(i)
    return out


def _is_reprint(text: str, canonical: str) -> bool:
    """A group label re-printed at the top of a page, possibly shortened: equal to, or a
    prefix of, the label printed in the group's first row (农、林、牧、渔业 for
    农、林、牧、渔业(A))."""
    a, b = _norm(text), _norm(canonical)
    return a == b or (len(a) >= 2 and len(a) < len(b) and b.startswith(a))


def stitch_rows(rows: list[RawRow], n_cols: int) -> list[RawRow]:
    """Repair rows and group cells cut by page breaks (in place order, returns the rows).

    - Group columns: at the top of a continuation, a blank group cell, or the group's label
      re-printed (possibly shortened), takes the value printed in the group's first row on
      the previous page, for every row that cell spans. Rule: the value printed in a group's
      first row is canonical.
    - Cut row: when the table's first column is a 序号 column and the continuation's first
      data row has no 序号, the row is the rest of the previous page's last row: its texts
      are appended column by column (a group column keeps its value).
    """
    groups = group_columns(rows)
    seq_col = _is_seq_column(rows, 0)
    out: list[RawRow] = []
    for i, row in enumerate(rows):
        prev = next((p for p in reversed(out) if p.kind == "data"), None)
        if row.cont and row.kind == "data" and prev is not None and prev.frag_index != row.frag_index:
            for c in groups:
                if not row.texts[c] or _is_reprint(row.texts[c], prev.texts[c]):
                    value, ids = prev.texts[c], row.cell_ids[c]
                    for later in rows[i:]:
                        if later.frag_index != row.frag_index or later.cell_ids[c] != ids:
                            break
                        later.texts[c] = value
            if seq_col and not row.texts[0] and any(row.texts[1:]):
                for c in range(n_cols):
                    if c in groups or not row.texts[c] or row.texts[c] == prev.texts[c]:
                        continue
                    prev.texts[c] = join_text_lines([prev.texts[c], row.texts[c]])
                prev.bottom = prev.bottom if prev.page != row.page else max(prev.bottom, row.bottom)
                continue
        out.append(row)
    return out


# ------------------------------------------------------------------ 8. row kinds

# A note row or line: 注：… / 备注：… / 说明：… (also 注1：).
NOTE_LINE = patterns.NOTE_LINE


def classify_row(row: RawRow, settings: TableSettings = DEFAULT_SETTINGS) -> str:
    """data | section | total | note.

    - total: the first non-empty cell reads 合计/总计/共计 (合计：64 项).
    - note: a row whose text starts with 注：/备注： and whose single cell spans the table.
    - section: one cell spanning (almost) the whole width (一、建设项目（52 项）), or a row of at
      most two filled cells whose text reads as a numbered section heading (一、…（N项）).
    """
    filled = [flat(t) for t in dict.fromkeys(row.texts) if t]
    if not filled:
        return "empty"
    first = filled[0]
    if patterns.TOTAL_ROW.match(first) or (len(filled) == 1 and patterns.STATED_TOTAL.match(first) and first.startswith(("合", "总", "共"))):
        return "total"
    single_wide = row.n_distinct == 1 and row.widest >= settings.section_min_width
    if single_wide and NOTE_LINE.match(first):
        return "note"
    if single_wide:
        return "section"
    if len(filled) <= 2 and patterns.SECTION_ROW.match(_section_text(filled)):
        return "section"
    return "data"


def _section_text(filled: Sequence[str]) -> str:
    """A section row's text: its numeral may stand in the 序号 cell (一 | 建设项目（52 项）)."""
    if len(filled) == 2 and regex.fullmatch(r"[一二三四五六七八九十]{1,3}", filled[0]):
        return filled[0] + "、" + filled[1]
    return "".join(filled)


# Numbering in front of a heading or section label: 一、 / （一） / (1)
_HEADING_NUMBER = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)])\s*")


def section_of(text: str, row_index: int, page: int) -> TableSection:
    """A TableSection from a section row's text: numbering and count removed."""
    m = patterns.SECTION_ROW.match(text)
    if m:
        label = m["label"].strip()
        n = int(m["n"]) if m["n"] else None
    else:
        cm = patterns.COUNT_IN_PARENS.search(text)
        n = int(cm["n"]) if cm else None
        label = _HEADING_NUMBER.sub("", patterns.COUNT_IN_PARENS.sub("", text)).strip()
    return TableSection(label=_norm(label) if _all_cjk(label) else label, stated_count=n, first_row=row_index, page=page)


def _all_cjk(text: str) -> bool:
    return all(is_cjk(ch) or ch.isspace() for ch in text)


# ------------------------------------------------------------------ 9. caption and notes


def _caption_like(ln: TextLine, page_width: float, body_size: float, frag: TableFragment, settings: TableSettings) -> bool:
    """A caption (表名) line: short, and centred (on the page or over the table), bold, or
    larger than the body text. Body paragraphs are long and start at the text column."""
    text = ln.text.strip()
    if not text or len(text) > settings.max_caption_chars:
        return False
    if text.endswith(("。", "；", ";", "：", ":")):
        return False
    width = frag.bbox[2] - frag.bbox[0]
    centred = any(
        abs(ln.center_x - mid) <= max(0.04 * span, 6.0)
        for mid, span in (((frag.bbox[0] + frag.bbox[2]) / 2, width), (page_width / 2, page_width))
    )
    larger = body_size > 0 and ln.size >= body_size + 0.5
    return centred or ln.bold or larger


def _is_heading(text: str) -> bool:
    """A numbered heading of the body (一、… / （一）…) introducing the table below it."""
    return patterns.heading_level(text) in (1, 2) and len(text) <= DEFAULT_SETTINGS.max_caption_chars


def lines_above(
    frag: TableFragment,
    page: PageLayout | None,
    page_fragments: Sequence[TableFragment],
    prev_page: PageLayout | None = None,
    prev_fragments: Sequence[TableFragment] = (),
) -> tuple[list[TextLine], float]:
    """Free lines between the fragment and the table above it on its page (top to bottom),
    and the y from which gaps are measured.

    When nothing at all stands above a fragment that opens its page, the caption was left at
    the foot of the previous page by the page break (a caption kept apart from its table): the
    previous page's lines below its last table are returned, measured from their last line.
    """
    boxes = [f.bbox for f in page_fragments]
    ceiling = max((f.bbox[3] for f in page_fragments if f.bbox[3] <= frag.bbox[1] + 1 and f is not frag), default=0.0)
    above = [ln for ln in free_lines(page, boxes) if ln.bottom <= frag.bbox[1] + 1 and ln.top >= ceiling - 1]
    if above or ceiling > 0 or prev_page is None:
        return above, frag.bbox[1]
    floor = max((f.bbox[3] for f in prev_fragments), default=0.0)
    tail = [
        ln
        for ln in free_lines(prev_page, [f.bbox for f in prev_fragments])
        if ln.top >= floor - 1 and not patterns.PAGE_NUMBER.match(ln.text)
    ]
    return tail, (tail[-1].bottom if tail else frag.bbox[1])


@dataclass(frozen=True, slots=True)
class Caption:
    """What is printed above a table: its caption (表名) and a numbered heading (一、…) that
    introduces it (several tables of one list, each under its own heading)."""

    title: str | None
    heading: str | None


def find_caption(
    frag: TableFragment,
    above: Sequence[TextLine],
    edge: float,
    page_width: float,
    body_size: float,
    settings: TableSettings = DEFAULT_SETTINGS,
) -> Caption:
    """The caption just above a table.

    - The nearest caption-like line within about three line heights, joined with the
      caption-like lines it wraps from (a long caption wraps over two or three centred lines).
    - Form fields between caption and grid (填报单位：, 日期：, 单位：万元) and a 续表 mark are
      stepped over; an 附件N label ends the search (it belongs to the document).
    - A numbered heading (一、…) right above the table is its heading; the caption is then the
      nearest centred, bold or larger line above the heading on the page (the title of the
      list), even past the paragraphs that introduce the list.
    """
    picked: list[TextLine] = []
    heading: TextLine | None = None
    lines = list(above)
    k = len(lines) - 1
    while k >= 0:
        ln = lines[k]
        gap = edge - ln.bottom
        limit = 3.0 * ln.size if not picked else 1.2 * ln.size
        if gap > limit:
            break
        if patterns.ATTACHMENT_LABEL.match(ln.text) or patterns.ATTACHMENT_LIST_HEAD.match(ln.text):
            break
        if _is_continued_mark(ln.text) or patterns.TABLE_META_LINE.match(ln.text):
            edge = ln.top
            k -= 1
            continue
        if not picked and heading is None and _is_heading(ln.text):
            heading = ln
            edge = ln.top
            k -= 1
            continue
        if _is_heading(ln.text) or not _caption_like(ln, page_width, body_size, frag, settings):
            break
        if picked and abs(ln.size - picked[-1].size) > 1.0:
            break
        picked.append(ln)
        edge = ln.top
        k -= 1
        if len(picked) >= 3:
            break
    if heading is not None and not picked:
        # the list's title further up: centred and emphasised, above the introducing text
        for j in range(k, -1, -1):
            ln = lines[j]
            if patterns.ATTACHMENT_LABEL.match(ln.text):
                break
            strong = ln.bold or ln.size >= heading.size + 1.0
            centred = abs(ln.center_x - page_width / 2) <= 0.04 * page_width or abs(
                ln.center_x - (frag.bbox[0] + frag.bbox[2]) / 2
            ) <= 0.04 * (frag.bbox[2] - frag.bbox[0])
            if strong and centred and not _is_heading(ln.text) and _caption_like(ln, page_width, body_size, frag, settings):
                picked.append(ln)
                for up in range(j - 1, -1, -1):  # a title wrapped over two lines
                    prev = lines[up]
                    if picked[-1].top - prev.bottom > 1.2 * prev.size or not (
                        prev.bold and _caption_like(prev, page_width, body_size, frag, settings)
                    ) or patterns.ATTACHMENT_LABEL.match(prev.text):
                        break
                    picked.append(prev)
                break
    title = join_label_lines([ln.text for ln in reversed(picked)]) if picked else None
    return Caption(title, _SPACE_NEAR_CJK.sub("", heading.text) if heading else None)


def find_notes(frag: TableFragment, page: PageLayout | None, page_fragments: Sequence[TableFragment]) -> list[str]:
    """Notes (注：/备注：/说明：) printed right under a table: the first line below must be one;
    wrapped lines join it, a new 注/numbered item starts another note; a paragraph indent, a
    wide gap or a caption-like bold line ends them."""
    if page is None:
        return []
    floor = min((f.bbox[1] for f in page_fragments if f.bbox[1] >= frag.bbox[3] - 1 and f is not frag), default=1e9)
    lines = [
        ln
        for ln in free_lines(page, [f.bbox for f in page_fragments])
        if ln.top >= frag.bbox[3] - 1 and ln.bottom <= floor + 1
    ]
    notes: list[list[str]] = []
    edge = frag.bbox[3]
    x_start = None
    for ln in lines:
        gap = ln.top - edge
        if not notes:
            if gap > 3.0 * ln.size or not NOTE_LINE.match(ln.text):
                break
            notes.append([ln.text])
            x_start = ln.x0
        else:
            if gap > 1.0 * ln.size:
                break
            if NOTE_LINE.match(ln.text) or patterns.heading_level(ln.text) >= 3:
                notes.append([ln.text])
            elif x_start is not None and ln.x0 > x_start + 1.5 * ln.size:
                break  # an indented paragraph start
            elif ln.bold and _caption_like(ln, page.width, page.body_size, frag, DEFAULT_SETTINGS):
                break  # the next table's caption
            else:
                notes[-1].append(ln.text)
        edge = ln.bottom
    return [join_text_lines(n) for n in notes]


# ------------------------------------------------------------------ 10. tables


def build_tables(
    fragments: list[TableFragment],
    pages: list[PageLayout],
    gazette_id: str,
    settings: TableSettings = DEFAULT_SETTINGS,
) -> list[Table]:
    """Stitch fragments into tables, read headers and rows, and find captions and notes.

    A table introduced only by a numbered heading (二、…) takes the caption of the table
    before it when that one's heading has the previous number: one list split into several
    tables under one title.
    """
    pages_by_no = {p.page: p for p in pages}
    by_page: dict[int, list[TableFragment]] = {}
    for f in fragments:
        by_page.setdefault(f.page, []).append(f)
    for fs in by_page.values():
        fs.sort(key=lambda f: f.bbox[1])
    tables: list[Table] = []
    prev_caption: Caption | None = None
    for chain in chain_fragments(fragments, pages_by_no, settings):
        caption = _caption_of(chain[0], pages_by_no, by_page, settings)
        if caption.title is None and caption.heading and prev_caption and prev_caption.heading and prev_caption.title:
            if _heading_number(caption.heading) == (_heading_number(prev_caption.heading) or -9) + 1:
                caption = Caption(prev_caption.title, caption.heading)
        table = _build_table(chain, caption, pages_by_no, by_page, gazette_id, f"t{len(tables) + 1:02d}", settings)
        if table is not None:
            tables.append(table)
            prev_caption = caption
    return tables


def _heading_number(text: str) -> int | None:
    m = regex.match(r"^[（(]?\s*([一二三四五六七八九十]{1,3})", text)
    return patterns.cn_number(m[1]) if m else None


def _caption_of(
    frag: TableFragment,
    pages_by_no: dict[int, PageLayout],
    by_page: dict[int, list[TableFragment]],
    settings: TableSettings,
) -> Caption:
    page = pages_by_no.get(frag.page)
    if page is None:
        return Caption(None, None)
    above, edge = lines_above(
        frag, page, by_page.get(frag.page, []), pages_by_no.get(frag.page - 1), by_page.get(frag.page - 1, [])
    )
    return find_caption(frag, above, edge, page.width, page.body_size, settings)


def _build_table(
    chain: list[TableFragment],
    caption: Caption,
    pages_by_no: dict[int, PageLayout],
    by_page: dict[int, list[TableFragment]],
    gazette_id: str,
    table_id: str,
    settings: TableSettings,
) -> Table | None:
    first = chain[0]
    if is_form(first):
        return _build_form(chain, caption, pages_by_no, by_page, gazette_id, table_id, settings)
    title_row = _top_title_row(first)
    start = 1 if title_row else 0
    depth = header_depth(first, start)
    columns = leaf_columns(first, start, depth)
    labels = [c.label for c in columns]
    header = _header_texts(first, start, depth)

    raw: list[RawRow] = []
    frames: list[TableFrame] = []
    for k, frag in enumerate(chain):
        skip = start + depth if k == 0 else repeated_header_rows(frag, header, labels)
        raw.extend(fragment_rows(frag, columns, skip, first.xs[0] - frag.xs[0], k))
        frames.append(table_frame(frag, skip, continued=k > 0))
    for row in raw:
        row.kind = classify_row(row, settings)
    raw = stitch_rows(raw, len(columns))

    rows: list[TableRow] = []
    sections: list[TableSection] = []
    notes: list[str] = []
    stated: int | None = None
    category: str | None = None
    if caption.heading:
        # A numbered heading right above the table (一、某市铁路重点建设项目) names this table
        # of a list split into several: it is the table's title and the category of its rows.
        category = section_of(caption.heading, 0, first.page).label
    for row in raw:
        filled = [flat(t) for t in dict.fromkeys(row.texts) if t]
        text = join_text_lines(filled)
        if row.kind == "section":
            sec = section_of(_section_text(filled), len(rows), row.page)
            sections.append(sec.model_copy(update={"top": row.top, "bottom": row.bottom}))
            category = sec.label
        elif row.kind == "total":
            m = patterns.STATED_TOTAL.search(text) or patterns.TOTAL_ROW.match(text)
            if m and m["n"]:
                stated = int(m["n"])
        elif row.kind == "note":
            notes.append(text)
        elif row.kind == "data":
            rows.append(
                TableRow(
                    row=len(rows),
                    page=row.page,
                    top=row.top,
                    bottom=row.bottom,
                    category=category,
                    texts=row.texts,
                    boxes=row.boxes,
                )
            )
    if not rows:
        return None

    title = category if caption.heading else caption.title
    if title is None and title_row:
        title = flat(first.cells[first.cell_at(0, 0)].text)
    if stated is None and title:
        m = patterns.COUNT_IN_PARENS.search(title) or patterns.STATED_TOTAL.search(title)
        if m:
            stated = int(m["n"])
    last = chain[-1]
    notes.extend(find_notes(last, pages_by_no.get(last.page), by_page.get(last.page, [])))
    return Table(
        gazette_id=gazette_id,
        table_id=table_id,
        title=title,
        columns=labels,
        n_rows=len(rows),
        stated_count=stated,
        page_start=first.page,
        page_end=last.page,
        sections=sections,
        rows=rows,
        notes=notes,
        frames=frames,
    )


def table_frame(frag: TableFragment, header_rows: int, continued: bool) -> TableFrame:
    """Where a fragment is printed: its grid, and the bottom of its first ``header_rows`` rows."""
    return TableFrame(
        page=frag.page,
        x0=frag.bbox[0],
        top=frag.bbox[1],
        x1=frag.bbox[2],
        bottom=frag.bbox[3],
        xs=list(frag.xs),
        ys=list(frag.ys),
        header_bottom=frag.ys[min(header_rows, frag.n_rows)] if header_rows else None,
        continued=continued,
    )


def form_rows(frag: TableFragment, columns: Sequence[Column], dx: float) -> list[RawRow]:
    """Every grid row of a form fragment, as printed.

    A cell's text stands once, in the column where the cell starts (its left rule); the other
    columns it spans, and the rows below its first under a row span, are "" — a form's blank
    cells are input fields, and its rows divide the width each in their own way, so nothing is
    repeated or filled down. Boxes are those of the cell covering each column.
    """
    bounds = [c.x0 for c in columns] + [columns[-1].x1]
    tol = max(3.0, 0.25 * (frag.xs[-1] - frag.xs[0]) / max(1, len(columns)))
    rows: list[RawRow] = []
    for r in range(frag.n_rows):
        texts = [""] * len(columns)
        boxes: list[BBox] = []
        ids: list[tuple[int, ...]] = []
        for col in columns:
            cx = (col.x0 + col.x1) / 2 - dx
            c = min(max(bisect.bisect_right(frag.xs, cx) - 1, 0), frag.n_cols - 1)
            idx = frag.cell_at(r, c)
            boxes.append(frag.cells[idx].bbox)
            ids.append((idx,))
        for idx in dict.fromkeys(frag.cell_at(r, c) for c in range(frag.n_cols)):
            cell = frag.cells[idx]
            if cell.row != r or not cell.text:
                continue
            k = bisect.bisect_right(bounds, cell.bbox[0] + dx + tol) - 1
            k = min(max(k, 0), len(columns) - 1)
            texts[k] = f"{texts[k]}\n{cell.text}" if texts[k] else cell.text
        rows.append(
            RawRow(
                page=frag.page,
                grid_row=r,
                top=frag.ys[r],
                bottom=frag.ys[r + 1],
                texts=texts,
                boxes=boxes,
                cell_ids=ids,
                spans=[1] * len(columns),
            )
        )
    return rows


def _build_form(
    chain: list[TableFragment],
    caption: Caption,
    pages_by_no: dict[int, PageLayout],
    by_page: dict[int, list[TableFragment]],
    gazette_id: str,
    table_id: str,
    settings: TableSettings,
) -> Table | None:
    """A form (``is_form``): no header, columns 列1…列N, every printed grid row a data row —
    its section rows (一、企业基本情况) are captions inside the form and count as rows, blank
    rows are input areas — with no fill-down and no sections; notes printed under the frame
    are still notes."""
    first = chain[0]
    columns = form_columns(chain, settings)
    rows: list[TableRow] = []
    for frag in chain:
        for raw in form_rows(frag, columns, first.xs[0] - frag.xs[0]):
            rows.append(
                TableRow(
                    row=len(rows),
                    page=raw.page,
                    top=raw.top,
                    bottom=raw.bottom,
                    texts=raw.texts,
                    boxes=raw.boxes,
                )
            )
    if not rows:
        return None
    title = caption.title or (section_of(caption.heading, 0, first.page).label if caption.heading else None)
    stated: int | None = None
    if title:
        m = patterns.COUNT_IN_PARENS.search(title) or patterns.STATED_TOTAL.search(title)
        if m:
            stated = int(m["n"])
    last = chain[-1]
    return Table(
        gazette_id=gazette_id,
        table_id=table_id,
        title=title,
        columns=[c.label for c in columns],
        n_rows=len(rows),
        stated_count=stated,
        page_start=first.page,
        page_end=last.page,
        rows=rows,
        notes=find_notes(last, pages_by_no.get(last.page), by_page.get(last.page, [])),
        frames=[table_frame(frag, 0, continued=k > 0) for k, frag in enumerate(chain)],
    )
