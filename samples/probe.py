"""Layout manifest of a PDF typeset by an outside program (Chromium, LibreOffice).

The reportlab producers write their manifest from the placement they computed. The browser and
the office suite place text themselves, so their manifest is found afterwards by looking for
the source's own strings in each page's text layer (pypdfium2): the page of each document's
文号 line, of each table's first and last data row. Nothing here runs the extractor.
"""
import re
from pathlib import Path

import pypdfium2 as pdfium

_WS = re.compile(r"\s+")


def page_texts(pdf: Path) -> list[str]:
    """Text of every page with all whitespace removed."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [_WS.sub("", doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def nows(s):
    return _WS.sub("", s or "")


def model_tables(iss):
    """The tables of the model in reading order, as the reportlab manifest lists them."""
    out = []
    for di, doc in enumerate(iss["docs"]):
        att = (None, None)
        for bi, b in enumerate(doc["blocks"]):
            if b["t"] == "attachment":
                att = (b["label"], b["caption"])
            if b["t"] not in ("table", "roster2", "form"):
                continue
            info = {"id": len(out), "doc_number": doc["doc_number"], "doc_index": di, "block_index": bi,
                    "attachment_label": att[0], "caption": att[1], "heading": None}
            if b["t"] == "table":
                tb = b["table"]
                prev = doc["blocks"][bi - 1]
                if prev["t"] == "heading":
                    info["heading"] = prev["text"]
                data = [r for r in tb["rows"] if r["kind"] == "row"]
                info.update(kind="table", columns=tb["ncols"], data_rows=len(data),
                            section_rows=sum(1 for r in tb["rows"] if r["kind"] == "section"),
                            first=data[0]["cells"], last=data[-1]["cells"], all=[r["cells"] for r in data],
                            header=[h[0] for h in tb["header"]],
                            last_cells=sorted(data[-1]["cells"], key=lambda c: -len(nows(c)))[:1])
            elif b["t"] == "roster2":
                info.update(kind="roster", columns=4, data_rows=len(b["rows"]), section_rows=0,
                            first=[b["rows"][0][0].split("：")[-1]], last=[b["rows"][-1][2] or b["rows"][-1][0]],
                            all=[[r[0].split("：")[-1], r[2]] for r in b["rows"]], header=[], last_cells=[])
            else:
                rows = b["form"]["rows"]
                info.update(kind="form", columns=6, data_rows=len(rows), section_rows=0,
                            first=[rows[0][0][0]], last=[rows[-1][0][0]], all=[[c[0] for c in r] for r in rows],
                            header=[], last_cells=[rows[-1][0][0]])
            out.append(info)
    return out


def _probes(cells, rows, n=7):
    """Probes for a row, best first: the first n characters of its cells whose start no other cell
    of the table shares (so "承接后，通过以下措施…" in every row is not taken), longest cell first."""
    count = {}
    for r in rows:
        for c in r:
            count[nows(c)[:n]] = count.get(nows(c)[:n], 0) + 1
    texts = sorted((nows(c) for c in cells if nows(c)), key=len, reverse=True)
    unique = [c[:n] for c in texts if count.get(c[:n]) == 1]
    return unique or [c[:n] for c in texts]


def _tail(text, n=7):
    return nows(text)[-n:] if len(nows(text)) >= 2 * n else ""


def _find_any(texts, probes, start, stop):
    """The page of the first probe (in order) that is found at all between start and stop."""
    for p in probes:
        hit = _find(texts, [p], start, stop)
        if hit is not None:
            return hit
    return None


def _find(texts, probes, start, stop=None):
    """First page index >= start whose text holds any probe."""
    stop = len(texts) if stop is None else stop
    for i in range(start, stop):
        if any(p and p in texts[i] for p in probes):
            return i
    return None


def manifest(iss, pdf: Path, style: str, source: str, n_front: int, header_text: str, folio: str):
    """The manifest fields the end-to-end tests read (pages 1-based, printed = index - n_front)."""
    texts = page_texts(pdf)
    total = len(texts)
    back_title = nows(iss["back"]["title"])
    back_page = max(i for i, t in enumerate(texts) if back_title in t)
    # each 文号 is printed in the 目录 and above its own document only
    starts, pos = [], n_front
    for doc in iss["docs"]:
        i = _find(texts, [nows(doc["doc_number"])], pos)
        if i is None:
            raise RuntimeError(f"{pdf.name}: 文号 {doc['doc_number']} not found in the body")
        starts.append(i)
        pos = i
    # a title may sit on the page before its 文号 line (title at the foot of a page)
    for k, doc in enumerate(iss["docs"]):
        head = nows(doc["title"])[:10]
        i = starts[k]
        if head and head not in texts[i].split(nows(doc["doc_number"]))[0] and i > n_front and head in texts[i - 1]:
            starts[k] = i - 1
    docs = []
    for k, doc in enumerate(iss["docs"]):
        nxt = starts[k + 1] if k + 1 < len(starts) else back_page
        end = nxt
        if k + 1 < len(starts):
            nd = iss["docs"][k + 1]
            before = texts[nxt].split(nows(nd["title"])[:10])[0]
            if not nows(before.replace(nows(header_text), "")) or re.fullmatch(r"[\W\d·—–]*", before.replace(nows(header_text), "")):
                end = nxt - 1
        else:
            before = texts[back_page].split(back_title)[0]
            if re.fullmatch(r"[\W\d·—–]*", before.replace(nows(header_text), "")):
                end = back_page - 1
        docs.append({"doc_number": doc["doc_number"], "title": doc["title"], "page_start": starts[k] + 1,
                     "page_end": max(end, starts[k]) + 1, "printed_page_start": starts[k] + 1 - n_front,
                     "printed_page_end": max(end, starts[k]) + 1 - n_front})
    by_doc = {d["doc_number"]: d for d in docs}
    tables, anchor_page, doc_seen = [], 0, None
    for t in model_tables(iss):
        d = by_doc[t["doc_number"]]
        if t["doc_number"] != doc_seen:
            doc_seen, anchor_page = t["doc_number"], d["page_start"] - 1
        # anchor: the 附件 label + caption printed above the table, or its category heading
        anchor = nows(t["heading"]) if t["heading"] else nows((t["attachment_label"] or "") + (t["caption"] or ""))
        hit = _find(texts, [anchor], anchor_page, d["page_end"])
        if hit is not None:
            anchor_page = hit
        rows = t.pop("all")
        head = nows("".join(t.pop("header")))[:8]
        tails = [_tail(c) for c in t.pop("last_cells")]
        first, last = _probes(t.pop("first"), rows), _probes(t.pop("last"), rows)
        if max(map(len, first), default=0) < 4:      # rows of numbers only (a template): the header
            first = [head]
        ps = _find_any(texts, first, anchor_page, d["page_end"])
        pe = None
        if ps is not None and max(map(len, last), default=0) < 4:
            pe = ps
        elif ps is not None:
            pe = _find_any(texts, last, ps, d["page_end"])
        t["tails"] = [x for x in tails if x]
        t["page_start"] = None if ps is None else ps + 1
        t["page_end"] = None if pe is None else pe + 1
        tables.append(t)
    # a last row split by a page break ends where the tail of its longest cell is printed: the
    # last page, before the next table of the document starts, that shows that tail
    for k, t in enumerate(tables):
        tails = t.pop("tails")
        if t["page_end"] is None or not tails:
            continue
        nxt = tables[k + 1] if k + 1 < len(tables) else None
        limit = by_doc[t["doc_number"]]["page_end"]
        if nxt is not None and nxt["doc_number"] == t["doc_number"] and nxt["page_start"]:
            limit = nxt["page_start"]
        hits = [i for i in range(t["page_end"] - 1, limit) if any(x in texts[i] for x in tails)]
        if hits:
            t["page_end"] = max(t["page_end"], hits[-1] + 1)
    toc = []
    for e in iss["toc"]:
        toc.append({"section": e["section"], "title": e["title"], "doc_number": e["doc_number"],
                    "printed_page": by_doc[e["doc_number"]]["printed_page_start"],
                    "toc_page": _find(texts, [nows(e["doc_number"])], 0) + 1})
    return {
        "pdf": pdf.name, "style": style, "source": source, "total_pages": total,
        "first_body_page": n_front + 1, "printed_page_offset": n_front,
        "furniture": {"header_text": header_text, "folio": folio},
        "toc": toc, "documents": docs, "tables": tables,
    }
