"""Proof of sameness: the PDFium reader (default) and the pdfplumber reader (reference) give the same pages.

Every page of every sample and corpus PDF is read by both readers and laid out (``build_page``);
the two ``PageLayout``s must have the same line texts, line boxes within 0.5 pt, the same bold
flags and sizes, the same ruling edges within 0.5 pt and the same page facts. Where they differ,
the difference must have a known, checked cause — otherwise the test fails. The report (printed,
and written to out/reader-differences.txt) lists every difference and its cause.

Known causes, each checked on the page before a difference is accepted:

- ``char_spacing``: the page sets a non-zero character spacing (``Tc``). pdfminer adds it between
  the glyphs of one show-text operator but not after its last glyph (PDF 32000 §9.3.2 adds it after
  every glyph), so on a line of several strings its glyphs lag by one ``Tc`` per string; PDFium
  places them as the specification says. Same text (Latin word spaces, which come from gaps, may
  differ), same baseline, only horizontal positions differ.
- ``zero_descent``: a font's descriptor gives ``/Ascent 0 /Descent 0`` (LibreOffice writes such
  descriptors). pdfminer takes the descent as 0, PDFium measures it on the glyphs (CheckFontMetrics:
  the bottom of ``g``), so the glyph boxes of that font sit a fraction of an em apart vertically.
  Same text (a gap between segments of a roster line may read as one more space), same horizontal
  extent, top and bottom of the line moved by less than a fifth of an em.
- ``repeated_glyph_dropped``: PDFium drops a glyph that repeats the same glyph within 0.07 em
  among the seven before it on the line (cpdf_textpage.cpp) when the copy sits inside a text
  object that also shows other text, so it cannot be recovered as a dropped object; the fake-bold
  copy that marks a line bold (假粗体) is gone. Same text, only the bold flag differs, and the
  pdfplumber reader saw more glyphs on the page.

The records of every PDF are compared in tests/test_corpus.py and test_end_to_end.py through the
``reader`` fixture (conftest.py), and as a whole in ``test_same_extraction_with_both_readers``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pikepdf
import pytest

from conftest import CORPUS, READER_NAMES, ROOT, SAMPLES
from gazette_extract import layout
from gazette_extract.models import Edge, PageLayout

TOLERANCE = 0.5  # points

PDFS = sorted(SAMPLES.glob("*.pdf")) + (sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else [])


@dataclass(frozen=True)
class Difference:
    pdf: str
    page: int
    what: str
    detail: str
    cause: str | None  # a known cause (checked on the page), or None: unexplained

    def __str__(self) -> str:
        return f"{self.pdf} p.{self.page} {self.what}: {self.detail} — {self.cause or 'UNEXPLAINED'}"


@dataclass(frozen=True)
class ReadPage:
    layout: PageLayout
    raw_glyphs: int  # non-blank glyphs the reader saw, before fake-bold merging


@cache
def read_pages(path: Path, reader: str) -> tuple[ReadPage, ...]:
    """Every page of ``path`` read by ``reader`` and laid out (cached per session)."""
    pages = []
    with layout.open_pdf(path, reader) as pdf:
        for raw in layout.READERS[reader].raw_pages(pdf.document):
            assert not isinstance(raw, layout.UnreadablePage), raw
            pages.append(ReadPage(layout.build_page(raw), sum(1 for c in raw.chars if c.text.strip())))
    return tuple(pages)


def _pages_where(path: Path, holds) -> frozenset[int]:
    """1-based numbers of the pages of ``path`` (opened with pikepdf) for which ``holds(page)``."""
    with pikepdf.open(path) as pdf:
        return frozenset(number for number, page in enumerate(pdf.pages, 1) if holds(page))


def _sets_char_spacing(page) -> bool:
    """The page's content stream sets a non-zero character spacing (``Tc``)."""
    return any(float(i.operands[0]) != 0 for i in pikepdf.parse_content_stream(page, "Tc"))


