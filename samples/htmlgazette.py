"""Producers `html` and `weasy`: the gazette model as HTML, printed to PDF by headless Chromium
(`html`) or by WeasyPrint (`weasy`: its own layout engine on Pango, its own PDF writer).

The body (documents + back matter) and the front matter (cover + 目录) are printed separately and
joined, so the body's page counter starts at 1 like a printed gazette's; the 目录's page numbers
are read from the printed body (probe.py). Running header and folio are CSS @page margin boxes.
"""
import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CH = "\u3000"            # full-width space: pads names and spaces role labels (张　祥, 主　任：)

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--hide-scrollbars"]


def esc(s):
    return html.escape(s or "", quote=True).replace("\n", "<br>")


def pad_name(name):
    """Roster name as printed in running text: spaces removed, two characters padded to three."""
    n = re.sub(r"\s+", "", name)
    return n[0] + CH + n[1] if len(n) == 2 else n


def spaced_label(label):
    """Role label spaced to the width of three characters: 主任 → 主　任, 成员 → 成　员."""
    lab = re.sub(r"\s+", "", label).rstrip("：")
    return (lab[0] + CH + lab[1] if len(lab) == 2 else lab) + "："


def split_roster_line(text):
    """'label：name position' / 'name position' (model rosterline) → (label, name, position)."""
    lab, rest = ("", text)
    if "：" in text:
        lab, rest = text.split("：", 1)
    parts = rest.rsplit(" ", 1)
    name, pos = (parts[0], parts[1]) if len(parts) == 2 else (rest, "")
    return lab, name, pos


def split_title(title, issuers):
    """Issuer line and subject line (关于…的通知) of a document title; issuer '' when absent."""
    for iss in sorted(issuers, key=len, reverse=True):
        if title.startswith(iss) and title[len(iss):].startswith("关于"):
            return iss, title[len(iss):]
    return "", title


# ------------------------------------------------------------------------------ tables

def rowspans(tb):
    """Rows × columns → rowspan of the cell starting there (0 = covered by a span above)."""
    rows = tb["rows"]
    span = [[1] * tb["ncols"] for _ in rows]
    for i, r in enumerate(rows):
        if r["kind"] != "row":
            continue
        for c in r["cont"]:
            span[i][c] = 0
            k = i - 1
            while span[k][c] == 0:
                k -= 1
            span[k][c] += 1
    return span


def row_cells(tb, spans, i):
    """The cells that start in data row i: (column, rowspan, colspan, text); a cell covered by a
    row span from above is skipped, a column span covers the cells to its right."""
    r = tb["rows"][i]
    c = 0
    while c < tb["ncols"]:
        cs = r["colspan"].get(c, 1)
        if spans[i][c] == 0:
            c += 1
            continue
        yield c, spans[i][c], cs, r["cells"][c]
        c += cs


