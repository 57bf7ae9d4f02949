"""Named patterns of Chinese official text (公文), in one place and tested on their own.

Every pattern says in its comment which general convention it encodes; none names a city.
"""

from __future__ import annotations

import datetime as dt

import regex

# Values of the Chinese digits used in dates, counts and headings.
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

# 文号 (document number): 机关代字 + year in 〔〕 (also [] () 【】 as some producers print it)
# + serial + 号, e.g. 某政办发〔2021〕32号, 国发〔2018〕32号, 职改字〔1986〕第111号.
# In running text the 代字 starts after a non-letter or after a connecting word (按照国发〔…〕,
# …的通知某政发〔…〕) and never contains one, so the words before it stay out of the code.
_DOC_CONNECTOR = r"按照|根据|依据|关于|印发|转发|通知|的|和|及|与|见|经"
# The year in a 文号's brackets: Arabic digits, or Chinese numerals digit by digit as some organs
# print it (晋政发〔二〇二一〕5号); ``doc_year_value`` reads either.
_DOC_YEAR = r"(?:19|20)\d{2}|(?:一九|二[〇零])[〇零一二三四五六七八九]{2}"
DOC_NUMBER = regex.compile(
    r"(?:(?<![\p{Han}A-Za-z])|(?<=" + _DOC_CONNECTOR + r"))"
    r"(?P<code>(?:(?!" + _DOC_CONNECTOR + r")[\p{Han}A-Za-z]){1,12}?)\s*[〔\[［(（【]\s*(?P<year>" + _DOC_YEAR + r")\s*[〕\]］)）】]"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*号"
)
# 政府令 (decree) as a gazette prints it: the organ's 令 set as a title (某市人民政府令) over its
# number on a line of its own (第3号); its number reads 某市人民政府令第3号. The 目录 prints it
# 某市人民政府令（第3号） before or after the title of what it publishes. The organ ends in an organ
# word, so a title citing a 令 (关于贯彻国务院令第748号的通知) is not one.
DECREE_CODE = r"(?:(?!关于|的)\p{Han}){1,30}?(?:政府|国务院|委员会|部|委|局|厅|署|院|行)令"
DECREE_HEAD = regex.compile(r"^(?P<code>" + DECREE_CODE + r")$")
DECREE_SERIAL = regex.compile(r"^第\s*(?P<serial>\d{1,5})\s*号$")
DECREE_IN_TOC = regex.compile(
    r"(?:^|(?<=[（(]))(?P<code>" + DECREE_CODE + r")\s*[（(]?\s*第\s*(?P<serial>\d{1,5})\s*号\s*[）)]?"
)


def decree_number(code: str, serial: str | int) -> str:
    """The number of a 令 as one string: 某市人民政府令第3号."""
    return f"{code}第{int(serial)}号"


# 签发人 printed at the right end of the 文号 line of an 上行文 (请示, 报告: the 版头 sets the 文号
# on the left and 签发人：姓名 on the right, one or more names).
SIGNER = regex.compile(r"\s*签\s*发\s*人\s*[:：]\s*(?P<names>[\p{Han}·、\s]{2,30}?)\s*$")
# 发文机关标志 of a 版头: the issuer's name followed by 文件 (某市人民政府文件), set large above the
# 文号 and the red rule; a joint 版头 sets several names, 文件 beside or under them.
MASTHEAD_LINE = regex.compile(r"^[\p{Han}（）()、\s]{0,40}文件$")
MASTHEAD_SUFFIX = regex.compile(r"\s*文件$")
# ROC-style 發文字號 (Traditional Chinese): 北市安健個字第1093003080號 — 機關代字 + 字第 + serial + 號.
ROC_DOC_NUMBER = regex.compile(r"(?P<code>[\p{Han}]{1,12}?字)第(?P<serial>\d{3,12})[號号]")
# The label that announces a 文号 in letters: 發文字號：… / 文号：…
DOC_NUMBER_LABEL = regex.compile(r"^(?:發文字號|发文字号|文\s*号)\s*[:：]\s*")

