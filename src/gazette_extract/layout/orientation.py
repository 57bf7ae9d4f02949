"""Page orientation (横排页): a landscape page drawn turned on a portrait page, turned back upright.

A wide table in a portrait gazette is often set on a landscape page. Some producers mark that page
``/Rotate 90`` (the reader applies it); others draw the content turned by the content-stream
matrix on a portrait page, so a reader turns the paper to read it. In the second form the text
runs down or up the page: every line is a column of glyphs. Official text is set in horizontal
lines (横排), so a page whose glyphs mostly step along the page's height is such a turned page,
and is turned back before lines are grouped — the way the reader turns the paper.
"""

from __future__ import annotations

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


def _steps(chars: list[RawChar]) -> tuple[int, int, int, set[int]]:
    """Neighbouring glyph steps in drawing order: (along the width, down the page, up the page),
    and the indexes of the glyphs that step along the width (text set upright)."""
    across = down = up = 0
    upright: set[int] = set()
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
                    across += dx > 0
                    upright.update((prev_i, i))
                elif dy > 0:
                    down += 1
                elif dy < 0:
                    up += 1
        prev, prev_i = ch, i
    return across, down, up, upright


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
    across, down, up, upright = _steps(raw.chars)
    vertical = down + up
    if vertical < MIN_VERTICAL_STEPS or vertical < VERTICAL_SHARE * (vertical + across):
        return raw, None
    folio, folio_glyphs = _portrait_folio(raw, upright)
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