def table_html(tb, st, css_class="grid"):
    n = tb["ncols"]
    ruling = tb.get("ruling", "grid")
    if ruling != "grid":  # 三线表 / header rules only / no rules (issue 14's ruling styles)
        css_class += " " + ruling.replace("_", "-")
    widths = st["col_widths"](tb)
    fixed = ' style="table-layout:fixed"' if widths else ""
    out = [f'<table class="{css_class}"{fixed}>']
    if widths:
        out.append("<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>")
    # st["repeat_header"] False: the header is the body's first rows, printed on the first page only
    out.append("<thead>" if st.get("repeat_header", True) else "<tbody>")
    for hr in range(tb["header_rows"]):
        out.append("<tr>")
        for t, r, c, rs, cs in sorted(tb["header"], key=lambda h: (h[1], h[2])):
            if r == hr:
                out.append(f'<th rowspan="{rs}" colspan="{cs}">{esc(t)}</th>')
        out.append("</tr>")
    out.append("</thead><tbody>" if st.get("repeat_header", True) else "")
    spans = rowspans(tb)
    nowrap = st["nowrap_cols"](tb)
    for i, r in enumerate(tb["rows"]):
        if r["kind"] == "section":
            out.append(f'<tr class="sec"><td colspan="{n}">{esc(r["cells"][0])}</td></tr>')
            continue
        out.append("<tr>")
        for c, rs, cs, text in row_cells(tb, spans, i):
            cls = ' class="nw"' if c in nowrap else ""
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            out.append(f"<td{attrs}{cls}>{esc(text)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def form_html(form):
    out = ['<table class="grid form"><colgroup>' + '<col style="width:16.6%">' * 6 + "</colgroup><tbody>"]
    for row in form["rows"]:
        tall = len(row) == 1 and "请" in row[0][0]
        out.append('<tr class="tall">' if tall else "<tr>")
        for txt, span in row:
            al = ' class="l"' if len(row) == 1 or "□" in txt else ""
            out.append(f'<td colspan="{span}"{al}>{esc(txt)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


# ------------------------------------------------------------------------------ rosters

def roster_lines_html(lines, st):
    """Running-text roster: only the first member of a role carries the label; later members
    are aligned under the name column (inline blocks, or full-width spaces when padded)."""
    out = ['<div class="roster">']
    for text in lines:
        lab, name, pos = split_roster_line(text)
        if st["roster_form"] == "padded":
            head = spaced_label(lab) if lab else CH * 4
            out.append(f'<p class="rl">{esc(head + pad_name(name) + CH + pos)}</p>')
        else:
            out.append('<p class="rb"><span class="lab">%s</span><span class="nm">%s</span><span class="ps">%s</span></p>'
                       % (esc(spaced_label(lab) if lab else ""), esc(pad_name(name)), esc(pos)))
    out.append("</div>")
    return "".join(out)


def roster2_html(rows):
    """Two people per row, borderless: [label] name position | name position."""
    out = ['<div class="roster2">']
    for lab_name, lpos, rname, rpos in rows:
        lab, name = ("", lab_name)
        if "：" in lab_name:
            lab, name = lab_name.split("：", 1)
        out.append('<div class="r2"><span class="lab">%s</span><span class="nm">%s</span><span class="ps">%s</span>'
                   '<span class="nm">%s</span><span class="ps">%s</span></div>'
                   % (esc(spaced_label(lab) if lab else ""), esc(pad_name(name) if name.strip() else ""), esc(lpos),
                      esc(pad_name(rname) if rname.strip() else ""), esc(rpos)))
    out.append("</div>")
    return "".join(out)


# ------------------------------------------------------------------------------ documents

def grouped_blocks(blocks):
    """A document's blocks with each run of roster lines merged into one block
    {"t": "rosterlines", "lines": [...]} (a roster is printed as one unit)."""
    out = []
    for b in blocks:
        if b["t"] == "rosterline" and out and out[-1]["t"] == "rosterlines":
            out[-1]["lines"].append(b["text"])
        elif b["t"] == "rosterline":
            out.append({"t": "rosterlines", "lines": [b["text"]]})
        else:
            out.append(b)
    return out


def doc_html(doc, st, issuers, first):
    out = []
    brk = "" if first else (" brk" if st["doc_new_page"] else " gap")
    issuer, subject = split_title(doc["title"], issuers)
    if st["split_title"] and issuer:
        title = f'<div>{esc(issuer)}</div><div>{esc(subject)}</div>'
    else:
        title = esc(doc["title"])
    out.append(f'<section class="doc{brk}"><h1 class="title">{title}</h1><p class="docno">{esc(doc["doc_number"])}</p>')
    blocks = grouped_blocks(doc["blocks"])
    for i, b in enumerate(blocks):
        t = b["t"]
        if t == "addressee":
            out.append(f'<p class="addr">{esc(b["text"])}</p>')
        elif t == "para":
            out.append(f'<p class="para">{esc(b["text"])}</p>')
        elif t == "heading":
            nxt = blocks[i + 1]["t"] if i + 1 < len(blocks) else ""
            keep = " keep" if nxt == "table" else ""
            out.append(f'<h3 class="head{keep}">{esc(b["text"])}</h3>')
        elif t in ("field", "note"):
            out.append(f'<p class="field">{esc(b["text"])}</p>')
        elif t == "attlist":
            lab = b["items"][0].split("：")[0] + "："
            items = [b["items"][0][len(lab):]] + b["items"][1:]
            out.append('<div class="attlist"><span class="al">%s</span><span class="ai">%s</span></div>'
                       % (esc(lab), "".join(f"<span>{esc(x)}</span>" for x in items)))
        elif t == "signature":
            date = blocks[i + 1]["text"] if i + 1 < len(blocks) and blocks[i + 1]["t"] == "date" else ""
            out.append(f'<div class="sig"><div class="sigbox"><div>{esc(b["text"])}</div><div>{esc(date)}</div></div></div>')
        elif t == "date":
            if i == 0 or blocks[i - 1]["t"] != "signature":      # else printed under the signature
                out.append(f'<p class="date">{esc(b["text"])}</p>')
        elif t == "enclosure":
            cls = "encl brk" if st["enclosure_new_page"] else "encl"
            out.append(f'<h2 class="{cls}">{esc(b["text"])}</h2>')
        elif t == "attachment":
            cls = "att brk" if st["attachment_new_page"] else "att"
            out.append(f'<div class="{cls}"><p class="attlab">{esc(b["label"])}</p><h2 class="cap">{esc(b["caption"])}</h2></div>')
        elif t == "subcaption":
            out.append(f'<p class="subcap">{esc(b["text"])}</p>')
        elif t == "rosterlines":
            out.append(roster_lines_html(b["lines"], st))
        elif t == "roster2":
            out.append(roster2_html(b["rows"]))
        elif t == "table":
            out.append(table_html(b["table"], st))
        elif t == "form":
            out.append(form_html(b["form"]))
        else:
            raise ValueError(t)
    out.append("</section>")
    return "".join(out)


def header_shade(st):
    """Header cells shaded gray (st["header_shade"]: the gray level), printed as set."""
    if not st.get("header_shade"):
        return ""
    level = round(st["header_shade"] * 255)
    return (f"\ntable.grid th {{ background: rgb({level},{level},{level}); print-color-adjust: exact;"
            f" -webkit-print-color-adjust: exact; }}")


def css(st, front):
    m = st["margins"]
    if front:
        page = f"@page {{ size: {st.get('page_size', 'A4')}; margin: {m}; }}"
    elif st["folio"] == "outer":
        page = (f"@page {{ size: {st.get('page_size', 'A4')}; margin: {m}; }}"
                f"@page :right {{ @top-right {{ content: \"{st['header_text']}\"; {st['header_css']} }}"
                f" @bottom-right {{ content: \"·\" counter(page) \"·\"; {st['folio_css']} }} }}"
                f"@page :left {{ @top-left {{ content: \"{st['header_text']}\"; {st['header_css']} }}"
                f" @bottom-left {{ content: \"·\" counter(page) \"·\"; {st['folio_css']} }} }}")
    else:
        page = (f"@page {{ size: {st.get('page_size', 'A4')}; margin: {m};"
                f" @top-center {{ content: \"{st['header_text']}\"; {st['header_css']} }}"
                f" @bottom-center {{ content: \"— \" counter(page) \" —\"; {st['folio_css']} }} }}")
    return page + f"""
body {{ font-family: {st['body_font']}; font-size: {st['body_size']}; line-height: {st['line_height']};
        margin: 0; text-align: justify; }}
p {{ margin: 0; }}
.brk {{ break-before: page; }}
.gap {{ margin-top: 2.2em; }}
h1.title {{ font-family: {st['title_font']}; font-size: {st['title_size']}; font-weight: normal; text-align: center;
            margin: 0.8em 1.5em 0.3em; line-height: 1.45; }}
.docno {{ text-align: {st.get('docno_align', 'center')}; margin-bottom: 0.6em; }}
.addr {{ text-align: left; }}
.para, .field {{ text-indent: {st.get('body_indent', 2)}em; }}
h3.head {{ font-family: {st['head_font']}; font-size: 1em; font-weight: normal; text-indent: {st.get('body_indent', 2)}em; margin: 0;
           break-after: avoid; }}
.attlist {{ display: flex; margin: 0.5em 0 0 2em; }}
.attlist .ai {{ display: flex; flex-direction: column; }}
.sig {{ display: flex; justify-content: flex-end; margin: 1.5em 2em 0 0; break-inside: avoid; }}
.sigbox {{ text-align: center; }}
h2.encl {{ font-family: {st['title_font']}; font-size: {st['enclosure_size']}; font-weight: normal; text-align: center;
           margin: 1.2em 1.5em 0.5em; }}
.att {{ margin-top: 1.2em; break-after: avoid; break-inside: avoid; }}
.attlab {{ font-family: {st['head_font']}; font-size: 1.05em; }}
h2.cap {{ font-family: {st['head_font']}; font-size: {st['caption_size']}; font-weight: normal; text-align: center;
          margin: 0.2em 0 0.5em; }}
.subcap {{ text-align: center; }}
.roster {{ margin-left: 2em; }}
.roster .rl {{ white-space: pre; text-align: left; }}
.roster .rb .lab {{ display: inline-block; width: 5em; text-align: right; }}
.roster .rb .nm {{ display: inline-block; width: 4.5em; }}
.roster2 .r2 {{ display: grid; grid-template-columns: 4.2em 4.2em {st['roster2_pos']} 4.2em 1fr; text-align: left;
               column-gap: {st.get('roster2_gap', '0')}; }}
.roster2 .lab {{ text-align: right; }}
table.grid {{ border-collapse: collapse; width: 100%; font-family: {st['table_font']}; font-size: {st['table_size']};
              line-height: 1.35; margin: 0.3em 0 0.8em; }}
table.grid th, table.grid td {{ border: 0.6pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; }}
table.grid th {{ font-family: {st['head_font']}; font-weight: normal; }}{header_shade(st)}
table.grid td {{ text-align: {st['cell_align']}; }}
table.grid tr {{ break-inside: avoid; }}
table.grid tr.sec td {{ text-align: left; }}
table.grid td.nw {{ white-space: nowrap; overflow: visible; }}
table.grid.three-line th, table.grid.three-line td, table.grid.header-rules th, table.grid.header-rules td,
table.grid.none th, table.grid.none td {{ border: none; }}
table.grid.three-line thead tr:first-child th, table.grid.header-rules thead tr:first-child th {{ border-top: 1pt solid #000; }}
table.grid.three-line thead tr:last-child th, table.grid.header-rules thead tr:last-child th {{ border-bottom: 0.6pt solid #000; }}
table.grid.three-line tbody tr:last-child td {{ border-bottom: 1pt solid #000; }}
table.grid.none {{ break-inside: avoid; }}
table.form td {{ text-align: center; }}
table.form td.l {{ text-align: left; }}
table.form tr.tall td {{ height: 6em; vertical-align: top; }}
.cover {{ text-align: center; }}
.cover .name {{ font-family: {st['title_font']}; font-size: 32pt; margin-top: 5cm; }}
.cover .py {{ font-size: 9pt; letter-spacing: 0.05em; }}
.cover .rule {{ border-top: 2pt solid #000; border-bottom: 0.6pt solid #000; height: 2pt; margin: 8pt 2cm 1.2cm; }}
.cover .issue {{ font-family: {st['head_font']}; font-size: 16pt; }}
.cover .host {{ font-size: 13pt; margin-top: 11cm; }}
.toc {{ break-before: page; }}
.toc h1 {{ font-family: {st['title_font']}; font-size: 20pt; font-weight: normal; text-align: center; margin: 0.5em 0 0.6em; }}
.toc .sec {{ font-family: {st['head_font']}; margin-top: 0.5em; }}
.toc .t {{ margin-left: 1em; margin-right: 3em; text-align: left; }}
.toc .n {{ display: flex; justify-content: space-between; margin-left: 3em; margin-bottom: 0.3em; white-space: nowrap; }}
.back {{ break-before: page; }}
.back h1 {{ font-family: {st['title_font']}; font-size: 16pt; font-weight: normal; text-align: center; margin: 2em 0 1em; }}
.back p {{ text-indent: 2em; }}
"""


def body_html(iss, st):
    city = iss["cover"]["name"].removesuffix("人民政府公报")
    issuers = (city + "人民政府", city + "人民政府办公室")
    docs = "".join(doc_html(d, st, issuers, k == 0) for k, d in enumerate(iss["docs"]))
    back = iss["back"]
    bm = f'<section class="back"><h1>{esc(back["title"])}</h1>' + "".join(
        f'<p>{esc(b["text"])}</p>' for b in back["blocks"]) + "</section>"
    return f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css(st, False)}</style></head><body>{docs}{bm}</body></html>'


def front_html(iss, st, printed):
    cv = iss["cover"]
    cover = (f'<div class="cover"><div class="name">{esc(cv["name"])}</div><div class="py">{esc(cv["pinyin"])}</div>'
             f'<div class="rule"></div><div class="issue">{esc(cv["issue"])}</div>'
             f'<div class="host">{esc(cv["host"])}</div><div>{esc(cv["published"])}</div></div>')
    toc = ['<div class="toc"><h1>目　录</h1>']
    sec = None
    for e in iss["toc"]:
        if e["section"] != sec:
            sec = e["section"]
            toc.append(f'<p class="sec">【{esc(sec)}】</p>')
        num = str(printed[e["doc_number"]])
        # text leaders: as many dots as fit between the 文号 and the page number
        room_em = st["toc_room_em"] - len(e["doc_number"]) + 0.5 * len(re.findall(r"\d", e["doc_number"]))
        dots = "." * max(int(room_em / st.get("leader_dot_em", 0.32)), 3)
        toc.append(f'<p class="t">{esc(e["title"])}</p><p class="n"><span>{esc(e["doc_number"])}{dots}</span><span>{num}</span></p>')
    toc.append("</div>")
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css(st, True)}</style></head>'
            f'<body>{cover}{"".join(toc)}</body></html>')