# 成文日期: 2021年7月31日, 2021 年 7 月 31 日, 二〇二一年七月三十一日, 中華民國109年5月4日.
DATE = regex.compile(
    r"(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
ROC_DATE = regex.compile(
    r"中華民國\s*(?P<year>\d{2,3})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
)
# 出版日期 line of a gazette cover: 2021年8月31日出版.
PUBLISH_DATE = regex.compile(DATE.pattern + r"\s*出版")

# Gazette masthead (刊名) ends in 公报 (政府公报, 人民政府公报, 公報).
GAZETTE_TITLE = regex.compile(r"^[\p{Han}（）()]{2,30}?公[报報]$")
# 2021年第4期 / 2021 第4期 and (总第12期); covers print the year and the numbers in Chinese
# numerals too: 二〇二一年第四期（总第一百二十期）.
_CN_YEAR = r"[〇零一二三四五六七八九]{4}"
_CN_COUNT = r"[一二三四五六七八九十百〇零]{1,6}"
ISSUE = regex.compile(
    r"(?P<year>(?:19|20)\d{2}|" + _CN_YEAR + r")\s*年?\s*第\s*(?P<issue>\d{1,3}|" + _CN_COUNT + r")\s*期"
)
TOTAL_ISSUE = regex.compile(r"总\s*第\s*(?P<total>\d{1,5}|" + _CN_COUNT + r")\s*期")
# A cover that sets the year and the issue apart (a large 2021 over 第4期): the 第N期 line (not
# 总第) and the year line.
ISSUE_ALONE = regex.compile(r"^第\s*(?P<issue>\d{1,3}|" + _CN_COUNT + r")\s*期$")
YEAR_ALONE = regex.compile(r"^(?P<year>(?:19|20)\d{2}|" + _CN_YEAR + r")\s*年?$")
# 主管主办 line: 某某办公室主管主办 / 主办单位：…
PUBLISHER = regex.compile(r"^(?P<unit>[\p{Han}]{2,40}?)(?:主管)?主办$|^主办单位\s*[:：]\s*(?P<unit2>.+)$")

# 目录 heading (目 录 with layout spaces), and TOC section headers like 【市政府文件】.
TOC_HEADING = regex.compile(r"^\s*目\s*录\s*$")
TOC_SECTION = regex.compile(r"^[【\[〔]\s*(?P<section>[^】\]〕]{2,20})\s*[】\]〕]$")
# A 目录 section heading printed without brackets names a kind of documents: 市政府文件,
# 市政府办公室文件, 部门文件 (the 栏目 of the entries under it).
TOC_SECTION_NAME = regex.compile(r"^[\p{Han}]{0,12}文件$")
# The end of a 公文 title (文种): a line of the 目录 ending so is an entry's title, not a section
# heading, however it is set (a 目录 may set its titles in bold).
DOCUMENT_KIND_ENDING = regex.compile(
    r"(?:通知|决定|意见|办法|批复|函|公告|通告|规定|方案|计划|报告|请示|命令|条例|细则|规则|纲要|规划|令)$"
)
# A 文号 in brackets at the end of a title line (…的通知（晋政发〔2021〕5号）): ``number`` is
# what the brackets hold (a 文号 when DOC_NUMBER matches all of it).
BRACKETED_DOC_NUMBER_END = regex.compile(r"\s*[（(]\s*(?P<number>[^（()）]{4,30}?)\s*[）)]\s*$")
# A TOC line ends with dotted leaders (…… ····· ..... or tabs) and the printed page number,
# which some 目录 print in brackets: ……（3）.
TOC_PAGE = regex.compile(r"(?:[.．·…‥⋯・\s]{2,}|\t+)\s*(?:(?P<page>\d{1,4})|[（(]\s*(?P<page_b>\d{1,4})\s*[）)])\s*$")
# Leaders running on under the page number they end at: a browser's leaders (a long row of dots
# cut off by the number's box, still in the text layer) put dots between the digits when a line
# is read left to right (…………1.01 for 101). ``digits`` holds the number with those dots.
TOC_LEADERS_UNDER_PAGE = regex.compile(r"[.．·…‥⋯・]{3,}(?P<digits>\d[\d.．·…‥⋯・]*\d)\s*$")

# Printed page numbers in a footer: — 14 —, －14－, - 14 -, ·14·, 第14页, or a bare 14; also the
# page of a count: 14/48, 第14页 共48页 (第14页/共48页), 共48页 第14页 — ``total`` is the count, at most
# three digits (a year range 2020/2023 alone on a line is not a page).
PAGE_NUMBER = regex.compile(
    r"^\s*(?:[—–－\-−·•]{1,2}\s*(?P<n>\d{1,4})\s*[—–－\-−·•]{1,2}"
    r"|第\s*(?P<n2>\d{1,4})\s*页(?:\s*[,，/／]?\s*共\s*(?P<total>\d{1,3})\s*页)?"
    r"|共\s*(?P<total2>\d{1,3})\s*页\s*[,，/／]?\s*第\s*(?P<n4>\d{1,4})\s*页"
    r"|(?P<n5>\d{1,4})\s*[/／]\s*(?P<total3>\d{1,3})"
    r"|(?P<n3>\d{1,4}))\s*$"
)


def printed_page_number(text: str) -> int | None:
    """The page number a footer or header line prints (PAGE_NUMBER), None when the line is
    something else; a page of a count (14/48) is one only when it is within the count."""
    m = PAGE_NUMBER.match(text)
    if not m:
        return None
    n = int(m["n"] or m["n2"] or m["n3"] or m["n4"] or m["n5"])
    total = m["total"] or m["total2"] or m["total3"]
    return None if total and not 0 < n <= int(total) else n


# 主送 line: ends with a full-width colon, made of units separated by ，、 (各县（市、区）人民政府，…：).
ADDRESSEE_LINE = regex.compile(r"^[\p{Han}（）()、，,·\s]{2,200}[:：]$")
ADDRESSEE_SPLIT = regex.compile(r"[，,；;]")

# 公开属性: （此件公开发布）, （此件依申请公开）, （此件不予公开）.
PUBLICITY = regex.compile(r"^[（(]\s*(?P<p>此件[\p{Han}]{2,8})\s*[）)]$")

# 附件 labels: 附件1, 附件 2, 附件：, 附件1：标题. As a stand-alone line they start an attachment.
ATTACHMENT_LABEL = regex.compile(r"^附\s*件\s*(?P<n>\d{1,2})?\s*$")
# The 附件 list in a document: 附件：1. 标题 / 附件：标题 / 附件1：标题, then 2. 标题 lines.
ATTACHMENT_LIST_HEAD = regex.compile(
    r"^[-•]?\s*附\s*件\s*(?P<n>\d{1,2})?\s*(?:[（(][^）)]*[）)])?\s*[:：]\s*(?P<rest>.*)$"
)
ATTACHMENT_LIST_ITEM = regex.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<title>\S.*)$")
# An 附件 list whose label is set in a narrow column beside its items and wraps there: the
# label's first part and the first item share a line (附件（详见市政府门户网 + 1.标题), the
# label's end and the second item the next (站）： + 2.标题) — or, when the first item wraps
# too, the rest of the first item (站）： + 项清单), the second item then on a line of its own.
ATTACHMENT_HANGING_HEAD = regex.compile(r"^(?P<label>附\s*件\s*[（(][^）)：:\d]*)(?P<item>\d{1,2}\s*[.．、]\s*\S.*)$")
ATTACHMENT_HANGING_TAIL = regex.compile(r"^(?P<label>[^：:\d]{0,12}[）)]\s*[:：])\s*(?P<item>\S.*)$")

