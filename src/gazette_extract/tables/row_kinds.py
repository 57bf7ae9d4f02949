"""8. Row kinds (行类型): data, section (分类行), total (合计) and note (注) rows; sections."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .. import patterns
from ..layout import is_cjk
from ..models import TableSection
from .cell_text import flat, norm_text
from .rows import RawRow
from .settings import DEFAULT_SETTINGS, TableSettings


# A note row or line: 注：… / 备注：… / 说明：… (also 注1：).
NOTE_LINE = patterns.NOTE_LINE


def classify_row(row: RawRow, settings: TableSettings = DEFAULT_SETTINGS) -> str:
    """data | section | total | note.

    - total: the first non-empty cell reads 合计/总计/共计 (合计：64 项).
    - note: a row whose text starts with 注：/备注： and whose single cell spans the table.
    - section: one cell spanning (almost) the whole width (一、建设项目（52 项）), or a row of at
      most two filled cells whose text reads as a numbered section heading (一、…（N项）).
    """
    filled = [flat(t) for t in dict.fromkeys(row.texts) if t]
    if not filled:
        return "empty"
    first = filled[0]
    if patterns.TOTAL_ROW.match(first) or (len(filled) == 1 and patterns.STATED_TOTAL.match(first) and first.startswith(("合", "总", "總", "共"))):
        return "total"
    single_wide = row.n_distinct == 1 and row.widest >= settings.section_min_width
    if single_wide and NOTE_LINE.match(first):
        return "note"
    if single_wide:
        return "section"
    if len(filled) <= 2 and patterns.SECTION_ROW.match(section_text(filled)):
        return "section"
    return "data"


def section_text(filled: Sequence[str]) -> str:
    """A section row's text: its numeral may stand in the 序号 cell (一 | 建设项目（52 项）)."""
    if len(filled) == 2 and regex.fullmatch(r"[一二三四五六七八九十]{1,3}", filled[0]):
        return filled[0] + "、" + filled[1]
    return "".join(filled)


# Numbering in front of a heading or section label: 一、 / （一） / (1)
_HEADING_NUMBER = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)])\s*")


def section_of(text: str, row_index: int, page: int) -> TableSection:
    """A TableSection from a section row's text: numbering and count removed."""
    m = patterns.SECTION_ROW.match(text)
    if m:
        label = m["label"].strip()
        n = int(m["n"]) if m["n"] else None
    else:
        cm = patterns.COUNT_IN_PARENS.search(text)
        n = int(cm["n"]) if cm else None
        label = _HEADING_NUMBER.sub("", patterns.COUNT_IN_PARENS.sub("", text)).strip()
    return TableSection(label=norm_text(label) if _all_cjk(label) else label, stated_count=n, first_row=row_index, page=page)


def _all_cjk(text: str) -> bool:
    return all(is_cjk(ch) or ch.isspace() for ch in text)
