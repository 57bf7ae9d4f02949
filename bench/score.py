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


def score(sample: str) -> dict[str, tuple[int, int]]:
    from gazette_extract import pipeline

    exp = expectations_for(sample)
    ex = pipeline.run(SAMPLES_DIR / f"{sample}.pdf")
    out: dict[str, list[int]] = {k: [0, 0] for k in KINDS}

    def tally(kind, ok):
        out[kind][0] += bool(ok)
        out[kind][1] += 1

    pages = {e["doc_number"]: e["printed_page"] for e in manifest(sample)["toc"]}
    for entry in exp["toc"]:
        hits = [e for e in ex.toc if e.seq == entry["seq"]]
        tally("toc", len(hits) == 1 and not field_mismatches(hits[0], entry)
              and hits[0].printed_page == pages[entry["doc_number"]])
    for doc in exp["documents"]:
        hits = [d for d in ex.documents if d.doc_number == doc["doc_number"]]
        ok = len(hits) == 1 and not field_mismatches(hits[0], {f: doc[f] for f in DOC_FIELDS})
        ok = ok and [(a.label, nows(a.title)) for a in hits[0].attachments] == [
            (a["label"], nows(a["title"])) for a in doc["attachments"]]
        tally("documents", ok)
    for spec in exp["tables"]:
        t, strict = _table(ex, spec)
        cols_ok = t is not None and (spec["columns"] is None or [nows(c) for c in t.columns] == [nows(c) for c in spec["columns"]])
        tally("tables", strict and cols_ok and t.kind == spec["kind"] and t.n_rows == spec["n_rows"])
        if spec["stated_count"] is not None:
            tally("counts", t is not None and t.stated_count == spec["stated_count"])
    approvals = exp["records"]["approval_items"]
    for item in approvals["items"]:
        hits = [a for a in ex.approval_items if a.action == item["action"] and a.seq == item["seq"]]
        tally("approvals", len(hits) == 1 and not field_mismatches(hits[0], item, skip=("action", "seq")))
    for item in exp["records"]["projects"]["items"]:
        hits = [p for p in ex.projects if nows(p.list_title) == nows(item["list_title"]) and p.seq == item["seq"]
                and nows(p.category) == nows(item["category"])]
        tally("projects", len(hits) == 1 and not field_mismatches(hits[0], item, skip=("list_title", "category", "seq")))
    tasks = exp["records"]["tasks"]
    for item in tasks["items"]:
        hits = [t for t in ex.tasks if nows(t.list_title) == nows(tasks["list_title"]) and t.seq == item["seq"]]
        tally("tasks", len(hits) == 1 and not field_mismatches(hits[0], item, skip=("seq",)))
    for roster in exp["records"]["roster_members"]:
        got = sorted((m for m in ex.roster_members if nows(m.body) == nows(roster["body"])), key=lambda m: m.seq)
        for k, member in enumerate(roster["members"]):
            ok = k < len(got) and got[k].seq == member["seq"] and all(
                nows(getattr(got[k], f)) == nows(member[f]) for f in ("name", "role", "position"))
            tally("rosters", ok)
    return {k: (v[0], v[1]) for k, v in out.items()}


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