# Stated counts: 共64项, 合计：64 项, （52 项）, 共40户, 共41个, 取消4项…承接14项.
# The traditional forms (項 個 戶 條) count too: ROC documents print them, and fonts that draw 户 and
# 戶 with one glyph let a PDF's text layer carry either.
COUNT_UNIT = r"(?:项|个|户|家|人|条|件|名|所|項|個|戶|條)"
STATED_TOTAL = regex.compile(r"(?:共|合\s*[计計]\s*[:：]?)\s*(?P<n>\d{1,5})\s*" + COUNT_UNIT)
COUNT_IN_PARENS = regex.compile(r"[（(]\s*(?:共\s*)?(?P<n>\d{1,5})\s*" + COUNT_UNIT + r"\s*[）)]")
# A section row of a table: 一、建设项目（52 项）, 二、前期项目 (12 项).
SECTION_ROW = regex.compile(
    r"^(?P<num>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?P<label>[^（(]+?)\s*"
    r"(?:[（(]\s*(?:共\s*)?(?P<n>\d{1,5})\s*" + COUNT_UNIT + r"\s*[）)])?\s*$"
)
# A total row: 合计：64 项 / 合计 64项 / 总计 (also in traditional form: 合計, 總計).
TOTAL_ROW = regex.compile(r"^(?:合\s*[计計]|[总總]\s*[计計]|共\s*[计計])\s*[:：]?\s*(?:(?P<n>\d{1,5})\s*" + COUNT_UNIT + r")?\s*$")

