"""Lines (文本行): glyphs clustered into lines, each read left to right.

Layout spaces next to Chinese characters are not text; a gap between two Latin glyphs that is a
word gap is a space (``is_word_gap``); a wide gap splits a line into segments (the columns of a
borderless roster).
"""

from __future__ import annotations

from operator import attrgetter, itemgetter

from ..models import Glyph, TextLine
from .glyphs import is_cjk

# A horizontal gap wider than this many font sizes splits a line into segments: columns of a
# borderless roster sit only 1–1.5 em apart, while glyph spacing inside words stays < 0.6 em.
SEGMENT_GAP = 0.9
# A gap between two Latin glyphs is a word space when it reaches this share of the font's own
# space width (``Glyph.space_width``, known when the page prints spaces in that font): justified
# lines shrink a space to no less than about two thirds of it (TeX: 0.22 of 0.33 em) ...
WORD_GAP_SHARE = 0.6
# ... or, for a font whose space width is unknown, this share of the font size: between the
# letter-spacing printers add (kerning under 0.06 em, tracked leader dots and CJK letter-spacing
# up to about 0.13 em) and the narrowest word space, shrunk (0.2 em and more).
FALLBACK_WORD_GAP = 0.16
# Quotes are shared by Chinese and Latin text: next to a Latin letter they do not make a space
# a layout space.
_SHARED_QUOTES = frozenset("“”‘’")

_X0 = attrgetter("x0")
_COUNT = itemgetter(1)


def _cjk_side(ch: str) -> bool:
    return is_cjk(ch) and ch not in _SHARED_QUOTES


def is_word_gap(prev: Glyph, nxt: Glyph) -> bool:
    """The printed gap between two neighbouring glyphs is a word space (空格) of Latin text.

    Layout spaces next to a CJK character are never text (Chinese has no word spaces). Between
    two Latin glyphs the gap is a space when it is at least ``WORD_GAP_SHARE`` of the font's space
    width (the width the font gives its space, when known; else ``FALLBACK_WORD_GAP`` em).
    """
    space = prev.space_width
    if nxt.space_width > space:
        space = nxt.space_width
    if space > 0:
        need = WORD_GAP_SHARE * space
    else:
        need = FALLBACK_WORD_GAP * (nxt.size if nxt.size > prev.size else prev.size)
    if nxt.x0 - prev.x1 < need:
        return False
    return not (_cjk_side(prev.text[-1]) or _cjk_side(nxt.text[0]))


def glyph_text(glyphs: list[Glyph]) -> tuple[str, tuple[tuple[str, float, float], ...]]:
    """Text of glyphs on one baseline (sorted by x): layout spaces dropped, wide gaps segmented."""
    segments: list[tuple[str, float, float]] = []
    parts: list[str] = []
    seg_x0 = glyphs[0].x0
    prev = glyphs[0]
    parts.append(prev.text)
    for g in glyphs[1:]:
        gap = g.x0 - prev.x1
        size = g.size if g.size > prev.size else prev.size
        if gap > SEGMENT_GAP * size:
            segments.append(("".join(parts), seg_x0, prev.x1))
            parts, seg_x0 = [], g.x0
        elif is_word_gap(prev, g):
            parts.append(" ")
        parts.append(g.text)
        prev = g
    segments.append(("".join(parts), seg_x0, prev.x1))
    if len(segments) == 1:  # one run of text: the line itself, nothing more to keep
        return segments[0][0], ()
    return " ".join(s[0] for s in segments), tuple(segments)


def group_lines(glyphs: list[Glyph], page: int) -> list[TextLine]:
    """Cluster glyphs into lines by vertical overlap, each line read left to right."""
    if not glyphs:
        return []
    # Sort by (vertical middle, x0); the index keeps equal keys in their original order.
    ordered = sorted([((g.top + g.bottom) / 2, g.x0, i, g) for i, g in enumerate(glyphs)])
    lines: list[list[Glyph]] = []
    first = ordered[0]
    current: list[Glyph] = [first[3]]
    current_size = first[3].size
    mid = first[0]
    for g_mid, _, _, g in ordered[1:]:
        size = g.size
        if abs(g_mid - mid) <= 0.45 * (size if size < current_size else current_size):
            current.append(g)
        else:
            lines.append(current)
            current = [g]
            mid = g_mid
        current_size = size
    lines.append(current)
    out = []
    for members in lines:
        members.sort(key=_X0)
        text, segments = glyph_text(members)
        g = members[0]
        x0, top, x1, bottom = g.x0, g.top, g.x1, g.bottom
        glyph_sizes: dict[float, int] = {}
        n_bold = 0
        for g in members:
            if g.x0 < x0:
                x0 = g.x0
            if g.top < top:
                top = g.top
            if g.x1 > x1:
                x1 = g.x1
            if g.bottom > bottom:
                bottom = g.bottom
            glyph_sizes[g.size] = glyph_sizes.get(g.size, 0) + 1
            if g.bold:
                n_bold += 1
        sizes: dict[float, int] = {}  # by size to 0.1 pt, in the order first seen
        for glyph_size, n in glyph_sizes.items():
            key = round(glyph_size, 1)
            sizes[key] = sizes.get(key, 0) + n
        # the most common size; among equally common ones the first seen (as Counter.most_common)
        size = max(sizes.items(), key=_COUNT)[0]
        out.append(
            TextLine(
                text=text,
                x0=x0,
                top=top,
                x1=x1,
                bottom=bottom,
                size=size,
                bold=n_bold * 2 > len(members),
                page=page,
                segments=segments,
            )
        )
    return out
