"""Drawing objects as a reader sees them (描画对象): helpers every PDF reader uses to hand the
page-source seam (source.py) the same lines and rectangles — only paths that paint, and of a
general path (a curve) only what is straight in effect.

A reader decodes paths its own way (pdfminer's curves, PDFium's path segments) and passes the
painting operator's stroke/fill flags, colours and points here.
"""

from __future__ import annotations

from .source import RawBox


def _is_white(colour) -> bool:
    """White in DeviceGray (1), DeviceRGB (1, 1, 1) or DeviceCMYK (0, 0, 0, 0); a pattern (a name)
    or an unknown colour is taken as visible."""
    if isinstance(colour, (int, float)):
        return colour >= 0.999
    if isinstance(colour, (tuple, list)) and colour and all(isinstance(c, (int, float)) for c in colour):
        if len(colour) == 4:
            return all(c <= 0.001 for c in colour)
        return all(c >= 0.999 for c in colour)
    return False


def paints(stroke: bool, fill: bool, stroking_color, non_stroking_color) -> bool:
    """Does a path show on the page: stroked in a colour other than white, or filled so?

    General pattern: producers draw invisible boxes (white frames round text boxes, white fills
    that erase a background) with the same operators as rules; only what a reader sees rules a
    table. (A zero line width is the thinnest visible line in PDF, so it still paints.)
    """
    return (stroke and not _is_white(stroking_color)) or (fill and not _is_white(non_stroking_color))


# A path segment this close to horizontal or vertical (points) is straight in effect.
STRAIGHT_TOLERANCE = 1.0


def curve_boxes(pts, stroke: bool) -> tuple[list[RawBox], list[RawBox]]:
    """Lines and rectangles of a curve (an arbitrary path) that are straight in effect.

    A path made only of horizontal and vertical segments closing on itself over at most five
    points is a rectangle (producers write rectangles as m/l/l/l/h paths: a thin one is a rule,
    an outlined one a frame); otherwise every horizontal or vertical segment of a stroked path
    is a line (a frame with rounded corners, a polyline rule), and bent segments are dropped.
    """
    if len(pts) < 2:
        return [], []
    segments = list(zip(pts, pts[1:]))
    tol = STRAIGHT_TOLERANCE
    straight = [abs(a[1] - b[1]) <= tol or abs(a[0] - b[0]) <= tol for a, b in segments]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    closed = abs(pts[0][0] - pts[-1][0]) <= tol and abs(pts[0][1] - pts[-1][1]) <= tol
    if all(straight) and len(pts) <= 5 and (closed or len(pts) == 4):
        return [], [RawBox(min(xs), max(xs), min(ys), max(ys), stroke)]
    if not stroke:
        return [], []
    lines = []
    for (a, b), ok in zip(segments, straight):
        if ok and (abs(a[0] - b[0]) > tol or abs(a[1] - b[1]) > tol):
            lines.append(RawBox(min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])))
    return lines, []
