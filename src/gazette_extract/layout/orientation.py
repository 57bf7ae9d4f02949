"""Page orientation (横排页): a landscape page drawn turned on a portrait page, turned back upright.

A wide table in a portrait gazette is often set on a landscape page. Some producers mark that page
``/Rotate 90`` (the reader applies it); others draw the content turned by the content-stream
matrix on a portrait page, so a reader turns the paper to read it. In the second form the text
runs down or up the page: every line is a column of glyphs. Official text is set in horizontal
lines (横排), so a page whose glyphs mostly step along the page's height is such a turned page,
and is turned back before lines are grouped — the way the reader turns the paper.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns
from .source import RawBox, RawChar, RawPage

# A page is turned when at least this many neighbouring glyph pairs step along the height and
# they are this share of all neighbouring steps (a cover's vertical masthead or a table's stacked
# column label is a minority of a page's steps).
MIN_VERTICAL_STEPS = 20
VERTICAL_SHARE = 0.75
# Two glyphs drawn one after the other are neighbours when their centres are within this many
# glyph extents (the next glyph of the same line, not the start of the next line).
NEIGHBOUR_EXTENTS = 1.6
# The portrait page's top and bottom bands, where its folio stays upright on a turned page
# (the shares of the page height of furniture.py's HEADER_BAND / FOOTER_BAND).
FOLIO_BANDS = (0.11, 0.89)
# Directions of a step between neighbouring glyphs.
ACROSS, BACK, DOWN, UP = range(4)


def _neighbour_steps(chars: list[RawChar]) -> Iterator[tuple[int, int, int]]:
    """Steps between neighbouring glyphs in drawing order: (previous index, index, direction),
    the direction ACROSS (along the width, rightwards or back), DOWN or UP the page."""
    prev, prev_i = None, -1
    for i, ch in enumerate(chars):
        if not ch.text.strip() or ch.text.startswith("(cid:"):
            continue
        if prev is not None:
            extent = max(ch.x1 - ch.x0, ch.bottom - ch.top, prev.x1 - prev.x0, prev.bottom - prev.top)
            dx = (ch.x0 + ch.x1 - prev.x0 - prev.x1) / 2
            dy = (ch.top + ch.bottom - prev.top - prev.bottom) / 2
            if extent > 0 and max(abs(dx), abs(dy)) <= NEIGHBOUR_EXTENTS * extent:
                if abs(dx) > abs(dy):
                    yield prev_i, i, ACROSS if dx > 0 else BACK
                elif dy > 0:
                    yield prev_i, i, DOWN
                elif dy < 0:
                    yield prev_i, i, UP
        prev, prev_i = ch, i


def _turn(chars: list[RawChar]) -> tuple[int, int] | None:
    """(steps down, steps up) of a page whose text runs down or up it; None for a page set
    upright — decided as soon as the steps along the width are too many for the rest of the
    page's glyphs to outnumber, which on an upright page is within its first quarter."""
    across = down = up = 0
    n = len(chars)
    for _, i, direction in _neighbour_steps(chars):
        if direction == ACROSS:
            across += 1
            if VERTICAL_SHARE * across > (1 - VERTICAL_SHARE) * (down + up + n - i):
                return None
        elif direction == DOWN:
            down += 1
        elif direction == UP:
            up += 1
    vertical = down + up
    if vertical < MIN_VERTICAL_STEPS or vertical < VERTICAL_SHARE * (vertical + across):
        return None
    return down, up


def _upright_glyphs(chars: list[RawChar]) -> set[int]:
    """Indexes of the glyphs that step along the width (text set upright on a turned page)."""
    return {k for prev_i, i, direction in _neighbour_steps(chars) if direction in (ACROSS, BACK) for k in (prev_i, i)}


def _portrait_folio(raw: RawPage, upright: set[int]) -> tuple[int | None, set[int]]:
    """The page number a turned page keeps upright in the portrait page's top or bottom band
    (the gazette's folio, — 12 —, set on every page whatever its content), and its glyphs."""
    rows: dict[int, list[int]] = {}
    top_band, foot_band = FOLIO_BANDS[0] * raw.height, FOLIO_BANDS[1] * raw.height
    for i in upright:
        ch = raw.chars[i]
        if ch.bottom <= top_band or ch.top >= foot_band:
            rows.setdefault(round(ch.top), []).append(i)
    for ids in rows.values():
        ids.sort(key=lambda i: raw.chars[i].x0)
        number = patterns.printed_page_number("".join(raw.chars[i].text for i in ids))
        if number is not None:
            return number, set(ids)
    return None, set()


def upright_page(raw: RawPage) -> tuple[RawPage, int | None]:
    """``raw`` turned by a quarter so that its text reads left to right, when its text runs down
    or up the page (a landscape page drawn turned), with the page number it keeps upright at the
    portrait foot or head (its glyphs left out of the turned page); otherwise ``raw`` itself.

    Text running up the page (the page turned counter-clockwise) is read by turning the paper
    clockwise: the left edge becomes the top. Text running down is read the other way round.
    Glyph size becomes the glyph's new height (its extent across the line).
    """
    turn = _turn(raw.chars)
    if turn is None:
        return raw, None
    down, up = turn
    folio, folio_glyphs = _portrait_folio(raw, _upright_glyphs(raw.chars))
    width, height = raw.width, raw.height
    if up >= down:  # turn clockwise: new x from the bottom edge, new top from the left edge

        def box(x0: float, x1: float, top: float, bottom: float) -> tuple[float, float, float, float]:
            return height - bottom, height - top, x0, x1
    else:  # turn counter-clockwise: new x from the top edge, new top from the right edge

        def box(x0: float, x1: float, top: float, bottom: float) -> tuple[float, float, float, float]:
            return top, bottom, width - x1, width - x0

    def turned(b: RawBox) -> RawBox:
        return RawBox(*box(b.x0, b.x1, b.top, b.bottom), b.stroke)

    chars = []
    for i, ch in enumerate(raw.chars):
        if i in folio_glyphs:
            continue
        x0, x1, top, bottom = box(ch.x0, ch.x1, ch.top, ch.bottom)
        chars.append(RawChar(ch.text, ch.fontname, bottom - top, x0, x1, top, bottom))
    page = raw._replace(
        width=height,
        height=width,
        rotation=(raw.rotation + (90 if up >= down else 270)) % 360,
        chars=chars,
        lines=[turned(b) for b in raw.lines],
        rects=[turned(b) for b in raw.rects],
        images=[turned(b) for b in raw.images],
    )
    return page, folio
