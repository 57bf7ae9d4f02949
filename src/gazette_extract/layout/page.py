"""One page's layout (版面): a reader's ``RawPage`` → ``PageLayout``, independent of the reader.

A page drawn turned set upright (orientation.py), glyphs deduplicated and normalised
(glyphs.py), grouped into lines (lines.py), ruling edges taken from lines and rectangles, and a
page mostly covered by an image flagged as a scan.
Furniture is resolved later, over all pages (furniture.py).
"""

from __future__ import annotations

import statistics

from ..models import Edge, PageLayout
from .furniture import remove_binding_line
from .glyphs import _dedupe_glyphs
from .lines import group_lines
from .orientation import upright_page
from .source import RawPage, UnreadablePage

# A ruling line is at most this thick; thicker rectangles are shading, not rules.
RULE_MAX_THICKNESS = 3.0
# A filled rectangle covering this share of the page is a page background, not a cell's.
BACKGROUND_SHARE = 0.5
# An image covering this share of the page makes it a scan.
SCAN_COVERAGE = 0.6


def _edges(raw: RawPage) -> list[Edge]:
    """Ruling edges from line objects and from the sides of thin, outlined or filled rectangles.

    A filled rectangle (a cell's background colour: spreadsheet headers drawn as coloured
    blocks) bounds its cells like a rule; its sides fall on the table's rules or add the
    boundary the colour shows. A fill covering half the page is the page's background.
    """
    edges: list[Edge] = []
    for ln in raw.lines:
        x0, x1, top, bottom = ln.x0, ln.x1, ln.top, ln.bottom
        if abs(bottom - top) <= RULE_MAX_THICKNESS and x1 - x0 > 1:
            edges.append(Edge("h", x0, (top + bottom) / 2, x1, (top + bottom) / 2))
        elif abs(x1 - x0) <= RULE_MAX_THICKNESS and bottom - top > 1:
            edges.append(Edge("v", (x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
    for rc in raw.rects:
        x0, x1, top, bottom = rc.x0, rc.x1, rc.top, rc.bottom
        w, h = x1 - x0, bottom - top
        if h <= RULE_MAX_THICKNESS and w > 1:
            edges.append(Edge("h", x0, (top + bottom) / 2, x1, (top + bottom) / 2))
        elif w <= RULE_MAX_THICKNESS and h > 1:
            edges.append(Edge("v", (x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
        elif rc.stroke or w * h < BACKGROUND_SHARE * raw.width * raw.height:
            edges.extend(
                (
                    Edge("h", x0, top, x1, top),
                    Edge("h", x0, bottom, x1, bottom),
                    Edge("v", x0, top, x0, bottom),
                    Edge("v", x1, top, x1, bottom),
                )
            )
    return edges


def build_page(raw: RawPage) -> PageLayout:
    """The ``PageLayout`` of one raw page (furniture still unresolved); a landscape page drawn
    turned on a portrait page is turned upright first (orientation.py)."""
    displayed_rotation = raw.rotation
    raw, folio = upright_page(raw)
    width, height = raw.width, raw.height
    glyphs, unmapped = _dedupe_glyphs(raw.chars)
    edges = _edges(raw)
    image_area = sum(max(0.0, im.x1 - im.x0) * max(0.0, im.bottom - im.top) for im in raw.images)
    covered = image_area >= SCAN_COVERAGE * width * height
    kept = remove_binding_line(glyphs, width)
    on_body = {id(g) for g in kept}
    margin = tuple(g for g in glyphs if id(g) not in on_body) if len(kept) != len(glyphs) else ()
    glyphs = kept
    lines = group_lines(glyphs, raw.page)
    body_size = statistics.median([ln.size for ln in lines]) if lines else 0.0
    return PageLayout(
        page=raw.page,
        width=width,
        height=height,
        printed_page=folio,  # a turned page's upright folio; the others' are read with the furniture
        header="",
        lines=tuple(lines),
        glyphs=tuple(glyphs),
        edges=tuple(edges),
        body_size=body_size,
        unmapped_glyphs=unmapped,
        ocr_text_layer=covered and bool(glyphs),
        image_only=covered and not glyphs and unmapped == 0,
        margin_glyphs=margin,
        turn=(raw.rotation - displayed_rotation) % 360,
    )


def unreadable_page(page: UnreadablePage, recovered: tuple[str, ...] = ()) -> PageLayout:
    """The stand-in for a page the reader could not read: no lines, the reason kept for its note."""
    return PageLayout(
        page=page.page,
        width=0.0,
        height=0.0,
        printed_page=None,
        header="",
        lines=(),
        glyphs=(),
        edges=(),
        body_size=0.0,
        unreadable=page.reason,
        recovered=recovered,
    )
