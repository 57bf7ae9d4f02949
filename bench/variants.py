"""Variation sweep: both source issues typeset under N seeded random style variants per producer,
extracted and scored (bench/score.py's records right / expected).

Usage: .venv/bin/python bench/variants.py [--n 6] [--producers reportlab,html,docx] [--jobs 2]
                                          [--out out/variants] [--json FILE] [--only NAME ...]

What varies is what varies between real gazettes within one producer: fonts (宋体/楷体/黑体 families:
AR PL UMing/UKai, WenQuanYi Zen Hei, Noto CJK where the producer embeds them faithfully), body and
table sizes, line spacing, margins, page size (A4, B5, 16开), where documents and attachments start
(so where pages break tables and rosters), header rows repeated on continuation pages or not,
columns too narrow for their text, title split issuer / 关于…, roster forms, folio placement; from
variant 300 on (WIDE_FROM) also 文号 flush right, shaded header rows and body text without indent.
A variant is named PRODUCER-ISSUE-K and is reproducible from that name alone (the seed is the name).
html and docx need Chromium and LibreOffice, weasy (the html gazette printed by WeasyPrint, a
layout engine of its own) the `samples` extra (`make samples-deps`); a producer whose tool is
missing is skipped with a note. ``--producers`` defaults to the first three (the figures kept in
the README); weasy is asked for by name. The PDFs and manifests stay in --out for inspection.
Prints each variant's score, the distribution per producer and the failing expectation classes
(kind: first differing field), with an example of each.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import shutil
import statistics
import sys
import time
import traceback
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

ISSUES = {"shuozhou-2021-04": ROOT / "samples/source/shuozhou-gazette-2021-04.txt",
          "sangyuan-2022-02": ROOT / "samples/source/sangyuan-gazette-2022-02.txt"}
TOOLS = {"reportlab": None, "html": "chromium", "docx": "soffice", "weasy": "weasyprint"}

MM = 72 / 25.4
# page sizes of Chinese gazettes: A4, B5 (ISO 176×250 mm), 16开 (大16开 185×260 mm)
PAGES_MM = {"A4": (210, 297), "B5": (176, 250), "16K": (185, 260)}
SCHEDULE_COLUMNS = ("开/竣工时间", "建设年限")


def _page(rng) -> tuple[str, tuple[float, float]]:
    name = rng.choices(list(PAGES_MM), weights=(3, 1, 1))[0]
    return name, PAGES_MM[name]


def reportlab_style(rng: random.Random, cover: dict) -> dict:
    import engine as E
    from styles import STYLES

    st = dict(STYLES[rng.choice("ab")])
    for key in ("kangxi", "kangxi_docs", "defects_doc"):
        st.pop(key, None)
    page, (w, h) = _page(rng)
    small = page != "A4"
    st["page_size"] = (w * MM, h * MM)
    fonts = ("Song", "Kai", "Hei")
    st["body_font"] = rng.choice(fonts[:2])  # 宋体 or 楷体/仿宋: gazettes never set their body in 黑体
    st["title_font"] = rng.choice(("Hei", "Song", "Kai"))
    st["head_font"] = rng.choice(("Hei", st["body_font"]))
    st["table_font"] = rng.choice(fonts)
    st["body_size"] = rng.choice((10.5, 11, 11.5, 12) if small else (11, 11.5, 12, 12.5, 13, 14))
    st["leading"] = round(st["body_size"] * rng.uniform(1.45, 1.95), 1)
    st["title_size"] = rng.choice((16, 17, 18, 20))
    st["title_lead"] = round(st["title_size"] * 1.55, 1)
    st["caption_size"] = rng.choice((13, 14, 15, 16))
    st["table_size"] = rng.choice((7.5, 8, 8.5, 9, 9.5, 10.5))
    st["table_lead"] = round(rng.uniform(1.25, 1.65), 2)
    st["margins"] = tuple(round(rng.uniform(48, 96) * (0.85 if small else 1)) for _ in range(4))
    st["doc_new_page"] = rng.random() < 0.5
    st["doc_gap"] = rng.choice((20, 34, 48))
    st["landscape_attachments"] = rng.random() < 0.4
    st["folio_style"] = rng.choice(("center", "outer"))
    st["header_y"] = max(st["margins"][0] - rng.choice((24, 30, 36)), 20)
    st["footer_y"] = max(st["margins"][1] - rng.choice((26, 32)), 18)
    st["fake_bold"] = rng.random() < 0.25
    st["bold_captions"] = rng.random() < 0.5
    st["repeat_header"] = rng.random() < 0.7
    if rng.random() < 0.4:
        st["narrow_cols"] = {c: rng.choice((2.0, 2.4, 3.0)) for c in SCHEDULE_COLUMNS}
    name, issue = cover["name"], cover["issue"].split("（")[0]
    st["header_text"] = name if st["folio_style"] == "center" else name + "\u3000" + issue
    st["pdf_title"] = f"{name} {issue}"
    E.register_fonts()
    return st


HTML_FONTS = ("'AR PL UMing CN', serif", "'AR PL UKai CN', serif", "'WenQuanYi Zen Hei', sans-serif")


def html_style(rng: random.Random, cover: dict) -> dict:
    import htmlgazette as H

    st = dict(H.STYLES[rng.choice(("serif", "kai"))])
    page, (w, h) = _page(rng)
    st["page_size"] = "A4" if page == "A4" else f"{w}mm {h}mm"
    st["margins"] = " ".join(f"{rng.randint(18, 32)}mm" for _ in range(4))
    st["body_font"] = rng.choice(HTML_FONTS[:2])
    st["title_font"] = rng.choice(HTML_FONTS)
    st["head_font"] = rng.choice((HTML_FONTS[2], st["body_font"]))
    st["table_font"] = rng.choice(HTML_FONTS)
    st["body_size"] = f"{rng.choice((10.5, 11, 12, 13, 14))}pt"
    st["line_height"] = round(rng.uniform(1.5, 2.0), 2)
    st["title_size"] = f"{rng.choice((16, 17, 18, 20))}pt"
    st["caption_size"] = f"{rng.choice((13, 14, 15, 16))}pt"
    st["table_size"] = f"{rng.choice((7.5, 8, 8.5, 9, 10))}pt"
    st["cell_align"] = rng.choice(("center", "left", "justify"))
    st["doc_new_page"] = rng.random() < 0.5
    st["attachment_new_page"] = rng.random() < 0.5
    st["enclosure_new_page"] = rng.random() < 0.5
    st["split_title"] = rng.random() < 0.5
    st["roster_form"] = rng.choice(("blocks", "padded"))
    st["roster2_pos"] = rng.choice(("1fr", "7em", "6em"))
    # a narrow position column wraps; some space (cell padding) always parts it from the next name
    st["roster2_gap"] = rng.choice(("0.5em", "1em")) if st["roster2_pos"] != "1fr" or page != "A4" else "0"
    st["repeat_header"] = rng.random() < 0.7
    # fixed column widths with a too narrow schedule column; on A4 only: squeezed onto a B5 page
    # every column of the 11-column list overflows into its neighbour (2022 over 2023), unreadable
    narrow = rng.random() < 0.5 and page == "A4"
    st["col_widths"] = H.narrow_schedule_widths if narrow else (lambda tb: None)
    st["nowrap_cols"] = H.schedule_cols if narrow and rng.random() < 0.5 else (lambda tb: set())
    st["folio"] = rng.choice(("center", "outer"))
    st["toc_room_em"] = 22 if page != "A4" else rng.choice((22, 27))
    return st


DOCX_FONTS = ("AR PL UMing CN", "AR PL UKai CN", "WenQuanYi Zen Hei", "Noto Serif CJK SC", "Noto Sans CJK SC")


def docx_style(rng: random.Random, cover: dict) -> dict:
    import docxgazette as D

    st = dict(D.STYLES[rng.choice(("song", "fangsong"))])
    page, (w, h) = _page(rng)
    st["page_cm"] = (w / 10, h / 10)
    small = page != "A4"
    st["margins_cm"] = tuple(round(rng.uniform(2.0, 3.4) * (0.85 if small else 1), 1) for _ in range(4))
    st["body_font"] = rng.choice(DOCX_FONTS[:2] + DOCX_FONTS[3:4])
    st["title_font"] = rng.choice(DOCX_FONTS)
    st["head_font"] = rng.choice((DOCX_FONTS[2], DOCX_FONTS[4], st["body_font"]))
    st["table_font"] = rng.choice(DOCX_FONTS)
    st["body_size"] = rng.choice((10.5, 11, 12, 13, 14) if not small else (10.5, 11, 12))
    st["leading"] = round(st["body_size"] * rng.uniform(1.45, 1.95), 1)
    st["title_size"] = rng.choice((16, 17, 18, 20))
    st["issuer_size"] = rng.choice((st["title_size"], 14))
    st["caption_size"] = rng.choice((13, 14, 15))
    st["table_size"] = rng.choice((7.5, 8, 8.5, 9, 10.5))
    st["cell_align"] = rng.choice((D.LEFT, D.JUSTIFY, D.CENTER))
    st["doc_new_page"] = rng.random() < 0.5
    st["attachment_new_page"] = rng.random() < 0.5
    st["enclosure_new_page"] = rng.random() < 0.5
    st["split_title"] = rng.random() < 0.7
    st["cant_split"] = rng.random() < 0.5
    st["narrow_schedule"] = rng.random() < 0.5
    st["repeat_header"] = rng.random() < 0.7
    lab = rng.uniform(4.5, 6.0)
    st["roster_stops"] = (round(lab, 1), round(lab + rng.uniform(4.0, 5.5), 1))
    width = w / 10 - st["margins_cm"][2] - st["margins_cm"][3]
    pos = (width - 2.1 - 2 * 1.9 - 0.4) / 2 * rng.uniform(0.8, 1.0)
    st["roster2_widths_cm"] = (2.1, 1.9, round(pos, 2), 0.4, 1.9, round(pos, 2))
    st["folio"] = rng.choice(("center", "outer"))
    st["header_rule"] = rng.choice(("single", "double"))
    return st


STYLE_MAKERS = {"reportlab": reportlab_style, "html": html_style, "docx": docx_style, "weasy": html_style}

# The widened style space: dimensions added after variants 0–203 were scored. They draw from their
# own stream (seeded NAME/wide) and only for K >= WIDE_FROM, so every earlier variant keeps its
# parameters and its PDF and the figures scored on them stay comparable.
WIDE_FROM = 300


def wide_style(name: str) -> dict:
    """Parameters of the widened space for variant NAME (empty below WIDE_FROM): 文号 flush right
    instead of centred, header cells shaded gray, body paragraphs without the 2-character indent."""
    if int(name.rsplit("-", 1)[1]) < WIDE_FROM:
        return {}
    rng = random.Random(f"{name}/wide")
    return {"docno_align": rng.choice(("center", "right")),
            "header_shade": rng.choice((0.0, 0.0, 0.75, 0.85, 0.92)),
            "body_indent": rng.choice((2, 2, 0))}


def describe(st: dict) -> dict:
    """The variant's parameters as JSON-able values (functions by name)."""
    out = {}
    for k, v in st.items():
        if callable(v):
            out[k] = getattr(v, "__name__", "fn")
        elif isinstance(v, (str, int, float, bool, type(None))):
            out[k] = v
        elif isinstance(v, (tuple, list)):
            out[k] = [x if isinstance(x, (str, int, float)) else str(x) for x in v]
        elif isinstance(v, dict):
            out[k] = {str(a): b if isinstance(b, (str, int, float)) else str(b) for a, b in v.items()}
        else:
            out[k] = str(v)
    return out


