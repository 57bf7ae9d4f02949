"""The multi-producer sample set: which PDF is typeset from which source by which producer.

Usage: .venv/bin/python samples/producers.py [NAME ...]   (default: every sample)

Producers: `reportlab` (typeset.py, manifests from the placement), `html` (htmlgazette.py,
headless Chromium), `docx` (docxgazette.py, python-docx + LibreOffice). The html/docx manifests
are found in the printed PDF's text layer (probe.py).
"""
import io
import json
import re
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


def _used_gids(tounicode: bytes) -> set[int]:
    """Glyph ids a ToUnicode CMap maps (the glyphs an Identity-H font shows on its pages)."""
    gids = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", tounicode, re.S):
        gids.update(int(g, 16) for g in re.findall(rb"<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>", block))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", tounicode, re.S):
        for a, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*[<\[]", block):
            gids.update(range(int(a, 16), int(b, 16) + 1))
    return gids


def _collection_index(data: bytes, font_name: str) -> int:
    """Index of the font in an embedded TrueType collection whose PostScript name is font_name
    (without its subset tag); 0 for a single font."""
    from fontTools.ttLib import TTCollection

    if data[:4] != b"ttcf":
        return 0
    want = font_name.lstrip("/").split("+")[-1]
    fonts = TTCollection(io.BytesIO(data)).fonts
    names = [f["name"].getDebugName(6) or "" for f in fonts]
    return next((k for k, n in enumerate(names) if n.replace(" ", "") == want), 0)


def subset_big_fonts(pdf, limit=400_000):
    """Chromium embeds some large TrueType collections (AR PL UMing set in the body of a whole
    issue) without subsetting them; keep only the glyphs the text uses (glyph ids unchanged)."""
    import logging

    import pikepdf
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)   # bitmap tables (EBDT/BDF) dropped

    for font in pdf.objects:
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
            continue
        desc = font.DescendantFonts[0].get("/FontDescriptor")
        ff = desc.get("/FontFile2") if desc is not None else None
        if ff is None or len(ff.read_raw_bytes()) < limit:
            continue
        data = ff.read_bytes()
        tt = TTFont(io.BytesIO(data), fontNumber=_collection_index(data, str(desc.FontName)))
        opts = subset.Options()
        opts.retain_gids = True
        opts.notdef_outline = True
        opts.layout_features = []
        opts.hinting = False
        sub = subset.Subsetter(opts)
        sub.populate(gids=sorted(_used_gids(font.ToUnicode.read_bytes()) | {0}))
        sub.subset(tt)
        buf = io.BytesIO()
        tt.save(buf)
        ff.write(buf.getvalue())


def join_pdfs(parts, out: Path):
    import pikepdf

    pdf = pikepdf.Pdf.new()
    for p in parts:
        with pikepdf.open(p) as src:
            pdf.pages.extend(src.pages)
    subset_big_fonts(pdf)
    pdf.docinfo["/Title"] = out.stem
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             deterministic_id=True)
    pdf.close()


def build_outside(name, producer, source, style, out=OUT, params=None, docs=None):
    """html / docx: print the body, read its pages, print the front matter, join, probe.
    `params` replaces the named style's parameters (bench/variants.py: seeded variants); `docs`
    (文号 list) keeps only those documents."""
    iss = gzsource.parse(source)
    if docs is not None:
        iss = gzsource.excerpt(iss, docs)
    if producer in ("html", "weasy"):
        import htmlgazette as mod
    else:
        import docxgazette as mod
    st = dict(params if params is not None else mod.STYLES[style])
    if producer == "weasy":
        st["engine"] = "weasyprint"
        st["leader_dot_em"] = 0.5  # htmlgazette.WEASYPRINT_CSS
    gname, issue = issue_label(iss)
    st["header_text"] = gname if st["folio"] == "center" else gname + "\u3000" + issue
    pdf = Path(out) / f"{name}.pdf"
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
    (Path(out) / f"{name}.layout.json").write_text(json.dumps(m, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
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
