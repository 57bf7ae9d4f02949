"""Parse the seed gazette text into a document model, applying the clean-up rules.

The model is plain dicts so the tests can re-use it as the expected text.
Clean-up rules are documented in samples/README.md; keep the two in sync.
"""
import re
from pathlib import Path

SEED = Path(__file__).parent / "source" / "shuozhou-gazette-2021-04.txt"

# a 文号 line alone: <code>〔YYYY〕N号, the code ending in 发 or 函 (朔政办发, 云政办函, …)
DOCNO_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:发|函)〔\d{4}〕\d+号$")
DATE_RE = re.compile(r"^20\d\d年\d{1,2}月\d{1,2}日$")
ATT_LABEL_RE = re.compile(r"^附件\s*(\d*)$")
MARKER_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、]|——|附件|"
    r"第[一二三四五六七八九十]+[章条]|[①-⑳])")
FINAL_CHARS = "。；：！？）)】〕》;:!?"
SPAN_HEADERS = {"入企领导", "入企部门", "主要目标", "工作任务", "年份", "县(市、区)", "任务类型", "一级指标", "二级指标"}
ROLE_RE = re.compile(r"^(总召集人|召集人|主任|副主任|组\s*长|副组长|成\s*员)：")
NAME_POS_RE = re.compile(r"^(?:[\u4e00-\u9fff ]{1,5}：)?[\u4e00-\u9fff] ?[\u4e00-\u9fff]{1,2}\s+[^。，；\s]+$")

_CJK = r"[^\x00-\x7f]"


def squeeze(s):
    """Remove layout whitespace: any run touching a non-ASCII char goes; others -> one space.

    A space after a leading list marker ("1. ") is kept.
    """
    s = s.strip()
    m = re.match(r"^(\d+\.)\s+", s)
    head = ""
    if m:
        head, s = m.group(1) + " ", s[m.end():]
    s = re.sub(rf"\s+(?={_CJK})|(?<={_CJK})\s+", "", s)
    s = re.sub(r"\s+", " ", s)
    return head + s


def dehtml(s):
    s = re.sub(r'<input type="checkbox"\s*/?>\s*', "□", s)
    s = re.sub(r"</?(?:ol|ul|li)[^>]*>", "\n", s)
    s = s.replace("<p>", "\n").replace("</p>", "\n")
    s = re.sub(r"_\{([^}]*)\}", r"\1", s)      # PM_{2.5} -> PM2.5
    return s


def clean_text(s):
    """Running-text clean-up: strip markdown bullets, HTML, layout spaces."""
    s = re.sub(r"^-\s+", "", s.strip())
    return squeeze(dehtml(s).replace("\n", " "))


def clean_cell(s):
    """Table-cell clean-up; returns text with '\\n' between printed cell lines."""
    s = dehtml(s)
    s = re.sub(r"(?<=\S)\s+(?=\d+\.\s)", "\n", s)        # inline list items -> lines
    s = re.sub(r"(?<=\S)\s+(?=[①-⑳])", "\n", s)
    s = re.sub(r"(?<=[\u4e00-\u9fff》）)。；★])\s+(?=[\u4e00-\u9fff《（(])", "\n", s)  # wrapped lines
    lines = [re.sub(r"(?<=\S)□", " □", squeeze(x)) for x in s.split("\n")]
    return "\n".join(x for x in lines if x)


def is_heading(t):
    return bool(MARKER_RE.match(t)) and len(t) <= 40 and not re.search(r"[。；]", t)


def is_paren_only(t):
    return bool(re.match(r"^[（(].*[）)]$", t)) and not re.match(r"^[（(][一二三四五六七八九十\d]+[）)]", t)


def can_continue(prev, nxt):
    if not prev or not nxt:
        return False
    if is_paren_only(nxt) and not nxt.startswith("（此件"):
        return True
    if prev[-1] in FINAL_CHARS or (is_heading(prev) and not re.match(r"^\d", prev)):
        return False
    if MARKER_RE.match(nxt):
        return False
    if len(nxt) <= 20 and nxt.endswith("："):
        return False
    return True


