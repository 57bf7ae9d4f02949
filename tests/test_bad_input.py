"""Bad and partial input: one-line errors with exit code 2 and nothing written; partial PDFs
still extract, and the checks say what is missing.

Every bad file is made here, in tmp_path: empty, not a PDF, truncated, encrypted (pikepdf),
a scan without text, text with nothing to extract (reportlab), unwritable outputs. Partial
input: a one-page standalone document, the sample gazette without its 目录 pages or with a
body page removed (pikepdf), and a page with an OCR text layer over a page image.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES

FONT_FILE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
TIMEOUT = 600


# ---------------------------------------------------------------- helpers


def cli(*args: str | Path) -> subprocess.CompletedProcess:
    """Run the command line in a fresh interpreter, as a user's CI would."""
    return subprocess.run(
        [sys.executable, "-m", "gazette_extract.cli", *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT
    )


def assert_clean_error(r: subprocess.CompletedProcess, *words: str) -> None:
    """Exit 2, one line on stderr naming the problem, no traceback."""
    assert r.returncode == 2, f"exit {r.returncode}\nstdout: {r.stdout[-2000:]}\nstderr: {r.stderr[-3000:]}"
    err = r.stderr.strip()
    assert "Traceback" not in r.stderr, r.stderr
    assert err.count("\n") == 0, f"stderr is not one line:\n{r.stderr}"
    assert err.startswith("error: "), err
    for w in words:
        assert w.lower() in err.lower(), f"{w!r} not in {err!r}"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def leftovers(parent: Path, name: str) -> list[Path]:
    """Temporary or backup directories a write may leave beside OUT/."""
    return [p for p in parent.iterdir() if p.name.startswith(f".{name}.")]


def _font() -> str:
    if not FONT_FILE.is_file():
        pytest.skip(f"CJK font {FONT_FILE} not installed (make system-deps)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "TestSong" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSong", str(FONT_FILE), subfontIndex=0))
    return "TestSong"


DOC_NUMBER = "某政办发〔2021〕12号"
DOC_TITLE = "某市人民政府办公室关于做好数据核对工作的通知"
BODY = [
    "各县（市、区）人民政府，市直各有关单位：",
    "为进一步做好政务数据核对工作，经市人民政府同意，现将有关事项",
    "通知如下：各单位要明确专人负责，于每月底前完成本单位数据的核对",
    "工作，发现问题及时整改，确保数据准确完整。",
]


def _page_image(width: int = 600, height: int = 850):
    from PIL import Image, ImageDraw

    img = Image.new("L", (width, height), 235)
    draw = ImageDraw.Draw(img)
    for y in range(80, height - 80, 28):  # grey bars where a scan shows lines of text
        draw.rectangle((70, y, width - 70, y + 10), fill=120)
    return img


def make_document_pdf(path: Path, *, image_under_text: bool = False, text: bool = True, titled: bool = True) -> Path:
    """One A4 page: title, 文号, 主送, body, 落款, date — optionally over a full-page image."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    if image_under_text or not text:
        c.drawImage(ImageReader(_page_image()), 0, 0, width=width, height=height)
    if text:
        font = _font()
        y = height - 120
        if titled:
            c.setFont(font, 22)
            c.drawCentredString(width / 2, y, DOC_TITLE)
            y -= 40
            c.setFont(font, 16)
            c.drawCentredString(width / 2, y, DOC_NUMBER)
            y -= 40
        c.setFont(font, 16)
        for k, line in enumerate(BODY):
            c.drawString(80 if k == 0 else 112 if k == 1 else 80, y, line)
            y -= 28
        if titled:
            y -= 40
            c.drawRightString(width - 100, y, "某市人民政府办公室")
            c.drawRightString(width - 100, y - 28, "2021年7月1日")
            c.drawString(112, y - 70, "（此件公开发布）")
    c.showPage()
    c.save()
    return path


def sample_a() -> Path:
    path = SAMPLES / "gazette-a.pdf"
    if not path.is_file():
        pytest.skip("samples/gazette-a.pdf is not there yet")
    return path


def manifest_a() -> dict:
    path = SAMPLES / "gazette-a.layout.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def drop_pages(src: Path, dst: Path, pages: list[int]) -> Path:
    """Copy ``src`` without the given 1-based pages (pikepdf)."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        for page in sorted(pages, reverse=True):
            del pdf.pages[page - 1]
        pdf.save(dst)
    return dst


