"""Helpers for the end-to-end acceptance tests (tests/test_end_to_end.py).

Loads the ground truth — tests/expectations/<issue>.yaml (written by reading each issue's source
text: shuozhou-2021-04 is the seed, sangyuan-2022-02 the second issue) and the typesetters'
manifests samples/<sample>.layout.json — and implements the comparison conventions stated in the
YAML's header comment:

* text compares EXACTLY after removing ALL whitespace from both sides (``nows``);
* punctuation is compared as printed (no width folding, no NFKC);
* ``null`` expected == empty cell: ``None``, ``""`` and ``[]`` are equivalent;
* lists compare element-wise, in order, with the same whitespace rule;
* ``contains`` / ``*_contains`` = substring test after removing whitespace on both sides,
  ``not_contains`` / ``*_not_contains`` = must not occur;
* dates are ISO strings.

Nothing here looks at extractor output to decide what is expected.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "samples"
EXPECTATIONS_DIR = Path(__file__).resolve().parent / "expectations"
SEED_ISSUE = "shuozhou-2021-04"
EXPECTATIONS = EXPECTATIONS_DIR / f"{SEED_ISSUE}.yaml"

# The multi-producer sample set (samples/producers.py builds it): sample → (producer, issue).
# reportlab samples carry a manifest written from the placement (cells, regions); the html and
# docx manifests are found in the printed PDF (samples/probe.py): pages of documents and tables.
SAMPLE_SET = {
    "gazette-a": ("reportlab", SEED_ISSUE),
    "gazette-b": ("reportlab", SEED_ISSUE),
    "gazette-html": ("html", SEED_ISSUE),
    "gazette-docx": ("docx", SEED_ISSUE),
    "sangyuan-a": ("reportlab", "sangyuan-2022-02"),
    "sangyuan-html": ("html", "sangyuan-2022-02"),
    "sangyuan-docx": ("docx", "sangyuan-2022-02"),
}
SAMPLES = tuple(SAMPLE_SET)


def producer_of(sample: str) -> str:
    return SAMPLE_SET[sample][0]


def issue_of(sample: str) -> str:
    return SAMPLE_SET[sample][1]

_WS = re.compile(r"\s+")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def nows(value) -> str:
    """Text with ALL whitespace removed (spaces, U+3000, tabs, newlines); None → ""."""
    if value is None:
        return ""
    return _WS.sub("", str(value))


def strip_ordinal(text: str | None) -> str:
    """A caption without its leading Chinese ordinal ("一、…" → "…")."""
    return _ORDINAL.sub("", nows(text))


# ----------------------------------------------------------------------------- ground truth


@lru_cache(maxsize=None)
def expectations(issue: str = SEED_ISSUE) -> dict:
    return yaml.safe_load((EXPECTATIONS_DIR / f"{issue}.yaml").read_text(encoding="utf-8"))


def expectations_for(sample: str) -> dict:
    """The expectations of the issue the sample was typeset from."""
    return expectations(issue_of(sample))


@lru_cache(maxsize=None)
def manifest(sample: str) -> dict:
    return json.loads((SAMPLES_DIR / f"{sample}.layout.json").read_text(encoding="utf-8"))


def manifest_toc(sample: str, doc_number: str) -> dict:
    hits = [e for e in manifest(sample)["toc"] if e["doc_number"] == doc_number]
    assert len(hits) == 1, f"manifest of {sample} has {len(hits)} TOC entries for {doc_number}"
    return hits[0]


def manifest_document(sample: str, doc_number: str) -> dict:
    hits = [d for d in manifest(sample)["documents"] if d["doc_number"] == doc_number]
    assert len(hits) == 1, f"manifest of {sample} has {len(hits)} documents for {doc_number}"
    return hits[0]


def manifest_table(sample: str, expected_table: dict) -> dict:
    """The manifest's table for a YAML table: same 文号 and 附件 label, and the same caption
    (for the transport list, whose six tables share the attachment caption, the category
    heading with its ordinal stripped — the YAML's title rule)."""
    want = nows(expected_table["title"])
    hits = []
    for t in manifest(sample)["tables"]:
        if t["doc_number"] != expected_table["doc_number"]:
            continue
        if t.get("attachment_label") != expected_table["attachment_label"]:
            continue
        caption = strip_ordinal(t["heading"]) if t.get("heading") else nows(t["caption"])
        if caption == want:
            hits.append(t)
    assert len(hits) == 1, f"manifest of {sample}: {len(hits)} tables match {expected_table['key']}"
    return hits[0]


# ----------------------------------------------------------------------------- ids

_CODE_IDS = (("政办函", "banhan"), ("政办发", "banfa"), ("政发", "zhengfa"))
_DOCNUM = re.compile(r"^(.+?)〔(\d{4})〕(\d+)号$")


def doc_id(doc_number: str) -> str:
    """ASCII test id for a 文号 (pytest escapes non-ASCII ids): 朔政办发〔2021〕32号 → banfa-32."""
    m = _DOCNUM.match(doc_number)
    if not m:
        return re.sub(r"\W+", "_", doc_number.encode("unicode_escape").decode())
    kind = next((name for suffix, name in _CODE_IDS if m.group(1).endswith(suffix)), "doc")
    return f"{kind}-{m.group(3)}"


# ASCII ids of project lists and categories, by a word of their printed title
_LIST_WORDS = (("省级", "provincial"), ("市级", "city"), ("交通", "transport"))
_CATEGORY_WORDS = (("建设项目", "construction"), ("前期项目", "preparatory"), ("枢纽", "hub"), ("铁路", "rail"),
                   ("高速", "expressway"), ("干线", "trunk"), ("农村", "rural"), ("其它", "other"))


def _word_id(text: str, words) -> str:
    return next((name for word, name in words if word in (text or "")), "x")


def list_id(list_title: str) -> str:
    return _word_id(list_title, _LIST_WORDS)


def category_id(category: str | None) -> str:
    if category and category.endswith("项目") and len(category) <= 4:
        return _word_id(category, _CATEGORY_WORDS[:2])
    return _word_id(category, _CATEGORY_WORDS[2:])


def project_id(item: dict) -> str:
    parts = [list_id(item["list_title"])]
    if item.get("category"):
        parts.append(category_id(item["category"]))
    parts.append(str(item["seq"]))
    return "-".join(parts)


# ----------------------------------------------------------------------------- comparison


def _is_empty(actual) -> bool:
    if actual is None:
        return True
    if isinstance(actual, str):
        return nows(actual) == ""
    return isinstance(actual, (list, dict)) and len(actual) == 0


def split_units(text: str) -> list[str]:
    return [p for p in re.split(r"[、，,\s]+", text or "") if p]


def same(actual, expected) -> bool:
    """Does ``actual`` equal ``expected`` under the YAML's conventions?"""
    if expected is None or expected == "":
        return _is_empty(actual)
    if isinstance(expected, bool):
        return isinstance(actual, bool) and actual is expected
    if isinstance(expected, float) or (isinstance(expected, int) and isinstance(actual, float)):
        return isinstance(actual, (int, float)) and not isinstance(actual, bool) and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(expected, int):
        return isinstance(actual, int) and not isinstance(actual, bool) and actual == expected
    if isinstance(expected, list):
        return isinstance(actual, list) and [nows(a) for a in actual] == [nows(e) for e in expected]
    if isinstance(expected, str):
        if isinstance(actual, (dt.date, dt.datetime)):
            return actual.isoformat()[:10] == expected
        if isinstance(actual, list):
            # a field the contract describes as text but the model keeps as a list of units
            # (projects.partners): the printed text, or the same units in order
            units = [nows(a) for a in actual if nows(a)]
            return "".join(units) == nows(expected) or units == split_units(expected)
        return isinstance(actual, (str, int, float)) and nows(actual) == nows(expected)
    raise TypeError(f"unsupported expected value {expected!r}")


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def field_mismatches(obj, spec: dict, skip: tuple[str, ...] = ()) -> list[str]:
    """Compare the listed fields of ``spec`` with attributes of ``obj``; return readable diffs.

    ``X_contains`` / ``X_not_contains`` keys test substrings of field X; a dict value (annual_plan)
    is compared key by key against the JSON object text of the field (listed keys only).
    """
    problems = []
    for key, expected in spec.items():
        if key in skip:
            continue
        if key.endswith("_not_contains"):
            name = key[: -len("_not_contains")]
            actual = nows(getattr(obj, name, None))
            for phrase in _as_list(expected):
                if nows(phrase) in actual:
                    problems.append(f"{name} must not contain {phrase!r}: {getattr(obj, name, None)!r}")
            continue
        if key.endswith("_contains"):
            name = key[: -len("_contains")]
            actual = nows(getattr(obj, name, None))
            for phrase in _as_list(expected):
                if nows(phrase) not in actual:
                    problems.append(f"{name} lacks {phrase!r}: {getattr(obj, name, None)!r}")
            continue
        if not hasattr(obj, key):
            problems.append(f"{key}: no such field on {type(obj).__name__}")
            continue
        actual = getattr(obj, key)
        if isinstance(expected, dict):
            try:
                got = json.loads(actual) if isinstance(actual, str) else actual
            except (TypeError, ValueError):
                problems.append(f"{key}: not a JSON object text: {actual!r}")
                continue
            if not isinstance(got, dict):
                problems.append(f"{key}: not a JSON object: {actual!r}")
                continue
            for k, v in expected.items():
                if not same(got.get(str(k)), v):
                    problems.append(f"{key}[{k!r}]: expected {v!r}, got {got.get(str(k))!r} (whole: {actual!r})")
            continue
        if not same(actual, expected):
            problems.append(f"{key}: expected {expected!r}, got {actual!r}")
    return problems


# ----------------------------------------------------------------------------- page furniture

# The running header is the gazette's title (gazette-b and some html/docx styles: followed by
# "YYYY年第N期"). The printed text legitimately names the gazette inside one table cell of the seed
# — the 政务公开 scoring row "朔州市人民政府公报发放情况 … 及时将朔州市人民政府公报发放到…" (seed line
# 1852) — so an occurrence followed by 发放 is content, any other occurrence in a cell is the header.
FOLIOS = (
    re.compile(r"[—–]\d{1,3}[—–]"),              # folio "— 12 —" (whitespace removed)
    re.compile(r"·\d{1,3}·"),                    # folio "·12·"
)


def furniture_patterns(exp: dict) -> tuple:
    g = exp["gazette"]
    return (
        re.compile(re.escape(g["title"]) + "(?!发放)"),
        re.compile(re.escape(f"{g['year']}年第{g['issue_no']}期")),
        *FOLIOS,
    )


def furniture_in(text: str | None, exp: dict | None = None) -> str | None:
    flat = nows(text)
    for pattern in furniture_patterns(exp or expectations()):
        m = pattern.search(flat)
        if m:
            return m.group(0)
    return None
