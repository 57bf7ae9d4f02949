"""Page images (页面图像) for the report, rendered with pypdfium2 (no poppler).

Pages go in as WebP at a modest scale, so even a 100-page gazette with every page stays a
report of a few megabytes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ..errors import DamagedPdfError

# 1.25 × 72 dpi = 90 dpi: body text of a gazette stays legible, a page is ~50–120 KB of WebP.
RENDER_SCALE = 1.25
WEBP_QUALITY = 55
# Page size (PDF points, A4 portrait) assumed when no PDF is at hand and nothing reaches past it.
A4 = (595.28, 841.89)


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: its size in PDF points and the image as a data: URI."""

    page: int
    width: float
    height: float
    data_uri: str


def render_pages(
    pdf: Path, pages: Iterable[int], scale: float = RENDER_SCALE, turns: Mapping[int, int] | None = None
) -> dict[int, PageImage]:
    """Render the given 1-based pages of ``pdf`` (pages past its end are left out), each turned
    clockwise by its degrees in ``turns`` (a landscape page drawn turned, read upright: the
    extraction's coordinates of that page are the turned page's, so the image must be too)."""
    turns = turns or {}
    try:
        doc = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as exc:
        raise DamagedPdfError(f"{pdf} cannot be opened to render its pages ({exc})") from exc
    images: dict[int, PageImage] = {}
    try:
        for number in sorted(set(pages)):
            if not 1 <= number <= len(doc):
                continue
            page = doc[number - 1]
            try:
                turn = turns.get(number, 0)
                width, height = page.get_size()
                if turn in (90, 270):
                    width, height = height, width
                image = page.render(scale=scale, rotation=turn).to_pil()
            finally:
                page.close()
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
            encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
            images[number] = PageImage(number, width, height, f"data:image/webp;base64,{encoded}")
    finally:
        doc.close()
    return images

