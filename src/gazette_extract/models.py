"""The data contract in code: the typed boundaries between stages and the output records.

Layout objects (many per page) are frozen slotted dataclasses for speed (glyphs, thousands per
page: NamedTuples); everything that is written out (TOC, documents, tables, records, checks) is
a pydantic model, from which the Arrow schemas of the Parquet files and the JSON Schema in
``schemas/`` are derived.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, computed_field

# ---------------------------------------------------------------- layout stage


class Glyph(NamedTuple):
    """One printed character (字符) after clean-up: fake-bold copies removed, look-alikes mapped.

    A NamedTuple, not a frozen dataclass like the other layout objects: a page holds a thousand
    glyphs or more, and building a frozen dataclass costs several times as much (each field is
    set through ``object.__setattr__``); it is immutable and typed all the same.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    # width of a word space (空格) in the glyph's font at its size, when the page prints one in
    # that font; 0.0 when unknown
    space_width: float = 0.0


@dataclass(frozen=True, slots=True)
class Edge:
    """A ruling line (表格线) from a line or rectangle side; orientation 'h' or 'v'."""

    orientation: Literal["h", "v"]
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text (文本行): glyphs sharing a baseline, in reading order, layout spaces removed.

    Where wide horizontal gaps split the line (e.g. the columns of a borderless roster),
    ``segments`` are the runs of text between them, each with its x-range; a line without such
    a gap has no segments (it is one run: ``text`` from ``x0`` to ``x1``).
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    page: int
    segments: tuple[tuple[str, float, float], ...] = ()

    @property
    def center_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class PageLayout:
    """One PDF page (页) as the later stages see it: body lines, glyphs and ruling edges.

    Running headers, footers and the printed page number (页码) are removed from ``lines`` and
    ``glyphs``; the number is kept in ``printed_page`` and the header text in ``header``.
    """

    page: int
    width: float
    height: float
    printed_page: int | None
    header: str
    lines: tuple[TextLine, ...]
    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]
    body_size: float
    unmapped_glyphs: int = 0
    ocr_text_layer: bool = False
    image_only: bool = False
    notes: tuple[str, ...] = field(default=())
    # glyphs of a binding line (装订线) removed before line grouping, kept for debug views
    margin_glyphs: tuple[Glyph, ...] = field(default=())
    unreadable: str | None = None  # why the reader could not read the page (then it has no lines)
    recovered: tuple[str, ...] = ()  # damage the PDF library recovered from on this page (its log)
    # degrees clockwise the page was turned, as displayed, to read it upright (横排页: 90 or 270
    # for a landscape page drawn turned on a portrait page); its coordinates are the turned page's
    turn: int = 0


# ---------------------------------------------------------------- output records


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GazetteInfo(Model):
    """One source PDF (公报 or standalone document)."""

    gazette_id: str = Field(description="First 16 hex chars of the PDF's sha256")
    source_file: str
    sha256: str
    title: str | None = Field(None, description="刊名, e.g. 某市人民政府公报")
    year: int | None = None
    issue_no: int | None = Field(None, description="期号 (第4期)")
    total_issue_no: int | None = Field(None, description="总期号 (总第12期)")
    publish_date: dt.date | None = Field(None, description="出版日期")
    publisher: str | None = Field(None, description="主管主办")
    page_count: int
    extractor_version: str
    reader: str = Field("pdfium", description="PDF reader that read the pages: pdfium (default) or pdfplumber")


class TocEntry(Model):
    """An entry of the 目录."""

    gazette_id: str
    seq: int
    section: str | None = Field(None, description="栏目, e.g. 市政府文件")
    title: str
    doc_number: str | None = Field(None, description="文号")
    printed_page: int | None = Field(None, description="page number printed in the 目录")
    page: int = Field(description="PDF page of the 目录 line")


class Attachment(Model):
    """An attachment (附件) of a document."""

    gazette_id: str
    doc_number: str | None
    label: str = Field(description="附件1, 附件2 … or 附件")
    title: str | None
    page_start: int | None = Field(None, description="PDF page where the 附件 label is printed")
    stated_count: int | None = Field(None, description="count the 附件 list states for it: …名单（共17项）")


class Paragraph(Model):
    """A paragraph of a document body (段落), with its heading level (一、=1 （一）=2 1.=3 (1)=4)."""

    text: str
    level: int = Field(0, description="0 for running text, 1-4 for 一、/（一）/1./(1) headings")
    page: int


