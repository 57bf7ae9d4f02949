"""Unit tests of the layout stage (layout/) on hand-built glyphs, lines and pages."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gazette_extract.errors import DamagedPdfError, NotAPdfError
from gazette_extract.layout import (
    RawChar,
    _dedupe_glyphs,
    glyph_text,
    group_lines,
    is_cjk,
    normalize_glyph_text,
    open_pdf,
    page_notes,
    strip_furniture,
)
from gazette_extract.models import Glyph, PageLayout, TextLine

A4 = (595.0, 842.0)


def char(text, x0, top=200.0, size=16.0, fontname="SimSun"):
    """A reader's raw glyph (top-left origin)."""
    return RawChar(text=text, fontname=fontname, size=size, x0=x0, x1=x0 + size, top=top, bottom=top + size)


def glyph(text, x0, top=200.0, size=16.0, width=None, bold=False):
    w = size if width is None else width
    return Glyph(text=text, x0=x0, top=top, x1=x0 + w, bottom=top + size, size=size, bold=bold)


def line(text, x0, top, x1=None, size=16.0, page=1):
    x1 = x0 + size * len(text) if x1 is None else x1
    return TextLine(text=text, x0=x0, top=top, x1=x1, bottom=top + size, size=size, bold=False, page=page, segments=((text, x0, x1),))


def page(n, lines, size=A4):
    return PageLayout(
        page=n, width=size[0], height=size[1], printed_page=None, header="", lines=tuple(lines), glyphs=(), edges=(), body_size=16.0
    )


# ---------------------------------------------------------------- glyph normalisation


@pytest.mark.parametrize("radical, ideograph", [("\u2f45", "方"), ("\u2f94", "言")])
def test_kangxi_radical_becomes_unified_ideograph(radical, ideograph):
    assert normalize_glyph_text(radical) == ideograph


@pytest.mark.parametrize("radical, ideograph", [("\u2ec5", "见"), ("\u2ea0", "民"), ("\u2ee2", "马")])
def test_radical_supplement_lookalike_is_mapped(radical, ideograph):
    assert normalize_glyph_text(radical) == ideograph


def test_horizontal_bar_becomes_the_chinese_dash():
    # samples/gazette-html.pdf (Chromium) carries U+2015 for the — of 2021—2022
    assert normalize_glyph_text("\u2015") == "—"


@pytest.mark.parametrize("ch", ["（", "，", "：", "）", "Ａ", "方"])
def test_fullwidth_punctuation_and_ideographs_untouched(ch):
    assert normalize_glyph_text(ch) == ch


def test_is_cjk_covers_han_and_fullwidth_but_not_latin():
    assert all(is_cjk(c) for c in "通知（，：）…—")
    assert not any(is_cjk(c) for c in "A5 -.")


# ---------------------------------------------------------------- fake bold, unmapped glyphs


@pytest.mark.parametrize("copies", [2, 4])
def test_fake_bold_copies_collapse_to_one_bold_glyph(copies):
    glyphs, unmapped = _dedupe_glyphs([char("通", 100 + 0.3 * k) for k in range(copies)])
    assert len(glyphs) == 1
    assert glyphs[0].bold is True
    assert glyphs[0].x0 == 100
    assert unmapped == 0


def test_equal_digits_overlapping_more_than_a_point_apart_are_both_kept():
    # samples/sangyuan-html.pdf: 2022/2023 runs past its cell over the next cell's centred "2",
    # 1.34 pt from the overflow's own "2"; fake bold strikes again 0.2–0.5 pt off
    glyphs, _ = _dedupe_glyphs([char("2", 386.57, size=8.0), char("2", 385.23, size=8.0)])
    assert [g.text for g in glyphs] == ["2", "2"]
    glyphs, _ = _dedupe_glyphs([char("2", 386.57, size=8.0), char("2", 386.87, size=8.0)])
    assert [(g.text, g.bold) for g in glyphs] == [("2", True)]


def test_genuine_repetition_a_glyph_apart_is_kept():
    glyphs, _ = _dedupe_glyphs([char("年", 100), char("年", 116)])
    assert [g.text for g in glyphs] == ["年", "年"]
    assert not any(g.bold for g in glyphs)


def test_fake_bold_repetition_keeps_both_glyphs_bold():
    chars = [char("年", 100), char("年", 100.3), char("年", 116), char("年", 116.3)]
    glyphs, _ = _dedupe_glyphs(chars)
    assert [(g.text, g.x0, g.bold) for g in glyphs] == [("年", 100, True), ("年", 116, True)]


