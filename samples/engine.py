"""Small typesetting engine on the reportlab canvas: fonts, line breaking, page flow,
ruled tables with row spans that split across pages, and a display-list renderer."""
import re
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

rl_config.invariant = 1

FONT_FILES = {
    "Song": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),      # AR PL UMing CN
    "Kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),        # AR PL UKai CN
    "Hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),     # WenQuanYi Zen Hei
    "DejaVu": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", None),
}
FALLBACK = ["Hei", "DejaVu"]
_cmaps = {}


def register_fonts():
    for name, (path, idx) in FONT_FILES.items():
        if name in _cmaps:
            continue
        f = TTFont(name, path, subfontIndex=idx) if idx is not None else TTFont(name, path)
        pdfmetrics.registerFont(f)
        _cmaps[name] = f.face.charToGlyph


@lru_cache(maxsize=None)
def font_for(ch, font):
    o = ord(ch)
    if o in _cmaps[font] or ch in " \n":
        return font
    for f in FALLBACK:
        if o in _cmaps[f]:
            return f
    return font


@lru_cache(maxsize=None)
def char_w(ch, font, size):
    return pdfmetrics.stringWidth(ch, font_for(ch, font), size)


def text_w(s, font, size, cs=0.0):
    return sum(char_w(c, font, size) for c in s) + cs * max(len(s) - 1, 0)


def segments(s, font):
    """Split s into runs that share a concrete font (fallback for missing glyphs)."""
    out = []
    for ch in s:
        f = font_for(ch, font)
        if out and out[-1][0] == f:
            out[-1][1] += ch
        else:
            out.append([f, ch])
    return out


# ------------------------------------------------------------------ line breaking
NO_START = set("，。、；：！？）》」』”’〕】…%,.;:!?)]}·—")
NO_END = set("（《「『“‘〔【([{")
TOKEN_RE = re.compile(r"[A-Za-z0-9.\-_/@%+:²³₀-₉~#&=]+|.", re.S)


def wrap(text, font, size, width, indent=0.0):
    """Greedy CJK line breaking with simple kinsoku; returns list of lines."""
    toks = TOKEN_RE.findall(text)
    lines, cur, curw = [], [], indent
    avail = width
    i = 0
    while i < len(toks):
        t = toks[i]
        tw = text_w(t, font, size)
        if curw + tw <= avail + 0.01 or not cur:
            if tw > avail - (curw if cur else indent) + 0.01 and len(t) > 1:
                # overlong token: break it by characters
                for k in range(1, len(t) + 1):
                    if curw + text_w(t[:k], font, size) > avail + 0.01:
                        break
                k = max(k - 1, 1)
                cur.append(t[:k]); lines.append("".join(cur))
                toks[i] = t[k:]
                cur, curw = [], 0.0
                continue
            cur.append(t); curw += tw; i += 1
            continue
        # t does not fit
        if t[0] in NO_START and len(cur) > 1:
            t2 = cur.pop()
            lines.append("".join(cur)); cur, curw = [t2], text_w(t2, font, size)
            continue
        if cur and cur[-1] and cur[-1][-1] in NO_END and len(cur) > 1:
            t2 = cur.pop()
            lines.append("".join(cur)); cur, curw = [t2], text_w(t2, font, size)
            continue
        lines.append("".join(cur)); cur, curw = [], 0.0
    if cur:
        lines.append("".join(cur))
    return lines or [""]


# ------------------------------------------------------------------ pages & flow
class Page:
    def __init__(self, size, kind):
        self.size = size
        self.kind = kind          # cover / toc / body
        self.ops = []
        self.printed = None

    @property
    def w(self):
        return self.size[0]

    @property
    def h(self):
        return self.size[1]