def chromium_pdf(html_text, pdf: Path):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise SystemExit("chromium is not installed (make samples installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(html_text, encoding="utf-8")
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={pdf}", src.as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)


# ------------------------------------------------------------------------------ styles

SCHEDULE_COLUMNS = ("开/竣工时间", "建设年限")


def narrow_schedule_widths(tb):
    """Column widths (%) of a project table whose schedule column is too narrow for "2020/2023"."""
    names = tb["colnames"]
    if not any(n in SCHEDULE_COLUMNS for n in names):
        return None
    base = {"序号": 4, "项目名称": 10, "建设总规模": 13, "投资(亿元)": 8, "建设意义": 18, "模式": 8,
            "实施单位": 10, "配合单位": 9}
    w = [base.get(n, 6) for n in names]
    for k, n in enumerate(names):
        if n in SCHEDULE_COLUMNS:
            w[k] = 4.6
    total = sum(w)
    return [round(x * 100 / total, 2) for x in w]


def schedule_cols(tb):
    return {k for k, n in enumerate(tb["colnames"]) if n in SCHEDULE_COLUMNS}


STYLES = {
    # AR PL UMing (宋体-like) body and tables, WenQuanYi Zen Hei titles and
    # headings (黑体-like, title 17pt); documents run on, attachments on a new page, rosters as inline blocks,
    # the schedule column too narrow: "2020/2023" does not wrap and overflows into the next cell.
    # (TrueType fonts only: Chromium embeds CFF fonts such as Noto CJK as Type 3 fonts whose
    # ToUnicode maps a glyph shared by two code points to one of them, 户 → 戶, — → ―, so the
    # text layer would no longer be the source text.)
    "serif": {
        "margins": "26mm 22mm 22mm 24mm", "folio": "center",
        "header_text": None, "header_css": "font: 10pt 'AR PL UMing CN'; vertical-align: bottom; "
                                          "border-bottom: 0.8pt solid #000; padding-bottom: 2pt;",
        "folio_css": "font: 10pt 'AR PL UMing CN'; vertical-align: top;",
        "body_font": "'AR PL UMing CN', serif", "body_size": "11pt", "line_height": 1.8,
        "title_font": "'WenQuanYi Zen Hei', sans-serif", "title_size": "17pt", "enclosure_size": "15pt",
        "head_font": "'WenQuanYi Zen Hei', sans-serif", "caption_size": "14pt",
        "table_font": "'AR PL UMing CN', serif", "table_size": "8.5pt", "cell_align": "center",
        "doc_new_page": False, "attachment_new_page": True, "enclosure_new_page": False,
        "split_title": False, "roster_form": "blocks", "roster2_pos": "1fr",
        "col_widths": narrow_schedule_widths, "nowrap_cols": schedule_cols, "toc_room_em": 27,
    },
    # AR PL UKai (楷体/仿宋-like) body, WenQuanYi Zen Hei titles, UMing tables; every document on a
    # new page, title split issuer / 关于…, rosters padded with full-width spaces, folio outer corner
    "kai": {
        "margins": "30mm 25mm 25mm 28mm", "folio": "outer",
        "header_text": None, "header_css": "font: 9.5pt 'WenQuanYi Zen Hei'; vertical-align: bottom; "
                                          "border-bottom: 1.5pt double #000; padding-bottom: 2pt;",
        "folio_css": "font: 10pt 'AR PL UMing CN'; vertical-align: top;",
        "body_font": "'AR PL UKai CN', serif", "body_size": "12pt", "line_height": 1.75,
        "title_font": "'WenQuanYi Zen Hei', sans-serif", "title_size": "18pt", "enclosure_size": "16pt",
        "head_font": "'WenQuanYi Zen Hei', sans-serif", "caption_size": "15pt",
        "table_font": "'AR PL UMing CN', serif", "table_size": "9pt", "cell_align": "left",
        "doc_new_page": True, "attachment_new_page": False, "enclosure_new_page": True,
        "split_title": True, "roster_form": "padded", "roster2_pos": "1fr",
        "col_widths": narrow_schedule_widths, "nowrap_cols": lambda tb: set(), "toc_room_em": 22,
    },
}


# WeasyPrint lays out some things unlike Chromium: a flex item does not shrink below its nowrap
# content (the 目录's dot leaders would push the page number onto a line of its own: the leaders
# are counted shorter, ``leader_dot_em``); a column of flex items that wrap is drawn over itself
# (the 附件 list beside its label: its items as blocks instead); a grid row of a two-column roster
# cut by a page break is drawn partly over the next page's running header (kept whole instead);
# and a top margin box fills the whole margin (its rule would touch a table starting the page).
# Gazettes print none of these.
WEASYPRINT_CSS = """
.attlist .ai { display: block !important; }
.attlist .ai > * { display: block !important; }
.roster2 .r2 { break-inside: avoid !important; }
@page { @top-left { margin-bottom: 4mm !important } @top-center { margin-bottom: 4mm !important }
        @top-right { margin-bottom: 4mm !important } }
"""


def weasyprint_pdf(html_text, pdf: Path):
    import weasyprint

    # passed as a user stylesheet, below the page's own: !important lets it win
    weasyprint.HTML(string=html_text).write_pdf(pdf, stylesheets=[weasyprint.CSS(string=WEASYPRINT_CSS)])


def html_pdf(html_text, pdf: Path, st):
    """Print with the style's engine: Chromium, or WeasyPrint for producer `weasy`."""
    (weasyprint_pdf if st.get("engine") == "weasyprint" else chromium_pdf)(html_text, pdf)


def print_body(iss, st, pdf):
    html_pdf(body_html(iss, st), pdf, st)


def print_front(iss, st, printed, pdf):
    html_pdf(front_html(iss, st, printed), pdf, st)
