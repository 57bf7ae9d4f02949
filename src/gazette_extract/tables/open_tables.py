"""3c. Open tables (无竖线表格): tables ruled only horizontally — 三线表 (a top rule, a rule under
the header, a bottom rule), tables whose rules separate row groups, and a ruled header over
unruled body rows — read into the same ``TableFragment`` as a grid.

General pattern: two or more horizontal rules of the same extent, stacked, with the table's
header between the first two. The columns are not drawn, so they come from the text: the
x-extents of the header labels and of the body's pieces of text, merged where they overlap
(``text_columns``); the rows from baselines (``aligned.aligned_rows``), a rule always starting
a row. Below the last rule of a stack with only two rules (a header rule pair), body rows go on
while lines keep to the columns.

A stack is a table only when its header names two or more columns and its body has two or more
rows filling two or more columns each (``aligned.columns_split``): the rules round a 版记
(抄送 / 印发 lines), a letterhead's red rule, an underlined signature are not tables.

Without any rule (``borderless_fragments``), text set in columns is a table only when a caption
naming a table (``patterns.TABLE_CAPTION``: 表1 …, …一览表, …清单, 项目名单) stands right above a
header line of two or more labels: a borderless roster (成员名单, or a first line 组长：…), a 目录,
a letterhead or running text set in columns is never announced so, and stays text. The rest of such a table on a page without
its caption stays text too (nothing but the caption tells a reader's eye it is a table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .. import patterns
from ..models import Edge, Glyph, PageLayout, TextLine
from .aligned import AlignedRow, aligned_fragment, aligned_rows, columns_split, header_row, own_row_text
from .settings import TableFragment, TableSettings

# Rules of one stack start and end within this share of the page width of each other.
EXTENT_TOLERANCE = 0.02
# Body rows under a header rule pair go on while the gap to the next line stays under this
# many line heights.
MAX_ROW_GAP = 2.5
# A borderless table's header is short labels (加强事中事后监管措施: 10 characters).
MAX_LABEL_CHARS = 16
# Printed page numbers stand below this share of the page height or above its complement
# (furniture.FOOTER_BAND).
FOOTER_BAND = 0.89
# A header has at most this many printed lines (a wrapped label of three or four lines) —
# or up to MAX_NARROW_HEADER_LINES when every piece of text in it is a short label: a label
# set in a narrow column wraps a character or two a line (权 / 力 / 类 / 型).
MAX_HEADER_LINES = 4
MAX_NARROW_HEADER_LINES = 8


def rule_stacks(rules: Sequence[Edge], page_width: float) -> list[list[Edge]]:
    """Horizontal rules grouped into stacks of the same extent, top to bottom."""
    tol = max(3.0, EXTENT_TOLERANCE * page_width)
    stacks: list[list[Edge]] = []
    for e in sorted(rules, key=lambda e: e.top):
        for st in stacks:
            if abs(st[0].x0 - e.x0) <= tol and abs(st[0].x1 - e.x1) <= tol:
                st.append(e)
                break
        else:
            stacks.append([e])
    return [st for st in stacks if len(st) >= 2]


def _within(glyphs: Sequence[Glyph], x0: float, x1: float, top: float, bottom: float) -> list[Glyph]:
    return [g for g in glyphs if x0 <= (g.x0 + g.x1) / 2 <= x1 and top < (g.top + g.bottom) / 2 < bottom]


# Two column texts of a table without column rules stand at least this many font sizes apart
# (cell padding on both sides); word spaces of Latin text stay under it.
COLUMN_SEPARATION = 0.5


def _pieces(line: TextLine, glyphs: Sequence[Glyph]) -> list[tuple[float, float]]:
    """The x-extents of a line's pieces of text: its glyphs cut where the gap reaches
    ``COLUMN_SEPARATION`` font sizes."""
    members = sorted((g for g in glyphs if line.top - 0.5 <= (g.top + g.bottom) / 2 <= line.bottom + 0.5), key=lambda g: g.x0)
    if not members:
        return [(line.x0, line.x1)]
    out = [[members[0].x0, members[0].x1]]
    for a, b in zip(members, members[1:]):
        if b.x0 - a.x1 >= COLUMN_SEPARATION * max(a.size, b.size):
            out.append([b.x0, b.x1])
        else:
            out[-1][1] = max(out[-1][1], b.x1)
    return [(a, b) for a, b in out]


def _labels(header: Sequence[TextLine], glyphs: Sequence[Glyph]) -> list[list[float]]:
    """The x-extents of the header's column labels, left to right: the pieces of the header line
    with the most of them, each widened by the pieces of other header lines over it alone (a
    label wrapped over two lines); a piece over no label is a label set on other lines (a short
    label wrapped 序 / 号 beside one centred on a single line); a piece over several labels (a
    group label) sets none."""
    pieces = [_pieces(ln, glyphs) for ln in header]
    main = max(range(len(pieces)), key=lambda k: len(pieces[k]))
    labels = [list(p) for p in pieces[main]]
    for k, line_pieces in enumerate(pieces):
        if k == main:
            continue
        for a, b in line_pieces:
            under = [lab for lab in labels if a < lab[1] and b > lab[0]]
            if len(under) == 1:
                under[0][0], under[0][1] = min(under[0][0], a), max(under[0][1], b)
            elif not under:  # a label of its own, set on other lines (序 / 号 beside 事项名称)
                labels.append([a, b])
    return sorted(labels)


def _free_middle(lo: float, hi: float, taken: Sequence[tuple[float, float]]) -> float:
    """The middle of the widest stretch of [lo, hi] no piece in ``taken`` covers (the middle of
    [lo, hi] when pieces cover it all)."""
    best, start = (0.0, (lo + hi) / 2), lo
    for a, b in sorted(taken) + [(hi, hi)]:
        if a > start and min(a, hi) - start > best[0]:
            best = (min(a, hi) - start, (start + min(a, hi)) / 2)
        start = max(start, b)
        if start >= hi:
            break
    return best[1]


def text_columns(header: Sequence[TextLine], body: Sequence[TextLine], glyphs: Sequence[Glyph], x0: float, x1: float) -> list[float]:
    """Column boundaries from text: one column per header label (``_labels``; a header names
    every column); between two neighbouring labels the boundary goes in the middle of the
    widest stretch no body text covers — body text may be left-aligned under a centred label,
    so the free stretch, not the labels' gap, shows where one column ends; two labels whose gap
    most rows' texts run across are one label spaced out (等　級 over 住宅指數). Body lines
    printed as one piece count only where they lie under one label alone and are no total or
    section line (合计：11项, 一、建设项目（8项）): the first line of a wrapped name, set above the
    line of its 序号, shows where that column's text starts as well as a row of pieces does:

        序号        项目名称            建设地点
              某市云计算数据中心二
          1                          源城区
                   期工程
    """
    labels = _labels(header, glyphs)
    pieces = [(ln, _pieces(ln, glyphs)) for ln in body]
    body_lines = [ps for _, ps in pieces if len(ps) >= 2]
    body_pieces = [p for ps in body_lines for p in ps] + [
        ps[0] for ln, ps in pieces
        if len(ps) == 1 and not own_row_text(ln.text) and sum(ps[0][0] < b and ps[0][1] > a for a, b in labels) == 1
    ]
    xs = [x0]
    for left, right in zip(labels, labels[1:]):
        if right[0] <= left[1]:
            continue  # touching labels: one column
        bridged = sum(any(a <= left[1] and b >= right[0] for a, b in ps) for ps in body_lines)
        if bridged * 2 > len(body_lines):
            continue  # most rows' texts run across the gap: one label set spaced out (等 級)
        xs.append(_free_middle(left[1], right[0], body_pieces))
    xs.append(x1)
    return xs


def _lines_between(lines: Sequence[TextLine], x0: float, x1: float, top: float, bottom: float) -> list[TextLine]:
    return [ln for ln in lines if top < (ln.top + ln.bottom) / 2 < bottom and ln.x1 > x0 and ln.x0 < x1]


def open_fragments(page: PageLayout, rules: Sequence[Edge], glyphs: Sequence[Glyph], settings: TableSettings) -> list[TableFragment]:
    """The open tables of a page from its horizontal rules that belong to no grid."""
    out: list[TableFragment] = []
    lines = page.lines
    for stack in rule_stacks(rules, page.width):
        # a rule of the same extent above the table (under a running header, over a caption) is
        # no part of it: the table starts at the first rule with a header under it
        for start in range(len(stack) - 1):
            frag = _stack_fragment(page, stack[start:], lines, glyphs)
            if frag is not None:
                out.append(frag)
                break
    return out


def _header_shape(header: Sequence[TextLine], glyphs: Sequence[Glyph]) -> bool:
    """The lines between two rules have the shape of a header: a few lines, or more of them
    where every piece of text is a short label (a narrow column wrapping its label)."""
    if len(header) <= MAX_HEADER_LINES:
        return True
    if len(header) > MAX_NARROW_HEADER_LINES:
        return False
    if any(patterns.SEQ_CELL.match((ln.segments[0][0] if ln.segments else ln.text).strip()) for ln in header):
        return False  # a line opening with a number is a record (5 某市…), never a label
    widths = [b - a for ln in header for a, b in _pieces(ln, glyphs)]
    size = max(max(ln.size for ln in header), 1.0)
    return all(w <= MAX_LABEL_CHARS * size for w in widths)


def boxed_header_fragment(page: PageLayout, bbox: tuple[float, float, float, float], glyphs: Sequence[Glyph]) -> TableFragment | None:
    """The open table under a header row boxed on its own — a ruled grid of that one row, as the
    fills of shaded header cells draw it — over rows printed without rules (a shaded header on
    a 三线表 or on a borderless table): read as a header rule pair over unruled rows (``open_body``).
    None when the lines under the box do not read as rows in the header's columns (a table's
    last row alone at a page top, over body text). The rows end at the next rule below the box
    (a 三线表's bottom rule, or the frame of the next table: its caption and rows are its own)."""
    x0, top, x1, bottom = bbox
    below = [e.top for e in page.edges if e.orientation == "h" and e.top > bottom + 1.0 and e.x1 > x0 and e.x0 < x1]
    limit = min(below, default=page.height)
    stack = [Edge("h", x0, top, x1, top), Edge("h", x0, bottom, x1, bottom)]
    return _stack_fragment(page, stack, [ln for ln in page.lines if ln.bottom <= limit], glyphs)


def _stack_fragment(page: PageLayout, stack: list[Edge], lines: Sequence[TextLine], glyphs: Sequence[Glyph]) -> TableFragment | None:
    x0, x1 = min(e.x0 for e in stack), max(e.x1 for e in stack)
    ys = [e.top for e in stack]
    header = _lines_between(lines, x0, x1, ys[0], ys[1])
    if not header or not _header_shape(header, glyphs) or not any(len(_pieces(ln, glyphs)) >= 2 for ln in header):
        return None  # a header sets its labels apart, column by column
    if len(stack) >= 3:
        bottom = ys[-1]
        body = _lines_between(lines, x0, x1, ys[1], bottom)
    else:
        body = open_body(lines, x0, x1, ys[1], page.height, glyphs)
        if all(_table_own_line(ln.text) for ln in body):
            return _header_at_foot(page, header, body, lines, glyphs, (x0, x1), ys)
        bottom = body[-1].bottom + 1.0
    if len(body) < 2:
        return None
    xs = text_columns(header, body, glyphs, x0, x1)
    if len(xs) < 3:
        return None
    head = header_row(_within(glyphs, x0, x1, ys[0], ys[1]), xs, page.page)
    if head is None or sum(bool(t) for t in head.texts) < 2:
        return None
    cuts = [y for y in ys[1:] if y < bottom - 1.0] + [bottom]
    bands: list[tuple[float, float, Sequence[AlignedRow]]] = [(ys[0], ys[1], [head])]
    body_rows: list[AlignedRow] = []
    for top, bot in zip(cuts, cuts[1:]):
        rows = aligned_rows(_within(glyphs, x0, x1, top, bot), xs, page.page)
        if rows:
            bands.append((top, bot, rows))
            body_rows.extend(rows)
    if not columns_split(body_rows):
        return None
    return aligned_fragment(page.page, (page.width, page.height), xs, bands)


# Where between two labels a header-only table's column boundary goes (a share of their gap).
LABEL_GAP_SHARE = 0.25


def _table_own_line(text: str) -> bool:
    """A total (合计：11项) or numbered section (一、建设项目（8项）) line: a table's own row."""
    return bool(patterns.TOTAL_ROW.match(text.strip()) or patterns.SECTION_ROW.match(text.strip()))


def _header_at_foot(
    page: PageLayout, header: Sequence[TextLine], body: Sequence[TextLine], lines: Sequence[TextLine],
    glyphs: Sequence[Glyph], extent: tuple[float, float], ys: Sequence[float],
) -> TableFragment | None:
    """A header rule pair at the foot of a page with nothing under it but its total or section
    lines (合计：11项) and the folio: the table's header, its records on the next page (a word
    processor keeps no record with it). Read with those lines (columns from the labels' extents);
    a header alone is kept by stitching only when the next page continues it
    (``stitching._header_left_at_foot``)."""
    x0, x1 = extent
    if ys[0] < page.height / 2:
        return None  # not at the foot: rules round other text (a running header's rule above)
    end = body[-1].bottom + 1.0 if body else ys[1]
    band = (1 - FOOTER_BAND) * page.height
    if any(ln.top > end and ln.bottom < page.height - band and not patterns.PAGE_NUMBER.match(ln.text) for ln in lines):
        return None  # text below: not a header left at the foot
    # no records to show where a column's text starts: a cell's text is flush left in its column
    # or centred under its label, so each boundary is set just after the label on its left
    labels = _labels(header, glyphs)
    xs = [x0] + [a[1] + LABEL_GAP_SHARE * (b[0] - a[1]) for a, b in zip(labels, labels[1:]) if b[0] > a[1]] + [x1]
    head = header_row(_within(glyphs, x0, x1, ys[0], ys[1]), xs, page.page) if len(xs) >= 3 else None
    if head is None or not all(head.texts):
        return None
    bands: list[tuple[float, float, Sequence[AlignedRow]]] = [(ys[0], ys[1], [head])]
    rows = aligned_rows(_within(glyphs, x0, x1, ys[1], end), xs, page.page) if body else []
    if rows:
        bands.append((ys[1], end, rows))
    return aligned_fragment(page.page, (page.width, page.height), xs, bands)


def open_body(
    lines: Sequence[TextLine], x0: float, x1: float, top: float, page_height: float, glyphs: Sequence[Glyph] = ()
) -> list[TextLine]:
    """Body lines under a header rule pair: from the rule down while lines stay inside the
    rules' extent, the gap to the next line stays under ``MAX_ROW_GAP`` line heights (of the
    smaller of the two lines) and the line is not one run reaching across the whole width (a
    paragraph after the table), a printed page number or an 附件 label."""
    below = sorted((ln for ln in lines if ln.top >= top - 1 and ln.x1 > x0 and ln.x0 < x1), key=lambda ln: ln.top)
    body: list[TextLine] = []
    edge = top
    width = x1 - x0
    for ln in below:
        height = max(ln.bottom - ln.top, ln.size, 1.0)
        # the gap counts in the table's line height: a title in a larger size under the table
        # (the next document's 发文机关 line) stands further off than rows do
        unit = min(height, max(body[-1].bottom - body[-1].top, body[-1].size, 1.0)) if body else height
        if ln.top - edge > MAX_ROW_GAP * unit or ln.x0 < x0 - height or ln.x1 > x1 + height:
            break
        if not ln.segments and ln.x1 - ln.x0 > 0.8 * width and not (glyphs and len(_pieces(ln, glyphs)) >= 2):
            break  # one run across: a paragraph — not cells set close (narrow gaps at the columns)
        folio_band = ln.top >= FOOTER_BAND * page_height or ln.bottom <= (1 - FOOTER_BAND) * page_height
        if (folio_band and patterns.PAGE_NUMBER.match(ln.text)) or patterns.ATTACHMENT_LABEL.match(ln.text):
            break  # the page's folio (a bare number in the top or bottom band), the next 附件's label
        body.append(ln)
        edge = ln.bottom
    return body


def borderless_fragments(
    page: PageLayout, taken: Sequence[tuple[float, float, float, float]], glyphs: Sequence[Glyph], settings: TableSettings
) -> list[TableFragment]:
    """Tables printed without any rule, each under a caption naming a table (see the module
    docstring): the caption, then a header line of two or more labels, then rows aligned to it."""
    lines = sorted((ln for ln in page.lines if not _in_boxes(ln, taken)), key=lambda ln: ln.top)
    out: list[TableFragment] = []
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=0.0)
    k = 0
    while k < len(lines):
        frag = None
        cap = lines[k]
        if (
            len(cap.text) <= settings.max_caption_chars
            and patterns.TABLE_CAPTION.search(cap.text)
            and not patterns.ATTACHMENT_LIST_ITEM.match(cap.text)
            and not patterns.ATTACHMENT_LIST_HEAD.match(cap.text)
        ):  # a caption, not an item of the 附件 list naming the table
            j = k + 1
            while j < len(lines) and patterns.TABLE_META_LINE.match(lines[j].text):
                j += 1  # 单位：万元 between caption and header
            if (
                j < len(lines)
                and lines[j].top - lines[j - 1].bottom <= 3.0 * max(lines[j].size, 1.0)
                and not patterns.ATTACHMENT_LIST_ITEM.match(lines[j].text)
            ):  # a numbered item (2. 某某清单) under a wrapped item ending 清单 is the 附件 list going on
                frag = _borderless(page, lines, j, left, right, glyphs)
        if frag is not None:
            out.append(frag)
            while k < len(lines) and lines[k].top < frag.bbox[3]:
                k += 1
            continue
        k += 1
    if not out and page.page > 1 and (frag := _page_top_continuation(page, lines, left, right, glyphs)) is not None:
        out.append(frag)
    return out