def build_variant(name: str, out: Path) -> dict:
    """Typeset variant NAME (PRODUCER-ISSUE-K) into out/NAME.pdf + manifest; its parameters."""
    import gzsource

    producer, rest = name.split("-", 1)
    issue = rest.rsplit("-", 1)[0]
    source = ISSUES[issue]
    cover = gzsource.parse(source)["cover"]
    if producer != "reportlab":
        import producers
        st = STYLE_MAKERS[producer](random.Random(name), cover) | wide_style(name)
        producers.build_outside(name, producer, source, "variant", out=out, params=st)
        return describe(st)
    import engine
    import typeset
    for attempt in range(10):  # reportlab never splits a row: draw again when one is taller than a page
        st = STYLE_MAKERS[producer](random.Random(name if not attempt else f"{name}#{attempt}"), cover) \
            | wide_style(name)
        try:
            typeset.build("variant", source=source, name=name, out=out, style=st)
        except engine.RowTooTall:
            continue
        return describe(st) | {"attempt": attempt}
    raise RuntimeError("no style of 10 draws fits its table rows on its pages")


def run_variant(name: str, out: str, reuse: bool = False) -> dict:
    """Build (unless ``reuse`` and already built), extract and score one variant (in a worker process)."""
    from expect import expectations
    from score import score_extraction

    from gazette_extract import pipeline

    out = Path(out)
    issue = name.split("-", 1)[1].rsplit("-", 1)[0]
    result = {"name": name, "producer": name.split("-")[0], "issue": issue}
    t0 = time.time()
    try:
        built = out / f"{name}.style.json"
        if reuse and built.exists() and (out / f"{name}.pdf").exists():
            result["style"] = json.loads(built.read_text(encoding="utf-8"))
        else:
            result["style"] = build_variant(name, out)
            built.write_text(json.dumps(result["style"], ensure_ascii=False), encoding="utf-8")
    except Exception as exc:  # a typesetter failure is a sweep finding, not a crash of the sweep
        result["error"] = f"build: {type(exc).__name__}: {exc}"
        return result
    t1 = time.time()
    manifest = json.loads((out / f"{name}.layout.json").read_text(encoding="utf-8"))
    result["pages"] = manifest["total_pages"]
    try:
        ex = pipeline.run(out / f"{name}.pdf")
    except Exception as exc:
        result["error"] = f"extract: {type(exc).__name__}: {exc}"
        result["trace"] = traceback.format_exc(limit=3)
        return result
    toc_pages = {e["doc_number"]: e["printed_page"] for e in manifest["toc"]}
    tally = score_extraction(ex, expectations(issue), toc_pages)
    result["counts"] = tally.result()
    result["misses"] = tally.misses
    result["seconds"] = {"typeset": round(t1 - t0, 1), "extract+score": round(time.time() - t1, 1)}
    return result


