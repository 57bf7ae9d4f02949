"""Helpers shared by the record mappers: header matching, cell clean-up, unit lists, ``extra``.

Columns are found by their header label (表头), never by position: each record field has a
list of label patterns, tried in order; a column serves at most one field. Labels are compared
after removing whitespace and folding fullwidth parentheses, so 投资 (亿元), 投资（亿元） and
投资(亿元) are the same label, and 开/竣工 时间 matches 开/竣工时间.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from .. import patterns
from ..models import DocumentSpan, Table, TableRow

_WS = regex.compile(r"\s+")
# Whitespace touching a Han character or fullwidth punctuation is layout, not text.
_WS_NEAR_CJK = regex.compile(
    r"\s+(?=[\p{Han}\u3000-\u303f\uff00-\uffef《》“”‘’—…·★☆])|(?<=[\p{Han}\u3000-\u303f\uff00-\uffef《》“”‘’—…·★☆])\s+"
)


def norm_label(label: str) -> str:
    """A header label for matching: no whitespace, ASCII parentheses."""
    return _WS.sub("", label or "").replace("（", "(").replace("）", ")")


def leaf_label(label: str) -> str:
    """The lower level of a two-level label (分年度任务(亿元)/2021年 → 2021年)."""
    return norm_label(label).rsplit("/", 1)[-1]


def squeeze(text: str | None) -> str:
    """Cell text as one line: wrapped lines joined, layout spaces near Chinese removed."""
    if not text:
        return ""
    return _WS.sub(" ", _WS_NEAR_CJK.sub("", text.strip())).strip()


def clean_block(text: str | None) -> str | None:
    """Long prose cell (措施, 建设意义): wrapped lines joined, layout spaces removed; a line break
    is kept only before a printed item (1. … 2. …, （1）, ①), so the items stay apart."""
    if not text or not text.strip():
        return None
    out: list[str] = []
    for ln in (squeeze(x) for x in text.strip().splitlines()):
        if not ln:
            continue
        if out and not _ITEM_START.match(ln):
            sep = "" if _joins_without_space(out[-1], ln) else " "
            out[-1] += sep + ln
        else:
            out.append(ln)
    return "\n".join(out) or None


# A printed line that starts an item of its own (1. / （1） / ① / 一是 / □), kept on its own line.
_ITEM_START = regex.compile(r"^(?:\d{1,2}\s*[.．、](?!\d)|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)]|[①-⑳]|[一二三四五六七八九十]是|□)")


def or_none(text: str | None) -> str | None:
    s = squeeze(text)
    return s or None


def parse_seq(text: str | None) -> int | None:
    """序号 cell → int (1, 1★, ★3); None when it is not a plain number."""
    if not text:
        return None
    m = patterns.SEQ_CELL.match(squeeze(text))
    return int(m["n"]) if m else None


def strip_heading(label: str | None) -> str | None:
    """一、建设项目（52 项） → 建设项目: heading number and stated count removed."""
    if not label:
        return None
    s = squeeze(label)
    s = patterns.HEADING_NUMBER.sub("", s, count=1)
    s = patterns.TRAILING_COUNT.sub("", s)
    return s.strip() or None


def is_numbered_heading(text: str | None) -> bool:
    """A caption that is a level-1/2 heading (二、某市铁路重点建设项目), not a sentence."""
    if not text:
        return False
    s = squeeze(text)
    return bool(patterns.HEADING_NUMBER.match(s)) and "。" not in s and len(s) <= 60


def _split_top_level(text: str, seps: str) -> list[str]:
    """Split on any char of ``seps`` outside brackets (各县〔市、区〕政府 stays whole)."""
    parts, depth, buf = [], 0, []
    for ch in text:
        if ch in "（(〔[【《〈":
            depth += 1
        elif ch in "）)〕]】》〉" and depth:
            depth -= 1
        if ch in seps and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def split_unit_list(text: str | None) -> list[str]:
    """A unit list (责任单位, 配合单位) → unit names.

    Splits on 、，,；; outside brackets; whitespace or a line break separates two units only when
    the text before it ends like a unit name (局, 政府, 单位 …): ``市直有关单位 某区政府`` gives
    two units, while a name wrapped inside its cell (``北京冠群信息技术\\n股份有限公司``) stays one.
    """
    if not text or not text.strip():
        return []
    out: list[str] = []
    for part in _split_top_level(text.strip(), "、，,；;"):
        pieces = [q for p in _WS.split(part.strip()) if p for q in _split_run_together(p)]
        cur = ""
        for p in pieces:
            if cur and patterns.UNIT_ENDING.search(cur):
                out.append(cur)
                cur = p
            else:
                cur = cur + p if cur and _joins_without_space(cur, p) else (f"{cur} {p}" if cur else p)
        if cur:
            out.append(cur)
    return [u.strip() for u in out if u.strip()]


# Where two unit names are printed with no separator at all (a line break that reads like a wrap:
# 市发改委 stacked over 市商务局 in a cell exactly four glyphs wide), the second begins with an
# administrative prefix right after the first one's unit ending: …委|市…, …局|县…
_RUN_TOGETHER = regex.compile(r"(?<=(?:局|厅|委|办|院|政府|中心|单位|海关))(?=(?:市|县|区|省|国家)\p{Han}{2,})")


def _split_run_together(piece: str) -> list[str]:
    """``市发改委市商务局`` → [市发改委, 市商务局]; 管委会, 市委宣传部, 市政府办公室 stay whole."""
    return [p for p in _RUN_TOGETHER.split(piece) if p]


def units_text(text: str | None) -> str | None:
    """A unit cell as printed, one line: wrapped lines inside a unit name joined, a line break or
    gap after a complete unit name (…局, …政府) kept as one space (``管委会 市交通运输局``)."""
    if not text or not text.strip():
        return None
    out = ""
    for p in (x for x in _WS.split(text.strip()) if x):
        if not out:
            out = p
        elif patterns.UNIT_ENDING.search(out) or not _joins_without_space(out, p):
            out += " " + p
        else:
            out += p
    return out or None


def _joins_without_space(left: str, right: str) -> bool:
    return bool(regex.match(r"[\p{Han}\uff00-\uffef）)]", left[-1]) or regex.match(r"[\p{Han}\uff00-\uffef（(]", right[0]))


# ---------------------------------------------------------------- column mapping


@dataclass(frozen=True)
class FieldRule:
    """A record field and the header labels that feed it (regexes on the normalized label)."""

    field: str
    labels: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def matches(self, label: str) -> bool:
        n = norm_label(label)
        if any(_label_pattern(x).search(n) for x in self.exclude):
            return False
        return any(_label_pattern(x).search(n) for x in self.labels)


@functools.cache
def _label_pattern(text: str) -> regex.Pattern:
    """A rule's label regex, compiled once (regex's own cache costs more per call than a search)."""
    return regex.compile(text)


def map_columns(columns: Sequence[str], rules: Iterable[FieldRule], taken: set[int] | None = None) -> dict[str, int]:
    """field → column index; rules are tried in order and each column serves one field."""
    used = set(taken or ())
    out: dict[str, int] = {}
    for rule in rules:
        for i, label in enumerate(columns):
            if i not in used and rule.matches(label):
                out[rule.field] = i
                used.add(i)
                break
    return out


def cell(row: TableRow, index: int | None) -> str:
    if index is None or index >= len(row.texts):
        return ""
    return row.texts[index] or ""


def extra_json(columns: Sequence[str], row: TableRow, used: Iterable[int]) -> str:
    """JSON object text of the printed cells of columns no record field took (label → text)."""
    used = set(used)
    extra: dict[str, str] = {}
    for i, label in enumerate(columns):
        if i in used:
            continue
        text = clean_block(cell(row, i))
        if text:
            key = label or f"col{i}"
            extra[key] = text if key not in extra else extra[key] + "\n" + text
    return dumps(extra)


def provenance(table: Table, row: TableRow, used: Iterable[int]) -> dict:
    """The fields every record from a table row carries: where it comes from, and ``extra``."""
    return {
        "gazette_id": table.gazette_id,
        "doc_number": table.doc_number,
        "table_id": table.table_id,
        "row": row.row,
        "page": row.page,
        "extra": extra_json(table.columns, row, used),
    }


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False)


# ---------------------------------------------------------------- documents


def attachment_title(documents: Sequence[DocumentSpan], table: Table) -> str | None:
    """Title of the 附件 a table is printed in, if known: its printed caption, else the title the
    document's 附件 list gives it (a caption set like body text is not found as a caption)."""
    if not table.attachment_label:
        return None
    for span in documents:
        if span.document.doc_number != table.doc_number:
            continue
        for att in (*span.attachments, *span.document.attachments):
            if att.label == table.attachment_label and att.title:
                return att.title
    return None


def document_title(documents: Sequence[DocumentSpan], doc_number: str | None) -> str | None:
    for span in documents:
        if span.document.doc_number == doc_number:
            return span.document.title
    return None