# Lines that may open a page's body: the first ones below the running header's band.
PAGE_TOP_LINES = 2


def _page_top_continuation(
    page: PageLayout, lines: Sequence[TextLine], left: float, right: float, glyphs: Sequence[Glyph]
) -> TableFragment | None:
    """A borderless table going on from the previous page: at the top of the page (under the
    running header only), its header repeated over rows aligned to it — with no caption, so it is
    kept only where stitching finds the table it continues (``continuation_only``)."""
    band = (1 - FOOTER_BAND) * page.height
    body_start = next((k for k, ln in enumerate(lines) if ln.bottom > band), len(lines))
    for j in range(body_start, min(body_start + PAGE_TOP_LINES, len(lines))):
        frag = _borderless(page, lines, j, left, right, glyphs)
        labels = [frag.cells[i].text for i in dict.fromkeys(frag.owner[: frag.n_cols])] if frag else []
        if frag is not None and not any(patterns.FIGURE_CELL.match(t.strip()) for t in labels):
            return replace(frag, continuation_only=True)  # a header names columns: no figure
    return None


def _in_boxes(ln: TextLine, boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    cy = (ln.top + ln.bottom) / 2
    return any(b[0] - 1 <= ln.center_x <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)


# Lines of one header row overlap by more than this share of a line height (a wrapped label's
# lines set half a line above and below the one-line labels); lines of successive rows do not.
ROW_OVERLAP = 0.2


def _header_lines(lines: Sequence[TextLine], j: int) -> list[TextLine]:
    """The printed lines of a borderless table's header row starting at ``lines[j]``. Header cells
    are centred vertically, so a label wrapped over two lines (序 / 号, 权力 / 类型) prints one line
    half a line above the labels set on one line and one half a line below:

        序        权力
            事项名称      设定依据   审批部门
        号        类型

    the row's lines overlap each other; the next row's first line starts below them all."""
    header = [lines[j]]
    for ln in lines[j + 1 :]:
        bottom = max(h.bottom for h in header)
        height = max(ln.bottom - ln.top, ln.size, 1.0)
        if len(header) >= MAX_HEADER_LINES or ln.top > bottom - ROW_OVERLAP * height:
            break
        header.append(ln)
    return header


def _borderless(
    page: PageLayout, lines: Sequence[TextLine], j: int, left: float, right: float, glyphs: Sequence[Glyph]
) -> TableFragment | None:
    """The borderless table whose header row starts at ``lines[j]``, under its caption."""
    header = _header_lines(lines, j)
    head_top, head_bottom = header[0].top, max(ln.bottom for ln in header)
    height = max(header[0].bottom - header[0].top, header[0].size, 1.0)
    if max(len(_pieces(ln, glyphs)) for ln in header) < 2:
        return None
    if any(patterns.ROSTER_ROLE.match(ln.text) for ln in header):
        return None  # 组长：… a roster's first line, not a header
    body = open_body(lines[j + len(header) :], left - height, right + height, head_bottom, page.height, glyphs)
    if len(body) < 2:
        return None
    x0 = min(ln.x0 for ln in (*header, *body)) - 1.0
    x1 = max(ln.x1 for ln in (*header, *body)) + 1.0
    xs = text_columns(header, body, glyphs, x0, x1)
    if len(xs) < 3:
        return None
    split = (head_bottom + body[0].top) / 2
    head = header_row(_within(glyphs, x0, x1, head_top - 0.5, split), xs, page.page)
    if head is None or not all(head.texts):
        return None  # a column without a label: the columns are not the header's
    labels = [t for t in head.texts if t]
    if any(len(t) > MAX_LABEL_CHARS or "：" in t or ":" in t for t in labels):
        return None  # not labels: text set in columns (an 附件 list, a signature)
    end = body[-1].bottom + 0.5
    rows = aligned_rows(_within(glyphs, x0, x1, split, end), xs, page.page)
    if not columns_split(rows):
        return None
    return aligned_fragment(page.page, (page.width, page.height), xs, [(head_top - 0.5, split, [head]), (split, end, rows)])