class Document(Model):
    """An official document (公文)."""

    # gazette.json carries the computed body_text; reading it back ignores it
    model_config = ConfigDict(extra="ignore")

    gazette_id: str
    doc_id: str
    seq: int
    section: str | None = None
    doc_number: str | None = Field(None, description="文号, e.g. X政办发〔2021〕32号")
    doc_code: str | None = Field(None, description="机关代字")
    doc_year: int | None = None
    doc_serial: int | None = None
    title: str | None = None
    issuer: str | None = Field(None, description="落款")
    addressees: list[str] = Field(default_factory=list, description="主送")
    sign_date: dt.date | None = Field(None, description="成文日期")
    publicity: str | None = Field(None, description="公开属性, e.g. 此件公开发布")
    page_start: int
    page_end: int
    printed_page_start: int | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)

    @computed_field(description="正文: the paragraphs, one per line (kept once, in paragraphs)")
    @property
    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


TableKind = Literal["approval_items", "projects", "tasks", "roster", "other"]


class Cell(Model):
    """A data cell (单元格) of a stitched table; merged cells repeat into every row they span."""

    gazette_id: str
    table_id: str
    row: int
    col: int
    column: str
    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


class TableRow(Model):
    """A data row (数据行): its texts by column and where it was printed."""

    row: int
    page: int
    top: float
    bottom: float
    category: str | None = Field(None, description="the section row (分类行) above it")
    texts: list[str] = Field(description="cell texts; a line break the writer made inside a cell is \\n")
    boxes: list[tuple[float, float, float, float]] = Field(
        default_factory=list, description="x0, top, x1, bottom of each cell"
    )


class TableSection(Model):
    """A section row (分类行) such as 一、建设项目（52 项）."""

    label: str
    stated_count: int | None = None
    first_row: int = Field(description="index of the first data row under it")
    page: int
    top: float | None = Field(None, description="top of the printed section row on its page")
    bottom: float | None = Field(None, description="bottom of the printed section row on its page")


class TableFrame(Model):
    """The part of a table printed on one page (表格片段), for drawing it over the page.

    ``xs`` / ``ys`` are the ruled grid's column and row lines; ``header_bottom`` is where the
    header rows printed on this page (the header, or its repeat on a continuation page) end.
    """

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    xs: list[float] = Field(default_factory=list, description="column boundaries of the ruled grid")
    ys: list[float] = Field(default_factory=list, description="row boundaries of the ruled grid")
    header_bottom: float | None = Field(None, description="bottom of the header rows on this page, if any")
    continued: bool = Field(False, description="a continuation page (续表) of a table begun earlier")


class Table(Model):
    """A table (表格), stitched across pages."""

    gazette_id: str
    doc_number: str | None = None
    table_id: str
    attachment_label: str | None = None
    title: str | None = Field(None, description="caption (表名)")
    kind: TableKind = "other"
    columns: list[str]
    n_rows: int
    stated_count: int | None = Field(
        None, description="a count the document states for this table: its own 合计：N项 / 共N项 row or caption, "
        "else a count in the text that names it alone (共40户（附件1）, 取消4项, …名单（共17项）)"
    )
    stated_count_source: str | None = Field(
        None, description='where stated_count comes from: "table" (its own total row or caption) or the phrase '
        "of the document text that states it"
    )
    page_start: int
    page_end: int
    sections: list[TableSection] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="备注/注 lines printed under it")
    frames: list[TableFrame] = Field(
        default_factory=list, description="where the table is printed: its grid on each of its pages"
    )


StatedCountTarget = Literal["table", "attachment", "action", "starred"]