# A note printed under (or as the last row of) a table: 注：… / 注1：… / 备注：… / 说明：… (also
# traditional: 註：, 備註：, 說明：).
NOTE_LINE = regex.compile(r"^\s*(?:[备備]\s*[注註]|[注註]|[说說]\s*明)\s*[\d一二三四五六七八九十]{0,2}\s*[:：]")

# Form fields printed between a table's caption and its grid: 填报单位：… 日期：年月日,
# 报送单位：, （单位：万元）, 金额单位：亿元 — neither caption nor body text.
TABLE_META_LINE = regex.compile(
    r"^\s*[（(]?\s*(?:填\s*报|填\s*表|制\s*表|报\s*送|统\s*计|金\s*额|计\s*量)?\s*"
    r"(?:单\s*位|日\s*期|时\s*间|部\s*门|填\s*表\s*人|联\s*系\s*人)\s*[:：]"
)

# A caption that names a table (表名): 表1 … / 表 2-1 … / Table 2: … at the start, or a title
# ending in 表 / 一览表 / 清单 / 明细 / 名单 of things (项目名单, 企业名单) or a catalogue of
# items (行政审批事项目录, 政府采购目录), with a trailing count or unit in brackets. A roster of
# people (成员名单, 人员名单, 组成人员名单) and a gazette's 目录 (目　录, 本期目录) are not.
TABLE_CAPTION = regex.compile(
    r"^\s*(?:续?表|Table)\s*[\d一二三四五六七八九十]+(?:\s*[.\-－]\s*\d+)?(?![\d年月日])"
    r"|(?:表|清单|明细|(?<!成员|人员|委员)名单|(?:事项|项目|产品|采购)目录)\s*(?:[（(][^）)]{0,20}[）)])?\s*$"
)

# The date line of a financial statement between its caption and its grid: 2022年3月31日,
# 2022年1—3月, 2022年度 (alone on its line).
REPORT_DATE_LINE = regex.compile(
    r"^\s*(?:(?:19|20)\d{2}\s*年\s*(?:度|\d{1,2}\s*(?:[—–\-~～至]\s*\d{1,2}\s*)?月\s*(?:\d{1,2}\s*日)?))\s*$"
)

