"""Small variant PDFs for tests/test_variants.py: the layouts the variation sweep
(bench/variants.py) found broken, each set as explicit style parameters on a few documents.

Usage: .venv/bin/python samples/variant_fixtures.py [NAME ...]   (html/docx: Chromium, LibreOffice)

reportlab cases are typeset at test time (~1 s each, `build(name, out)`); html and docx ones are
committed under tests/fixtures/variants/ (CI has neither Chromium nor LibreOffice) and rebuilt by
this script. Every case names the printed pattern it shows; the tests assert the source text's
expectations on it.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import gzsource  # noqa: E402

SECOND = Path(__file__).parent / "source" / "sangyuan-gazette-2022-02.txt"
FIXTURES_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "variants"
MM = 72 / 25.4
UMING_HTML = "'AR PL UMing CN', serif"


def _reportlab(**over):
    from styles import STYLES
    return dict(STYLES["a"], **over)


def _html(base="serif", **over):
    import htmlgazette as H
    st = dict(H.STYLES[base], col_widths=lambda tb: None, nowrap_cols=lambda tb: set())
    for key in ("body_font", "title_font", "head_font", "table_font"):
        st[key] = UMING_HTML  # one font: a small fixture
    return dict(st, **over)


def _docx(**over):
    import docxgazette as D
    st = dict(D.STYLES["song"], narrow_schedule=False, cell_align=D.JUSTIFY)
    for key in ("body_font", "title_font", "head_font", "table_font"):
        st[key] = "AR PL UMing CN"
    return dict(st, **over)


# name → (producer, source, style parameters (a function: imports only when built), 文号 kept)
CASES = {
    # every 附件 opens a page right under a shallow head: its label (附件1, 附件2 …) is the page's
    # first line, in the running header's band and recurring there
    "rl-label-top": ("reportlab", SECOND, lambda: _reportlab(margins=(62, 72, 66, 62)), None),
    "html-label-top": ("html", SECOND, lambda: _html(margins="17mm 22mm 22mm 24mm", doc_new_page=True,
                                                      attachment_new_page=True),
                       ["桑政发〔2022〕9号", "桑政办发〔2022〕5号"]),
    # a B5 page with a deep head and foot: the running header and the folio stand lower (higher)
    # than the usual furniture bands
    "rl-deep-head": ("reportlab", SECOND, lambda: _reportlab(page_size=(176 * MM, 250 * MM), margins=(110, 110, 60, 60),
                                                             header_y=90, footer_y=85, body_size=10.5, leading=18), None),
    "html-deep-head": ("html", SECOND, lambda: _html("kai", page_size="176mm 250mm", margins="32mm 28mm 24mm 29mm",
                                                      body_size="14pt", line_height=1.57, table_size="9pt",
                                                      folio="outer", doc_new_page=True),
                       ["桑政发〔2022〕9号"]),
    # a table's header row left alone at the foot of a page, its first row (too tall for the
    # rest of the page, never split) on the next page, the header not repeated there
    "rl-header-orphan": ("reportlab", gzsource.SEED,
                         lambda: _reportlab(**_run_on_b(), margins=(84, 66, 74, 58), orphan_header=True,
                                            repeat_header=False),
                         ["朔政发〔2021〕27号"]),
    "docx-header-orphan": ("docx", gzsource.SEED,
                           lambda: _docx(page_cm=(18.5, 26.0), margins_cm=(2.1, 2.7, 2.6, 2.4), body_size=12, leading=20.6,
                                         title_size=17, issuer_size=17, caption_size=14, table_size=7.5, folio="outer",
                                         doc_new_page=False, attachment_new_page=False, enclosure_new_page=True,
                                         cant_split=True, repeat_header=False),
                           ["朔政发〔2021〕27号"]),
    # an open table (rules over and under the header only) whose cells are centred vertically
    # beside the 序号: the page holds one record, lines of its wrapped cells above and below the 序号
    "rl-centred-rows": ("reportlab", SECOND, lambda: _reportlab(**_run_on_b(), margins=(90, 66, 74, 58)),
                        ["桑政发〔2022〕14号", "桑政发〔2022〕9号"]),
    # documents run on and a page break may cut a title: its first lines at the foot of a page,
    # the rest (…的通知) and the 文号 at the top of the next
    "rl-title-break": ("reportlab", SECOND, lambda: _reportlab(**_run_on_b(), margins=(100, 66, 74, 58), keep_title=False),
                       None),
    # a large body font wraps every item of an 附件 list set beside a long label (附件（详见…）：):
    # item 1's second line ends in 清单 right above item 2 — a list going on, not a table's caption
    "rl-wrapped-list": ("reportlab", gzsource.SEED, lambda: _reportlab(body_font="Kai", body_size=14, leading=23.7,
                                                                       margins=(69, 79, 92, 81)),
                        ["朔政办发〔2021〕34号"]),
    "docx-centred-rows": ("docx", SECOND,
                          lambda: _docx(page_cm=(17.6, 25.0), margins_cm=(2.0, 2.5, 2.8, 1.8), body_size=12, leading=18.3,
                                        title_size=20, issuer_size=20, caption_size=13, table_size=8.5, folio="center",
                                        doc_new_page=True, attachment_new_page=False, cant_split=True, split_title=False),
                          ["桑政发〔2022〕9号"]),
    # a continuation page whose every row merges 2021年|2022年 (推进前期工作), the header not
    # repeated: the rule between those columns is missing there
    "rl-merged-continuation": ("reportlab", gzsource.SEED,
                               lambda: _reportlab(**_run_on_b(), body_font="Hei", body_size=12.5, leading=21.7,
                                                  title_font="Kai", table_font="Kai", table_size=8.5, table_lead=1.53,
                                                  margins=(60, 54, 74, 68), repeat_header=False),
                               ["朔政办发〔2021〕37号"]),
    # a whole gazette set in one bold-looking family (黑体: body, titles, headings and tables in a
    # face named …Hei…): no line is bolder than the body around it, except where fake bold (假粗体)
    # strikes titles and captions twice
    "rl-hei-body": ("reportlab", gzsource.SEED,
                    lambda: _reportlab(body_font="Hei", title_font="Hei", head_font="Hei", table_font="Hei",
                                       bold_captions=True, fake_bold=True),
                    ["朔政办发〔2021〕37号", "朔政办函〔2021〕40号"]),
    "html-hei-body": ("html", gzsource.SEED,
                      lambda: _html(**{k: "'WenQuanYi Zen Hei', sans-serif"
                                       for k in ("body_font", "title_font", "head_font", "table_font")}),
                      ["朔政办发〔2021〕37号", "朔政办函〔2021〕40号"]),
    # an 附件's caption set centred in the body's own size and face (a word processor's caption
    # style keeping only the centring): still the caption, so a project list is titled by it and
    # not by the wording of the 附件 list; the narrow 开/竣工时间 column wraps a year (202 / 1-202 / 2)
    "rl-plain-caption": ("reportlab", SECOND,
                         lambda: _reportlab(head_font="Song", caption_size=11.5, bold_captions=False),
                         ["桑政办发〔2022〕12号"]),
    "docx-plain-caption": ("docx", SECOND,
                           lambda: _docx(margins_cm=(2.8, 3.3, 2.6, 2.4), body_size=13, leading=22.5, title_size=18,
                                         issuer_size=14, caption_size=13, table_size=7.5, doc_new_page=False,
                                         attachment_new_page=False, enclosure_new_page=True, narrow_schedule=True,
                                         repeat_header=False, folio="outer"),
                           ["桑政办发〔2022〕12号"]),
    # a table printed without any rule under its caption (省级重点工程项目名单) on a narrow page: the
    # 序号 label wraps (序 / 号), its lines half a line above and below the labels set on one line
    "html-borderless-head": ("html", SECOND, lambda: _html(page_size="176mm 250mm", margins="30mm 29mm 30mm 22mm",
                                                            body_size="10.5pt", table_size="9pt", cell_align="left"),
                             ["桑政办发〔2022〕5号"]),
    "rl-borderless-head": ("reportlab", SECOND, lambda: _reportlab(page_size=(176 * MM, 250 * MM), margins=(70, 60, 64, 64),
                                                                   body_size=10.5, leading=18, table_size=10.5,
                                                                   narrow_cols={"序号": 1.6}),
                           ["桑政办发〔2022〕5号"]),
    # an open table whose page opens with its total and section lines (合计：11项, 一、建设项目（8项）)
    # above records centred beside their 序号, each name wrapped with its first line above the 序号
    "docx-total-over-centred": ("docx", SECOND, lambda: _docx_run_on(page_cm=(18.5, 26.0)), ["桑政办发〔2022〕5号"]),
    "rl-wrapped-names": ("reportlab", SECOND, lambda: _reportlab(table_size=10.5, narrow_cols={"项目名称": 9.0}),
                         ["桑政办发〔2022〕5号"]),
    # header cells shaded gray over a 三线表, a header rule pair and a table without rules: the
    # fills box the header row like a grid of one row; the rows under it have no rules
    "rl-shaded-head": ("reportlab", SECOND, lambda: _reportlab(header_shade=0.8),
                       ["桑政发〔2022〕9号", "桑政办发〔2022〕5号"]),
    "html-shaded-head": ("html", SECOND, lambda: _html(header_shade=0.85),
                         ["桑政发〔2022〕9号", "桑政办发〔2022〕5号"]),
    # a tab-stop roster whose first stop (4.5 characters) is narrower than its longest label
    # (总召集人：): labelled lines set the name at the second stop, and the spaced label 成　员：
    # puts 员： right by the first stop, where the other members' names start
    "docx-tight-tab-stops": ("docx", SECOND, lambda: _docx(body_size=12, roster_stops=(4.5, 9.8)),
                             ["桑政办函〔2022〕8号"]),
    # the same list on A4 after the document before it: the page holds records 1–5 only, every
    # name wrapped, its first line (one piece) set left of where a one-line name would start
    "docx-wrapped-names": ("docx", SECOND, lambda: _docx_run_on(page_cm=(21.0, 29.7)),
                           ["桑政办发〔2022〕12号", "桑政办发〔2022〕5号"]),
}


def _docx_run_on(**over):
    """A docx style whose documents and attachments run on, rows never split, tables in 10.5 pt
    centred (held-out variant docx-sangyuan-2022-02-201, one font)."""
    import docxgazette as D
    return _docx(**{"margins_cm": (2.2, 3.4, 2.9, 2.8), "body_size": 11, "leading": 18.5, "title_size": 17,
                    "issuer_size": 14, "caption_size": 13, "table_size": 10.5, "cell_align": D.CENTER,
                    "folio": "outer", "doc_new_page": False, "attachment_new_page": False,
                    "enclosure_new_page": False, "cant_split": True, "split_title": False} | over)


def _run_on_b():
    """Style b's flow (documents and attachments run on) without its defects."""
    from styles import STYLES
    b = STYLES["b"]
    return {k: b[k] for k in ("doc_new_page", "doc_gap", "folio_style", "header_y", "footer_y", "furniture_size")} | {
        "landscape_attachments": False, "header_text": "朔州市人民政府公报　2021年第4期"}


def build(name: str, out: Path) -> Path:
    """Typeset case NAME into out/NAME.pdf (+ its manifest); the PDF's path."""
    producer, source, style, docs = CASES[name]
    if producer == "reportlab":
        import typeset
        typeset.build("variant", source=source, name=name, out=out, style=style(), docs=docs)
    else:
        import producers
        producers.build_outside(name, producer, source, "variant", out=out, params=style(), docs=docs)
    return Path(out) / f"{name}.pdf"


if __name__ == "__main__":
    FIXTURES_DIR.mkdir(parents=True, exist_ok=True)
    for n in sys.argv[1:] or [k for k, v in CASES.items() if v[0] != "reportlab"]:
        print(build(n, FIXTURES_DIR))
