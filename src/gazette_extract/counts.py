"""Stage — stated counts (共N项 / 取消N项 / 共N户（附件1）): what a document's text says a list holds.

A count that a document's text states for a list it names becomes data here, once: a
``StatedCount`` with the phrase, its page and what it names, and ``Table.stated_count`` for a
count that names exactly one table. The validate stage only compares each ``StatedCount`` with
what was extracted; it does no linking of its own.

Rules. Each links a count only when what it names is clear; an ambiguous count is dropped.

1. 附件 list: an item "…名单（共17项）" of the document's 附件 list (or ``Attachment.stated_count``,
   which the segment stage takes from it) names that attachment.
2. Running text naming its attachment: "共40户（附件1）" names 附件1; a bare "（附件）" names the
   document's attachment when only one attachment holds tables.
3. Total above an attachment's tables: a 共N项 in the text printed between an attachment's label
   and its first table names the whole attachment, when exactly one attachment's pages hold the
   paragraph and only one distinct total is stated there (合计 rows belong to the table itself).
4. Parts of that total: in the paragraph of such a total, after it (and in the running-text
   paragraphs after it, up to the first heading: a breakdown set one clause a paragraph), a part "X项目N项" / "XN项"
   (其中综合交通枢纽项目3项；铁路项目4项) names the one table of the attachment whose title
   contains X (X without a trailing 项目), when the attachment has several tables and exactly one
   title contains X. A table named by two parts with different numbers gets neither.
5. Starred part: "共N项（包括…M项）" with a ★ legend in the attachment's text names the rows of its
   tables that carry ★ in 序号.
6. Actions: 取消N项 / 承接N项 / 下放N项 in a document that holds approval lists (行政审批事项) names
   the approval items of that action; their tables are the approval tables whose list title gives
   that action, by the same rule the approval records use (``records.approvals.action_of``).

An attachment count (rules 1–3) names all tables of the attachment. A count whose ``table_ids`` is
one table (rules 1–4 and 6, not 5) fills that table's ``stated_count`` unless the table states its
own (合计 / 共N项 row or caption, ``stated_count_source == "table"``): the table keeps its own and the
validate stage reports any disagreement. Two different numbers from the text for one table: no fill.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from . import patterns
from .models import Document, Extraction, Paragraph, StatedCount, Table
from .records.approvals import action_of

# "table" in Table.stated_count_source: the count is the table's own (合计：N项 row, 共N项 in the caption).
OWN = "table"

# 取消4项…行政审批事项: a count of items an approval-list document cancels.
CANCELLED = regex.compile(r"取消\s*(?P<n>\d{1,4})\s*项")
# 承接14项… / 下放14项…: a count of items it takes over or delegates (下放管理层级).
DELEGATED = regex.compile(r"(?:承接|下放)\s*(?P<n>\d{1,4})\s*项")
# 共40户（附件1） / 共12个（见附件2）: a count that names its attachment in parentheses.
COUNT_OF_ATTACHMENT = regex.compile(
    r"共\s*(?P<n>\d{1,5})\s*" + patterns.COUNT_UNIT + r"\s*[（(]\s*(?:见\s*)?附\s*件\s*(?P<a>\d{1,2})?\s*[）)]"
)
# An item of an 附件 list ending in its count: 2021年市级重点工程项目名单（共64项）.
LISTED_COUNT = regex.compile(r"[（(]\s*共\s*(?P<n>\d{1,5})\s*" + patterns.COUNT_UNIT + r"\s*[）)]\s*$")
# Where an item starts in an 附件 list joined into one paragraph: 1. A（共17项）2. B（共64项）.
LIST_ITEM_START = regex.compile(r"(?:^|(?<=[\s）)。；;]))(?P<n>\d{1,2})\s*[.．、](?!\d)")
# 共33项（包括省行动计划15项）: a total with the part of it that a ★ legend marks.
TOTAL_WITH_PART = regex.compile(
    r"共\s*(?P<n>\d{1,5})\s*项\s*[（(]\s*(?:其中\s*)?包括(?P<what>[^）)]{0,30}?)(?P<m>\d{1,5})\s*项\s*[）)]"
)
# A part of a total, at the start of a clause: 其中综合交通枢纽项目3项 / ；铁路项目4项 / 、其它5项.
# ``what`` is the category (Han and Latin only, so a number or a 共 before the count ends it).
PART_COUNT = regex.compile(
    r"(?:^|(?<=[，,；;。：:、（(]))\s*(?:其中\s*)?(?P<what>[\p{Han}A-Za-z]{2,20}?)(?<![共计])\s*(?P<n>\d{1,5})\s*项(?!目)"
)
# A trailing 项目 of a part's category (铁路项目 → 铁路): table titles say 铁路重点建设项目.
PART_SUFFIX = regex.compile(r"项目$")
# The clause around an action count, for its phrase: text between ，。；：.
CLAUSE_BREAK = regex.compile(r"[，,。；;：:]")
# Layout spaces in a phrase: any space beside a Han character or a fullwidth bracket (共 40 户（附件 1）).
PHRASE_SPACE = regex.compile(r"(?<=[\p{Han}（）])\s+|\s+(?=[\p{Han}（）])")
# Shortest category of a part that may name a table by its title (shorter ones match anything).
MIN_PART_NAME = 2


def _text(text: str) -> str:
    return patterns.remove_layout_spaces(text.strip())


def _key(text: str | None) -> str:
    """Text for matching a category with a title: NFKC, no whitespace."""
    return patterns.remove_whitespace(unicodedata.normalize("NFKC", text or ""))


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` holding ``text[start:end]`` (between ，。；： marks)."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = CLAUSE_BREAK.search(text, end)
    return text[left : right.start() if right else len(text)].strip()


# Where a sentence may end: a paragraph ending otherwise was cut by the producer's line breaks.
SENTENCE_END = regex.compile(r"[。！？；;!?：:）)】]$")
CLAUSE_MARK = regex.compile(r"[，,、]")


@dataclass(frozen=True)
class _Text:
    """Running text of a document: paragraphs cut mid-sentence joined again."""

    text: str
    page: int
    level: int


def running_text(paragraphs: Sequence[Paragraph]) -> list[_Text]:
    """A producer's line breaks can cut a sentence into two paragraphs (a short line ending in
    ``共40`` and ``户（附件1）`` below it, flush left): a paragraph of running text (one with a
    clause mark ，、) that does not end a sentence is joined with the text paragraph after it, so
    a count is read whole. Captions, 落款 and dates have no clause mark and stay apart."""
    out: list[_Text] = []
    for p in paragraphs:
        text = _text(p.text)
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.level
            and not p.level
            and CLAUSE_MARK.search(prev.text)
            and not SENTENCE_END.search(prev.text)
        ):
            out[-1] = _Text(out[-1].text + text, out[-1].page, 0)
        else:
            out.append(_Text(text, p.page, p.level))
    return out


# ---------------------------------------------------------------- per document


class _DocumentCounts:
    """The stated counts of one document, found rule by rule."""

    def __init__(self, doc: Document, tables: Sequence[Table]) -> None:
        self.doc = doc
        self.tables = list(tables)
        self.by_label: dict[str, list[Table]] = {}
        for t in self.tables:
            if t.attachment_label:
                self.by_label.setdefault(t.attachment_label, []).append(t)
        self.found: list[StatedCount] = []
        self.running = running_text(doc.paragraphs)

    def add(self, target: str, n: int, phrase: str, page: int | None, source: str, *, label: str | None = None,
            tables: Sequence[Table] = (), action: str | None = None) -> None:
        self.found.append(
            StatedCount(
                gazette_id=self.doc.gazette_id, doc_id=self.doc.doc_id, doc_number=self.doc.doc_number,
                attachment_label=label, target=target, action=action, table_ids=[t.table_id for t in tables],
                n=n, phrase=PHRASE_SPACE.sub("", phrase), page=page, source=source,
            )
        )

    def add_attachment(self, label: str, n: int, phrase: str, page: int | None, source: str) -> None:
        """A count naming attachment ``label``: all its tables (none extracted: nothing to link)."""
        tabs = self.by_label.get(label)
        if tabs:
            self.add("attachment", n, phrase, page, source, label=label, tables=tabs)

    # 1. 附件 list: …名单（共17项）
    def attachment_list(self) -> None:
        paras = self.doc.paragraphs
        i = 0
        while i < len(paras):
            head = patterns.ATTACHMENT_LIST_HEAD.match(_text(paras[i].text))
            if not head:
                i += 1
                continue
            page = paras[i].page
            chunks = [head["rest"].strip()]
            i += 1
            while i < len(paras) and patterns.ATTACHMENT_LIST_ITEM.match(paras[i].text.strip()):
                chunks.append(_text(paras[i].text))
                i += 1
            text = " ".join(c for c in chunks if c)
            starts = list(LIST_ITEM_START.finditer(text))
            if starts and starts[0].start() == 0:
                items = [
                    (f"附件{m['n']}", text[m.end() : starts[k + 1].start() if k + 1 < len(starts) else len(text)].strip())
                    for k, m in enumerate(starts)
                ]
            else:
                items = [(f"附件{head['n']}" if head["n"] else "附件", text)]
            for label, title in items:
                if m := LISTED_COUNT.search(title):
                    self.add_attachment(label, int(m["n"]), title, page, "attachment_list")
            break
        for att in self.doc.attachments:
            if att.stated_count is not None:
                phrase = f"{att.title or att.label}[listed count: {att.stated_count}]"
                self.add_attachment(att.label, att.stated_count, phrase, None, "attachment_list")
            elif att.title and (m := LISTED_COUNT.search(att.title)):
                self.add_attachment(att.label, int(m["n"]), att.title, None, "attachment_list")

    # 2. 共40户（附件1）
    def count_of_attachment(self) -> None:
        labels = {a.label for a in self.doc.attachments} | set(self.by_label)
        for p in self.running:
            for m in COUNT_OF_ATTACHMENT.finditer(p.text):
                label = f"附件{m['a']}" if m["a"] else "附件"
                if label not in labels and not m["a"] and len(self.by_label) == 1:
                    label = next(iter(self.by_label))
                self.add_attachment(label, int(m["n"]), m.group(0), p.page, "running_text")

    def _windows(self) -> dict[str, tuple[int, int]]:
        """label → (page of its label, page of its first table) for attachments holding tables."""
        windows = {}
        for att in self.doc.attachments:
            own = self.by_label.get(att.label)
            if att.page_start is not None and own:
                windows[att.label] = (att.page_start, min(t.page_start for t in own))
        return windows

    # 3.–5. the text of an attachment above its tables
    def attachment_text(self) -> None:
        windows = self._windows()
        hits: dict[str, list[tuple[regex.Match, str, int, int]]] = {}
        paras = self.running
        for k, p in enumerate(paras):
            text = p.text
            if patterns.ATTACHMENT_LIST_HEAD.match(text) or COUNT_OF_ATTACHMENT.search(text):
                continue
            holders = [label for label, (a, b) in windows.items() if a <= p.page <= b]
            if len(holders) != 1:
                continue
            for m in patterns.STATED_TOTAL.finditer(text):
                if not m.group(0).startswith("合"):  # 合计 rows belong to the table itself
                    hits.setdefault(holders[0], []).append((m, text, p.page, k))
        for label, found in hits.items():
            if len({int(m["n"]) for m, _, _, _ in found}) != 1:
                continue  # two different totals above one list: ambiguous, no link
            m, text, page, k = found[0]
            self.add_attachment(label, int(m["n"]), _clause(text, m.start(), m.end()), page, "attachment_text")
            # The breakdown (其中X项目N项；…) may be set as paragraphs of its own after the total's
            # (one clause a paragraph): the running text up to the first heading is read with it.
            a, b = windows[label]
            for p in paras[k + 1 :]:
                if p.level or not a <= p.page <= b or patterns.STATED_TOTAL.search(p.text):
                    break
                text += p.text
            self.parts(label, text, m.end(), page)
            self.starred(label, windows[label])

    def parts(self, label: str, text: str, after: int, page: int) -> None:
        """4. 其中X项目N项；YN项 after the total (``text[after:]``): each names the one table titled …X…."""
        tabs = self.by_label[label]
        if len(tabs) < 2:
            return  # one table is the whole attachment: a part of it is not that table
        starred = [m.span() for m in TOTAL_WITH_PART.finditer(text)]
        linked: dict[str, list[tuple[int, str, Table]]] = {}
        for m in PART_COUNT.finditer(text, after):
            if any(a <= m.start("n") < b for a, b in starred):
                continue  # 包括…M项 is the starred part, rule 5
            name = PART_SUFFIX.sub("", _key(m["what"]))
            if len(name) < MIN_PART_NAME:
                continue
            matches = [t for t in tabs if name in _key(t.title)]
            if len(matches) == 1:
                phrase = text[m.start("what") : m.end()]
                linked.setdefault(matches[0].table_id, []).append((int(m["n"]), phrase, matches[0]))
        for parts in linked.values():
            if len({n for n, _, _ in parts}) == 1:
                n, phrase, table = parts[0]
                self.add("table", n, phrase, page, "attachment_text", label=label, tables=[table])

    def starred(self, label: str, window: tuple[int, int]) -> None:
        """5. 共N项（包括…M项） with a ★ legend: M names the starred rows."""
        a, b = window
        paras = [(p.page, _text(p.text)) for p in self.doc.paragraphs if a <= p.page <= b]
        window_text = "".join(text for _, text in paras)
        found = list(TOTAL_WITH_PART.finditer(window_text))
        if len(found) != 1 or not patterns.STAR.search(window_text):
            return
        m = found[0]
        page = next((pg for pg, text in paras if m.group(0) in text), paras[0][0])
        self.add("starred", int(m["m"]), m.group(0), page, "attachment_text", label=label, tables=self.by_label[label])

    # 6. 取消N项 / 承接M项
    def actions(self) -> None:
        approval = [t for t in self.tables if t.kind == "approval_items"]
        if not approval:
            return
        titles = {a.label: a.title for a in self.doc.attachments}
        of_action: dict[str, list[Table]] = {}
        for t in approval:
            list_title = t.title or titles.get(t.attachment_label or "")
            action = action_of(t.title or list_title, t.columns)
            if action == "other" and list_title:
                action = action_of(list_title, t.columns)
            of_action.setdefault(action, []).append(t)
        seen: set[str] = set()
        for p in self.doc.paragraphs:
            text = _text(p.text)
            for action, pattern in (("cancelled", CANCELLED), ("delegated", DELEGATED)):
                m = pattern.search(text)
                if not m or action in seen:
                    continue
                seen.add(action)
                phrase = _clause(text, m.start(), m.end())
                self.add("action", int(m["n"]), phrase, p.page, "running_text", tables=of_action.get(action, []),
                         action=action)


def _document_tables(doc: Document, documents: Sequence[Document], tables: Sequence[Table]) -> list[Table]:
    if doc.doc_number is None:
        return list(tables) if len(documents) == 1 else []
    return [t for t in tables if t.doc_number == doc.doc_number]


def _dedupe(counts: list[StatedCount]) -> list[StatedCount]:
    """One count per (document, target, tables, number): the first source wins (list, text, attachment)."""
    seen, kept = set(), []
    for c in counts:
        key = (c.doc_id, c.target, c.action, tuple(c.table_ids), c.n)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept


def find_stated_counts(documents: Sequence[Document], tables: Sequence[Table]) -> list[StatedCount]:
    """Every count the documents' text states for a list it clearly names, in document order."""
    found: list[StatedCount] = []
    for doc in documents:
        counts = _DocumentCounts(doc, _document_tables(doc, documents, tables))
        counts.attachment_list()
        counts.count_of_attachment()
        counts.attachment_text()
        counts.actions()
        found.extend(_dedupe(counts.found))
    return found