class StatedCount(Model):
    """A count (共N项, 取消N项, 共40户（附件1）) that a document's text states for a list it names.

    Found once, by the stated-counts stage; validation compares it with what was extracted.
    """

    gazette_id: str
    doc_id: str = Field(description="the document whose text states the count")
    doc_number: str | None = Field(None, description="文号 of that document")
    attachment_label: str | None = Field(None, description="the 附件 the count names (附件1 …), if any")
    target: StatedCountTarget = Field(
        description="table: the data rows of the one table in table_ids; attachment: the data rows of all "
        "tables of the attachment (table_ids); action: the approval items (行政审批事项) of `action` in the "
        "document, listed in table_ids; starred: the rows of table_ids marked ★ in their 序号"
    )
    action: Literal["cancelled", "delegated"] | None = Field(None, description="for target action: 取消 / 下放·承接")
    table_ids: list[str] = Field(default_factory=list, description="the tables that hold what the count names")
    n: int = Field(description="the number stated")
    phrase: str = Field(description="the text that states it, as printed (layout spaces removed)")
    page: int | None = Field(None, description="PDF page of the phrase")
    source: Literal["attachment_list", "running_text", "attachment_text"] = Field(
        description="attachment_list: an item of the 附件 list (…名单（共17项）); running_text: the document's "
        "text (共40户（附件1）, 取消4项); attachment_text: the text of an attachment above its tables"
    )


class Record(Model):
    """Fields every typed record carries (traceability to document, table, row and page)."""

    gazette_id: str
    doc_number: str | None = None
    table_id: str | None = None
    row: int | None = None
    page: int
    extra: str = Field("{}", description="JSON object: header label → text of unmapped columns")


class ApprovalItem(Record):
    """A 行政审批事项."""

    action: Literal["cancelled", "delegated", "other"]
    list_title: str | None = None
    seq: int | None = None
    name: str = Field(description="事项名称")
    power_type: str | None = Field(None, description="权力类型")
    legal_basis: list[str] = Field(default_factory=list, description="设定依据, one per law")
    original_authority: str | None = Field(None, description="原审批部门")
    authority: str | None = Field(None, description="审批部门 / 下放后审批部门")
    supervision: str | None = Field(None, description="加强事中事后监管措施")
    remarks: str | None = Field(None, description="备注")


class Project(Record):
    """A project of a 项目名单."""

    list_title: str | None = None
    category: str | None = None
    seq: int | None = None
    starred: bool = False
    name: str
    location: str | None = Field(None, description="建设地点")
    field: str | None = Field(None, description="领域")
    industry: str | None = Field(None, description="行业")
    scale: str | None = Field(None, description="建设总规模")
    investment: str | None = Field(None, description="投资 as printed")
    investment_yi: float | None = Field(None, description="投资 in 亿元 when a plain number")
    significance: str | None = Field(None, description="建设意义")
    mode: str | None = Field(None, description="模式")
    schedule: str | None = Field(None, description="开/竣工时间 as printed")
    start_year: int | None = None
    end_year: int | None = None
    annual_plan: str | None = Field(None, description="JSON object: year → text (分年度任务)")
    implementer: str | None = Field(None, description="实施单位 / 责任单位")
    partners: list[str] = Field(default_factory=list, description="配合单位")


class Task(Record):
    """A task of a 任务清单."""

    list_title: str | None = None
    seq: int | None = None
    goal: str | None = Field(None, description="主要目标")
    task: str | None = Field(None, description="工作任务")
    measure: str | None = Field(None, description="具体措施")
    lead_units: list[str] = Field(default_factory=list, description="责任单位 / 牵头单位")
    support_units: list[str] = Field(default_factory=list, description="配合单位")
    deadline: str | None = Field(None, description="完成时限 as printed")
    deadline_date: dt.date | None = None


class RosterMember(Record):
    """A member of a committee or working group (名单)."""

    body: str | None = Field(None, description="the roster's body, e.g. 某某工作专班")
    role: str | None = Field(None, description="组长, 副组长, 成员, 主任 … without colon")
    seq: int
    name: str
    position: str | None = Field(None, description="职务 / unit")


ReferenceKind = Literal["law", "regulation", "rules", "normative", "other"]


