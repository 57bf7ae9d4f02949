"""Small PDFs set with reportlab for the focused tests of printed forms (rosters, titles, counts…).

A test describes pages as lists of placed pieces — ``Text`` (a string at x, top), ``Rule`` (a
ruling line) — in points from the top-left corner, with a font key from ``FONTS`` (CJK fonts of
Debian's fonts-arphic-* / fonts-wqy-*, installed by ``make system-deps``). ``write_pdf`` sets them
and returns the path; ``extract`` runs the real pipeline on it. Helpers lay out the common
shapes: a document page (title lines, 文号, body, 落款) and running text, so each test only writes
the form it is about, in two fonts / layouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

FONTS = {
    "song": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
}
PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89  # A4


@dataclass(frozen=True)
class Text:
    """``text`` drawn with its left edge at ``x`` and its top at ``top`` (right edge when ``align="right"``)."""

    text: str
    x: float
    top: float
    size: float = 14.0
    font: str = "song"
    align: str = "left"


@dataclass(frozen=True)
class Rule:
    """A ruling line from (x0, top) to (x1, bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float


def font_name(key: str) -> str:
    """Register the CJK font ``key`` with reportlab (once) and return its name; skip if absent."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path, index = FONTS[key]
    if not Path(path).is_file():
        pytest.skip(f"CJK font {path} not installed (make system-deps)")
    name = f"Printed-{key}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    return name


def text_width(text: str, size: float, font: str = "song") -> float:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, font_name(font), size)


def draw(c, pieces: list[Text | Rule], page_height: float = PAGE_HEIGHT) -> None:
    """Draw placed pieces on a reportlab canvas whose page (or turned frame) is ``page_height`` high."""
    for piece in pieces:
        if isinstance(piece, Rule):
            c.setLineWidth(0.6)
            c.line(piece.x0, page_height - piece.top, piece.x1, page_height - piece.bottom)
            continue
        c.setFont(font_name(piece.font), piece.size)
        baseline = page_height - piece.top - piece.size * 0.88
        if piece.align == "right":
            c.drawRightString(piece.x, baseline, piece.text)
        elif piece.align == "center":
            c.drawCentredString(piece.x, baseline, piece.text)
        else:
            c.drawString(piece.x, baseline, piece.text)


def write_pdf(path: Path, pages: list[list[Text | Rule]]) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    for page in pages:
        draw(c, page)
        c.showPage()
    c.save()
    return path


def extract(path: Path):
    from gazette_extract import pipeline

    return pipeline.run(path)


@dataclass
class Flow:
    """Places lines one under the other from ``top`` with a fixed leading, in one font."""

    left: float = 80.0
    top: float = 90.0
    size: float = 14.0
    leading: float = 26.0
    font: str = "song"

    bottom: float = 770.0

    def __post_init__(self) -> None:
        self.pieces: list[Text | Rule] = []
        self.done: list[list[Text | Rule]] = []
        self.y = self.top

    def new_page(self) -> Flow:
        self.done.append(self.pieces)
        self.pieces, self.y = [], self.top
        return self

    def pages(self) -> list[list[Text | Rule]]:
        """Every page set so far, the current one last."""
        return [*self.done, self.pieces]

    @property
    def right(self) -> float:
        return PAGE_WIDTH - self.left

    def line(self, text: str, *, x: float | None = None, size: float | None = None, font: str | None = None,
             align: str = "left") -> Flow:
        pos = self.left if x is None else x
        if align == "center":
            pos = PAGE_WIDTH / 2
        elif align == "right":
            pos = self.right if x is None else x
        self.pieces.append(Text(text, pos, self.y, size or self.size, font or self.font, align))
        self.y += self.leading if size is None else max(self.leading, size * 1.7)
        return self

    def row(self, cells: list[tuple[float, str]]) -> Flow:
        """One printed line of several pieces, each at its own x (tab stops, layout tables)."""
        for x, text in cells:
            if text:
                self.pieces.append(Text(text, x, self.y, self.size, self.font))
        self.y += self.leading
        return self

    def skip(self, amount: float) -> Flow:
        self.y += amount
        return self

    def paragraph(self, text: str) -> Flow:
        """Running text wrapped at the right margin, its first line indented two characters."""
        indent = 2 * self.size
        line, width = "", self.right - self.left - indent
        for ch in text:
            if text_width(line + ch, self.size, self.font) > width:
                self.line(line, x=self.left + (indent if width < self.right - self.left else 0))
                line, width = "", self.right - self.left
            line += ch
        if line:
            self.line(line, x=self.left + (indent if width < self.right - self.left else 0))
        return self


def document_head(flow: Flow, title_lines: list[str], doc_number: str, addressee: str) -> Flow:
    """Title lines (centred, larger), the 文号 line and the 主送 line."""
    for t in title_lines:
        flow.line(t, size=flow.size + 6, align="center", font="hei")
    flow.skip(6).line(doc_number, align="center").skip(8)
    return flow.line(addressee)


def signature(flow: Flow, issuer: str, date: str) -> Flow:
    flow.skip(20)
    flow.line(issuer, x=flow.right - 2 * flow.size, align="right")
    return flow.line(date, x=flow.right - 2 * flow.size, align="right")


def ruled_table(flow: Flow, widths: list[float], rows: list[list[str]], *, row_height: float | None = None,
                size: float | None = None, repeat_header: bool = True, align: str = "") -> Flow:
    """A ruled table (rows[0] is the header) from the flow's left margin, one text line a cell; a
    row that would cross the page bottom starts a new page, where the header is printed again.
    ``align``: one letter a column, l (left, the default) or c (centred); text wider than its
    cell is printed as it is, running past the cell's rule."""
    size = size or flow.size - 2
    height = row_height or size * 2
    xs = [flow.left]
    for w in widths:
        xs.append(xs[-1] + w)

    def draw_row(cells: list[str]) -> None:
        top = flow.y
        flow.pieces.append(Rule(xs[0], top, xs[-1], top))
        flow.pieces.append(Rule(xs[0], top + height, xs[-1], top + height))
        for x in xs:
            flow.pieces.append(Rule(x, top, x, top + height))
        for k, (x, text) in enumerate(zip(xs, cells)):
            if text and align[k:k + 1] == "c":
                x = x + max(3.0, (widths[k] - text_width(text, size, flow.font)) / 2)
                flow.pieces.append(Text(text, x, top + (height - size) / 2, size, flow.font))
            elif text:
                flow.pieces.append(Text(text, x + 3, top + (height - size) / 2, size, flow.font))
        flow.y += height

    draw_row(rows[0])
    for cells in rows[1:]:
        if flow.y + height > flow.bottom:
            flow.new_page()
            if repeat_header:
                draw_row(rows[0])
        draw_row(cells)
    flow.y += 10
    return flow
