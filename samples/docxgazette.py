"""Producer `docx`: python-docx writes the gazette model as a Word document, LibreOffice prints it.

Word habits real gazettes show: tables with a repeated header row (w:tblHeader) whose rows may
split across pages, merged cells (vMerge/gridSpan), rosters set with tab stops, two-column
rosters as a borderless 6-column layout table (label | name | position | gap | name | position)
whose narrow position columns wrap, titles set as an issuer line above 关于…, running header and
PAGE field folio. Body and front matter are printed separately and joined (producers.py).
"""
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from htmlgazette import (SCHEDULE_COLUMNS, grouped_blocks, pad_name, row_cells, rowspans, spaced_label,
                         split_roster_line, split_title)

CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)


def set_font(run_or_style, name, size=None):
    """Latin and East Asian font of a run or style."""
    font = run_or_style.font
    font.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    if size:
        font.size = Pt(size)


class Writer:
    def __init__(self, st):
        self.st = st
        self.d = Document()
        sec = self.d.sections[0]
        page_w, page_h = st.get("page_cm", (21, 29.7))
        sec.page_width, sec.page_height = Cm(page_w), Cm(page_h)
        t, b, l, r = st["margins_cm"]
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(t), Cm(b), Cm(l), Cm(r)
        sec.header_distance, sec.footer_distance = Cm(1.3), Cm(1.2)
        normal = self.d.styles["Normal"]
        set_font(normal, st["body_font"], st["body_size"])
        pf = normal.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing = Pt(st["leading"])
        self.width_cm = page_w - l - r

    # -- paragraphs
    def para(self, text="", align=JUSTIFY, font=None, size=None, indent_chars=0, first_chars=0,
             before=0, after=0, keep=False, page_break=False):
        p = self.d.add_paragraph()
        p.alignment = align
        pf = p.paragraph_format
        size_pt = size or self.st["body_size"]
        if indent_chars:
            pf.left_indent = Pt(indent_chars * size_pt)
        if first_chars:
            pf.first_line_indent = Pt(first_chars * size_pt)
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        if size and size > self.st["body_size"] + 2:
            pf.line_spacing = Pt(size * 1.5)
        pf.keep_with_next = keep
        pf.page_break_before = page_break
        if text:
            run = p.add_run(text)
            if font or size:
                set_font(run, font or self.st["body_font"], size or self.st["body_size"])
        return p

    def tabbed(self, parts, stops_chars, indent_chars=2):
        """One line of tab-separated parts with left tab stops at the given character offsets."""
        p = self.d.add_paragraph()
        p.alignment = LEFT
        size = self.st["body_size"]
        p.paragraph_format.left_indent = Pt(indent_chars * size)
        for s in stops_chars:
            p.paragraph_format.tab_stops.add_tab_stop(Pt(s * size), WD_TAB_ALIGNMENT.LEFT)
        p.add_run("\t".join(parts))
        return p

    # -- tables
    def grid_table(self, nrows, ncols, widths_cm, borders=True, font_size=None):
        t = self.d.add_table(rows=nrows, cols=ncols)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        if borders:
            t.style = self.d.styles["Table Grid"]
        for k, w in enumerate(widths_cm):
            for cell in t.columns[k].cells:
                cell.width = Cm(w)
        grid = t._tbl.tblGrid
        for k, gc in enumerate(grid.findall(qn("w:gridCol"))):
            gc.set(qn("w:w"), str(int(widths_cm[k] * 567)))
        return t

    def cell_text(self, cell, text, size, align=CENTER, font=None):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        lines = (text or "").split("\n")
        p = cell.paragraphs[0]
        for k, line in enumerate(lines):
            if k:
                p = cell.add_paragraph()
            p.alignment = align
            p.paragraph_format.line_spacing = Pt(size * 1.3)
            run = p.add_run(line)
            set_font(run, font or self.st["table_font"], size)


def mark_header_row(row):
    """w:tblHeader: Word repeats this row at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def shade_cell(cell, gray):
    """w:shd: the cell's background filled with a gray (a shaded header row)."""
    level = "%02X" % round(gray * 255)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), level * 3)
    cell._tc.get_or_add_tcPr().append(shd)


def cant_split(row):
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


WEIGHTS = {"序号": 0.55, "项目名称": 1.5, "事项名称": 1.6, "权力类型": 0.8, "设定依据": 2.0,
           "加强事中事后监管措施": 3.2, "备注": 1.6, "建设总规模": 1.6, "建设意义": 2.2, "具体措施": 3.4,
           "主要目标": 1.6, "工作任务": 1.3, "扣分标准": 2.6, "加分标准": 1.6, "评分规则": 2.8,
           "三级指标": 1.4, "赋分": 0.5, "建设地点": 1.5, "企业名称": 2.2, "具体问题": 1.4}