# Body heading markers (公文层次序数): 一、 （一） 1. （1）
HEADING_LEVELS = (
    (1, regex.compile(r"^[一二三四五六七八九十]{1,3}\s*、")),
    (2, regex.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")),
    (3, regex.compile(r"^\d{1,2}\s*[.．、](?!\d)")),
    (4, regex.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
)

# ★ / ☆ markers of starred items in 序号 or names.
STAR = regex.compile(r"[★☆]")
# A 序号 cell: 1, 12, 1★, ★3.
SEQ_CELL = regex.compile(r"^[★☆]?\s*(?P<n>\d{1,5})\s*[★☆]?$")
# A table cell holding one short figure — a score (赋分 2, 0.5), a share (10%), a signed amount
# (-1): a value printed on one line, which a page break cannot cut.
FIGURE_CELL = regex.compile(r"^[+\-－]?\d{1,4}(?:\.\d{1,2})?\s*[%％]?$")
# Roster line: 组 长：刘 亮 副市长 / 成员：康宝红 市委宣传部… ; role words of committees.
ROSTER_ROLE = regex.compile(
    r"^(?P<role>(?:总|副)?(?:组\s*长|召\s*集\s*人|主\s*任|成\s*员|委\s*员|秘\s*书\s*长|副\s*主\s*任|"
    r"组\s*员|联\s*络\s*员|顾\s*问|指\s*挥\s*长|副\s*指\s*挥\s*长))\s*[:：]\s*(?P<rest>.*)$"
)
# Unit lists split on 、，, ；
UNIT_SPLIT = regex.compile(r"[、，,；;]\s*")
# Schedule 2020/2023, 2021-2022, 2021—2022, or a single year 2021.
SCHEDULE = regex.compile(r"(?P<start>(?:19|20)\d{2})\s*(?:年)?\s*(?:[/／\-—–~～至]\s*(?P<end>(?:19|20)\d{2}))?")
# A space inside a year that a cell too narrow for it wrapped (202 + 1-202 + 2 → 202 1-202 2):
# between a digit run shorter than a year and the digit that goes on; two whole years set
# apart (2021 2022) keep their space.
YEAR_WRAP_SPACE = regex.compile(r"(?<!\d{4})(?<=\d)\s+(?=\d)")

# Any whitespace (layout spaces, full-width spaces, line breaks): dropped where text is compared
# or keyed regardless of how it was set (titles, 文号, names).
WHITESPACE = regex.compile(r"\s+")
# Layout spaces between two Han characters (刘 亮, 通 知) are not text.
SPACE_BETWEEN_HAN = regex.compile(r"(?<=[\p{Han}])[ \u3000]+(?=[\p{Han}])")


def doc_year_value(year: str) -> int:
    """The year of a 文号 (its ``year`` group: 2021 or 二〇二一) as a number."""
    value = cn_number(year)
    if value is None:
        raise ValueError(f"not a 文号 year: {year!r}")
    return value


def cn_number(text: str) -> int | None:
    """Value of an Arabic or Chinese numeral up to 999 (十二 → 12, 一百零五 → 105, 二〇二一 → 2021
    digit by digit)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text and all(c in _CN_VALUE for c in text) and len(text) >= 3:
        return int("".join(str(_CN_VALUE[c]) for c in text))
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        h = _CN_VALUE.get(hundreds) if hundreds else None
        rest = rest.lstrip("零〇")
        r = cn_number(("一" + rest if rest.startswith("十") else rest)) if rest else 0
        return None if h is None or r is None else h * 100 + r
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_VALUE.get(tens, None) if tens else 1
        o = _CN_VALUE.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    if len(text) == 1 and text in _CN_VALUE:
        return _CN_VALUE[text]
    return None


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text`` (2021年7月31日, 二〇二一年七月三十一日, 中華民國109年…)."""
    m = DATE.search(text)
    roc = ROC_DATE.search(text)
    if roc and (m is None or roc.start() <= m.start()):
        y, mo, d = int(roc["year"]) + 1911, int(roc["month"]), int(roc["day"])
    elif m:
        y, mo, d = cn_number(m["year"]), cn_number(m["month"]), cn_number(m["day"])
        if y is None or mo is None or d is None:
            return None
    else:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def remove_layout_spaces(text: str) -> str:
    """Drop spaces that layout put between Han characters (刘 亮 → 刘亮)."""
    if " " not in text and "\u3000" not in text:  # most lines: line grouping dropped such spaces
        return text
    return SPACE_BETWEEN_HAN.sub("", text)


def remove_whitespace(text: str) -> str:
    """The text without any whitespace (组 长 → 组长)."""
    return WHITESPACE.sub("", text)


def split_units(text: str | None) -> list[str]:
    """Split a unit list (责任单位) on 、，,； into clean names."""
    if not text:
        return []
    return [u.strip() for u in UNIT_SPLIT.split(text) if u.strip()]


def heading_level(text: str) -> int:
    """公文层次: 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）; 0 for running text."""
    for level, pattern in HEADING_LEVELS:
        if pattern.match(text):
            return level
    return 0


# An item number of an enumeration (公文层次序数 一、 （一） 1. （1）) where an item starts inside a
# cell or a paragraph: at the start of the text or of a line, or after a clause end (。；：) when the
# items run on in one line. Groups l1…l4 are the 层次 (as in HEADING_LEVELS).
LIST_ITEM = regex.compile(
    r"(?:^|(?<=[。；;：:]))[ \t\u3000]*"
    r"(?:(?P<l1>[一二三四五六七八九十]{1,3})\s*、|[（(]\s*(?P<l2>[一二三四五六七八九十]{1,3})\s*[）)]"
    r"|(?P<l3>\d{1,2})\s*[.．、](?!\d)|[（(]\s*(?P<l4>\d{1,2})\s*[）)])",
    regex.MULTILINE,
)


def list_items(text: str) -> list[tuple[int, int]]:
    """The enumeration items of ``text`` in order, as (层次, number): （一）…（四） → (2, 1) … (2, 4)."""
    return [item for m in LIST_ITEM.finditer(text) if (item := _list_item(m)) is not None]


def leading_list_item(text: str) -> tuple[int, int] | None:
    """The enumeration item ``text`` opens with, as (层次, number), or None."""
    m = LIST_ITEM.match(text.lstrip())
    return None if m is None else _list_item(m)


def _list_item(m: regex.Match[str]) -> tuple[int, int] | None:
    level = next(k for k in (1, 2, 3, 4) if m[f"l{k}"])
    n = cn_number(m[f"l{level}"])
    return None if n is None else (level, n)


# ---------------------------------------------------------------- records stage (added)

# A heading number in front of a caption or section label: 一、 （一） 1. （1）, removed to get the label.
HEADING_NUMBER = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.．、](?!\d))\s*"
)
# A stated count at the end of a section label or caption: （52 项）, (共12项).
TRAILING_COUNT = regex.compile(r"\s*[（(]\s*(?:共\s*)?\d{1,5}\s*" + COUNT_UNIT + r"\s*[）)]\s*$")
# The suffix of a roster caption that is not part of the body's name:
# 某某联席会议人员名单 → 某某联席会议; 某某委员会组成人员名单 / 成员名单 / 名单 / 组成人员.
ROSTER_CAPTION_SUFFIX = regex.compile(r"(?:组成人员名单|成员名单|人员名单|组成人员|人员组成|名单|成员)$")
# The body a document sets up or changes, named in its title: 关于成立某某委员会的通知,
# 关于调整某某领导小组成员的通知, 关于同意建立某某联席会议制度的函.
BODY_IN_TITLE = regex.compile(
    r"关于(?:同意)?(?:成立|调整|建立|组建|设立|调整充实|充实调整)(?P<body>.+?)"
    r"(?:组成人员|成员单位|成员|人员|制度)?(?:的)?(?:通知|决定|函|批复|意见)$"
)
# A deadline given only as a year or a month (2021年底, 2021年6月底前, 2021年12月): the period's end.
YEAR_MONTH = regex.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:(?P<month>\d{1,2})\s*月)?"
)
# The end of a unit name (单位名称): 局, 政府, 委员会, 中心, 公司 … Whitespace after such an ending
# separates two units (市直有关单位 某区政府); elsewhere it is a wrapped line inside one name.
UNIT_ENDING = regex.compile(
    r"(?:局|厅|委|会|办|处|室|部|院|所|站|队|中心|政府|单位|公司|集团|银行|支行|分行|海关|学校|大学|"
    r"法院|检察院|管委会|协会|社|馆|署|组|专班|分局|支局)$"
)
# 发文机关 set on a line of its own above the 关于… lines of a title: one or more organ names
# (某市人民政府办公室, 某市发展和改革委员会 某市财政局), each ending in an organ word.
ISSUER_LINE = regex.compile(
    r"^(?:[\p{Han}（）()]{1,30}?(?:人民政府|政府|办公室|办公厅|委员会|委|局|厅|办|部|院|署|中心|公司|集团|[府廳處])"
    r"[\s、，,和与及]*){1,6}$"
)
# Where the subject line of a title starts (关于…的通知): what follows an issuer line.
TITLE_SUBJECT_START = regex.compile(r"^\s*关\s*于")
# Roster role written in a table's role column or section row (组长, 副组长, 成员 …), without colon.
ROSTER_ROLE_WORD = regex.compile(
    r"^(?:总|副|常务副)?(?:组长|召集人|主任|成员|委员|秘书长|组员|联络员|顾问|指挥长|主席|"
    r"总指挥|副总指挥|主任委员|执行主任)$"
)
# A person's name in a roster: 2–4 Han characters (layout spaces removed), optionally with ·.
PERSON_NAME = regex.compile(r"^[\p{Han}]{2,4}$|^[\p{Han}]{1,6}·[\p{Han}]{1,6}$")
# Where a position (职务) typically starts: an administrative level or a deputy marker.
POSITION_START = regex.compile(r"^(?:市|省|县|区|副|国家|中国|中共|全国|自治区|党)")
# A place name at the start of a position: 某市海关…, 某县政府…, 某区政府… (1–2 Han + level).
POSITION_PLACE_START = regex.compile(r"^[\p{Han}]{1,2}(?:州|市|县|区|省|旗|盟)")
# Characters that practically never stand in a person's name but start or fill a position
# (市, 局, 副 …). Kept short on purpose: 镇, 政, 科 … do occur in given names (王镇).
NOT_IN_NAME = regex.compile(r"[市省县区局委办厅副府（）()、，,：:。；]")

