"""Style configurations for the two sample layouts."""

KANGXI = {ord("方"): "\u2f45", ord("言"): "\u2f94", ord("工"): "\u2f2f"}


def _wide(tb):
    return tb["ncols"] >= 9 or (tb["colnames"] and tb["colnames"][0] == "一级指标" and tb["ncols"] >= 7)


STYLES = {
    "a": {
        "margins": (78, 72, 66, 62),           # top, bottom, left, right (pt)
        "body_font": "Song", "body_size": 11.5, "leading": 21,
        "title_font": "Hei", "title_size": 18, "title_lead": 28, "title_inset": 30, "title_space_before": 14,
        "head_font": "Hei", "caption_size": 15, "bold_captions": False,
        "table_font": "Song", "table_size": 8.5,
        "doc_new_page": True, "doc_gap": 0, "landscape_attachments": False, "landscape": _wide,
        "header_text": "朔州市人民政府公报", "header_y": 46, "footer_y": 40, "furniture_size": 9.5,
        "folio_style": "center", "fake_bold": False,
    },
    "b": {
        "margins": (84, 66, 74, 58),
        "body_font": "Kai", "body_size": 12.5, "leading": 22,
        "title_font": "Song", "title_size": 17, "title_lead": 27, "title_inset": 24, "title_space_before": 6,
        "head_font": "Hei", "caption_size": 14, "bold_captions": True,
        "table_font": "Kai", "table_size": 8.5,
        "doc_new_page": False, "doc_gap": 34, "landscape_attachments": True, "landscape": _wide,
        "header_text": "朔州市人民政府公报　2021年第4期", "header_y": 50, "footer_y": 36, "furniture_size": 9,
        "folio_style": "outer", "fake_bold": True, "fake_bold_dx": 0.3,
        "kangxi": KANGXI, "kangxi_docs": ("朔政办发〔2021〕33号", "朔政办函〔2021〕84号"),
        "defects_doc": {
            "fake_bold": "cover title, document titles, enclosure titles, attachment captions and the back-matter title are "
                         "drawn twice, second copy offset +0.3pt in x; both copies are in the text layer",
            "kangxi": "in every paragraph, heading and table cell (header and data) of 朔政办发〔2021〕33号 and "
                      "朔政办函〔2021〕84号: 方->U+2F45 ⽅, 言->U+2F94 ⾔, 工->U+2F2F ⼯ (titles, 文号, addressee, "
                      "signature and captions untouched)",
        },
    },
}
