"""1. Edges → cells (表格线 → 单元格): ruling edges snapped, joined and grouped; a group's grid
lines; grid cells, a missing inner rule merging two grid cells into one spanning cell.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Edge
from .settings import DEFAULT_SETTINGS, BBox, TableSettings


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


def cluster_positions(values: Iterable[float], tol: float) -> list[float]:
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
    xs = cluster_positions((e.x0 for e in group if e.orientation == "v"), tol)
    ys = cluster_positions((e.top for e in group if e.orientation == "h"), tol)
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


def index_of(positions: Sequence[float], value: float, tol: float) -> int | None:
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
            i = index_of(xs, e.x0, tol)
            if i is not None:
                v_spans.setdefault(i, []).append((e.top, e.bottom))
        else:
            i = index_of(ys, e.top, tol)
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