# ---------------------------------------------------------------- cited documents (引用文件)

# A cited title in book-title marks (书名号): 《…》. A title that itself names a document prints
# the inner one in 〈〉 (《关于印发〈某某办法〉的通知》), kept as part of the title; a producer that
# nests 《》 instead is matched as one title too (recursive group). Line breaks never fall inside
# a title once the text is joined, so the title holds no newline.
CITED_TITLE = regex.compile(r"(?P<cite>《(?:[^《》\n]++|(?&cite))*》)")

# The end of a text cut inside the bracket right after a title: 》（国发〔2018〕 — the 文号 goes on
# in the next paragraph (applied to the text after the last 》).
BRACKET_LEFT_OPEN = regex.compile(r"^\s*[（(][^）)]*$")
# A year in any of the brackets a 文号 is printed with ([2021] （2021） 【2021】 ［2021］), to compare
# 文号 whatever bracket the producer used.
YEAR_IN_BRACKETS = regex.compile(r"[〔\[［(（【]\s*(?P<year>" + _DOC_YEAR + r")\s*[〕\]］)）】]")

# 令 numbers (decree numbers), the 文号 of 部门规章 and 行政法规 decrees: 国务院令第722号,
# 农业部令第17号, 2017年教育部、外交部、公安部令第42号 (joint decree with its year in front).
DECREE_NUMBER = regex.compile(
    r"(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?(?P<code>[\p{Han}][\p{Han}、]{0,40}?令)\s*第?\s*(?P<serial>\d{1,5})\s*号"
)

