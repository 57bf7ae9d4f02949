"""Page debug image (页面调试图): what the pipeline's own stages see on one page.

Text lines and their segments, ruling edges, the cells and table boxes the table stage finds,
and the furniture (running header, page number, margin marks) the layout stage removes, each
drawn in its own colour over the rendered page, with a legend under it — pdfplumber's
debug_tablefinder, for this pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from .. import layout, patterns, tables
from ..errors import DamagedPdfError, PageOutOfRangeError
from ..models import PageLayout, TextLine

# Running headers are text recurring on several pages: the furniture pass sees this many pages
# on each side of the inspected one, as it would in the whole PDF.
FURNITURE_WINDOW = 3
INSPECT_SCALE = 2.0
LEGEND_FONT_SIZE = 22


@dataclass(frozen=True, slots=True)
class Layer:
    """One kind of thing drawn, with its colour (RGBA) and how many were drawn."""

    name: str
    colour: tuple[int, int, int, int]
    fill: bool
    count: int = 0


# Colours chosen to stay apart from each other and from black text on white.
TEXT_LINE = (37, 99, 235, 255)
SEGMENT = (6, 182, 212, 255)
EDGE = (220, 38, 38, 255)
CELL = (22, 163, 74, 255)
TABLE = (192, 38, 211, 255)
HEADER = (245, 158, 11, 110)
FOLIO = (234, 88, 12, 110)
MARGIN_MARK = (120, 53, 15, 110)


@dataclass(frozen=True, slots=True)
class PageDebug:
    """What the stages found on the page, in PDF points (top-left origin)."""

    page: PageLayout
    fragments: list[tables.TableFragment]
    header: list[TextLine]
    folio: list[TextLine]
    margin_marks: list[TextLine]


def read_page_debug(pdf_path: Path, page_no: int, reader: str = layout.DEFAULT_READER) -> PageDebug:
    """Run the layout and table-finding stages on the page (and on its neighbours, for the
    furniture pass) with ``reader`` and sort out which of its lines the furniture pass removes."""
    pdf = layout.open_pdf(pdf_path, reader)
    try:
        n_pages = pdf.page_count
        if not 1 <= page_no <= n_pages:
            raise PageOutOfRangeError(f"{pdf_path} has {n_pages} page(s); there is no page {page_no}")
        first = max(0, page_no - 1 - FURNITURE_WINDOW)
        last = min(n_pages - 1, page_no - 1 + FURNITURE_WINDOW)
        window: list[PageLayout] = []
        target: PageLayout | None = None
        fragments: list[tables.TableFragment] = []
        for page in layout.iter_pages(pdf, first, last):
            found = tables.find_fragments(page)
            if page.page == page_no:
                target, fragments = page, found
            window.append(replace(page, lines=tables.lines_outside(page.lines, found), glyphs=(), edges=()))
    finally:
        pdf.close()
    if target is None:
        raise DamagedPdfError(f"page {page_no} of {pdf_path} cannot be read")
    before = next(p for p in window if p.page == page_no)
    after = next(p for p in layout.strip_furniture(window) if p.page == page_no)
    kept = set(after.lines)
    removed = [ln for ln in before.lines if ln not in kept]
    folio = [ln for ln in removed if patterns.PAGE_NUMBER.match(ln.text)]
    margin = [ln for ln in removed if ln not in folio and len(ln.text) == 1]
    margin += layout.group_lines(list(target.margin_glyphs), page_no)  # a binding line, removed as glyphs
    header = [ln for ln in removed if ln not in folio and ln not in margin]
    return PageDebug(target, fragments, header, folio, margin)


def _render(pdf_path: Path, page_no: int, scale: float, turn: int = 0) -> Image.Image:
    """Page ``page_no`` rendered turned clockwise by ``turn`` degrees (as the layout read it)."""
    try:
        doc = pdfium.PdfDocument(str(pdf_path))
    except pdfium.PdfiumError as exc:
        raise DamagedPdfError(f"{pdf_path} cannot be opened to render its pages ({exc})") from exc
    try:
        page = doc[page_no - 1]
        try:
            return page.render(scale=scale, rotation=turn).to_pil().convert("RGBA")
        finally:
            page.close()
    finally:
        doc.close()


def _legend(layers: list[Layer], width: int) -> Image.Image:
    """A band listing each layer's colour, name and count, wrapped to the page width."""
    font = ImageFont.load_default(size=LEGEND_FONT_SIZE)
    pad, swatch, gap = 16, LEGEND_FONT_SIZE, 28
    entries = [(layer, f"{layer.name} ({layer.count})") for layer in layers]
    rows: list[list[tuple[Layer, str, int]]] = [[]]
    x = pad
    for layer, label in entries:
        w = swatch + 8 + int(font.getlength(label)) + gap
        if rows[-1] and x + w > width - pad:
            rows.append([])
            x = pad
        rows[-1].append((layer, label, x))
        x += w
    line_h = LEGEND_FONT_SIZE + 14
    band = Image.new("RGBA", (width, pad * 2 + line_h * len(rows)), (255, 255, 255, 255))
    draw = ImageDraw.Draw(band)
    draw.line([(0, 0), (width, 0)], fill=(0, 0, 0, 255), width=2)
    for i, row in enumerate(rows):
        y = pad + i * line_h
        for layer, label, x in row:
            colour = layer.colour[:3] + (255,)
            draw.rectangle([x, y, x + swatch, y + swatch], fill=colour, outline=(0, 0, 0, 255))
            draw.text((x + swatch + 8, y), label, fill=(0, 0, 0, 255), font=font)
    return band


