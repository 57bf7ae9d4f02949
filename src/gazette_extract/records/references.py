"""Cited documents (引用文件): every 《title》 a document's running text cites, with its 文号.

Read from the documents' paragraphs (正文, the printed plans and the text of 附件 above their
tables), never from table cells: a 设定依据 column's laws stay in their records. One
``Reference`` per citation, in reading order:

- ``cited_title`` as printed inside 《》 (nested 〈〉 kept), layout spaces removed;
- ``cited_doc_number`` the 文号 (or 令 number) opening the bracket printed right after the title
  (``patterns.CITED_NUMBER_BRACKET``), split into 机关代字 / year / serial;
- ``cited_issuer`` the organ name(s) the title opens with before 关于 / 印发 … (joint issuers
  joined by one space), ``kind`` from the title's ending (``cited_kind``);
- ``cited_doc_id`` the gazette's own document with that 文号 (else with that exact title);
- ``first`` whether it is the first citation of that title in the citing document.

A citation (or the bracket after it) cut by a paragraph break — a page break the segmenter did
not rejoin — is read across the break: a paragraph whose 《 is still open at its end, which ends
right after a title in an unclosed bracket, or which ends with a title whose bracketed 文号 opens the
next paragraph, is read together with the next ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from .. import patterns
from ..models import Document, Reference, ReferenceKind

__all__ = ["cited_issuer", "cited_kind", "from_documents", "number_key"]

# How many following paragraphs an open citation may run into (a title cut by one page break
# spans two paragraphs; more means the 《 was never closed).
MAX_PARAGRAPHS_JOINED = 3


@dataclass(frozen=True, slots=True)
class _Passage:
    """Consecutive paragraphs read as one text: where each starts (offset, paragraph seq, page)."""

    text: str
    starts: tuple[tuple[int, int, int], ...]

    def locate(self, offset: int) -> tuple[int, int]:
        """Paragraph seq and page of the character at ``offset``."""
        seq, page = self.starts[0][1:]
        for start, s, p in self.starts:
            if start <= offset:
                seq, page = s, p
        return seq, page


def _continues(text: str, following: str) -> bool:
    """The next paragraph ``following`` carries on a citation of ``text``: a 《 of it is not closed,
    a bracket opened right after a 》 is not closed, or it ends with a 》 and the next opens with
    that title's 文号 in brackets."""
    if text.endswith("》") and patterns.CITED_NUMBER_BRACKET.match(following):
        return True
    return _open_at_end(text)


def _open_at_end(text: str) -> bool:
    """The text ends inside a citation: a 《 not closed, or a bracket opened right after a 》."""
    depth = 0
    for ch in text if "《" in text else ():  # most paragraphs cite nothing
        if ch == "《":
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
    if depth:
        return True
    tail = text.rsplit("》", 1)[-1] if "》" in text else None
    return tail is not None and patterns.BRACKET_LEFT_OPEN.match(tail) is not None


def _passages(doc: Document) -> Iterator[_Passage]:
    """The document's paragraphs (NFC: a PDF may map 〈〉 to the deprecated U+2329/U+232A), those
    cut inside a citation joined to the next ones."""
    paragraphs = doc.paragraphs
    i = 0
    while i < len(paragraphs):
        text, starts = "", []
        j = i
        while j < len(paragraphs):
            following = unicodedata.normalize("NFC", paragraphs[j].text)
            if j > i and not (j - i <= MAX_PARAGRAPHS_JOINED and _continues(text, following)):
                break
            starts.append((len(text), j, paragraphs[j].page))
            text += following
            j += 1
        yield _Passage(text, tuple(starts))
        i = j


def cited_issuer(title: str) -> str | None:
    """The issuing body a cited title opens with (国务院, 中共中央 国务院 …), joint names joined by a space."""
    m = patterns.CITED_ISSUER.match(title)
    if not m:
        return None
    names = " ".join(name.group() for name in patterns.ORGAN_NAME.finditer(m["issuer"]))
    return names + (m["others"] or "")