def _has_zero_descent_font(page) -> bool:
    """The page uses a font whose descriptor gives both ``/Ascent`` and ``/Descent`` as 0."""
    fonts = (page.obj.get("/Resources") or {}).get("/Font") or {}
    for _, font in fonts.items():
        for face in [font, *font.get("/DescendantFonts", [])]:
            descriptor = face.get("/FontDescriptor")
            if descriptor is not None and float(descriptor.get("/Ascent", 0)) == 0 == float(descriptor.get("/Descent", 0)):
                return True
    return False


@cache
def pages_with_char_spacing(path: Path) -> frozenset[int]:
    return _pages_where(path, _sets_char_spacing)


@cache
def pages_with_zero_descent_fonts(path: Path) -> frozenset[int]:
    return _pages_where(path, _has_zero_descent_font)


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def _edge_key(e: Edge) -> tuple[str, int, int]:
    return e.orientation, round(e.x0), round(e.top)


def unmatched_edges(a: tuple[Edge, ...], b: tuple[Edge, ...]) -> list[Edge]:
    """Edges of ``a`` with no edge of ``b`` within the tolerance (each edge of ``b`` used once)."""
    pool: dict[tuple[str, int, int], list[Edge]] = {}
    for e in b:
        pool.setdefault(_edge_key(e), []).append(e)
    missing = []
    for e in a:
        o, x, t = _edge_key(e)
        match = None
        for key in ((o, x + dx, t + dt) for dx in (0, -1, 1) for dt in (0, -1, 1)):
            for cand in pool.get(key, ()):
                if _near(cand.x0, e.x0) and _near(cand.x1, e.x1) and _near(cand.top, e.top) and _near(cand.bottom, e.bottom):
                    match = (key, cand)
                    break
            if match:
                break
        if match:
            pool[match[0]].remove(match[1])
        else:
            missing.append(e)
    return missing


def compare_page(path: Path, ref: ReadPage, new: ReadPage) -> list[Difference]:
    """Differences between the reference reader's page and the PDFium reader's, with their causes."""
    a, b = ref.layout, new.layout
    name, page = path.name, a.page
    tc = page in pages_with_char_spacing(path)
    zero_descent = page in pages_with_zero_descent_fonts(path)
    out: list[Difference] = []

    def diff(what: str, detail: str, cause: str | None) -> None:
        out.append(Difference(name, page, what, detail, cause))

    facts = ("unmapped_glyphs", "ocr_text_layer", "image_only")
    if any(getattr(a, f) != getattr(b, f) for f in facts) or not (_near(a.width, b.width) and _near(a.height, b.height)):
        diff("page", f"{[getattr(a, f) for f in facts]} vs {[getattr(b, f) for f in facts]}", None)
    texts_a, texts_b = [ln.text for ln in a.lines], [ln.text for ln in b.lines]
    if len(texts_a) != len(texts_b):
        diff("lines", f"{len(texts_a)} vs {len(texts_b)} lines", None)
    for la, lb in zip(a.lines, b.lines):
        same_text = la.text == lb.text
        same_but_spaces = la.text.replace(" ", "") == lb.text.replace(" ", "")
        vertical = _near(la.top, lb.top) and _near(la.bottom, lb.bottom)
        horizontal = _near(la.x0, lb.x0) and _near(la.x1, lb.x1)
        if not same_text or not vertical or not horizontal:
            drift = tc and same_but_spaces and vertical and lb.x1 >= la.x1 - TOLERANCE
            shift = lb.top - la.top
            shifted = (  # each font of the line by its own descent: top and bottom may move differently
                zero_descent and same_but_spaces and horizontal
                and abs(shift) <= 0.2 * la.size and abs(lb.bottom - la.bottom) <= 0.2 * la.size
            )
            diff(
                "line",
                f"{la.text[:30]!r} x {la.x0:.1f}–{la.x1:.1f} top {la.top:.1f} vs {lb.text[:30]!r} "
                f"x {lb.x0:.1f}–{lb.x1:.1f} top {lb.top:.1f}",
                "char_spacing" if drift else "zero_descent" if shifted else None,
            )
        if la.bold != lb.bold or la.size != lb.size:
            dropped = same_text and la.size == lb.size and ref.raw_glyphs > new.raw_glyphs
            diff("style", f"{la.text[:30]!r} bold {la.bold}/{lb.bold} size {la.size}/{lb.size}",
                 "repeated_glyph_dropped" if dropped else None)
    for e in unmatched_edges(a.edges, b.edges):
        diff("edge", f"only pdfplumber: {e}", None)
    for e in unmatched_edges(b.edges, a.edges):
        diff("edge", f"only pdfium: {e}", None)
    return out