def column_widths(tb, total_cm, narrow):
    """Widths from the column labels; with `narrow`, the schedule column gets room for 4 digits only."""
    w = [WEIGHTS.get(n, 1.0) for n in tb["colnames"]]
    if narrow:
        for k, n in enumerate(tb["colnames"]):
            if n in SCHEDULE_COLUMNS:
                w[k] = 0.62
    s = sum(w)
    return [total_cm * x / s for x in w]


def set_cell_rules(cell, **sides):
    """Cell borders (w:tcBorders): side → width in eighths of a point (top=8: a 1 pt rule)."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side, eighths in sides.items():
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(eighths))
        el.set(qn("w:color"), "000000")
        borders.append(el)
    valign = tcpr.find(qn("w:vAlign"))  # schema order: tcBorders comes before vAlign
    if valign is not None:
        valign.addprevious(borders)
    else:
        tcpr.append(borders)


def rule_open_table(t, ruling, header_rows):
    """Issue 14's ruling styles on a table drawn without borders: three_line (三线表), header_rules
    (rules over and under the header), none (no rule)."""
    for k, row in enumerate(t.rows[:header_rows] if ruling != "none" else []):
        sides = {}
        if k == 0:
            sides["top"] = 8
        if k == header_rows - 1:
            sides["bottom"] = 5
        for cell in row.cells:
            set_cell_rules(cell, **sides)
    if ruling == "three_line":
        for cell in t.rows[-1].cells:
            set_cell_rules(cell, bottom=8)
    # rows without rules between them are set apart by space (Word's cells have no vertical margin)
    for row in t.rows[header_rows:]:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.space_before = Pt(3)
            cell.paragraphs[-1].paragraph_format.space_after = Pt(3)
    if ruling == "none":  # nothing but the caption shows it is a table: keep it on one page
        for row in t.rows[:-1]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def add_table(wr, tb):
    st = wr.st
    n, hr = tb["ncols"], tb["header_rows"]
    rows = tb["rows"]
    widths = column_widths(tb, wr.width_cm, st["narrow_schedule"])
    ruling = tb.get("ruling", "grid")
    t = wr.grid_table(hr + len(rows), n, widths, borders=ruling == "grid")
    size = st["table_size"]
    for text, r, c, rs, cs in tb["header"]:
        cell = t.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
        wr.cell_text(cell, text, size, font=st["head_font"])
        if st.get("header_shade"):
            shade_cell(cell, st["header_shade"])
    for k in range(hr if st.get("repeat_header", True) else 0):
        mark_header_row(t.rows[k])
    spans = rowspans(tb)
    for i, r in enumerate(rows):
        ri = hr + i
        if st["cant_split"]:
            cant_split(t.rows[ri])
        if r["kind"] == "section":
            cell = t.cell(ri, 0).merge(t.cell(ri, n - 1))
            wr.cell_text(cell, r["cells"][0], size, align=LEFT)
            continue
        for c, rs, cs, text in row_cells(tb, spans, i):
            cell = t.cell(ri, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(t.cell(ri + rs - 1, c + cs - 1))
            wr.cell_text(cell, text, size, align=st["cell_align"] if len(text) > 12 else CENTER)
    if ruling != "grid":
        rule_open_table(t, ruling, hr)
    wr.para("", size=4)


def add_form(wr, form):
    size = wr.st["table_size"] + 0.5
    t = wr.grid_table(len(form["rows"]), 6, [wr.width_cm / 6] * 6)
    for ri, row in enumerate(form["rows"]):
        c = 0
        for txt, span in row:
            cell = t.cell(ri, c)
            if span > 1:
                cell = cell.merge(t.cell(ri, c + span - 1))
            wr.cell_text(cell, txt, size, align=LEFT if len(row) == 1 or "□" in txt else CENTER)
            c += span
        if len(row) == 1 and "请" in row[0][0]:
            t.rows[ri].height = Cm(2.2)
    wr.para("", size=4)


def add_roster2(wr, rows):
    """Borderless 6-column layout table; the position columns are narrow and wrap."""
    st = wr.st
    size = st["body_size"]
    w = st["roster2_widths_cm"]
    t = wr.grid_table(len(rows), 6, w, borders=False)
    for ri, (lab_name, lpos, rname, rpos) in enumerate(rows):
        lab, name = ("", lab_name)
        if "：" in lab_name:
            lab, name = lab_name.split("：", 1)
        vals = [spaced_label(lab) if lab else "", pad_name(name) if name.strip() else "", lpos, "",
                pad_name(rname) if rname.strip() else "", rpos]
        for c, v in enumerate(vals):
            cell = t.cell(ri, c)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            p = cell.paragraphs[0]
            p.alignment = RIGHT if c == 0 else LEFT
            p.paragraph_format.line_spacing = Pt(st["leading"] * 0.9)
            if v:
                set_font(p.add_run(v), st["body_font"], size)


def add_roster_lines(wr, lines):
    """Running-text roster set with tab stops: label, tab, name, tab, position; later members of a
    role start with a tab so their name lines up under the first member's."""
    for text in lines:
        lab, name, pos = split_roster_line(text)
        p = wr.tabbed([spaced_label(lab) if lab else "", pad_name(name), pos], wr.st["roster_stops"])
        p.paragraph_format.left_indent = Pt(2 * wr.st["body_size"])