def _strip_qualifiers(title: str) -> str:
    """The title without trailing qualifiers （试行）, （2021—2022年）, （2020版）."""
    while True:
        shorter = patterns.TITLE_QUALIFIER.sub("", title)
        if shorter == title or not shorter:
            return title
        title = shorter


def cited_kind(title: str) -> ReferenceKind:
    """law / regulation / rules / normative / other from the end of the title.

    A notice that issues or forwards another document (关于印发〈某某办法〉的通知, 关于转发某某方案的
    通知) is the kind of what it issues — the first title of its 〈〉 list, else the bare words
    between 印发 and 的通知 — since the notice is only its carrier; when what it issues is of no
    kind (a 名单, a 目录) the notice stays a normative document.
    """
    title = _strip_qualifiers(title)
    if m := patterns.ISSUING_NOTICE.search(title):
        inner = patterns.INNER_TITLE.search(m["issued"])
        issued = _ending_kind(_strip_qualifiers(inner["title"] if inner else m["issued"]))
        if issued != "other":
            return issued
    return _ending_kind(title)


def _ending_kind(title: str) -> ReferenceKind:
    for kind, ending in patterns.CITED_KIND_ENDINGS:
        if ending.search(title):
            return kind
    return "other"


def number_key(number: str | None) -> str | None:
    """A 文号 for comparison: NFKC, no spaces, any year bracket as 〔〕 around Arabic digits, no 第
    before the serial."""
    if not number:
        return None
    text = patterns.remove_whitespace(unicodedata.normalize("NFKC", number))
    text = patterns.YEAR_IN_BRACKETS.sub(lambda m: f"〔{patterns.doc_year_value(m['year'])}〕", text)
    return text.replace("第", "")


def _title_key(title: str | None) -> str:
    return patterns.remove_whitespace(unicodedata.normalize("NFKC", title or ""))


def from_documents(documents: Sequence[Document], gazette_id: str) -> list[Reference]:
    """Every 《title》 citation in the documents' paragraphs, in reading order."""
    by_number = {number_key(d.doc_number): d.doc_id for d in documents if d.doc_number}
    by_title = {_title_key(d.title): d.doc_id for d in documents if d.title}
    references: list[Reference] = []
    for doc in documents:
        seen: set[str] = set()
        for passage in _passages(doc):
            for m in patterns.CITED_TITLE.finditer(passage.text):
                title = patterns.remove_layout_spaces(m.group()[1:-1].strip())
                if not title:
                    continue
                number = patterns.CITED_NUMBER_BRACKET.match(passage.text, m.end())
                seq, page = passage.locate(m.start())
                references.append(
                    _reference(gazette_id, doc, title, number, seq, page, title not in seen, by_number, by_title)
                )
                seen.add(title)
    return references


def _reference(
    gazette_id: str,
    doc: Document,
    title: str,
    number: regex.Match | None,
    paragraph: int,
    page: int,
    first: bool,
    by_number: dict[str | None, str],
    by_title: dict[str, str],
) -> Reference:
    cited_number = code = year = serial = None
    if number:
        cited_number = patterns.remove_whitespace(number["number"])
        code = number["code"] or patterns.remove_whitespace(number["d_code"])
        year_text = number["year"] or number["d_year"]
        year = patterns.doc_year_value(year_text) if year_text else None
        serial = int(number["serial"] or number["d_serial"])
    cited_doc_id = by_number.get(number_key(cited_number)) if cited_number else by_title.get(_title_key(title))
    return Reference(
        gazette_id=gazette_id,
        doc_id=doc.doc_id,
        doc_number=doc.doc_number,
        cited_title=title,
        cited_doc_number=cited_number,
        cited_doc_code=code,
        cited_year=year,
        cited_serial=serial,
        cited_issuer=cited_issuer(title),
        kind=cited_kind(title),
        cited_doc_id=cited_doc_id,
        first=first,
        page=page,
        paragraph=paragraph,
    )