class Reference(Model):
    """A document cited in a document's running text (引用文件): 《title》 and the 文号 printed after it."""

    gazette_id: str
    doc_id: str = Field(description="the citing document")
    doc_number: str | None = Field(None, description="文号 of the citing document")
    cited_title: str = Field(description="the title as printed inside 《》, nested 〈〉 kept")
    cited_doc_number: str | None = Field(None, description="文号 (or 令 number) in the bracket right after the title")
    cited_doc_code: str | None = Field(None, description="机关代字 of the cited 文号 (国发, 晋政办发, 国务院令)")
    cited_year: int | None = Field(None, description="year of the cited 文号")
    cited_serial: int | None = Field(None, description="serial of the cited 文号")
    cited_issuer: str | None = Field(
        None, description="issuing body the title opens with (国务院, 中共中央 国务院); joint issuers joined by a space"
    )
    kind: ReferenceKind = Field(
        description="law (…法), regulation (…条例), rules (办法/规定/细则/规则), normative (意见/通知/决定/方案/计划/"
        "要点…), other; a notice that 印发/转发 a document takes the kind of what it issues"
    )
    cited_doc_id: str | None = Field(
        None, description="the document of this gazette cited (by 文号, or by exact title when no 文号 is printed)"
    )
    first: bool = Field(description="first citation of this title in the citing document")
    page: int = Field(description="PDF page where the citation starts")
    paragraph: int = Field(description="seq of the paragraph (paragraphs.parquet) where the citation starts")


class Check(Model):
    """One validation result (校验).

    ``level`` error: a failed check fails the run (exit 1 with --strict / validate); info: a
    failed check only reports something worth a look (an unresolved citation) and never counts
    as a failure.
    """

    gazette_id: str
    check: str
    subject: str
    expected: str
    actual: str
    ok: bool
    skipped: bool = False
    level: Literal["error", "info"] = Field("error", description="error: counts as a failure when not ok; info: never")
    message: str

    @property
    def failed(self) -> bool:
        """Not ok, not skipped and of error level: what fails the run."""
        return not self.ok and not self.skipped and self.level == "error"


class PageNote(Model):
    """A page-level fact that makes a page's text untrustworthy (kept so checks can be re-run)."""

    page: int = Field(description="1-based PDF page; 0 for the file as a whole (recovered while opening it)")
    printed_page: int | None = None
    kind: Literal["unmapped_glyphs", "ocr_text_layer", "image_only", "unreadable", "recovered"] = Field(
        description="unmapped_glyphs: font without Unicode mapping (glyphs dropped); "
        "ocr_text_layer: a page-sized image under text (OCR); image_only: a scan without text; "
        "unreadable: the page could not be read or went over a limit (nothing extracted from it); "
        "recovered: the PDF library recovered from damage (a rebuilt cross-reference table, data "
        "lost while inflating a stream) and read the page"
    )
    count: int = Field(0, description="number of glyphs concerned (unmapped_glyphs)")
    reason: str | None = Field(None, description="unreadable: why; recovered: the library's messages, joined by ' | '")


class Extraction(Model):
    """The whole extraction of one PDF: what gazette.json holds."""

    gazette: GazetteInfo
    toc: list[TocEntry] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    approval_items: list[ApprovalItem] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    roster_members: list[RosterMember] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list, description="documents cited in running text (引用文件)")
    stated_counts: list[StatedCount] = Field(
        default_factory=list, description="counts the documents' text states for the lists they name"
    )
    checks: list[Check] = Field(default_factory=list)
    printed_pages: list[int | None] = Field(
        default_factory=list, description="printed page number of each PDF page (index 0 = page 1)"
    )
    page_turns: list[int] = Field(
        default_factory=list,
        description=(
            "degrees clockwise each PDF page (index 0 = page 1), as displayed, was turned to read it "
            "upright: 90 or 270 for a landscape page drawn turned on a portrait page (横排页), else 0; "
            "the coordinates of such a page (cells, frames, paragraphs) are those of the turned page"
        ),
    )
    toc_found: bool = False
    page_notes: list[PageNote] = Field(
        default_factory=list, description="pages with unmapped glyphs, an OCR text layer or no text"
    )


# ---------------------------------------------------------------- segmentation stage


@dataclass(frozen=True, slots=True)
class AttachmentSpan:
    """The printed part of one attachment (附件): its label, caption and its non-table lines."""

    label: str
    title: str | None
    page_start: int
    top: float
    lines: tuple[TextLine, ...]


@dataclass(frozen=True, slots=True)
class DocumentSpan:
    """A document (公文) as segmentation found it: the output model plus the lines behind it.

    ``body_lines`` run from the line after the 文号 to the end of the document's own text (the
    落款 / date / 公开属性 included); ``attachments`` hold the lines of each printed 附件.
    Lines inside tables are not included anywhere: tables are their own stage.
    """

    document: Document
    body_lines: tuple[TextLine, ...]
    attachments: tuple[AttachmentSpan, ...]
    top: float = 0.0  # where the title starts on page_start, to place tables in documents