# The bracket printed right after a cited title, opening with the title's 文号 (or 令 number):
# （国发〔2018〕32号）, (某环发〔2021〕61号), （国务院令 第 722 号）, （某政发〔2017〕45号，以下简称《通知》）.
# Full- or half-width brackets, spaces anywhere; the number (optionally followed by 文件 / 文:
# （国发〔2018〕32号文）) ends at the bracket or at ，、； before more words. A bracket holding anything else (（2020年版）, （DB14/1928-2019）) does not match.
CITED_NUMBER_BRACKET = regex.compile(
    r"\s*[（(]\s*(?P<number>" + DOC_NUMBER.pattern + r"|" + DECREE_NUMBER.pattern.replace("(?P<", "(?P<d_") + r")"
    r"\s*(?:文件|文)?\s*(?:[）)]|[，,、；;])"
)

# The issuing body (发文机关) a cited title opens with, before 关于 / 印发 / 转发 …: one organ name
# or several joint ones separated by 、, a space or nothing (国家卫生健康委员会 国家中医药管理局,
# 中共中央 国务院). An organ name is any run of Han characters ending in the word for a kind of
# organ — …人民政府(办公厅), …委员会, …领导小组, …局, …部, …厅, …署, …院, …委, …办, …中心 — or 中共中央.
# An ending does not stop short of a longer one (委 before 员会, 政府 / 院 / 委 before 办公厅).
_ORGAN_ENDING = (
    r"(?:委员会|领导小组|办公厅|办公室|政府(?!办公)|总局|局|部(?!门)|厅|署|院(?!办公)|委(?!员会|办公)|中心|银行|总社|办(?!公))"
)
_ISSUER_CONNECTOR = r"(?:关于|印发|转发|批转|发布|颁布|对)"
_ORGAN_NAME = r"(?:中共中央(?!办公)|(?:(?!" + _ISSUER_CONNECTOR + r")\p{Han})+?" + _ORGAN_ENDING + r")"
# A lead issuer standing for several: 国家发展改革委等部门 / 财政部等六部门 (kept in the issuer).
_OTHER_ISSUERS = r"等(?:\d{1,2}|[一二三四五六七八九十]{1,3})?个?(?:部门|单位)"
CITED_ISSUER = regex.compile(
    r"^(?P<issuer>" + _ORGAN_NAME + r"(?:[、\s]?" + _ORGAN_NAME + r")*)(?P<others>" + _OTHER_ISSUERS + r")?"
    r"(?=" + _ISSUER_CONNECTOR + r")"
)
# One organ name of a joint issuer, to split CITED_ISSUER's match into its names.
ORGAN_NAME = regex.compile(_ORGAN_NAME)