class Flow:
    """Top-down cursor over a growing list of pages."""

    def __init__(self, style):
        self.st = style
        self.pages = []
        self.page = None
        self.y = 0
        self.orient = "P"

    # geometry of the current page
    @property
    def left(self):
        return self.st["margins"][2]

    @property
    def right(self):
        return self.page.w - self.st["margins"][3]

    @property
    def width(self):
        return self.right - self.left

    @property
    def top(self):
        return self.st["margins"][0]

    @property
    def bottom(self):
        return self.page.h - self.st["margins"][1]

    def new_page(self, kind=None, orient=None):
        kind = kind or (self.page.kind if self.page else "body")
        orient = orient or self.orient
        self.orient = orient
        w, h = self.st.get("page_size", A4)
        size = (w, h) if orient == "P" else (h, w)
        self.page = Page(size, kind)
        self.pages.append(self.page)
        self.y = self.top
        return self.page

    def space(self, h):
        if self.y > self.top + 0.1:
            self.y += h

    def need(self, h):
        if self.page is None or self.y + h > self.bottom + 0.01:
            self.new_page()
            return True
        return False

    def idx(self):
        return len(self.pages) - 1

    # drawing primitives (top-down y = baseline)
    def text(self, x, y, s, font, size, cs=0.0, flags=()):
        self.page.ops.append(("text", x, y, s, font, size, cs, tuple(flags)))

    def line(self, x1, y1, x2, y2, w=0.5):
        self.page.ops.append(("line", x1, y1, x2, y2, w))

    def fill(self, x0, y0, x1, y1, gray):
        """A filled box without outline (a shaded header cell), drawn under what follows."""
        self.page.ops.append(("fill", x0, y0, x1, y1, gray))


def baseline(top, leading, size):
    return top + (leading - size) / 2 + 0.88 * size


def put_lines(flow, lines, font, size, leading, x0, width, align="justify", first_indent=0.0,
              flags=(), keep=1):
    """Place wrapped lines, breaking pages as needed. Returns list of (page, top, bottom)."""
    placed = []
    n = len(lines)
    for k, ln in enumerate(lines):
        if flow.y + leading > flow.bottom + 0.01:
            flow.new_page()
        ind = first_indent if k == 0 else 0.0
        x = x0 + ind
        avail = width - ind
        nat = text_w(ln, font, size)
        cs = 0.0
        if align == "center":
            x = x0 + (width - nat) / 2
        elif align == "right":
            x = x0 + width - nat
        elif align == "justify" and k < n - 1 and len(ln) > 1:
            cs = (avail - nat) / (len(ln) - 1)
            if cs > size * 0.6 or cs < 0:
                cs = 0.0
        flow.text(x, baseline(flow.y, leading, size), ln, font, size, cs, flags)
        placed.append((flow.idx(), flow.y, flow.y + leading))
        flow.y += leading
    return placed