def fill_tables(tables: Sequence[Table], counts: Sequence[StatedCount]) -> list[Table]:
    """Tables with ``stated_count`` from the counts that name them alone (their own count kept)."""
    named: dict[str, list[StatedCount]] = {}
    for c in counts:
        if c.target != "starred" and len(c.table_ids) == 1:
            named.setdefault(c.table_ids[0], []).append(c)
    out = []
    for t in tables:
        if t.stated_count is not None:
            if t.stated_count_source is None:
                t = t.model_copy(update={"stated_count_source": OWN})
        elif (stated := named.get(t.table_id)) and len({c.n for c in stated}) == 1:
            t = t.model_copy(update={"stated_count": stated[0].n, "stated_count_source": stated[0].phrase})
        out.append(t)
    return out


def apply(documents: Sequence[Document], tables: Sequence[Table]) -> tuple[list[Table], list[StatedCount]]:
    """The stage: stated counts found, and the tables they name alone given their count."""
    counts = find_stated_counts(documents, tables)
    return fill_tables(tables, counts), counts


def with_stated_counts(extraction: Extraction) -> Extraction:
    """Run the stage on an extraction's documents and tables (e.g. one built by hand)."""
    tables, counts = apply(extraction.documents, extraction.tables)
    return extraction.model_copy(update={"tables": tables, "stated_counts": counts})