def split_cells(line):
    return line.rstrip("\n").split("\t")


def norm(s):
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------- tables

# Rows whose cells the seed extraction shifted; realigned to the table's columns.
ROW_REPAIRS = {
    ("", "", "拟发公文属性认定"): lambda r: r[1:] + [""],
    ("非主动公开的部门文件台账管理情况",): lambda r: ["", "", r[0], r[1], r[3], r[4], ""],
    ("季度通报", "省政府办公厅季度通报情况考核运用"): lambda r: [""] + r[:4],
}


def repair_row(r, ncols):
    for key, fix in ROW_REPAIRS.items():
        if tuple(x.strip() for x in r[:len(key)]) == key:
            out = fix(list(r))
            return out + [""] * (ncols - len(out))
    return r


def parse_table(lines):
    """lines: raw tab lines (blank lines removed). Returns table dict."""
    rows = [split_cells(l) for l in lines]
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    header = [rows[0]]
    i = 1
    if rows[1][0].strip() == "" and any(c.strip() for c in rows[1]):
        header.append(rows[1])
        i = 2
    hkey = [norm("".join(h)) for h in header]
    # header cells: (text, row, col, rowspan, colspan)
    hcells = []
    if len(header) == 1:
        hcells = [(squeeze(t), 0, c, 1, 1) for c, t in enumerate(header[0])]
    else:
        top, sub = header
        c = 0
        while c < ncols:
            t = top[c].strip()
            if sub[c].strip():          # grouped header
                cs = 1
                while c + cs < ncols and not top[c + cs].strip() and sub[c + cs].strip():
                    cs += 1
                hcells.append((squeeze(t), 0, c, 1, cs))
                for k in range(cs):
                    hcells.append((squeeze(sub[c + k]), 1, c + k, 1, 1))
                c += cs
            else:
                hcells.append((squeeze(t), 0, c, 2, 1))
                c += 1
    colnames = [""] * ncols
    for t, r, c, rs, cs in hcells:
        if cs == 1:
            colnames[c] = t if not colnames[c] else colnames[c]
    span_cols = [c for c, t in enumerate(header[0]) if norm(t) in SPAN_HEADERS]
    data = []
    after_header = False
    group = {c: None for c in span_cols}     # current group value
    while i < len(rows):
        r = rows[i]
        if norm("".join(r)) == hkey[0]:      # repeated header (and sub-header)
            i += len(header)
            after_header = True
            continue
        raw = repair_row(r, ncols)
        filled = [c for c in range(ncols) if raw[c].strip()]
        if len(filled) == 1 and filled[0] == 0 and not re.match(r"^[\d.★]+$", raw[0].strip()):
            data.append({"kind": "section", "cells": [clean_cell(raw[0])]})
            group = {c: None for c in span_cols}
            after_header = False
            i += 1
            continue
        # horizontal spans
        colspan = {}
        for c in range(ncols):
            t = raw[c].strip()
            if not t:
                continue
            k = 0
            while c + 1 + k < ncols and not raw[c + 1 + k].strip() and (c + 1 + k) not in span_cols:
                k += 1
            if t.startswith("推进前期工作") and k >= 1 and c + 1 < ncols and "年" in colnames[c + 1]:
                colspan[c] = 2
            elif "<p>" in t and k >= 2:
                colspan[c] = 1 + k
        covered = {c + k for c, n in colspan.items() for k in range(1, n)}
        cells = []
        cont = {}
        parent_cont = True
        for c in range(ncols):
            t = raw[c].strip()
            if c in covered:
                cells.append("")
                continue
            if c in span_cols and c not in colspan:
                same = after_header and group[c] is not None and clean_cell(t) == group[c]
                if (t == "" or same) and group[c] is not None and parent_cont:
                    cont[c] = True
                    cells.append(group[c])
                    continue
                parent_cont = False
                group[c] = clean_cell(t)
                cells.append(group[c])
            else:
                if c in span_cols:
                    group[c] = None
                cells.append(clean_cell(t))
        data.append({"kind": "row", "cells": cells, "cont": sorted(cont), "colspan": colspan})
        after_header = False
        i += 1
    return {"ncols": ncols, "header": hcells, "header_rows": len(header), "colnames": colnames,
            "span_cols": span_cols, "rows": data}