def add_doc(wr, doc, issuers, first):
    st = wr.st
    brk = (not first) and st["doc_new_page"]
    if not first and not brk:
        wr.para("", before=st["leading"])
    issuer, subject = split_title(doc["title"], issuers)
    tsize = st["title_size"]
    if issuer and st["split_title"]:
        wr.para(issuer, CENTER, st["title_font"], st.get("issuer_size", tsize), page_break=brk, keep=True, before=6)
        wr.para(subject, CENTER, st["title_font"], tsize, keep=True)
    else:
        wr.para(doc["title"], CENTER, st["title_font"], tsize, page_break=brk, keep=True, before=6)
    # 文号 centred under the title, or flush right (st["docno_align"])
    wr.para(doc["doc_number"], RIGHT if st.get("docno_align") == "right" else CENTER, before=4, after=8, keep=True)
    for b in grouped_blocks(doc["blocks"]):
        t = b["t"]
        if t == "addressee":
            wr.para(b["text"], LEFT)
        elif t == "para":
            wr.para(b["text"], first_chars=st.get("body_indent", 2))
        elif t == "heading":
            wr.para(b["text"], font=st["head_font"], first_chars=st.get("body_indent", 2), keep=True)
        elif t in ("field", "note"):
            wr.para(b["text"], LEFT, first_chars=st.get("body_indent", 2))
        elif t == "attlist":
            lab = b["items"][0].split("：")[0] + "："
            size = st["body_size"]
            p = wr.para(b["items"][0], LEFT, before=st["leading"] / 2)
            p.paragraph_format.left_indent = Pt((2 + len(lab)) * size)
            p.paragraph_format.first_line_indent = Pt(-len(lab) * size)
            for it in b["items"][1:]:
                wr.para(it, LEFT, indent_chars=2 + len(lab))
        elif t == "signature":
            p = wr.para(b["text"], RIGHT, before=st["leading"])
            p.paragraph_format.right_indent = Pt(2 * st["body_size"])
        elif t == "date":
            p = wr.para(b["text"], RIGHT)
            p.paragraph_format.right_indent = Pt(2.5 * st["body_size"])
        elif t == "enclosure":
            wr.para(b["text"], CENTER, st["title_font"], tsize - 2, page_break=st["enclosure_new_page"],
                    before=st["leading"], after=6, keep=True)
        elif t == "attachment":
            wr.para(b["label"], LEFT, st["head_font"], page_break=st["attachment_new_page"],
                    before=0 if st["attachment_new_page"] else st["leading"], keep=True)
            wr.para(b["caption"], CENTER, st["head_font"], st["caption_size"], before=4, after=6, keep=True)
        elif t == "subcaption":
            wr.para(b["text"], CENTER, keep=True)
        elif t == "rosterlines":
            add_roster_lines(wr, b["lines"])
        elif t == "roster2":
            add_roster2(wr, b["rows"])
        elif t == "table":
            add_table(wr, b["table"])
        elif t == "form":
            add_form(wr, b["form"])
        else:
            raise ValueError(t)


def add_furniture(wr):
    st = wr.st
    sec = wr.d.sections[0]
    hp = sec.header.paragraphs[0]
    hp.alignment = CENTER if st["folio"] == "center" else RIGHT
    set_font(hp.add_run(st["header_text"]), st["body_font"], 9.5)
    ppr = hp._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", st["header_rule"]), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)
    fp = sec.footer.paragraphs[0]
    fp.alignment = CENTER if st["folio"] == "center" else RIGHT
    before, after = ("— ", " —") if st["folio"] == "center" else ("·", "·")
    set_font(fp.add_run(before), st["body_font"], 10)
    run = fp.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    set_font(run, st["body_font"], 10)
    set_font(fp.add_run(after), st["body_font"], 10)