def ratio(result: dict) -> float:
    if "counts" not in result:
        return 0.0
    right = sum(v[0] for v in result["counts"].values())
    total = sum(v[1] for v in result["counts"].values())
    return right / total


def summary(results: list[dict]) -> str:
    lines = ["", "## score per producer (records right / expected, all kinds)", "",
             "| producer | variants | min | median | mean | max | ≥ 0.95 | right / expected |", "|---|---|---|---|---|---|---|---|"]
    by_producer = defaultdict(list)
    for r in results:
        by_producer[r["producer"]].append(r)
    for producer, rs in by_producer.items():
        scores = [ratio(r) for r in rs]
        right = sum(sum(v[0] for v in r["counts"].values()) for r in rs if "counts" in r)
        total = sum(sum(v[1] for v in r["counts"].values()) for r in rs if "counts" in r)
        lines.append(f"| {producer} | {len(rs)} | {min(scores):.3f} | {statistics.median(scores):.3f} | "
                     f"{statistics.mean(scores):.3f} | {max(scores):.3f} | {sum(s >= 0.95 for s in scores)} | "
                     f"{right}/{total} ({right / max(total, 1):.3f}) |")
    lines += ["", "## failing expectation classes (kind: first differing field)", "",
              "| class | misses | variants | producers | example |", "|---|---|---|---|---|"]
    misses, variants, producers, example = Counter(), defaultdict(set), defaultdict(set), {}
    for r in results:
        for kind, why, detail in r.get("misses", ()):
            key = f"{kind}: {why}"
            misses[key] += 1
            variants[key].add(r["name"])
            producers[key].add(r["producer"])
            example.setdefault(key, f"{r['name']} {detail}"[:150])
        if "error" in r:
            key = r["error"].split(":")[0] + " error"
            misses[key] += 1
            variants[key].add(r["name"])
            producers[key].add(r["producer"])
            example.setdefault(key, f"{r['name']} {r['error']}"[:150])
    for key, n in misses.most_common():
        lines.append(f"| {key} | {n} | {len(variants[key])} | {','.join(sorted(producers[key]))} | "
                     f"{example[key].replace('|', '/')} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=6, help="variants per producer and issue")
    ap.add_argument("--start", type=int, default=0, help="first variant index")
    ap.add_argument("--producers", default="reportlab,html,docx")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "out/variants"))
    ap.add_argument("--json", help="write every result (parameters, counts, misses) here")
    ap.add_argument("--only", nargs="*", help="variant names to run (PRODUCER-ISSUE-K)")
    ap.add_argument("--reuse", action="store_true", help="score the PDFs already in --out (no re-typesetting)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = list(args.only or ())
    if not names:
        for producer in args.producers.split(","):
            tool = TOOLS[producer]
            if tool and not shutil.which(tool) and importlib.util.find_spec(tool) is None:
                print(f"{producer}: {tool} is not installed (make samples-deps), skipped", file=sys.stderr)
                continue
            names += [f"{producer}-{issue}-{k}" for issue in ISSUES for k in range(args.start, args.start + args.n)]
    results = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for r in pool.map(run_variant, names, [str(out)] * len(names), [args.reuse] * len(names)):
            results.append(r)
            status = r.get("error") or " ".join(f"{k} {v[0]}/{v[1]}" for k, v in r["counts"].items() if v[0] < v[1])
            print(f"{r['name']:32s} {ratio(r):.3f}  {r.get('pages', '?')} p.  {status or 'all right'}", flush=True)
    print(summary(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
