"""6. Stitching (续表): fragments chained across pages into tables, by column layout or a repeated
header; the columns of forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .. import patterns
from ..models import PageLayout, TextLine
from .aligned import AlignedRow, PrintedLine, aligned_fragment, columns_split, rows_of_lines, text_line_cells
from .captions import caption_of, free_lines, is_continued_mark
from .cell_text import join_text_lines, norm_text
from .grid import cluster_positions, index_of
from .headers import MAX_HEADER_ROWS, Column, full_width_cell, header_depth, is_form, is_section_heading, leaf_columns, top_title_row
from .open_tables import open_body
from .settings import DEFAULT_SETTINGS, TableFragment, TableSettings


# A continuation page whose every row merges two neighbouring columns (推进前期工作 across
# 2021年 | 2022年) prints no rule between them: it may lack this share of the table's inner
# leaf-column boundaries (at least one) and still continue the table.
MAX_MERGED_BOUNDARY_SHARE = 0.25


def _columns_match(frag: TableFragment, first: TableFragment, columns: Sequence[Column], settings: TableSettings) -> bool:
    """Same column layout: every boundary of the fragment is one of the first fragment's (within
    a tolerance, after aligning the left edges) and every leaf-column boundary of the table is
    one of the fragment's — but for a few inner ones its rows all span across (merged cells)."""
    tol = max(3.0, settings.column_match_tolerance * first.page_width)
    dx = first.xs[0] - frag.xs[0]
    if frag.text_columns or first.text_columns:
        return _text_columns_match(frag, first, dx)
    if abs((frag.xs[-1] - frag.xs[0]) - (first.xs[-1] - first.xs[0])) > tol:
        return False
    xs = [x + dx for x in frag.xs]
    inner = [c.x0 for c in columns[1:]]
    missing = sum(index_of(xs, b, tol) is None for b in inner)
    if missing > max(1, int(MAX_MERGED_BOUNDARY_SHARE * len(inner))) or len(xs) < 3:
        return False
    return all(index_of(first.xs, x, tol) is not None for x in xs)


def _text_columns_match(frag: TableFragment, first: TableFragment, dx: float) -> bool:
    """Columns read from the text's x-extents (no column rules) fall a little differently on
    every page — where the widest text of a column happens to end: the layouts match when they
    have as many columns and each of the fragment's columns is centred within the first
    fragment's column of the same rank (after aligning the left edges)."""
    if frag.n_cols != first.n_cols or frag.n_cols < 2:
        return False
    centres = [(a + b) / 2 + dx for a, b in zip(frag.xs, frag.xs[1:])]
    return all(first.xs[i] < c < first.xs[i + 1] for i, c in enumerate(centres))


def header_texts(frag: TableFragment, start: int, depth: int) -> list[str]:
    return [_row_text(frag, r) for r in range(start, start + depth)]


def _row_text(frag: TableFragment, r: int) -> str:
    ids = dict.fromkeys(frag.cell_at(r, c) for c in range(frag.n_cols))
    return norm_text("".join(frag.cells[i].text for i in ids))


