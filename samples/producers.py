"""The multi-producer sample set: which PDF is typeset from which source by which producer.

Usage: .venv/bin/python samples/producers.py [NAME ...]   (default: every sample)

Producers: `reportlab` (typeset.py, manifests from the placement), `html` (htmlgazette.py,
headless Chromium), `docx` (docxgazette.py, python-docx + LibreOffice). The html/docx manifests
are found in the printed PDF's text layer (probe.py).
"""
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import gzsource  # noqa: E402
import probe     # noqa: E402

OUT = Path(__file__).parent
SRC = OUT / "source"
SEED = SRC / "shuozhou-gazette-2021-04.txt"
SECOND = SRC / "sangyuan-gazette-2022-02.txt"

# name → (producer, source text, style)
SAMPLES = {
    "gazette-a": ("reportlab", SEED, "a"),
    "gazette-b": ("reportlab", SEED, "b"),
    "gazette-html": ("html", SEED, "serif"),
    "gazette-docx": ("docx", SEED, "song"),
    "sangyuan-a": ("reportlab", SECOND, "a"),
    "sangyuan-html": ("html", SECOND, "kai"),
    "sangyuan-docx": ("docx", SECOND, "fangsong"),
}


def issue_label(iss):
    """Running-header text: the gazette's name (and, for some styles, its issue)."""
    return iss["cover"]["name"], iss["cover"]["issue"].split("（")[0]


def join_pdfs(parts, out: Path):
    import pikepdf

    pdf = pikepdf.Pdf.new()
    for p in parts:
        with pikepdf.open(p) as src:
            pdf.pages.extend(src.pages)
    pdf.docinfo["/Title"] = out.stem
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             deterministic_id=True)
    pdf.close()


def build_outside(name, producer, source, style):
    """html / docx: print the body, read its pages, print the front matter, join, probe."""
    iss = gzsource.parse(source)
    if producer == "html":
        import htmlgazette as mod
    else:
        import docxgazette as mod
    st = dict(mod.STYLES[style])
    gname, issue = issue_label(iss)
    st["header_text"] = gname if st["folio"] == "center" else gname + "\u3000" + issue
    pdf = OUT / f"{name}.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        body, front = Path(tmp) / "body.pdf", Path(tmp) / "front.pdf"
        mod.print_body(iss, st, body)
        m0 = probe.manifest(iss, body, style, source.name, 0, st["header_text"], st["folio"])
        printed = {d["doc_number"]: d["printed_page_start"] for d in m0["documents"]}
        mod.print_front(iss, st, printed, front)
        join_pdfs([front, body], pdf)
        n_front = len(probe.page_texts(front))
    m = probe.manifest(iss, pdf, style, f"samples/source/{source.name}", n_front, st["header_text"],
                       "— N — centred" if st["folio"] == "center" else "·N· outer corner")
    m["producer"] = producer
    (OUT / f"{name}.layout.json").write_text(json.dumps(m, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return m


def build(name):
    producer, source, style = SAMPLES[name]
    if producer == "reportlab":
        import typeset
        return typeset.build(style, source=source, name=name)
    return build_outside(name, producer, source, style)


if __name__ == "__main__":
    names = sys.argv[1:] or list(SAMPLES)
    for n in names:
        t0 = time.time()
        m = build(n)
        print("%s.pdf: %d pages (%.1fs)" % (n, m["total_pages"], time.time() - t0))