def parse_form(lines):
    """企业问题征集表: every line is a ruled row on a 6-column grid."""
    rows = []
    for l in lines:
        if "\t" not in l:
            rows.append([(clean_text(l), 6)])
            continue
        cells = split_cells(l)
        if len(cells) == 4:
            spans = [1, 2, 1, 2]
            rows.append([(clean_cell(t).replace("\n", " "), s) for t, s in zip(cells, spans)])
            continue
        cells += [""] * (6 - len(cells))
        filled = [c for c in range(6) if cells[c].strip()]
        if len(filled) == 1:
            rows.append([(clean_cell(cells[filled[0]]).replace("\n", " "), 6)])
            continue
        row = []
        c = 0
        while c < 6:
            t = cells[c].strip()
            if not t:
                row.append(("", 1)); c += 1; continue
            k = 0
            while c + 1 + k < 6 and not cells[c + 1 + k].strip():
                k += 1
            txt = clean_cell(t).replace("\n", " ")
            if len(txt) <= 6 and "□" not in txt and k:
                row.append((txt, 1))
                row.append(("", k))
            else:
                row.append((txt, 1 + k))
            c += 1 + k
        rows.append(row)
    return {"rows": rows}


# ---------------------------------------------------------------- documents

def nb(lines, i):
    """Index of next non-blank line at or after i."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def parse_toc(lines, a, b):
    toc, section, title = [], None, None
    for l in lines[a:b]:
        t = l.strip()
        if not t or t == "目 录":
            continue
        m = re.match(r"^【(.+)】$", t)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"^(\S+〔\d{4}〕\d+号)\.+\s*(\d+)$", t)
        if m:
            toc.append({"section": section, "title": clean_text(title), "doc_number": m.group(1),
                        "seed_page": int(m.group(2))})
            title = None
        else:
            title = t
    return toc


def parse_body(lines, a, b, issuers):
    """Parse lines[a:b] (after the 文号 line) into blocks; issuers are the signature lines."""
    blocks = []
    i = nb(lines, a)
    # addressee (may wrap onto a second line)
    addr = lines[i].strip()
    i += 1
    while not addr.endswith("：") and lines[i].strip():
        addr += lines[i].strip(); i += 1
    blocks.append({"t": "addressee", "text": clean_text(addr)})
    paras = []          # pending raw chunks for continuation
    roster_mode = False
    expect = None       # 'caption' / 'enclosure'
    after_caption = False

    def flush():
        merged = []
        for p in paras:
            if merged and can_continue(merged[-1], p):
                merged[-1] += p
            else:
                merged.append(p)
        for p in merged:
            blocks.append({"t": "heading" if is_heading(p) and re.match(r"^[一二三四五六七八九十]+、", p) else "para",
                           "text": p})
        paras.clear()

    while True:
        i = nb(lines, i)
        if i >= b:
            break
        raw = lines[i].rstrip("\n")
        t = raw.strip()
        txt = clean_text(t)
        # --- attachment label
        m = ATT_LABEL_RE.match(t)
        if m:
            flush(); roster_mode = False
            j = nb(lines, i + 1)
            cap = clean_text(lines[j])
            blocks.append({"t": "attachment", "label": "附件" + m.group(1), "caption": cap})
            i = j + 1
            after_caption = True
            if "征集表" in cap:
                k = nb(lines, i)
                fl = []
                while not lines[k].strip().startswith("注："):
                    if lines[k].strip():
                        fl.append(lines[k].rstrip("\n"))
                    k += 1
                blocks.append({"t": "form", "form": parse_form(fl)})
                i = k
            continue
        if after_caption and is_paren_only(txt):
            blocks.append({"t": "subcaption", "text": txt})
            after_caption = False; i += 1; continue
        after_caption = False
        # --- attachment list
        if re.match(r"^(?:-\s*)?附件(?:（[^）]*）)?：", t):
            flush()
            items = [clean_text(t)]
            j = i + 1
            while True:
                if j < b and lines[j].strip() and not re.match(r"^\d+\.", lines[j].strip()) \
                        and not DATE_RE.match(lines[j].strip()) and lines[j].strip() not in issuers:
                    items[-1] += clean_text(lines[j]); j += 1; continue
                k = nb(lines, j)
                if k < b and re.match(r"^\d+\.", lines[k].strip()):
                    items.append(clean_text(lines[k])); j = k + 1; continue
                break
            blocks.append({"t": "attlist", "items": items})
            i = j
            continue
        # --- signature + date
        if t in issuers:
            j = nb(lines, i + 1)
            if j < b and DATE_RE.match(lines[j].strip()):
                flush()
                blocks.append({"t": "signature", "text": t})
                blocks.append({"t": "date", "text": lines[j].strip()})
                i = j + 1
                k = nb(lines, i)
                if k < b and lines[k].strip() == "（此件公开发布）":
                    blocks.append({"t": "note", "text": "（此件公开发布）"})
                    i = k + 1
                    k = nb(lines, i)
                    if k < b and not lines[k].strip().startswith("附件"):
                        # enclosure title (the printed plan / scheme), may wrap over lines
                        title = clean_text(lines[k]); k += 1
                        while lines[k].strip():
                            title += clean_text(lines[k]); k += 1
                        blocks.append({"t": "enclosure", "text": title})
                        i = k
                continue
        # --- tables
        if "\t" in raw:
            flush()
            tl = []
            j = i
            while j < b and ("\t" in lines[j] or not lines[j].strip()):
                if lines[j].strip() or "\t" in lines[j]:
                    tl.append(lines[j].rstrip("\n"))
                j += 1
            i = j
            if roster_mode:     # 联席会议 roster pairs -> one person per line, column-major
                left = [split_cells(l)[:2] for l in tl]
                right = [split_cells(l)[2:4] for l in tl]
                for n, p in left + right:
                    if n.strip():
                        blocks.append({"t": "rosterline", "text": n.strip() + " " + squeeze(p)})
                continue
            cells0 = split_cells(tl[0])
            if len(cells0) == 4 and "：" in cells0[0]:
                rows = []
                for l in tl:
                    c = split_cells(l) + [""] * 4
                    rows.append([c[0].strip(), squeeze(c[1]), c[2].strip(), squeeze(c[3])])
                blocks.append({"t": "roster2", "rows": rows})
                continue
            blocks.append({"t": "table", "table": parse_table(tl)})
            continue
        # --- roster lines
        if ROLE_RE.match(t) or (roster_mode and NAME_POS_RE.match(t)):
            flush(); roster_mode = True
            m2 = re.match(r"^(\S+?：)?(.*?)\s+(\S+)$", t)
            blocks.append({"t": "rosterline", "text": (m2.group(1) or "") + m2.group(2).strip() + " " + m2.group(3)})
            i += 1
            continue
        roster_mode = False
        # --- field lines (contact info, form headers)
        if re.match(r"^(联系电话|邮\s*箱|报送单位|日期|地\s*址|主办单位)：", t):
            flush()
            blocks.append({"t": "field", "text": t if t.startswith(("邮", "地", "日期")) else txt})
            i += 1
            continue
        paras.append(txt)
        i += 1
    flush()
    return blocks


def parse_cover(lines):
    """The inner cover variant: name, pinyin, "YYYY年第N期（总第M期）", "…主管主办", "…出版（…）"."""
    head = [l.strip() for l in lines[:30] if l.strip()]
    issue_i = next(i for i, t in enumerate(head) if re.match(r"^\d{4}年第\d+期（总第\d+期）$", t))
    return {"name": head[issue_i - 2], "pinyin": head[issue_i - 1], "issue": head[issue_i],
            "host": head[issue_i + 1], "published": head[issue_i + 2]}


# Ruling styles (issue 14): the tables of the second issue that every producer prints without a
# full grid — as a 三线表 (three_line: a rule over and under the header and one under the last
# row), with rules over and under the header only (header_rules), or with no rule at all (none),
# keyed by the caption printed above them. Every other table is a ruled grid.
TABLE_RULINGS = {
    "sangyuan-gazette-2022-02.txt": {
        "2022年省级重点工程项目名单": "none",
        "2022年市级重点工程项目名单": "three_line",
        "市政府决定相应取消的行政审批事项目录": "header_rules",
    },
}


def apply_rulings(docs, rulings):
    """tb["ruling"] of every table: its style from ``rulings`` by the caption above it, else grid."""
    for d in docs:
        caption = None
        for b in d["blocks"]:
            if b["t"] == "attachment":
                caption = b["caption"]
            elif b["t"] == "table":
                b["table"]["ruling"] = rulings.get(caption, "grid")


def parse(path=SEED):
    lines = path.read_text(encoding="utf-8").split("\n")
    cover = parse_cover(lines)
    city = cover["name"].removesuffix("人民政府公报")
    issuers = (city + "人民政府", city + "人民政府办公室")
    toc_start = next(i for i, l in enumerate(lines) if l.strip() == "目 录")
    docno_idx = [i for i, l in enumerate(lines) if DOCNO_RE.match(l.strip())]
    toc = parse_toc(lines, toc_start, docno_idx[0])
    # title start of each doc: chunk(s) before the 文号 line
    starts = []
    for d in docno_idx:
        j = d - 1
        while not lines[j].strip():
            j -= 1
        s = j
        if not lines[j].strip().startswith(issuers[0]):
            j -= 1
            while not lines[j].strip():
                j -= 1
            s = j
        starts.append(s)
    back_title = "《%s》简介" % cover["name"]
    back = next(i for i, l in enumerate(lines) if l.strip() == back_title)
    docs = []
    for n, (s, d) in enumerate(zip(starts, docno_idx)):
        end = starts[n + 1] if n + 1 < len(starts) else back
        title = "".join(clean_text(l) for l in lines[s:d] if l.strip())
        docs.append({"title": title, "doc_number": lines[d].strip(), "line": s + 1,
                     "blocks": parse_body(lines, d + 1, end, issuers)})
    bm = []
    for l in lines[back + 1:]:
        t = l.strip()
        if not t:
            continue
        if re.match(r"^(联系电话|邮\s*箱|地\s*址|主办单位)：", t):
            bm.append({"t": "field", "text": t if t.startswith(("地",)) else clean_text(t)})
        else:
            bm.append({"t": "para", "text": clean_text(t)})
    back_matter = {"title": back_title, "blocks": bm}
    apply_rulings(docs, TABLE_RULINGS.get(path.name, {}))
    return {"cover": cover, "toc": toc, "docs": docs, "back": back_matter}


def excerpt(iss, doc_numbers):
    """The issue with only the documents whose 文号 is listed (and their 目录 entries): a small
    fixture PDF of a few documents (tests/test_variants.py)."""
    keep = set(doc_numbers)
    return dict(iss, docs=[d for d in iss["docs"] if d["doc_number"] in keep],
                toc=[e for e in iss["toc"] if e["doc_number"] in keep])


if __name__ == "__main__":
    import json, sys
    iss = parse()
    if len(sys.argv) > 1:
        print(json.dumps(iss, ensure_ascii=False, indent=1))
    else:
        for d in iss["docs"]:
            print(d["doc_number"], d["title"])
            for b in d["blocks"]:
                if b["t"] == "table":
                    tb = b["table"]
                    print("   TABLE", tb["ncols"], "rows", len(tb["rows"]), "spans", tb["span_cols"], [h[0] for h in tb["header"]])
                elif b["t"] in ("form",):
                    print("   FORM", len(b["form"]["rows"]))
                elif b["t"] == "roster2":
                    print("   ROSTER2", len(b["rows"]))
                else:
                    print("  ", b["t"], (b.get("text") or b.get("caption") or str(b.get("items")))[:60])
