"""End-to-end figures per producer and issue: records right / expected, per kind.

Usage: .venv/bin/python bench/score.py [SAMPLE ...]   (default: every sample of tests/expect.py)

Runs the pipeline on each sample PDF and scores it against the issue's expectations file with
the end-to-end tests' conventions (tests/expect.py). A record is right when every field the YAML
lists for it matches:
  toc        entry fields and the printed page of the manifest
  documents  seq, section, 文号 parts, title, issuer, sign_date, publicity, addressees, attachments
  tables     found by 文号 + 附件 label + title, with kind, columns and n_rows
  counts     tables whose stated_count the YAML gives (not null): stated_count equal
  approvals / projects / tasks   the listed items, all listed fields
  rosters    members: seq, name, role and position at the same place in the roster
The README's figures table is this script's --markdown output.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from expect import (  # noqa: E402
    SAMPLES,
    SAMPLES_DIR,
    expectations_for,
    field_mismatches,
    issue_of,
    manifest,
    nows,
    producer_of,
    strip_ordinal,
)

KINDS = ("toc", "documents", "tables", "counts", "approvals", "projects", "tasks", "rosters")
DOC_FIELDS = ("seq", "section", "doc_code", "doc_year", "doc_serial", "title", "issuer", "sign_date", "publicity",
              "addressees")


def _table(ex, spec):
    strict = [t for t in ex.tables if t.doc_number == spec["doc_number"] and t.attachment_label == spec["attachment_label"]
              and nows(t.title) == nows(spec["title"])]
    if len(strict) == 1:
        return strict[0], True
    loose = [t for t in ex.tables if strip_ordinal(t.title) == strip_ordinal(spec["title"])]
    return (loose[0], False) if len(loose) == 1 else (None, False)


class Tally:
    """Records right / expected per kind, and every miss as (kind, class, detail): the class is the
    first field that differs (``missing`` when no record matches), for bench/variants.py."""

    def __init__(self):
        self.counts: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
        self.misses: list[tuple[str, str, str]] = []

    def add(self, kind: str, ok: bool, key: str = "", why: str = "missing", detail: str = "") -> None:
        self.counts[kind][0] += bool(ok)
        self.counts[kind][1] += 1
        if not ok:
            self.misses.append((kind, why, f"{key}: {detail}" if detail else key))

    def add_fields(self, kind: str, hits: list, spec: dict, key: str, skip=()) -> None:
        if len(hits) != 1:
            self.add(kind, False, key, "missing" if not hits else "duplicate", f"{len(hits)} records")
            return
        problems = field_mismatches(hits[0], spec, skip=skip)
        self.add(kind, not problems, key, problems[0].split(":")[0].split("[")[0] if problems else "",
                 problems[0] if problems else "")

    def result(self) -> dict[str, tuple[int, int]]:
        return {k: (v[0], v[1]) for k, v in self.counts.items()}


def score_extraction(ex, exp: dict, toc_pages: dict[str, int]) -> Tally:
    """Score one extraction against an issue's expectations; toc_pages: 文号 → printed page (from
    the sample's manifest)."""
    out = Tally()
    for entry in exp["toc"]:
        hits = [e for e in ex.toc if e.seq == entry["seq"]]
        if len(hits) == 1 and hits[0].printed_page != toc_pages[entry["doc_number"]]:
            out.add("toc", False, entry["doc_number"], "printed_page", f"{hits[0].printed_page}")
        else:
            out.add_fields("toc", hits, entry, entry["doc_number"])
    for doc in exp["documents"]:
        hits = [d for d in ex.documents if d.doc_number == doc["doc_number"]]
        key = doc["doc_number"]
        if len(hits) == 1 and not field_mismatches(hits[0], {f: doc[f] for f in DOC_FIELDS}):
            got = [(a.label, nows(a.title)) for a in hits[0].attachments]
            want = [(a["label"], nows(a["title"])) for a in doc["attachments"]]
            out.add("documents", got == want, key, "attachments", f"{got} != {want}")
        else:
            out.add_fields("documents", hits, {f: doc[f] for f in DOC_FIELDS}, key)
    for spec in exp["tables"]:
        t, strict = _table(ex, spec)
        key = f"{spec['doc_number']} {spec['attachment_label']} {spec['title']}"
        if t is None or not strict:
            out.add("tables", False, key, "missing" if t is None else "title/label")
        elif spec["columns"] is not None and [nows(c) for c in t.columns] != [nows(c) for c in spec["columns"]]:
            out.add("tables", False, key, "columns", f"{t.columns}")
        elif t.kind != spec["kind"]:
            out.add("tables", False, key, "kind", t.kind)
        else:
            out.add("tables", t.n_rows == spec["n_rows"], key, "n_rows", f"{t.n_rows} != {spec['n_rows']}")
        if spec["stated_count"] is not None:
            out.add("counts", t is not None and t.stated_count == spec["stated_count"], key, "stated_count",
                    f"{t.stated_count if t is not None else None} != {spec['stated_count']}")
    for item in exp["records"]["approval_items"]["items"]:
        hits = [a for a in ex.approval_items if a.action == item["action"] and a.seq == item["seq"]]
        out.add_fields("approvals", hits, item, f"{item['action']} {item['seq']}", skip=("action", "seq"))
    for item in exp["records"]["projects"]["items"]:
        hits = [p for p in ex.projects if nows(p.list_title) == nows(item["list_title"]) and p.seq == item["seq"]
                and nows(p.category) == nows(item["category"])]
        out.add_fields("projects", hits, item, f"{item['list_title']} {item['category']} {item['seq']}",
                       skip=("list_title", "category", "seq"))
    tasks = exp["records"]["tasks"]
    for item in tasks["items"]:
        hits = [t for t in ex.tasks if nows(t.list_title) == nows(tasks["list_title"]) and t.seq == item["seq"]]
        out.add_fields("tasks", hits, item, f"task {item['seq']}", skip=("seq",))
    for roster in exp["records"]["roster_members"]:
        got = sorted((m for m in ex.roster_members if nows(m.body) == nows(roster["body"])), key=lambda m: m.seq)
        for k, member in enumerate(roster["members"]):
            key = f"{roster['body']} #{member['seq']}"
            if k >= len(got):
                out.add("rosters", False, key, "missing" if not got else "short", f"{len(got)} members")
                continue
            bad = [f for f in ("seq", "name", "role", "position")
                   if (got[k].seq != member["seq"] if f == "seq" else nows(getattr(got[k], f)) != nows(member[f]))]
            out.add("rosters", not bad, key, bad[0] if bad else "",
                    f"{getattr(got[k], bad[0])!r} != {member[bad[0]]!r}" if bad else "")
    return out


def score(sample: str) -> dict[str, tuple[int, int]]:
    from gazette_extract import pipeline

    ex = pipeline.run(SAMPLES_DIR / f"{sample}.pdf")
    pages = {e["doc_number"]: e["printed_page"] for e in manifest(sample)["toc"]}
    return score_extraction(ex, expectations_for(sample), pages).result()


def markdown(rows: list[tuple[str, dict]]) -> str:
    head = "| sample | producer | issue | " + " | ".join(KINDS) + " | all |"
    lines = [head, "|" + "---|" * (len(KINDS) + 4)]
    for sample, s in rows:
        right = sum(v[0] for v in s.values())
        total = sum(v[1] for v in s.values())
        cells = [f"{s[k][0]}/{s[k][1]}" for k in KINDS]
        lines.append(f"| {sample} | {producer_of(sample)} | {issue_of(sample)} | " + " | ".join(cells)
                     + f" | {right}/{total} ({right / total:.2f}) |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")] or list(SAMPLES)
    rows = []
    for name in names:
        t0 = time.time()
        rows.append((name, score(name)))
        print(f"{name}: scored in {time.time() - t0:.1f}s", file=sys.stderr)
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