def draw_page_debug(debug: PageDebug, base: Image.Image, scale: float) -> Image.Image:
    """The page image with every layer drawn over it and the legend below."""
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)

    def box(b, colour, fill=False, width=2):
        x0, top, x1, bottom = (v * scale for v in b)
        draw.rectangle([x0, top, x1, bottom], outline=colour[:3] + (255,), fill=colour if fill else None, width=width)

    page = debug.page
    segments = 0
    for ln in page.lines:
        box((ln.x0, ln.top, ln.x1, ln.bottom), TEXT_LINE, width=1)
        for _text, x0, x1 in ln.segments:
            box((x0, ln.top - 1, x1, ln.bottom + 1), SEGMENT, width=2)
            segments += 1
    for e in page.edges:
        draw.line([(e.x0 * scale, e.top * scale), (e.x1 * scale, e.bottom * scale)], fill=EDGE, width=2)
    n_cells = 0
    for frag in debug.fragments:
        for cell in frag.cells:
            box(cell.bbox, CELL, width=2)
            n_cells += 1
        box(frag.bbox, TABLE, width=5)
    for lines, colour in ((debug.header, HEADER), (debug.folio, FOLIO), (debug.margin_marks, MARGIN_MARK)):
        for ln in lines:
            box((ln.x0 - 2, ln.top - 2, ln.x1 + 2, ln.bottom + 2), colour, fill=True, width=2)
    layers = [
        Layer("text lines", TEXT_LINE, False, len(page.lines)),
        Layer("line segments", SEGMENT, False, segments),
        Layer("ruling edges", EDGE, False, len(page.edges)),
        Layer("table cells", CELL, False, n_cells),
        Layer("table boxes", TABLE, False, len(debug.fragments)),
        Layer("running header (removed)", HEADER, True, len(debug.header)),
        Layer("page number (removed)", FOLIO, True, len(debug.folio)),
        Layer("margin marks (removed)", MARGIN_MARK, True, len(debug.margin_marks)),
    ]
    drawn = Image.alpha_composite(base, overlay)
    legend = _legend(layers, drawn.width)
    out = Image.new("RGB", (drawn.width, drawn.height + legend.height), (255, 255, 255))
    out.paste(drawn.convert("RGB"), (0, 0))
    out.paste(legend.convert("RGB"), (0, drawn.height))
    return out


def inspect_page(
    pdf_path: Path,
    page_no: int,
    out: Path | None = None,
    scale: float = INSPECT_SCALE,
    reader: str = layout.DEFAULT_READER,
) -> Path:
    """Write the debug image of page ``page_no`` (1-based) of ``pdf_path``, read by ``reader``, as
    PNG and return its path (default: PDF-name.pN.png in the current directory)."""
    debug = read_page_debug(pdf_path, page_no, reader)
    image = draw_page_debug(debug, _render(pdf_path, page_no, scale, debug.page.turn), scale)
    target = out or Path(f"{pdf_path.stem}.p{page_no}.png")
    image.save(target, "PNG", optimize=True)
    return target