def test_repeated_narrow_latin_glyph_one_advance_apart_is_kept():
    w = 0.222 * 10.5  # advance of 'l' in Arial at 10.5pt (五号)
    chars = [char(c, x, size=10.5, fontname="ArialMT")._replace(x1=x + w) for c, x in (("A", 100.0), ("l", 107.0), ("l", 107.0 + w))]
    glyphs, _ = _dedupe_glyphs(chars)
    assert "".join(g.text for g in glyphs) == "All"


def test_same_char_on_next_line_is_not_a_copy():
    glyphs, _ = _dedupe_glyphs([char("一", 100, top=200), char("一", 100, top=228)])
    assert len(glyphs) == 2


def test_bold_font_name_marks_glyph_bold():
    glyphs, _ = _dedupe_glyphs([char("通", 100, fontname="ABCDEE+FZXiaoBiaoSong-B05S"), char("知", 116)])
    assert [g.bold for g in glyphs] == [True, False]


def test_bold_looking_face_of_most_glyphs_is_the_regular_weight():
    """A page set in 黑体 (a face named …Hei…): its glyphs read regular; a face of another name
    (…Bold), and fake-bold strikes (假粗体) on the body face, stay bold."""
    hei = "ABCDEF+WenQuanYiZenHei-0"
    chars = [char(c, 100 + 16 * k, fontname=hei) for k, c in enumerate("各县区人民政府")]
    chars += [char("通", 100, top=240, fontname="GHIJKL+WenQuanYiZenHei-0"), char("通", 100.3, top=240, fontname=hei)]
    chars += [char("知", 116, top=240, fontname="NotoSansCJKsc-Bold")]
    glyphs, _ = _dedupe_glyphs(chars)
    assert [(g.text, g.bold) for g in glyphs] == [(c, False) for c in "各县区人民政府"] + [("通", True), ("知", True)]


def test_bold_looking_face_of_fewer_than_half_the_glyphs_stays_bold():
    """A 黑体 title over a 宋体 body, or a page split evenly between them: 黑体 reads bold."""
    hei = "WenQuanYiZenHei"
    chars = [char(c, 100 + 16 * k, fontname=hei) for k, c in enumerate("关于印发")]
    chars += [char(c, 100 + 16 * k, top=240) for k, c in enumerate("各县区人民政府")]
    glyphs, _ = _dedupe_glyphs(chars)
    assert [g.bold for g in glyphs] == [True] * 4 + [False] * 7
    even, _ = _dedupe_glyphs(chars[:4] + chars[4:8])
    assert [g.bold for g in even] == [True] * 4 + [False] * 4


def test_cid_glyphs_are_counted_not_emitted():
    glyphs, unmapped = _dedupe_glyphs([char("(cid:123)", 100), char("通", 116), char("(cid:7)", 132)])
    assert [g.text for g in glyphs] == ["通"]
    assert unmapped == 2


def test_space_chars_are_dropped():
    glyphs, _ = _dedupe_glyphs([char("刘", 100), char(" ", 116), char("亮", 132)])
    assert [g.text for g in glyphs] == ["刘", "亮"]


def test_dedupe_maps_kangxi_radicals():
    glyphs, _ = _dedupe_glyphs([char("\u2f45", 100), char("案", 116)])
    assert "".join(g.text for g in glyphs) == "方案"


# ---------------------------------------------------------------- glyph_text


def test_glyph_text_drops_layout_spaces_between_cjk():
    text, segments = glyph_text([glyph("刘", 100), glyph("亮", 124)])  # 8pt gap, 0.5 em
    assert text == "刘亮"
    assert segments == ()  # one run of text: no segments kept


def test_glyph_text_keeps_space_between_latin_words():
    gs = [glyph("G", 100, size=10, width=6), glyph("5", 106, size=10, width=6), glyph("R", 117, size=10, width=6), glyph("d", 123, size=10, width=6)]
    text, _ = glyph_text(gs)
    assert text == "G5 Rd"


def test_glyph_text_splits_segments_on_wide_gap():
    gs = [glyph("组", 100), glyph("长", 116), glyph("刘", 180), glyph("亮", 196)]  # 48pt = 3 em gap
    text, segments = glyph_text(gs)
    assert [s[0] for s in segments] == ["组长", "刘亮"]
    assert segments[0][1:] == (100, 132)
    assert segments[1][1:] == (180, 212)
    assert text == "组长 刘亮"


# ---------------------------------------------------------------- group_lines