# ------------------------------------------------------------------ tables
class TableLayout:
    """Ruled table: column widths, header (1-2 levels), rows with row/col spans."""

    def __init__(self, tb, width, st, fs=None):
        self.tb = tb
        self.st = st
        self.fs = fs or st["table_size"]
        self.lead = self.fs * st.get("table_lead", 1.38)
        self.pad = 3.0
        self.vpad = 2.5
        self.font = st["table_font"]
        self.hfont = st["head_font"]
        self.n = tb["ncols"]
        self.widths = self.col_widths(width)
        self.x = [0.0]
        for w in self.widths:
            self.x.append(self.x[-1] + w)

    def col_widths(self, W):
        tb, fs, n = self.tb, self.fs, self.n
        maxl = [1.0] * n
        tot = [1.0] * n
        for r in tb["rows"]:
            if r["kind"] != "row":
                continue
            for c, t in enumerate(r["cells"]):
                if r["colspan"].get(c, 1) > 1 or not t:
                    continue
                for ln in t.split("\n"):
                    l = text_w(ln, self.font, fs) / fs
                    maxl[c] = max(maxl[c], l)
                    tot[c] += l
        hmin = [2.0] * n
        for t, rr, c, rs, cs in tb["header"]:
            if cs == 1:
                l = text_w(t, self.hfont, fs) / fs
                hmin[c] = max(hmin[c], min(l, 4.0) if l <= 4 else max(2.0, (l + 2) // 3))
        p = 2 * self.pad / fs
        nat = [min(maxl[c], 60) + p for c in range(n)]
        mn = []
        for c in range(n):
            longest_tok = 0
            for r in tb["rows"]:
                if r["kind"] == "row" and r["cells"][c] and r["colspan"].get(c, 1) == 1:
                    for tok in re.findall(r"[A-Za-z0-9.\-/%]+", r["cells"][c]):
                        longest_tok = max(longest_tok, text_w(tok, self.font, fs) / fs)
            mn.append(max(hmin[c], min(longest_tok, 5.0), min(maxl[c], 3.0)) + p)
        mn = [min(a, b) if b > a else a for a, b in zip(mn, nat)]
        # st["narrow_cols"]: column label → width in characters, set too narrow for its longest
        # token on purpose (the token is then broken by characters, "2020/2023" over several lines)
        narrow = self.st.get("narrow_cols") or {}
        for c, name in enumerate(tb.get("colnames") or []):
            if name in narrow:
                mn[c] = nat[c] = narrow[name] + p
        w = [m * fs for m in mn]
        natw = [max(a, b) * fs for a, b in zip(nat, mn)]
        R = W - sum(w)
        if R < 0:
            k = W / sum(w)
            return [x * k for x in w]
        for _ in range(20):
            open_ = [c for c in range(n) if w[c] < natw[c] - 0.01]
            if R <= 0.01 or not open_:
                break
            sw = sum(tot[c] for c in open_)
            used = 0
            for c in open_:
                add = min(R * tot[c] / sw, natw[c] - w[c])
                w[c] += add
                used += add
            R -= used
        if R > 0.01:
            sw = sum(w)
            w = [x + R * x / sw for x in w]
        return w

    def cell_lines(self, text, width, font=None):
        font = font or self.font
        out = []
        for para in text.split("\n"):
            out.extend(wrap(para, font, self.fs, width - 2 * self.pad))
        return out

    def cell_h(self, text, width, font=None):
        return len(self.cell_lines(text, width, font)) * self.lead + 2 * self.vpad

    def cspan_w(self, c, cs):
        return self.x[c + cs] - self.x[c]


def draw_cell_text(flow, lay, x0, top, w, h, text, font, flags=(), align=None):
    """Draw wrapped cell text vertically centred; returns bbox (x0, top, x1, bottom)."""
    lines = lay.cell_lines(text, w, font)
    th = len(lines) * lay.lead
    y = top + max((h - th) / 2, lay.vpad)
    one = len(lines) == 1
    for ln in lines:
        nat = text_w(ln, font, lay.fs)
        if align == "left" or (not one and align != "center"):
            x = x0 + lay.pad
        else:
            x = x0 + (w - nat) / 2
        flow.text(x, baseline(y, lay.lead, lay.fs), ln, font, lay.fs, 0.0, flags)
        y += lay.lead
    return [x0, top, x0 + w, top + h]


class RowTooTall(ValueError):
    """A style whose table rows do not fit its pages (bench/variants.py draws another style)."""


def layout_table(flow, tb, st, x_left, width, record, flags=()):
    """Paginate and draw a table at the flow cursor, ruled as tb["ruling"] says (grid by default;
    three_line: 三线表; header_rules: rules over and under the header only; none: no rule).
    record(dict) gets cell fragments."""
    lay = TableLayout(tb, width, st)
    n, fs = lay.n, lay.fs
    rows = tb["rows"]
    span_cols = tb["span_cols"]
    # header geometry
    hrows = tb["header_rows"]
    hh = [0.0] * hrows
    for t, r, c, rs, cs in tb["header"]:
        if rs == 1:
            hh[r] = max(hh[r], lay.cell_h(t, lay.cspan_w(c, cs), lay.hfont))
    for t, r, c, rs, cs in tb["header"]:
        if rs == 2:
            need = lay.cell_h(t, lay.cspan_w(c, cs), lay.hfont)
            if need > sum(hh):
                hh[-1] += need - sum(hh)
    header_h = sum(hh)
    # group ids and label heights
    gid = [[None] * n for _ in rows]
    glabel_h = {}
    counter = 0
    for i, r in enumerate(rows):
        if r["kind"] != "row":
            continue
        for c in span_cols:
            if c in r["cont"] and i > 0 and gid[i - 1][c] is not None:
                gid[i][c] = gid[i - 1][c]
            else:
                counter += 1
                gid[i][c] = counter
                glabel_h[counter] = lay.cell_h(r["cells"][c], lay.cspan_w(c, r["colspan"].get(c, 1)))
    base = []
    for i, r in enumerate(rows):
        if r["kind"] == "section":
            base.append(lay.cell_h(r["cells"][0], width, lay.hfont))
            continue
        h = lay.lead + 2 * lay.vpad
        covered = {c + k for c, m in r["colspan"].items() for k in range(1, m)}
        for c in range(n):
            if c in covered or (c in span_cols and c not in r["colspan"]):
                continue
            h = max(h, lay.cell_h(r["cells"][c], lay.cspan_w(c, r["colspan"].get(c, 1))))
        base.append(h)

    def last_of_group(i, c):
        return i + 1 >= len(rows) or rows[i + 1]["kind"] != "row" or gid[i + 1][c] != gid[i][c]

    # paginate
    segs = []           # (page_idx, y_top, [(row, top, h)])
    # st["repeat_header"] False: the header rows are printed on the table's first page only
    cont_header_h = header_h if st.get("repeat_header", True) else 0.0

    # st["orphan_header"]: a word processor's habit — the header row stays where the table starts
    # even when the first row (which may not split) goes to the next page
    orphan = st.get("orphan_header", False)

    def start_segment():
        if flow.y + header_h + (0.0 if orphan else base[0]) > flow.bottom:
            flow.new_page()
        segs.append([flow.idx(), flow.y, []])
        flow.y += header_h

    start_segment()
    i = 0
    while i < len(rows):
        seg = segs[-1]
        cur = seg[2]
        h = base[i]
        if rows[i]["kind"] == "row":
            for c in span_cols:
                if c in rows[i]["colspan"]:
                    continue
                acc = 0.0
                for (rj, tj, hj) in reversed(cur):
                    if rows[rj]["kind"] == "row" and gid[rj][c] == gid[i][c]:
                        acc += hj
                    else:
                        break
                if last_of_group(i, c):
                    h = max(h, glabel_h[gid[i][c]] - acc)
        if orphan and not cur and len(segs) == 1 and flow.y + h > flow.bottom + 0.01:
            flow.new_page()  # the header left alone at the foot of the page
            segs.append([flow.idx(), flow.y, []])
            flow.y += cont_header_h
            continue
        if flow.y + h <= flow.bottom + 0.01 or not cur:
            if flow.y + h > flow.bottom + 0.01:
                # rows are never split: a row taller than the page would run over the folio
                raise RowTooTall(f"table row {i} is {h:.0f} pt tall, the page has {flow.bottom - flow.y:.0f} pt")
            cur.append([i, flow.y, h])
            flow.y += h
            i += 1
            continue
        # page break before row i: make sure open portions can hold their labels
        fixed = False
        while not fixed:
            fixed = True
            if rows[i]["kind"] != "row" or not cur:
                break
            for c in span_cols:
                if c in rows[i]["colspan"]:
                    continue
                acc = 0.0
                k = len(cur)
                while k > 0 and rows[cur[k - 1][0]]["kind"] == "row" and gid[cur[k - 1][0]][c] == gid[i][c]:
                    acc += cur[k - 1][2]
                    k -= 1
                if k == len(cur):
                    continue
                need = glabel_h[gid[i][c]] - acc
                if need > 0.01:
                    if flow.bottom - flow.y >= need:
                        cur[-1][2] += need
                        flow.y += need
                    elif len(cur) > 1:
                        rj, tj, hj = cur.pop()
                        flow.y -= hj
                        i = rj
                        fixed = False
                        break
        flow.new_page()
        segs.append([flow.idx(), flow.y, []])
        flow.y += cont_header_h
    # draw: a grid rules every cell; the other ruling styles (tb["ruling"]) draw only their rules
    lw_in, lw_out = 0.45, 0.9
    ruling = tb.get("ruling", "grid")
    line = flow.line if ruling == "grid" else (lambda *a, **k: None)
    for si, (pi, ytop, placed) in enumerate(segs):
        page = flow.pages[pi]
        save = flow.page
        flow.page = page
        X = [x_left + v for v in lay.x]
        # header
        with_header = si == 0 or cont_header_h > 0
        hy = [ytop]
        for v in hh:
            hy.append(hy[-1] + (v if with_header else 0.0))
        for t, r, c, rs, cs in (tb["header"] if with_header else ()):
            x0, x1 = X[c], X[c + cs]
            t0, t1 = hy[r], hy[r + rs]
            if st.get("header_shade"):  # header cells shaded grey (st["header_shade"]: the gray level)
                flow.fill(x0, t0, x1, t1, st["header_shade"])
            draw_cell_text(flow, lay, x0, t0, x1 - x0, t1 - t0, t, lay.hfont, flags, align="center")
            line(x0, t0, x1, t0, lw_in)
            line(x0, t0, x0, t1, lw_in)
            line(x1, t0, x1, t1, lw_in)
            line(x0, t1, x1, t1, lw_in)
            record({"kind": "header", "page": pi, "c": c, "text": t, "bbox": [x0, t0, x1, t1]})
        ybot = placed[-1][1] + placed[-1][2] if placed else hy[-1]
        for idx, (ri, top, h) in enumerate(placed):
            r = rows[ri]
            if r["kind"] == "section":
                bb = draw_cell_text(flow, lay, X[0], top, X[-1] - X[0], h, r["cells"][0], lay.hfont, flags,
                                    align="left")
                line(X[0], top, X[-1], top, lw_in)
                line(X[0], top, X[0], top + h, lw_in)
                line(X[-1], top, X[-1], top + h, lw_in)
                record({"kind": "cell", "page": pi, "r": ri, "c": 0, "bbox": bb})
                continue
            covered = {c + k for c, m in r["colspan"].items() for k in range(1, m)}
            for c in range(n):
                if c in covered:
                    continue
                cs = r["colspan"].get(c, 1)
                x0, x1 = X[c], X[c + cs]
                is_span = c in span_cols and cs == 1
                first_in_portion = (not is_span) or idx == 0 or \
                    rows[placed[idx - 1][0]]["kind"] != "row" or gid[placed[idx - 1][0]][c] != gid[ri][c]
                if first_in_portion:
                    line(x0, top, x1, top, lw_in)
                line(x0, top, x0, top + h, lw_in)
                line(x1, top, x1, top + h, lw_in)
                if is_span and not first_in_portion:
                    continue
                ph = h
                if is_span:
                    k = idx + 1
                    while k < len(placed) and rows[placed[k][0]]["kind"] == "row" and \
                            gid[placed[k][0]][c] == gid[ri][c]:
                        ph += placed[k][2]
                        k += 1
                txt = r["cells"][c]
                if txt:
                    bb = draw_cell_text(flow, lay, x0, top, x1 - x0, ph, txt, lay.font, flags)
                    record({"kind": "cell", "page": pi, "r": ri, "c": c, "bbox": bb,
                            "span": bool(is_span and c in r["cont"])})
        line(X[0], ybot, X[-1], ybot, lw_in)
        # outer frame
        line(X[0], ytop, X[-1], ytop, lw_out)
        line(X[0], ybot, X[-1], ybot, lw_out)
        line(X[0], ytop, X[0], ybot, lw_out)
        line(X[-1], ytop, X[-1], ybot, lw_out)
        if ruling in ("three_line", "header_rules"):  # 三线表 / rules over and under the header
            flow.line(X[0], ytop, X[-1], ytop, lw_out)
            flow.line(X[0], hy[-1], X[-1], hy[-1], lw_in)
            if ruling == "three_line":
                flow.line(X[0], ybot, X[-1], ybot, lw_out)
        record({"kind": "region", "page": pi, "bbox": [X[0], ytop, X[-1], ybot]})
        flow.page = save
    return segs


# ------------------------------------------------------------------ renderer
def render(pages, path, st, furniture):
    c = canvas.Canvas(str(path), pagesize=st.get("page_size", A4), invariant=1, pageCompression=1,
                      initialFontName=st["body_font"], initialFontSize=10)
    c.setTitle(st.get("pdf_title", "朔州市人民政府公报 2021年第4期"))
    c.setAuthor("gazette-extract samples")
    c.setCreator("gazette-extract samples/typeset.py")
    c.setProducer("reportlab")
    for pg in pages:
        c.setPageSize(pg.size)
        H = pg.h
        furniture(c, pg)
        for op in pg.ops:
            if op[0] == "fill":
                _, x0, y0, x1, y1, gray = op
                c.setFillGray(gray)
                c.rect(x0, H - y1, x1 - x0, y1 - y0, stroke=0, fill=1)
                c.setFillGray(0)
            elif op[0] == "line":
                _, x1, y1, x2, y2, w = op
                c.setLineWidth(w)
                c.line(x1, H - y1, x2, H - y2)
            elif op[0] == "text":
                _, x, y, s, font, size, cs, flags = op
                if "kangxi" in flags and st.get("kangxi"):
                    s = s.translate(st["kangxi"])
                copies = [0.0, st.get("fake_bold_dx", 0.3)] if "bold" in flags and st.get("fake_bold") else [0.0]
                for dx in copies:
                    t = c.beginText()
                    t.setTextOrigin(x + dx, H - y)
                    t.setCharSpace(cs)
                    for f, seg in segments(s, font):
                        t.setFont(f, size)
                        t.textOut(seg)
                    c.drawText(t)
        c.showPage()
    c.save()
