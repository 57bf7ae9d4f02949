"""Typeset the sample gazette PDFs (gazette-a.pdf, gazette-b.pdf) and their layout manifests.

Usage: .venv/bin/python samples/typeset.py [a|b ...]
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import engine as E                # noqa: E402
import gzsource                   # noqa: E402
from styles import STYLES         # noqa: E402

OUT = Path(__file__).parent
CH = "　"


def attachment_orients(doc, st):
    """For style B: attachments containing a wide table go on landscape pages."""
    res = {}
    cur = None
    for bi, b in enumerate(doc["blocks"]):
        if b["t"] == "attachment":
            cur = bi
            res[cur] = "P"
        elif b["t"] == "table" and cur is not None and st["landscape"](b["table"]):
            res[cur] = "L"
    return res


class Typesetter:
    def __init__(self, iss, st):
        self.iss, self.st = iss, st
        self.flow = E.Flow(st)
        self.tables = []
        self.cells = []
        self.regions = []
        self.docs = []

    # -- helpers
    def lines(self, text, font, size, lead, align="justify", indent_chars=0, flags=(), x_indent=0.0,
              width=None, keep_with_next=0):
        f = self.flow
        width = width if width is not None else f.width - x_indent
        ind = indent_chars * size
        ls = E.wrap(text, font, size, width, ind)
        if keep_with_next:
            f.need(lead * (min(len(ls), 2) + keep_with_next))
        return E.put_lines(f, ls, font, size, lead, f.left + x_indent, width, align, ind, flags)

    def body(self, text, flags=(), **kw):
        st = self.st
        return self.lines(text, st["body_font"], st["body_size"], st["leading"], flags=flags, **kw)

    def record_cell(self, tinfo):
        def rec(d):
            d = dict(d)
            d["table"] = tinfo["id"]
            if d["kind"] == "region":
                self.regions.append({"page": d["page"] + 1, "bbox": [round(v, 2) for v in d["bbox"]],
                                     "table": tinfo["id"]})
                tinfo["pages"].add(d["page"] + 1)
                return
            d["page"] += 1
            d["bbox"] = [round(v, 2) for v in d["bbox"]]
            self.cells.append(d)
        return rec

    # -- document
    def run(self):
        st, f = self.st, self.flow
        f.new_page("body", "P")
        for di, doc in enumerate(self.iss["docs"]):
            self.doc(di, doc)
        # back matter
        bm = self.iss["back"]
        f.new_page("body", "P")
        f.y += st["leading"] * 2
        self.lines(bm["title"], st["title_font"], st["title_size"] - 2, st["title_lead"], align="center",
                   flags=("bold",))
        f.y += st["leading"]
        for b in bm["blocks"]:
            self.body(b["text"], indent_chars=2)
        return f.pages

    def doc(self, di, doc):
        st, f = self.st, self.flow
        flags = ("kangxi",) if doc["doc_number"] in st.get("kangxi_docs", ()) else ()
        if di > 0:
            if st["doc_new_page"] or f.orient != "P":
                f.new_page("body", "P")
            else:
                f.space(st["doc_gap"])
                if st.get("keep_title", True):  # False: a page break may cut the title (as Chromium does)
                    f.need(st["title_lead"] * 2 + st["leading"] * 5)
        start = f.idx()
        f.y += st["title_space_before"] if f.y <= f.top + 0.1 else 0
        self.lines(doc["title"], st["title_font"], st["title_size"], st["title_lead"], align="center",
                   flags=("bold",), x_indent=st["title_inset"], width=f.width - 2 * st["title_inset"])
        f.y += st["leading"] * 0.4
        # 文号 centred under the title (most gazettes) or set flush right (st["docno_align"])
        self.body(doc["doc_number"], align=st.get("docno_align", "center"))
        f.y += st["leading"] * 0.6
        orients = attachment_orients(doc, st) if st["landscape_attachments"] else {}
        tcount = 0
        cur_att = (None, None)
        for bi, b in enumerate(doc["blocks"]):
            t = b["t"]
            if t == "addressee":
                self.body(b["text"], align="left")
            elif t == "para":
                self.body(b["text"], indent_chars=st.get("body_indent", 2), flags=flags)
            elif t == "heading":
                nxt = doc["blocks"][bi + 1]["t"] if bi + 1 < len(doc["blocks"]) else None
                f.need(st["leading"] * 2 + (110 if nxt == "table" else 0))
                self.lines(b["text"], st["head_font"], st["body_size"], st["leading"],
                           indent_chars=st.get("body_indent", 2), flags=flags)
            elif t == "field":
                self.body(b["text"], indent_chars=st.get("body_indent", 2), align="left")
            elif t == "attlist":
                f.y += st["leading"] * 0.5
                lab = b["items"][0].split("：")[0] + "："
                lw = E.text_w(lab, st["body_font"], st["body_size"])
                ind = 2 * st["body_size"]
                first = b["items"][0]
                # label + first item on one line, following items aligned under the first item
                ls = E.wrap(first[len(lab):], st["body_font"], st["body_size"], f.width - ind - lw)
                f.need(st["leading"])
                f.text(f.left + ind, E.baseline(f.y, st["leading"], st["body_size"]), lab, st["body_font"],
                       st["body_size"])
                E.put_lines(f, ls, st["body_font"], st["body_size"], st["leading"], f.left + ind + lw,
                            f.width - ind - lw, "left")
                for it in b["items"][1:]:
                    self.lines(it, st["body_font"], st["body_size"], st["leading"], align="left",
                               x_indent=ind + lw)
            elif t == "signature":
                f.y += st["leading"] * 1.5
                f.need(st["leading"] * 2)
                self.sig_w = E.text_w(b["text"], st["body_font"], st["body_size"])
                self.body(b["text"], align="right", width=f.width - 2 * st["body_size"])
            elif t == "date":
                # date centred under the signature, as in 公文
                dw = E.text_w(b["text"], st["body_font"], st["body_size"])
                right = f.width - 2 * st["body_size"]
                x_ind = right - self.sig_w / 2 - dw / 2
                self.lines(b["text"], st["body_font"], st["body_size"], st["leading"], align="left",
                           x_indent=max(x_ind, 0))
            elif t == "note":
                self.body(b["text"], indent_chars=st.get("body_indent", 2), align="left")
            elif t == "enclosure":
                if st["doc_new_page"]:
                    f.new_page("body", "P")
                else:
                    f.space(st["leading"] * 1.5)
                    f.need(st["title_lead"] * 2 + st["leading"] * 3)
                f.y += st["leading"] * 0.5
                self.lines(b["text"], st["title_font"], st["title_size"] - 2, st["title_lead"], align="center",
                           flags=("bold",), x_indent=st["title_inset"], width=f.width - 2 * st["title_inset"])
                f.y += st["leading"] * 0.6
            elif t == "attachment":
                o = orients.get(bi, "P")
                if st["doc_new_page"] or o != "P" or f.orient != "P":
                    f.new_page("body", o)
                else:
                    f.space(st["leading"] * 1.5)
                    f.need(st["title_lead"] * 2 + st["leading"] * 4)
                self.lines(b["label"], st["head_font"], st["body_size"] + 1, st["leading"], align="left")
                f.y += st["leading"] * 0.3
                self.lines(b["caption"], st["head_font"], st["caption_size"], st["caption_size"] * 1.6,
                           align="center", flags=("bold",) if st.get("bold_captions") else ())
                f.y += st["leading"] * 0.5
                cur_att = (b["label"], b["caption"])
            elif t == "subcaption":
                self.body(b["text"], align="center")
                f.y += st["leading"] * 0.3
            elif t == "rosterline":
                self.rosterline(b["text"])
            elif t == "roster2":
                self.roster2(di, bi, doc, b, cur_att)
            elif t == "table":
                tinfo = {"id": len(self.tables), "doc_number": doc["doc_number"], "doc_index": di,
                         "block_index": bi, "attachment_label": cur_att[0], "caption": cur_att[1],
                         "kind": "table", "pages": set(), "columns": b["table"]["ncols"],
                         "data_rows": sum(1 for r in b["table"]["rows"] if r["kind"] == "row"),
                         "section_rows": sum(1 for r in b["table"]["rows"] if r["kind"] == "section")}
                prev = doc["blocks"][bi - 1]
                if prev["t"] == "heading" and bi > 0:
                    tinfo["heading"] = prev["text"]
                self.tables.append(tinfo)
                f.y += 2
                E.layout_table(f, b["table"], st, f.left, f.width, self.record_cell(tinfo), flags)
                f.y += st["leading"] * 0.6
                tcount += 1
            elif t == "form":
                self.form(di, bi, doc, b, cur_att)
            else:
                raise ValueError(t)
        self.docs.append({"doc_number": doc["doc_number"], "title": doc["title"], "page_start": start + 1,
                          "page_end": f.idx() + 1})

    def rosterline(self, text):
        st, f = self.st, self.flow
        fs = st["body_size"]
        labcol = 5 * fs
        if "：" in text:
            lab, rest = text.split("：", 1)
            lab += "："
        else:
            lab, rest = "", text
        # names like "高 才" keep their inner space
        parts = rest.rsplit(" ", 1)
        name, pos = (parts[0], parts[1]) if len(parts) == 2 else (rest, "")
        f.need(st["leading"])
        y = E.baseline(f.y, st["leading"], fs)
        x = f.left + 2 * fs
        if lab:
            f.text(x + labcol - E.text_w(lab, st["body_font"], fs), y, lab, st["body_font"], fs)
        f.text(x + labcol, y, name, st["body_font"], fs)
        ls = E.wrap(pos, st["body_font"], fs, f.width - 2 * fs - labcol - 4.5 * fs)
        E.put_lines(f, ls, st["body_font"], fs, st["leading"], x + labcol + 4.5 * fs,
                    f.width - 2 * fs - labcol - 4.5 * fs, "left")

    def roster2(self, di, bi, doc, b, cur_att):
        """Borderless two-column roster: [label] name  position | name  position."""
        st, f = self.st, self.flow
        fs = st["body_size"]
        lead = st["leading"]
        tinfo = {"id": len(self.tables), "doc_number": doc["doc_number"], "doc_index": di, "block_index": bi,
                 "attachment_label": cur_att[0], "caption": cur_att[1], "kind": "roster", "pages": set(),
                 "columns": 4, "data_rows": len(b["rows"]), "section_rows": 0}
        self.tables.append(tinfo)
        rec = self.record_cell(tinfo)
        half = f.width / 2
        labw = 4 * fs
        namew = 4 * fs
        posw = half - labw - namew - fs
        seg_top = None
        for ri, row in enumerate(b["rows"]):
            lab, nl = ("", row[0])
            if "：" in row[0]:
                lab, nl = row[0].split("：", 1)
                lab += "："
            lpos = E.wrap(row[1], st["body_font"], fs, posw) if row[1] else []
            rpos = E.wrap(row[3], st["body_font"], fs, posw + labw) if row[3] else []
            h = max(len(lpos), len(rpos), 1) * lead
            if f.y + h > f.bottom or seg_top is None:
                if seg_top is not None:
                    rec({"kind": "region", "page": f.idx(), "bbox": [f.left, seg_top, f.right, f.y]})
                f.need(h)
                seg_top = f.y
            y0 = f.y
            bl = E.baseline(y0, lead, fs)
            x = f.left
            if lab:
                f.text(x + labw - E.text_w(lab, st["body_font"], fs), bl, lab, st["body_font"], fs)
            cells = []
            if nl:
                f.text(x + labw, bl, nl, st["body_font"], fs)
                cells.append((0, [x, y0, x + labw + namew, y0 + lead]))
            for k, ln in enumerate(lpos):
                f.text(x + labw + namew, E.baseline(y0 + k * lead, lead, fs), ln, st["body_font"], fs)
            if lpos:
                cells.append((1, [x + labw + namew, y0, x + half, y0 + len(lpos) * lead]))
            x = f.left + half
            if row[2]:
                f.text(x, bl, row[2], st["body_font"], fs)
                cells.append((2, [x, y0, x + namew, y0 + lead]))
            for k, ln in enumerate(rpos):
                f.text(x + namew, E.baseline(y0 + k * lead, lead, fs), ln, st["body_font"], fs)
            if rpos:
                cells.append((3, [x + namew, y0, f.right, y0 + len(rpos) * lead]))
            for c, bb in cells:
                rec({"kind": "cell", "page": f.idx(), "r": ri, "c": c, "bbox": bb})
            f.y += h
        rec({"kind": "region", "page": f.idx(), "bbox": [f.left, seg_top, f.right, f.y]})

    def form(self, di, bi, doc, b, cur_att):
        """Ruled form: each row divides a 6-column grid by its own spans."""
        st, f = self.st, self.flow
        tinfo = {"id": len(self.tables), "doc_number": doc["doc_number"], "doc_index": di, "block_index": bi,
                 "attachment_label": cur_att[0], "caption": cur_att[1], "kind": "form", "pages": set(),
                 "columns": 6, "data_rows": len(b["form"]["rows"]), "section_rows": 0}
        self.tables.append(tinfo)
        rec = self.record_cell(tinfo)
        lay = E.TableLayout({"ncols": 6, "rows": [], "header": []}, f.width, st)
        grid = [0.13, 0.2, 0.13, 0.2, 0.13, 0.21]
        X = [f.left]
        for g in grid:
            X.append(X[-1] + g * f.width)
        seg_top = f.y
        for ri, row in enumerate(b["form"]["rows"]):
            c = 0
            geo = []
            h = lay.lead + 2 * lay.vpad
            for txt, span in row:
                x0, x1 = X[c], X[c + span]
                geo.append((c, txt, x0, x1))
                h = max(h, lay.cell_h(txt, x1 - x0))
                c += span
            if len(row) == 1 and not row[0][0].startswith(("一、", "二、", "三、", "四、")) and \
                    ("请" in row[0][0]):
                h = max(h, lay.lead * 5)          # writing space
            if f.y + h > f.bottom:
                rec({"kind": "region", "page": f.idx(), "bbox": [X[0], seg_top, X[-1], f.y]})
                f.line(X[0], f.y, X[-1], f.y, 0.9)
                f.new_page()
                seg_top = f.y
            top = f.y
            for c, txt, x0, x1 in geo:
                f.line(x0, top, x1, top, 0.45)
                f.line(x0, top, x0, top + h, 0.45)
                f.line(x1, top, x1, top + h, 0.45)
                if txt:
                    al = "left" if len(row) == 1 or "□" in txt else "center"
                    bb = E.draw_cell_text(f, lay, x0, top, x1 - x0, h if "请" not in txt else lay.cell_h(txt, x1 - x0), txt, st["table_font"], (), align=al)
                    rec({"kind": "cell", "page": f.idx(), "r": ri, "c": c, "bbox": bb})
            f.y += h
        f.line(X[0], f.y, X[-1], f.y, 0.9)
        rec({"kind": "region", "page": f.idx(), "bbox": [X[0], seg_top, X[-1], f.y]})


# ---------------------------------------------------------------- front matter

def cover_page(iss, st):
    p = E.Page(st.get("page_size", E.A4), "cover")
    cv = iss["cover"]
    W, H = p.size
    def ctext(y, s, font, size, flags=()):
        w = E.text_w(s, font, size)
        p.ops.append(("text", (W - w) / 2, y, s, font, size, 0.0, flags))
    ctext(H * 0.24, cv["name"], st["title_font"], 34, ("bold",))
    ctext(H * 0.24 + 30, cv["pinyin"], st["body_font"], 10)
    p.ops.append(("line", 90, H * 0.24 + 44, W - 90, H * 0.24 + 44, 1.6))
    p.ops.append(("line", 90, H * 0.24 + 48, W - 90, H * 0.24 + 48, 0.5))
    ctext(H * 0.24 + 84, cv["issue"], st["head_font"], 16)
    ctext(H * 0.80, cv["host"], st["body_font"], 14)
    ctext(H * 0.80 + 26, cv["published"], st["body_font"], 14)
    return p


def toc_pages(iss, st, doc_pages):
    """目录: section headers, titles (wrapped), 文号 with dotted leaders to the printed page."""
    f = E.Flow(st)
    f.new_page("toc", "P")
    fs = st["body_size"]
    lead = st["leading"]
    f.y += lead
    E.put_lines(f, ["目　录"], st["title_font"], st["title_size"] + 2, st["title_lead"] * 1.3, f.left, f.width,
                "center")
    f.y += lead * 0.5
    entries = []
    sec = None
    for e in iss["toc"]:
        if e["section"] != sec:
            sec = e["section"]
            f.need(lead * 4)
            f.y += lead * 0.4
            E.put_lines(f, ["【" + sec + "】"], st["head_font"], fs + 1, lead * 1.2, f.left, f.width, "left")
        n = doc_pages[e["doc_number"]]
        ls = E.wrap(e["title"], st["body_font"], fs, f.width - 4 * fs)
        f.need(lead * (len(ls) + 1))
        E.put_lines(f, ls, st["body_font"], fs, lead, f.left + fs, f.width - 4 * fs, "left")
        y = E.baseline(f.y, lead, fs)
        x0 = f.left + 3 * fs
        f.text(x0, y, e["doc_number"], st["body_font"], fs)
        num = str(n)
        nw = E.text_w(num, st["body_font"], fs)
        f.text(f.right - nw, y, num, st["body_font"], fs)
        dx0 = x0 + E.text_w(e["doc_number"], st["body_font"], fs) + 4
        dw = E.text_w(".", st["body_font"], fs)
        ndots = int((f.right - nw - 4 - dx0) / (dw + 1.5))
        f.text(dx0, y, "." * ndots, st["body_font"], fs, 1.5)
        entries.append({"section": sec, "title": e["title"], "doc_number": e["doc_number"], "printed_page": n,
                        "toc_page": f.idx() + 2})
        f.y += lead * 1.25
    return f.pages, entries


# ---------------------------------------------------------------- furniture

def make_furniture(st, first_body_pdf_index):
    def furniture(c, pg):
        if pg.kind != "body":
            return
        W, H = pg.size
        m = st["margins"]
        n = pg.printed
        fs = st["furniture_size"]
        c.setLineWidth(0.8)
        if st["folio_style"] == "center":
            c.setFont(st["body_font"], fs + 1)
            c.drawCentredString(W / 2, H - st["header_y"], st["header_text"])
            c.line(m[2], H - st["header_y"] - 6, W - m[3], H - st["header_y"] - 6)
            c.setFont(st["body_font"], fs + 1)
            c.drawCentredString(W / 2, st["footer_y"], "— %d —" % n)
        else:
            odd = n % 2 == 1
            c.setFont(st["head_font"], fs)
            txt = st["header_text"]
            if odd:
                c.drawRightString(W - m[3], H - st["header_y"], txt)
            else:
                c.drawString(m[2], H - st["header_y"], txt)
            c.line(m[2], H - st["header_y"] - 5, W - m[3], H - st["header_y"] - 5)
            c.setLineWidth(0.3)
            c.line(m[2], H - st["header_y"] - 7, W - m[3], H - st["header_y"] - 7)
            c.setFont(st["body_font"], fs + 1)
            s = "·%d·" % n
            if odd:
                c.drawRightString(W - m[3], st["footer_y"], s)
            else:
                c.drawString(m[2], st["footer_y"], s)
    return furniture


def build(style_key, source=gzsource.SEED, name=None, out=OUT, style=None, docs=None):
    """Typeset `source` in style a/b into <out>/<name>.pdf (default samples/gazette-<style>.pdf);
    `style` replaces the named style's parameters (bench/variants.py: seeded variants); `docs`
    (文号 list) keeps only those documents."""
    st = dict(style if style is not None else STYLES[style_key])
    E.register_fonts()
    iss = gzsource.parse(source)
    if docs is not None:
        iss = gzsource.excerpt(iss, docs)
    if source != gzsource.SEED:
        # the running header names this issue's gazette (style b: and its issue)
        gname, issue = iss["cover"]["name"], iss["cover"]["issue"].split("（")[0]
        st["header_text"] = gname if st["folio_style"] == "center" else gname + CH + issue
        st["pdf_title"] = gname + " " + issue
        st.pop("kangxi_docs", None)
    name = name or "gazette-%s" % style_key
    ts = Typesetter(iss, st)
    body = ts.run()
    for k, p in enumerate(body):
        p.printed = k + 1
    doc_pages = {d["doc_number"]: d["page_start"] for d in ts.docs}
    toc, toc_entries = toc_pages(iss, st, doc_pages)
    front = [cover_page(iss, st)] + toc
    off = len(front)
    pages = front + body
    pdf = Path(out) / (name + ".pdf")
    E.render(pages, pdf, st, make_furniture(st, off))
    for e in toc_entries:
        e["toc_page"] = e["toc_page"]
    docs = []
    for d in ts.docs:
        docs.append({"doc_number": d["doc_number"], "title": d["title"], "page_start": d["page_start"] + off,
                     "page_end": d["page_end"] + off, "printed_page_start": d["page_start"],
                     "printed_page_end": d["page_end"]})
    tables = []
    for t in ts.tables:
        pg = sorted(t["pages"])
        tables.append({"id": t["id"], "kind": t["kind"], "doc_number": t["doc_number"],
                       "doc_index": t["doc_index"], "block_index": t["block_index"],
                       "attachment_label": t["attachment_label"], "caption": t["caption"],
                       "heading": t.get("heading"), "columns": t["columns"], "data_rows": t["data_rows"],
                       "section_rows": t["section_rows"], "page_start": pg[0] + off, "page_end": pg[-1] + off})
    for r in ts.regions:
        r["page"] += off
    for c in ts.cells:
        c["page"] += off
    manifest = {
        "pdf": pdf.name, "style": style_key, "source": "samples/source/" + source.name, "producer": "reportlab",
        "total_pages": len(pages), "first_body_page": off + 1,
        "printed_page_offset": off,
        "pages": [{"page": i + 1, "size": [round(p.w, 2), round(p.h, 2)], "kind": p.kind,
                   "printed": p.printed} for i, p in enumerate(pages)],
        "furniture": {"header_bottom": st["margins"][0] - 6, "footer_top_from_bottom": st["margins"][1] - 6,
                      "header_text": st["header_text"],
                      "folio": "— N — centred" if st["folio_style"] == "center" else "·N· outer corner"},
        "toc": [{k: e[k] for k in ("section", "title", "doc_number", "printed_page", "toc_page")}
                for e in toc_entries],
        "documents": docs,
        "tables": tables,
        "table_regions": ts.regions,
        "cells": ts.cells,
        "defects": st.get("defects_doc", {}),
    }
    (Path(out) / (name + ".layout.json")).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    import time
    keys = sys.argv[1:] or ["a", "b"]
    for k in keys:
        t0 = time.time()
        m = build(k)
        print("gazette-%s.pdf: %d pages (%.1fs)" % (k, m["total_pages"], time.time() - t0))
