"""The PDFium reader on PDFs made here: every raw object as the pdfplumber reader sees it.

One page drawn with reportlab holds what a gazette can hold — CJK and Latin text, a fake-bold
copy (the same string twice, +0.3 pt), invisible text (render mode 3, an OCR layer), clipped
text, rotated text, ruling lines, stroked and filled rectangles (thin: rules; thick: shading), a
form XObject with text and a rectangle inside, and an image. pikepdf then turns the page
(/Rotate 90, 180, 270), moves its MediaBox off the origin and gives it a CropBox. On every
variant both readers must give the same glyphs (text, font name without subset prefix, boxes
within 0.5 pt), lines, rectangles (with their stroke flag), images and page box.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gazette_extract import layout
from gazette_extract.errors import DamagedPdfError, EncryptedPdfError, NotAPdfError
from gazette_extract.layout import RawBox, RawPage, UnreadablePage, pdfium, plumber

FONT_FILE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
TOLERANCE = 0.5
SUBSET = re.compile(r"^[A-Z]{6}\+")


def _font() -> str:
    if not FONT_FILE.is_file():
        pytest.skip(f"CJK font {FONT_FILE} not installed (make system-deps)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "ReaderSong" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ReaderSong", str(FONT_FILE), subfontIndex=0))
    return "ReaderSong"


def make_page(path: Path) -> Path:
    """One A4 page with every kind of object the readers must agree on."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    song = _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(song, 18)
    for dx in (0.0, 0.3):  # fake bold: the title drawn twice, 0.3 pt apart
        c.drawString(100 + dx, 760, "某市人民政府关于印发通知的通知")
    c.setFont(song, 12)
    c.drawString(80, 720, "各县（市、区）人民政府，市直各有关单位：")
    c.setFont("Helvetica", 10)
    c.drawString(80, 700, "Latin text 2021, with spaces.")
    text = c.beginText(80, 680)  # an invisible OCR layer
    text.setTextRenderMode(3)
    text.setFont(song, 12)
    text.textOut("隐藏的文字层")
    c.drawText(text)
    c.saveState()  # clipped text: drawn, but outside the clip path
    path_ = c.beginPath()
    path_.rect(300, 600, 50, 50)
    c.clipPath(path_, stroke=0, fill=0)
    c.setFont(song, 12)
    c.drawString(80, 660, "被裁剪的文字")
    c.restoreState()
    c.saveState()  # text turned 90°: a column label of a table
    c.translate(500, 500)
    c.rotate(90)
    c.setFont(song, 10)
    c.drawString(0, 0, "竖排标签")
    c.restoreState()
    c.setLineWidth(0.8)
    c.line(80, 640, 500, 640)  # a rule
    c.rect(80, 520, 300, 80, stroke=1, fill=0)  # a frame
    c.rect(80, 500, 300, 1, stroke=0, fill=1)  # a thin filled rule
    c.setFillGray(0.85)
    c.rect(80, 440, 300, 40, stroke=0, fill=1)  # shading
    c.setFillGray(0)
    c.beginForm("stamp")
    c.setFont(song, 11)
    c.drawString(0, 0, "表单对象里的文字")
    c.rect(0, -10, 120, 30, stroke=1, fill=0)
    c.endForm()
    c.saveState()
    c.translate(120, 380)
    c.doForm("stamp")
    c.restoreState()
    c.drawImage(ImageReader(Image.new("L", (40, 30), 128)), 400, 300, width=80, height=60)
    c.showPage()
    c.save()
    return path


def variant(source: Path, target: Path, *, rotate: int = 0, mediabox=None, cropbox=None) -> Path:
    import pikepdf

    with pikepdf.open(source) as pdf:
        page = pdf.pages[0]
        if rotate:
            page.Rotate = rotate
        if mediabox:
            page.MediaBox = pikepdf.Array(mediabox)
        if cropbox:
            page.CropBox = pikepdf.Array(cropbox)
        pdf.save(target)
    return target


def read(reader, path: Path) -> RawPage:
    pdf = reader.open_pdf(path)
    try:
        return next(reader.raw_pages(pdf))
    finally:
        pdf.close()


def _boxes(items: list[RawBox]) -> list[tuple]:
    return sorted((round(b.x0), round(b.top), b.x0, b.x1, b.top, b.bottom, b.stroke) for b in items)