@pytest.fixture
def doc_pdf(tmp_path) -> Path:
    return make_document_pdf(tmp_path / "doc.pdf")


# ---------------------------------------------------------------- bad input → exit 2, nothing written


def test_empty_file(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    assert_clean_error(cli("extract", bad, "--out", out), "empty")
    assert not out.exists() and not leftovers(tmp_path, "out")


def test_not_a_pdf(tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("这不是PDF文件，只是一段文字。\n" * 20, encoding="utf-8")
    out = tmp_path / "out"
    assert_clean_error(cli("extract", bad, "--out", out), "not a PDF")
    assert not out.exists() and not leftovers(tmp_path, "out")


def test_missing_file(tmp_path):
    out = tmp_path / "out"
    assert_clean_error(cli("extract", tmp_path / "nowhere.pdf", "--out", out), "nowhere.pdf")
    assert not out.exists()


def test_truncated_pdf_is_damaged(tmp_path):
    """The first half of a real gazette: its xref and trailer are gone → DamagedPdfError."""
    data = sample_a().read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    assert_clean_error(cli("extract", bad, "--out", out), "damaged")
    assert not out.exists() and not leftovers(tmp_path, "out")


def test_truncated_small_pdf_is_damaged(tmp_path, doc_pdf):
    """The same for a file made here (runs without the samples)."""
    data = doc_pdf.read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    assert_clean_error(cli("extract", bad, "--out", out), "damaged")
    assert not out.exists()


def test_encrypted_pdf(tmp_path, doc_pdf):
    import pikepdf

    bad = tmp_path / "locked.pdf"
    with pikepdf.open(doc_pdf) as pdf:
        pdf.save(bad, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret", R=6))
    out = tmp_path / "out"
    assert_clean_error(cli("extract", bad, "--out", out), "encrypted", "password")
    assert not out.exists() and not leftovers(tmp_path, "out")


def test_scan_without_text_layer(tmp_path):
    bad = make_document_pdf(tmp_path / "scan.pdf", text=False)
    out = tmp_path / "out"
    assert_clean_error(cli("extract", bad, "--out", out), "OCR")
    assert not out.exists()


def test_text_with_nothing_to_extract(tmp_path):
    bad = make_document_pdf(tmp_path / "plain.pdf", titled=False)
    out = tmp_path / "out"
    assert_clean_error(cli("extract", bad, "--out", out), "nothing to extract")
    assert not out.exists()


def test_validate_reports_bad_pdf_the_same_way(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    assert_clean_error(cli("validate", bad), "empty")
    assert_clean_error(cli("validate", bad, "--json"), "empty")


def test_validate_directory_that_is_not_an_extraction(tmp_path):
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "notes.txt").write_text("x")
    assert_clean_error(cli("validate", tmp_path / "stuff"), "gazette.json")


def test_out_is_an_existing_file(tmp_path, doc_pdf):
    out = tmp_path / "out"
    out.write_text("keep me")
    assert_clean_error(cli("extract", doc_pdf, "--out", out), "cannot write")
    assert out.read_text() == "keep me"
    assert not leftovers(tmp_path, "out")


def test_out_parent_is_a_file(tmp_path, doc_pdf):
    parent = tmp_path / "parent"
    parent.write_text("a file, not a folder")
    assert_clean_error(cli("extract", doc_pdf, "--out", parent / "out"), "cannot write")
    assert parent.read_text() == "a file, not a folder"


def test_failed_run_leaves_previous_output_intact(tmp_path, doc_pdf):
    out = tmp_path / "out"
    r = cli("extract", doc_pdf, "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    before = snapshot(out)
    assert "gazette.json" in before and "checks.parquet" in before

    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    assert_clean_error(cli("extract", bad, "--out", out), "not a PDF")
    assert snapshot(out) == before
    assert not leftovers(tmp_path, "out")


def test_write_failing_midway_leaves_previous_output_intact(tmp_path, doc_pdf, monkeypatch):
    """A failure while writing the new files (disk full …) keeps the old OUT/ and cleans up."""
    from typer.testing import CliRunner

    from gazette_extract import cli as cli_module
    from gazette_extract import write

    out = tmp_path / "out"
    runner = CliRunner()
    r = runner.invoke(cli_module.app, ["extract", str(doc_pdf), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    before = snapshot(out)

    real = write.write_parquet
    calls = []

    def failing_write_parquet(where, *a, **kw):
        calls.append(where)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(where, *a, **kw)

    monkeypatch.setattr(write, "write_parquet", failing_write_parquet)
    r = runner.invoke(cli_module.app, ["extract", str(doc_pdf), "--out", str(out), "-q"])
    assert r.exit_code == 2
    assert "No space left on device" in r.stderr and r.stderr.strip().count("\n") == 0
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert snapshot(out) == before
    assert not leftovers(tmp_path, "out")


# ---------------------------------------------------------------- partial input


def test_standalone_document_page(tmp_path, doc_pdf):
    """One page with a title, 文号 and body: a standalone document, 目录 checks skipped, exit 0."""
    r = cli("validate", doc_pdf, "--json")
    summary = json.loads(r.stdout)
    failed = [c for c in summary["checks"] if not c["ok"] and not c["skipped"]]
    assert r.returncode == 0, failed
    toc = [c for c in summary["checks"] if c["check"].startswith("toc_") or c["check"] == "document_in_toc"]
    assert toc and all(c["skipped"] and c["ok"] for c in toc)

    out = tmp_path / "out"
    assert cli("extract", doc_pdf, "--out", out, "-q").returncode == 0
    extraction = json.loads((out / "gazette.json").read_text(encoding="utf-8"))
    assert extraction["gazette"]["title"] is None and extraction["toc"] == []
    (doc,) = extraction["documents"]
    assert doc["doc_number"] == DOC_NUMBER and doc["title"] == DOC_TITLE
    assert doc["issuer"] == "某市人民政府办公室" and doc["sign_date"] == "2021-07-01"
    validation = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    assert validation["ok"] and validation["skipped"] >= 5


def test_gazette_without_its_toc_pages(tmp_path):
    """The 目录 pages removed: documents and tables still come out; the 目录 checks fail and say why."""
    toc_pages = [p["page"] for p in manifest_a().get("pages", []) if p.get("kind") == "toc"] or [2]
    pdf = drop_pages(sample_a(), tmp_path / "no-toc.pdf", toc_pages)
    out = tmp_path / "out"
    r = cli("extract", pdf, "--out", out, "--strict", "-q")
    assert r.returncode == 1, r.stderr  # --strict: checks failed
    extraction = json.loads((out / "gazette.json").read_text(encoding="utf-8"))
    assert extraction["gazette"]["title"] == "朔州市人民政府公报"
    assert extraction["toc_found"] is False and extraction["toc"] == []
    numbers = {d["doc_number"] for d in extraction["documents"]}
    assert {"朔政发〔2021〕26号", "朔政办发〔2021〕32号", "朔政办函〔2021〕93号"} <= numbers
    assert extraction["tables"]
    toc = [c for c in extraction["checks"] if c["check"] in ("toc_entry_matched", "toc_page", "document_in_toc", "toc_order")]
    assert len(toc) >= 4 and all(not c["ok"] and not c["skipped"] for c in toc)
    assert all("目录 not found" in c["message"] for c in toc)

    r = cli("validate", out)
    assert r.returncode == 1 and "目录 not found" in r.stdout


def test_gazette_with_a_body_page_removed(tmp_path):
    """PDF page 10 (printed 7) removed: the continuity check names the page after the gap."""
    pdf = drop_pages(sample_a(), tmp_path / "missing-page.pdf", [10])
    r = cli("validate", pdf, "--json")
    assert r.returncode == 1, r.stderr
    checks = json.loads(r.stdout)["checks"]
    bad = [c for c in checks if c["check"] == "printed_page_continuity" and not c["ok"]]
    assert len(bad) == 1, bad
    (c,) = bad
    assert c["subject"] == "PDF p.10" and (c["expected"], c["actual"]) == ("7", "8")
    assert "7 missing" in c["message"]


def test_ocr_text_layer_page(tmp_path):
    """Text drawn over a full-page image is extracted, and a failed check says it is OCR text."""
    pdf = make_document_pdf(tmp_path / "ocr.pdf", image_under_text=True)
    r = cli("validate", pdf, "--json")
    assert r.returncode == 1, r.stderr
    checks = json.loads(r.stdout)["checks"]
    (c,) = [c for c in checks if c["check"] == "ocr_text_layer" and not c["ok"]]
    assert c["subject"] == "PDF p.1" and "OCR" in c["message"] and "may be wrong" in c["message"]

    out = tmp_path / "out"
    assert cli("extract", pdf, "--out", out, "-q").returncode == 0
    again = cli("validate", out, "--json")  # the page fact survives in gazette.json
    assert again.returncode == 1
    assert any(c["check"] == "ocr_text_layer" and not c["ok"] for c in json.loads(again.stdout)["checks"])


def _strip_unicode_maps(path: Path, font_name_part: str) -> None:
    """Remove the /ToUnicode map of the fonts whose name contains ``font_name_part`` (pikepdf)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                if font_name_part in str(font.get("/BaseFont")) and "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(path)


def test_page_whose_font_has_no_unicode_mapping(tmp_path):
    """Page 2 set in a font without ToUnicode: a failed check names it; no (cid:N) text is kept."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    kai = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
    if not kai.is_file():
        pytest.skip(f"{kai} not installed")
    font = _font()
    if "TestKai" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestKai", str(kai), subfontIndex=0))
    pdf = tmp_path / "unmapped.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont(font, 22)
    c.drawCentredString(297, 720, DOC_TITLE)
    c.setFont(font, 16)
    c.drawCentredString(297, 680, DOC_NUMBER)
    for k, line in enumerate(BODY):
        c.drawString(80, 640 - 28 * k, line)
    c.showPage()
    c.setFont("TestKai", 16)
    for k, line in enumerate(BODY[1:]):
        c.drawString(80, 700 - 28 * k, line)
    c.setFont(font, 16)
    c.drawRightString(495, 560, "某市人民政府办公室")
    c.drawRightString(495, 532, "2021年7月1日")
    c.showPage()
    c.save()
    _strip_unicode_maps(pdf, "Kai")

    out = tmp_path / "out"
    r = cli("extract", pdf, "--out", out, "--strict", "-q")
    assert r.returncode == 1, r.stderr
    extraction = json.loads((out / "gazette.json").read_text(encoding="utf-8"))
    (c,) = [c for c in extraction["checks"] if c["check"] == "unmapped_glyphs" and not c["ok"]]
    assert c["subject"] == "PDF p.2" and "Unicode" in c["message"]
    assert "(cid:" not in (out / "gazette.json").read_text(encoding="utf-8")
    again = json.loads(cli("validate", out, "--json").stdout)["checks"]
    assert [c["subject"] for c in again if c["check"] == "unmapped_glyphs" and not c["ok"]] == ["PDF p.2"]


def test_pdf_whose_only_font_has_no_unicode_mapping(tmp_path, doc_pdf):
    """No page can be read as text: a clean one-line error, nothing written."""
    _strip_unicode_maps(doc_pdf, "UMing")
    out = tmp_path / "out"
    result = cli("extract", doc_pdf, "--out", out)
    assert_clean_error(result)
    assert "Unicode" in result.stderr
    assert not out.exists()


def test_lone_table_without_text_around_it_is_extracted(tmp_path):
    """A 附件 published as nothing but a ruled table is input, not 'nothing to extract'."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font()
    pdf = tmp_path / "table.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    rows = [["序号", "项目名称", "建设地点"], ["1", "污水处理厂改造工程", "某县"], ["2", "城区供热管网工程", "某区"]]
    xs, top, h = [60, 110, 360, 520], 760, 30
    for k in range(len(rows) + 1):
        c.line(xs[0], top - k * h, xs[-1], top - k * h)
    for x in xs:
        c.line(x, top, x, top - len(rows) * h)
    c.setFont(font, 12)
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            c.drawString(xs[col] + 6, top - r * h - 20, text)
    c.showPage()
    c.save()

    out = tmp_path / "out"
    r = cli("extract", pdf, "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    (table,) = json.loads((out / "gazette.json").read_text(encoding="utf-8"))["tables"]
    assert table["columns"] == ["序号", "项目名称", "建设地点"] and table["n_rows"] == 2
    assert table["rows"][1]["texts"] == ["2", "城区供热管网工程", "某区"]