def _same_labels(found: Sequence[str], labels: Sequence[str]) -> bool:
    """The repeated header reads as the table's leaf labels, a label possibly cut short (a header
    cell's last line lost at the foot of the repeated row: 开/竣工 for 开/竣工时间) — every label
    equal or a non-empty prefix, at most one in five (at least one) cut."""
    if len(found) != len(labels):
        return False
    pairs = [(norm_text(a), norm_text(b)) for a, b in zip(found, labels, strict=True)]
    if not all(a and b.startswith(a) for a, b in pairs):
        return False
    return sum(a != b for a, b in pairs) <= max(1, len(pairs) // 5)


def strip_cut_label_rest(frag: TableFragment, skip: int, labels: Sequence[str], first_row: list[str]) -> None:
    """A repeated header cell cut short at its rule (开/竣工 for 开/竣工时间) spills the next glyphs
    of its label into the first data row below it (时 + 20/2024): those leading glyphs, when they
    continue the cut label, are dropped from ``first_row`` (the texts per leaf column, in place)."""
    if not skip or not first_row:
        return
    found = [c.label for c in leaf_columns(frag, 0, skip)]
    if len(found) != len(labels):
        return
    for c, (cut, label) in enumerate(zip(found, labels, strict=True)):
        cut, label = norm_text(cut), norm_text(label)
        if not cut or cut == label or not label.startswith(cut):
            continue
        rest, text = label[len(cut):], first_row[c]
        n = next((k for k in range(len(rest), 0, -1) if text.startswith(rest[:k])), 0)
        if n and len(text) > n:
            first_row[c] = text[n:].lstrip()


def continuation_columns(
    frag: TableFragment, first: TableFragment, columns: Sequence[Column], skip: int, settings: TableSettings = DEFAULT_SETTINGS
) -> tuple[Sequence[Column], float]:
    """The columns a continuation is read by, and the shift of its x to the first fragment's.

    The table's own columns when the layouts match. A continuation set in another layout that
    repeats the header — a table going on from a portrait page onto a landscape page (横排页),
    every column wider — is read by its own leaf columns under that header, when they read as
    the table's labels in order."""
    if skip and not _columns_match(frag, first, columns, settings):
        own = leaf_columns(frag, 0, skip)
        if _same_labels([c.label for c in own], [c.label for c in columns]):
            return own, 0.0
    return columns, first.xs[0] - frag.xs[0]


def repeated_header_rows(frag: TableFragment, header: Sequence[str], labels: Sequence[str]) -> int:
    """How many top grid rows of a continuation repeat the table's header (续表 reprints the
    header on every page): either the rows read as the same leaf labels, or each top row's
    text equals a header row's text."""
    if frag.n_rows == 0:
        return 0
    depth = header_depth(frag)
    if depth and _same_labels([c.label for c in leaf_columns(frag, 0, depth)], labels):
        return depth
    wanted = set(header)
    n = 0
    while n < frag.n_rows and n < len(header) and _row_text(frag, n) in wanted and _row_text(frag, n):
        n += 1
    return n


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
    by_page = fragments_by_page(fragments)
    for f in text_continuations(by_page, pages_by_no):
        by_page.setdefault(f.page, []).insert(0, f)
    chains: list[list[TableFragment]] = []
    info: list[tuple[list[Column], list[str], str | None]] = []  # columns, header texts, caption
    for page_no in sorted(by_page):
        for pos, frag in enumerate(by_page[page_no]):
            if pos == 0 and chains and _continues(frag, chains[-1], info[-1], by_page, pages_by_no, settings):
                chains[-1].append(frag)
                continue
            if frag.continuation_only:
                continue  # columns under no caption that continue nothing: text, not a table
            if frag.n_rows < 2 and not _header_left_at_foot(frag, by_page, pages_by_no):
                continue
            if is_form(frag):
                chains.append([frag])
                caption = caption_of(frag, pages_by_no, by_page, settings)
                info.append((form_columns([frag], settings), [], caption.title))
                continue
            start = 1 if top_title_row(frag) else 0
            depth = header_depth(frag, start)
            cols = leaf_columns(frag, start, depth) if depth else []
            if len(cols) < 2:
                continue
            chains.append([frag])
            caption = caption_of(frag, pages_by_no, by_page, settings)
            info.append((cols, header_texts(frag, start, depth), caption.title))
    return [chain for chain in chains if len(chain) > 1 or chain[0].n_rows >= 2]


def fragments_by_page(fragments: Sequence[TableFragment]) -> dict[int, list[TableFragment]]:
    """The fragments of each page, top to bottom."""
    by_page: dict[int, list[TableFragment]] = {}
    for f in fragments:
        by_page.setdefault(f.page, []).append(f)
    for fs in by_page.values():
        fs.sort(key=lambda f: f.bbox[1])
    return by_page


# How much further right (a share of the table's width) a continuation's lines may reach than
# the text of the page above did.
TEXT_EXTENT_SLACK = 0.1


def text_continuations(by_page: dict[int, list[TableFragment]], pages_by_no: dict[int, PageLayout]) -> list[TableFragment]:
    """Rows of a table without rules going on at the top of the next page with no header and no
    rule at all (the header printed once): a table whose columns come from text (open or
    borderless) runs to the foot of its page, and the next page opens with lines set in its
    columns. They are read by that table's columns from the lines (the glyphs are gone by now),
    as a fragment kept only where it continues the table (``continuation_only``)."""
    out: list[TableFragment] = []
    for page_no, fs in by_page.items():
        last, nxt = fs[-1], pages_by_no.get(page_no + 1)
        if nxt is None or not last.text_columns or not _nothing_below(last, by_page, pages_by_no):
            continue
        below = by_page.get(page_no + 1, [])
        first_top = min((f.bbox[1] for f in below), default=nxt.height)
        lines = [ln for ln in free_lines(nxt, [f.bbox for f in below]) if ln.bottom <= first_top]
        if not lines:
            continue
        # the columns' extent came from the text of the page above: a longer text on this page
        # may reach a little further right
        x0, x1 = last.xs[0], last.xs[-1] + TEXT_EXTENT_SLACK * (last.xs[-1] - last.xs[0])
        printed = open_body(lines, x0, x1, lines[0].top, nxt.height)
        header = _repeated_header_lines(printed, last)  # a header repeated without rules
        body = printed[header:]
        rows = _continuation_rows(text_line_cells(body, last.xs), last.n_cols)
        if not rows or not (header or columns_split(rows)):  # under the header, any row is the table's
            continue
        band = (printed[0].top - 0.5, body[-1].bottom + 0.5, rows)
        frag = aligned_fragment(nxt.page, (nxt.width, nxt.height), last.xs, [band])
        out.append(replace(frag, continuation_only=True))
    return out


def _continuation_rows(lines: Sequence[PrintedLine], n_cols: int) -> list[AlignedRow]:
    """The rows of a continuation read from its lines; lines none of which opens a numbered
    record (no 序号 in the first column) are the rest of one row cut by the page break: one row."""
    if not lines:
        return []
    if any(patterns.SEQ_CELL.match(ln.texts.get(0, "").strip()) for ln in lines):
        return rows_of_lines(lines, n_cols)
    texts = tuple(join_text_lines([ln.texts.get(c, "") for ln in lines]) for c in range(n_cols))
    return [AlignedRow(lines[0].top, lines[-1].bottom, texts)]


def _repeated_header_lines(lines: Sequence[TextLine], frag: TableFragment) -> int:
    """How many of the top ``lines`` repeat the header of ``frag`` (its labels wrapped over up to
    ``MAX_HEADER_ROWS`` lines: 序 / 号): their texts joined per column read as its labels."""
    labels = [norm_text(c.label) for c in leaf_columns(frag, 0, header_depth(frag))]
    if len(labels) != frag.n_cols:
        return 0
    for k in range(1, min(len(lines), MAX_HEADER_ROWS) + 1):
        printed = text_line_cells(lines[:k], frag.xs)
        joined = [norm_text("".join(ln.texts.get(c, "") for ln in printed)) for c in range(frag.n_cols)]
        if joined == labels:
            return k
    return 0


def _header_left_at_foot(frag: TableFragment, by_page: dict[int, list[TableFragment]], pages_by_no: dict[int, PageLayout]) -> bool:
    """A table's header row alone at the foot of a page: its first data row, too tall for the
    rest of the page, went to the next one (a word processor's row that may not split) and, when
    the header is not repeated there, only this row says what the columns are. It is the
    page's last table, nothing but the folio below it, and its cells read as labels (no figures).
    It starts a table only if the next page's first table continues it."""
    if by_page[frag.page][-1] is not frag or frag.n_rows != 1 or frag.n_cols < 2:
        return False
    texts = [norm_text(c.text) for c in frag.cells]
    return _nothing_below(frag, by_page, pages_by_no) and all(texts) and not any(ch.isdigit() for t in texts for ch in t)


def _nothing_below(frag: TableFragment, by_page: dict[int, list[TableFragment]], pages_by_no: dict[int, PageLayout]) -> bool:
    """No text but the folio printed below the fragment on its page (the table runs on)."""
    page = pages_by_no.get(frag.page)
    return not any(
        ln.top >= frag.bbox[3] - 1 and not patterns.PAGE_NUMBER.match(ln.text)
        for ln in free_lines(page, [f.bbox for f in by_page[frag.page]])
    )


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
        if caption and norm_text(ln.text) and norm_text(ln.text) in norm_text(caption):
            continue  # the table's caption re-printed on the next page
        if is_continued_mark(ln.text) or patterns.TABLE_META_LINE.match(ln.text):
            continue  # 续表 / (续) marks a continuation explicitly; 单位：万元 repeated
        return False
    if not _nothing_below(last, by_page, pages_by_no):
        return False
    if is_form(chain[0]):
        return _form_continues(frag, chain, settings)
    if _columns_match(frag, chain[0], cols, settings) or _merges_like_last_row(frag, last, settings):
        return True
    return repeated_header_rows(frag, header, [c.label for c in cols]) > 0


def _merges_like_last_row(frag: TableFragment, last: TableFragment, settings: TableSettings) -> bool:
    """The continuation's column rules are exactly those of the table's last printed row, a row
    merging several columns (综合加分项 | one text over 二级指标…加分标准 | 考核方式): the next row
    of the same form (重大扣分项 …) went over the page break alone, without the header. Its
    frame has the table's width; the rules of the columns its rows merge are missing."""
    r = last.n_rows - 1
    cells = [last.cells[i] for i in dict.fromkeys(last.cell_at(r, c) for c in range(last.n_cols))]
    bounds = sorted({last.xs[c.col] for c in cells} | {last.xs[-1]})
    if len(bounds) == len(last.xs) or len(bounds) != len(frag.xs) or len(bounds) < 3:
        return False  # the last row merges nothing (the layouts are compared as they are)
    tol = max(3.0, settings.column_match_tolerance * last.page_width)
    dx = last.xs[0] - frag.xs[0]
    return all(abs(x + dx - b) <= tol for x, b in zip(frag.xs, bounds, strict=True))


def _form_tolerance(frag: TableFragment, settings: TableSettings) -> float:
    return max(3.0, settings.column_match_tolerance * frag.page_width)


def form_columns(chain: Sequence[TableFragment], settings: TableSettings = DEFAULT_SETTINGS) -> list[Column]:
    """The columns of a form: every column rule printed in any of its fragments (a form's rows
    divide its width each in their own way, and a page may use only some of the rules),
    labelled 列1, 列2 … by position. ``colN`` is kept for a blank label of a headed table;
    ``列N`` says the table has no header at all."""
    first = chain[0]
    tol = _form_tolerance(first, settings)
    xs = cluster_positions((x + first.xs[0] - f.xs[0] for f in chain for x in f.xs), tol)
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
    if all(index_of(bounds, x + dx, tol) is not None for x in frag.xs):
        return True
    top = full_width_cell(frag, 0)
    return top is not None and is_section_heading(top.text)