def test_group_lines_orders_lines_top_to_bottom_and_left_to_right():
    gs = [glyph("三", 116, top=300), glyph("二", 100, top=300), glyph("一", 116, top=200), glyph("甲", 100, top=200)]
    lines = group_lines(gs, page=3)
    assert [ln.text for ln in lines] == ["甲一", "二三"]
    assert all(ln.page == 3 for ln in lines)
    assert lines[0].x0 == 100 and lines[0].x1 == 132 and lines[0].top == 200


def test_group_lines_keeps_slightly_offset_glyphs_on_one_line():
    lines = group_lines([glyph("通", 100, top=200), glyph("知", 116, top=201.5)], page=1)
    assert [ln.text for ln in lines] == ["通知"]


def test_group_lines_size_and_bold_by_majority():
    gs = [glyph("通", 100, bold=True), glyph("知", 116, bold=True), glyph("书", 132, size=14)]
    (ln,) = group_lines(gs, page=1)
    assert ln.size == 16.0
    assert ln.bold is True


def test_group_lines_of_nothing():
    assert group_lines([], page=1) == []


# ---------------------------------------------------------------- strip_furniture

BODY = "为进一步加强政务公开工作，现将有关事项通知如下。"


def _gazette_page(n, extra=()):
    return page(
        n,
        [
            line("某市人民政府公报 2021年第4期", 90, 50, x1=505, size=10.5),
            line(BODY, 90, 200, x1=505),
            line(BODY, 90, 230, x1=505),
            line(f"— {n + 6} —", 280, 790, x1=315, size=10.5),
            *extra,
        ],
    )


def test_running_header_on_three_pages_is_removed_and_recorded():
    pages = strip_furniture([_gazette_page(n) for n in range(1, 5)])
    for p in pages:
        assert [ln.text for ln in p.lines] == [BODY, BODY]
        assert p.header == "某市人民政府公报 2021年第4期"


@pytest.mark.parametrize("style, expected", [("— 7 —", 7), ("·7·", 7), ("第7页", 7), ("- 7 -", 7)])
def test_printed_page_number_read_from_footer_band(style, expected):
    p = page(1, [line(BODY, 90, 200, x1=505), line(style, 280, 790, x1=315, size=10.5)])
    (out,) = strip_furniture([p])
    assert out.printed_page == expected
    assert [ln.text for ln in out.lines] == [BODY]


def test_number_in_body_is_not_a_page_number():
    p = page(1, [line(BODY, 90, 200, x1=505), line("14", 90, 400, x1=106)])
    (out,) = strip_furniture([p])
    assert out.printed_page is None
    assert "14" in [ln.text for ln in out.lines]


@pytest.mark.parametrize("x0", [20.0, 560.0])
def test_lone_margin_glyph_outside_the_column_is_removed(x0):
    marks = [line(c, x0, top, size=12) for c, top in (("装", 300), ("订", 420), ("线", 540))]
    pages = strip_furniture([_gazette_page(n, marks if n == 2 else ()) for n in range(1, 5)])
    assert [ln.text for ln in pages[1].lines] == [BODY, BODY]


def test_single_glyph_inside_the_column_is_kept():
    p = page(1, [line(BODY, 90, 200, x1=505), line("甲", 90, 230, size=16)])
    (out,) = strip_furniture([p])
    assert "甲" in [ln.text for ln in out.lines]


def test_first_page_letterhead_that_does_not_recur_is_kept():
    letterhead = line("某市人民政府办公室文件", 150, 60, x1=450, size=22)
    pages = [_gazette_page(1, [letterhead])] + [_gazette_page(n) for n in range(2, 5)]
    out = strip_furniture(pages)
    assert "某市人民政府办公室文件" in [ln.text for ln in out[0].lines]


def test_issuer_name_at_the_top_of_pages_in_different_sizes_is_not_a_running_header():
    """Page breaks leave 某市人民政府办公室 at the top of three of four pages: twice a 落款 (body
    size, right-aligned), once the issuer line of a title (title size, centred). A running
    header recurs in one size; these lines stay body text."""
    issuer = "某市人民政府办公室"
    tops = {1: line(issuer, 380, 62, x1=505, size=16), 2: line(issuer, 200, 62, x1=400, size=22),
            3: line(issuer, 380, 62, x1=505, size=16)}
    out = strip_furniture([_gazette_page(n, [tops[n]] if n in tops else []) for n in range(1, 5)])
    assert [issuer in [ln.text for ln in p.lines] for p in out] == [True, True, True, False]
    assert {p.header for p in out} == {"某市人民政府公报 2021年第4期"}