def differences(paths: list[Path]) -> list[Difference]:
    found = []
    ref_reader, new_reader = "pdfplumber", "pdfium"
    assert set(READER_NAMES) == {ref_reader, new_reader}
    for path in paths:
        ref, new = read_pages(path, ref_reader), read_pages(path, new_reader)
        if len(ref) != len(new):
            found.append(Difference(path.name, 0, "pages", f"{len(ref)} vs {len(new)}", None))
        for a, b in zip(ref, new):
            found.extend(compare_page(path, a, b))
    return found


def report(found: list[Difference], paths: list[Path]) -> str:
    pages = sum(len(read_pages(p, "pdfium")) for p in paths)
    lines = [f"pdfplumber vs pdfium reader: {len(paths)} PDFs, {pages} pages, {len(found)} difference(s)"]
    by_cause: dict[str, int] = {}
    for d in found:
        by_cause[d.cause or "UNEXPLAINED"] = by_cause.get(d.cause or "UNEXPLAINED", 0) + 1
    lines += [f"  {cause}: {n}" for cause, n in sorted(by_cause.items())]
    lines += [str(d) for d in found]
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(not PDFS, reason="no sample or corpus PDF")
def test_both_readers_give_the_same_pages():
    found = differences(PDFS)
    text = report(found, PDFS)
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    (out / "reader-differences.txt").write_text(text, encoding="utf-8")
    print(text.splitlines()[0], *text.splitlines()[1:4], sep="\n")
    unexplained = [str(d) for d in found if d.cause is None]
    assert not unexplained, "\n".join(unexplained[:30])


def test_char_spacing_drift_is_pinned_where_it_shows(extractions):
    """The known causes are real: the sample typeset with Tc shows the drift, and nothing else."""
    path = SAMPLES / "gazette-b.pdf"
    if not path.is_file():
        pytest.skip("sample gazette-b is not there")
    found = differences([path])
    assert found and {d.cause for d in found} == {"char_spacing"}


def test_same_extraction_with_both_readers(extractions):
    """Every record, table and check of every sample and corpus PDF is the same with either reader
    (coordinates within 0.5 pt; only ``gazette.reader`` differs)."""
    compared = 0
    for path in PDFS:
        try:
            ref = extractions.of_path(path, "pdfplumber").model_dump(mode="json")
        except Exception as exc:  # a PDF with nothing to extract must fail alike with both readers
            with pytest.raises(type(exc)):
                extractions.of_path(path, "pdfium")
            continue
        new = extractions.of_path(path, "pdfium").model_dump(mode="json")
        assert (ref["gazette"].pop("reader"), new["gazette"].pop("reader")) == ("pdfplumber", "pdfium")
        mismatches = list(_mismatches(ref, new, path.name))
        assert not mismatches, mismatches[:10]
        compared += 1
    assert compared


def _mismatches(a, b, where: str):
    if isinstance(a, float) and isinstance(b, (int, float)):
        if abs(a - b) > TOLERANCE:
            yield where, a, b
    elif type(a) is not type(b):
        yield where, a, b
    elif isinstance(a, dict):
        for key in a.keys() | b.keys():
            yield from _mismatches(a.get(key), b.get(key), f"{where}.{key}")
    elif isinstance(a, list):
        if len(a) != len(b):
            yield f"{where} (length)", len(a), len(b)
        for i, (x, y) in enumerate(zip(a, b)):
            yield from _mismatches(x, y, f"{where}[{i}]")
    elif a != b:
        yield where, a, b


if __name__ == "__main__":  # python tests/test_readers.py [PDF ...]: print the report
    chosen = [Path(p) for p in sys.argv[1:]] or PDFS
    sys.stdout.write(report(differences(chosen), chosen))