def body_docx(iss, st, path):
    wr = Writer(st)
    add_furniture(wr)
    city = iss["cover"]["name"].removesuffix("人民政府公报")
    issuers = (city + "人民政府", city + "人民政府办公室")
    for k, doc in enumerate(iss["docs"]):
        add_doc(wr, doc, issuers, k == 0)
    back = iss["back"]
    wr.para(back["title"], CENTER, st["title_font"], st["title_size"] - 2, page_break=True, before=40, after=20)
    for b in back["blocks"]:
        wr.para(b["text"], first_chars=2)
    wr.d.save(path)


def front_docx(iss, st, printed, path):
    wr = Writer(st)
    cv = iss["cover"]
    wr.para(cv["name"], CENTER, st["title_font"], 30, before=150)
    wr.para(cv["pinyin"], CENTER, size=9, after=30)
    wr.para(cv["issue"], CENTER, st["head_font"], 16, after=260)
    wr.para(cv["host"], CENTER, size=13)
    wr.para(cv["published"], CENTER, size=13)
    wr.para("目　录", CENTER, st["title_font"], 20, page_break=True, after=12)
    sec = None
    right = Cm(wr.width_cm)
    for e in iss["toc"]:
        if e["section"] != sec:
            sec = e["section"]
            wr.para("【%s】" % sec, LEFT, st["head_font"], before=6)
        wr.para(e["title"], LEFT, indent_chars=1)
        p = wr.d.add_paragraph()
        p.paragraph_format.left_indent = Pt(3 * st["body_size"])
        p.paragraph_format.space_after = Pt(4)
        p.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        p.add_run("%s\t%d" % (e["doc_number"], printed[e["doc_number"]]))
    wr.d.save(path)


def soffice_pdf(docx_path: Path, pdf: Path):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice is not installed (make samples installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
               "--outdir", tmp, str(docx_path)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
        shutil.move(str(Path(tmp) / (docx_path.stem + ".pdf")), pdf)


def print_body(iss, st, pdf):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "body.docx"
        body_docx(iss, st, src)
        soffice_pdf(src, pdf)


def print_front(iss, st, printed, pdf):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "front.docx"
        front_docx(iss, st, printed, src)
        soffice_pdf(src, pdf)


STYLES = {
    # AR PL UMing (宋体-like) body, WenQuanYi Zen Hei titles; every document on a new page, title
    # split issuer / 关于…, rows may split across pages, schedule column too narrow for 2020/2023
    "song": {
        "margins_cm": (3.0, 2.6, 2.8, 2.4), "folio": "center", "header_text": None, "header_rule": "single",
        "body_font": "AR PL UMing CN", "body_size": 12, "leading": 22,
        "title_font": "WenQuanYi Zen Hei", "title_size": 18, "head_font": "WenQuanYi Zen Hei", "caption_size": 15,
        "table_font": "AR PL UMing CN", "table_size": 8.5, "cell_align": LEFT,
        "doc_new_page": True, "attachment_new_page": True, "enclosure_new_page": False, "split_title": True,
        "cant_split": False, "narrow_schedule": True,
        "roster_stops": (5, 9.5), "roster2_widths_cm": (2.1, 1.9, 3.3, 0.5, 1.9, 3.3),
    },
    # AR PL UKai (仿宋/楷体-like) body, Noto Sans CJK titles with the issuer line set smaller (14 pt)
    # than the 关于… line (17 pt), Noto Serif tables; documents run on, rows kept whole, wider
    # margins, narrower roster position columns
    "fangsong": {
        "margins_cm": (3.4, 2.8, 3.0, 2.6), "folio": "outer", "header_text": None, "header_rule": "double",
        "body_font": "AR PL UKai CN", "body_size": 13, "leading": 24,
        "title_font": "Noto Sans CJK SC", "title_size": 17, "issuer_size": 14, "head_font": "Noto Sans CJK SC",
        "caption_size": 14,
        "table_font": "Noto Serif CJK SC", "table_size": 8, "cell_align": JUSTIFY,
        "doc_new_page": False, "attachment_new_page": False, "enclosure_new_page": True, "split_title": True,
        "cant_split": True, "narrow_schedule": True,
        "roster_stops": (5.5, 10), "roster2_widths_cm": (2.2, 1.9, 2.9, 0.4, 1.9, 2.9),
    },
}