def test_page_numbers_recorded_per_page():
    out = strip_furniture([_gazette_page(n) for n in range(1, 5)])
    assert [p.printed_page for p in out] == [7, 8, 9, 10]


# ---------------------------------------------------------------- page_notes


def test_page_notes_report_unmapped_ocr_and_image_only_pages():
    base = page(1, [])
    pages = [
        replace(base, page=1, unmapped_glyphs=5),
        replace(base, page=2, ocr_text_layer=True),
        replace(base, page=3, image_only=True),
        replace(base, page=4),
    ]
    notes = page_notes(pages)
    assert [(n.page, n.kind, n.count) for n in notes] == [(1, "unmapped_glyphs", 5), (2, "ocr_text_layer", 0), (3, "image_only", 0)]


# ---------------------------------------------------------------- open_pdf


def test_open_pdf_empty_file_is_not_a_pdf(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(NotAPdfError):
        open_pdf(path)


def test_open_pdf_text_file_is_not_a_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("这不是PDF文件", encoding="utf-8")
    with pytest.raises(NotAPdfError):
        open_pdf(path)


def test_open_pdf_missing_file_is_not_a_pdf(tmp_path):
    with pytest.raises(NotAPdfError):
        open_pdf(tmp_path / "missing.pdf")


def test_open_pdf_truncated_pdf_is_damaged(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    with pytest.raises(DamagedPdfError):
        open_pdf(path)


# ---------------------------------------------------------------- a landscape page drawn turned (orientation.py)


def _turned_page(direction: str):
    """Two 20-glyph lines of a landscape page drawn turned on a portrait page: each line a column
    of glyphs, running up the page (``up``: drawn counter-clockwise) or down it, plus a ruling line."""
    from gazette_extract.layout.source import RawBox, RawPage

    chars = []
    for column, text in ((100.0, "关于加强城市供水安全管理的通知要求如下请"), (130.0, "各县市区人民政府市直各有关单位认真执行")):
        for k, ch in enumerate(text):
            top = 700.0 - 16 * (k + 1) if direction == "up" else 100.0 + 16 * k
            chars.append(RawChar(ch, "SimSun", 16.0, column, column + 16.0, top, top + 16.0))
    return RawPage(1, 595.0, 842.0, 0, chars, [RawBox(160.0, 161.0, 100.0, 700.0)], [], [])


@pytest.mark.parametrize("direction", ["up", "down"])
def test_text_running_along_the_height_is_turned_upright(direction):
    from gazette_extract.layout.orientation import upright_page

    turned, folio = upright_page(_turned_page(direction))
    assert folio is None
    assert (turned.width, turned.height) == (842.0, 595.0)
    lines = {}
    for ch in turned.chars:
        lines.setdefault(round(ch.top), []).append(ch)
    texts = ["".join(c.text for c in sorted(cs, key=lambda c: c.x0)) for _, cs in sorted(lines.items())]
    first, second = "关于加强城市供水安全管理的通知要求如下请", "各县市区人民政府市直各有关单位认真执行"
    assert texts == ([first, second] if direction == "up" else [second, first])  # the first column is nearest the top
    [rule] = turned.lines
    assert rule.bottom - rule.top <= 1.0 and rule.x1 - rule.x0 == 600.0  # the vertical rule runs across now


def test_upright_text_and_a_short_vertical_label_are_left_as_they_are():
    from gazette_extract.layout.orientation import upright_page
    from gazette_extract.layout.source import RawPage

    across = [char(ch, 90 + 16 * k, top=100.0 + 24 * (k // 25)) for k, ch in enumerate("各县市区人民政府市直各有关单位" * 4)]
    label = [char(ch, 60, top=300.0 + 16 * k) for k, ch in enumerate("江城市人民政府公报")]
    raw = RawPage(1, 595.0, 842.0, 0, across + label, [], [], [])
    assert upright_page(raw) == (raw, None)
    assert upright_page(raw)[0] is raw


def test_a_turned_page_keeps_its_portrait_folio_upright():
    """The folio — 7 — printed upright at the portrait foot of a turned page is its page number,
    left out of the turned text."""
    from gazette_extract.layout.orientation import upright_page

    raw = _turned_page("up")
    folio = [char(ch, 280 + 8 * k, top=800.0, size=10.5) for k, ch in enumerate("—7—")]
    page, number = upright_page(raw._replace(chars=raw.chars + folio))
    assert number == 7
    assert len(page.chars) == len(raw.chars) and (page.width, page.height) == (842.0, 595.0)