# A notice that issues, publishes or forwards another document (印发/发布/转发/批转/颁布 … 的通知):
# ``issued`` is that document's title, bare or in 〈〉 (several: 〈甲〉及〈乙〉〈丙〉).
ISSUING_NOTICE = regex.compile(r"(?:印发|发布|转发|批转|颁布)(?P<issued>.+?)的(?:通知|决定|批复|函)$")
# The first title in 〈〉 of an issued list: 〈山西省加快推进向开发区赋权实施方案〉及〈…〉.
INNER_TITLE = regex.compile(r"〈(?P<title>[^〈〉]+)〉")
# Qualifiers printed at the end of a title that do not change what it is: （试行）, (2020版),
# （2021—2022年）, （负面清单）, （修订）; removed, repeatedly, before the ending is read.
TITLE_QUALIFIER = regex.compile(r"\s*[（(][^（()）]*[）)]\s*$")

# What a cited document is, from the end of its title (公文文种 and legislative forms):
# 办法 / 规定 / 细则 / 规则 are rules (规章, 规范性文件 with rules), read before 法 (…办法 ends in 法);
# …法 is a law, except a standard's …方法 (测定方法); …条例 a regulation; 意见 / 通知 / 决定 / 方案 /
# 计划 / 要点 / 纲要 / 规划 / 安排 / 措施 / 通报 / 公告 / 通告 / 决议 / 命令 / 纪要 and "政策N条" style
# lists are normative documents;
# anything else (目录, 清单, 标准, 指南, 请示, 报告, 函, 批复, 公报 …) is other.
CITED_KIND_ENDINGS = (
    ("rules", regex.compile(r"(?:办法|规定|细则|规则)$")),
    ("regulation", regex.compile(r"条例$")),
    ("law", regex.compile(r"(?<!方)法$")),
    (
        "normative",
        regex.compile(
            r"(?:意见|通知|决定|方案|计划|要点|纲要|规划|安排|措施|通报|公告|通告|决议|命令|纪要|"
            r"(?:\d{1,3}|[一二三四五六七八九十百]{1,4})条)$"
        ),
    ),
)