def assert_same_raw_page(ref: RawPage, new: RawPage) -> None:
    assert (new.rotation, new.page) == (ref.rotation, ref.page)
    assert abs(new.width - ref.width) < 0.01 and abs(new.height - ref.height) < 0.01
    ref_chars = sorted((c for c in ref.chars if c.text.strip()), key=lambda c: (round(c.top), c.x0, c.text))
    new_chars = sorted((c for c in new.chars if c.text.strip()), key=lambda c: (round(c.top), c.x0, c.text))
    assert [c.text for c in new_chars] == [c.text for c in ref_chars]
    for a, b in zip(ref_chars, new_chars):
        assert SUBSET.sub("", b.fontname) == SUBSET.sub("", a.fontname)
        for field in ("x0", "x1", "top", "bottom", "size"):
            assert abs(getattr(a, field) - getattr(b, field)) <= TOLERANCE, (field, a, b)
    for kind in ("lines", "rects", "images"):
        ref_boxes, new_boxes = _boxes(getattr(ref, kind)), _boxes(getattr(new, kind))
        assert len(new_boxes) == len(ref_boxes), kind
        for a, b in zip(ref_boxes, new_boxes):
            assert all(abs(p - q) <= TOLERANCE for p, q in zip(a[2:6], b[2:6])), (kind, a, b)
            assert a[6] == b[6], (kind, "stroke", a, b)


@pytest.fixture(scope="module")
def page_pdf(tmp_path_factory) -> Path:
    return make_page(tmp_path_factory.mktemp("reader") / "page.pdf")


@pytest.mark.parametrize(
    "rotate, mediabox, cropbox",
    [
        (0, None, None),
        (90, None, None),
        (180, None, None),
        (270, None, None),
        (0, [40, 30, 635.28, 871.89], None),
        (90, [40, 30, 635.28, 871.89], [60, 50, 500, 800]),
        (0, None, [20, 20, 500, 700]),
    ],
)
def test_pdfium_reads_what_pdfplumber_reads(page_pdf, tmp_path, rotate, mediabox, cropbox):
    path = variant(page_pdf, tmp_path / "variant.pdf", rotate=rotate, mediabox=mediabox, cropbox=cropbox)
    assert_same_raw_page(read(plumber, path), read(pdfium, path))


def test_every_kind_of_object_is_read(page_pdf):
    raw = read(pdfium, page_pdf)
    text = "".join(c.text for c in raw.chars)
    for kept in ("某市人民政府", "隐藏的文字层", "被裁剪的文字", "竖排标签", "表单对象里的文字", "Latin"):
        assert kept in text, kept  # invisible, clipped, rotated and form text are kept, as pdfplumber keeps them
    assert text.count("某") == 2  # the fake-bold copy PDFium's text page drops is recovered
    assert "  " not in text.replace("Latin text 2021, with spaces.", "")  # no spaces PDFium invents
    page = layout.build_page(raw)
    title = next(ln for ln in page.lines if ln.text.startswith("某市人民政府"))
    assert title.bold and title.text == "某市人民政府关于印发通知的通知"
    assert len(raw.images) == 1 and len(raw.lines) == 1
    assert sorted(r.stroke for r in raw.rects) == [False, False, True, True]
    label = next(c for c in raw.chars if c.text == "竖")
    assert label.bottom - label.top > label.x1 - label.x0 - TOLERANCE  # turned text: box is one em wide


def test_open_errors_are_named(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(NotAPdfError):
        pdfium.open_pdf(empty)
    text = tmp_path / "text.pdf"
    text.write_text("这不是PDF文件", encoding="utf-8")
    with pytest.raises(NotAPdfError):
        pdfium.open_pdf(text)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    with pytest.raises(DamagedPdfError):
        pdfium.open_pdf(broken)


def test_encrypted_pdf_is_named(page_pdf, tmp_path):
    import pikepdf

    locked = tmp_path / "locked.pdf"
    with pikepdf.open(page_pdf) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    with pytest.raises(EncryptedPdfError):
        pdfium.open_pdf(locked)


def test_unreadable_page_is_yielded_not_raised(page_pdf, tmp_path):
    """A page PDFium cannot load comes back as UnreadablePage(page, reason) instead of an exception."""
    import pikepdf

    target = tmp_path / "bad-page.pdf"
    with pikepdf.open(page_pdf) as pdf:
        pdf.pages.append(pdf.pages[0])
        pdf.pages.append(pdf.pages[0])
        pdf.Root.Pages.Kids[1] = 42  # the page tree points at a number, not a page
        pdf.save(target)
    pdf = pdfium.open_pdf(target)
    try:
        got = list(pdfium.raw_pages(pdf))
    finally:
        pdf.close()
    assert isinstance(got[0], RawPage) and got[0].page == 1
    assert [type(p).__name__ for p in got[1:]] == ["UnreadablePage"] * (len(got) - 1)
    assert got[1].page == 2 and got[1].reason
