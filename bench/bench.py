"""Speed and memory of gazette-extract against the pdfplumber floor and pypdfium2 (``make bench``).

For each sample PDF (samples/*.pdf), in one run:

- ``pipeline``  — ``gazette-extract extract PDF --out DIR`` (the CLI command, outputs written,
  the default PDFium reader), single process, median of ``--runs`` runs;
- ``plumber``   — the same command with ``--reader pdfplumber`` (the reference reader);
- ``floor``     — pdfplumber opening the same PDF and reading every page's chars, lines and
  rects, nothing more: what any pdfplumber-based pipeline has to pay;
- ``pdfium``    — pypdfium2's plain text extraction of every page (text page, whole text):
  the limit of any reader on PDFium;

and, on a long input — the first sample repeated ``--repeat`` times (built here with pikepdf
into bench/results/cache/, git-ignored) — the same four plus the pipeline with ``--workers 2``,
to show how time and memory grow with length and what a second process buys. ``--scaling`` runs
only the long input's ``extract`` with 1 and ``--workers`` processes, alternating, ``--long-runs``
pairs: for each run the CPU of its page pass and of the serial part after it (and the workers'),
Amdahl's bound and the speed-up those CPU times give — figures that hold when other jobs share
the machine and wall times do not.

Every measurement runs in a fresh subprocess (``bench.py --child ...``) so runs do not pollute
each other. Time is measured inside the child around the work only (imports excluded, so the
pipeline and the floor are compared on equal terms) as wall time and as CPU time of the child
process; CPU time is steadier when other jobs share the machine. Peak RSS is the child's
``ru_maxrss`` from ``os.wait4`` (the largest single process of its tree); with workers, the
peak of the summed RSS of the whole process tree is sampled with psutil as well.

Results are printed as a table and written to bench/results/bench-<timestamp>.json and
bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CACHE = RESULTS / "cache"
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))

# ------------------------------------------------------------------ child side


def _child(kind: str, pdf: str, workers: int, out: str) -> None:
    """Do one measured piece of work and print its figures as JSON on stdout."""
    import resource

    if kind in ("pipeline", "plumber"):
        import typer.main

        from gazette_extract import cli

        command = typer.main.get_command(cli.app)
        reader = "pdfium" if kind == "pipeline" else "pdfplumber"
        args = ["extract", pdf, "--out", out, "--workers", str(workers), "--quiet", "--reader", reader]
        work = lambda: command.main(args=args, standalone_mode=False)  # noqa: E731
    elif kind == "floor":
        import pdfplumber

        def work() -> None:
            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    page.chars, page.lines, page.rects  # noqa: B018 — reading is the work
                    page.close()
    elif kind == "pdfium":
        import pypdfium2 as pdfium

        def work() -> None:
            doc = pdfium.PdfDocument(pdf)
            try:
                for index in range(len(doc)):
                    page = doc[index]
                    textpage = page.get_textpage()
                    textpage.get_text_range()
                    textpage.close()
                    page.close()
            finally:
                doc.close()
    else:
        raise SystemExit(f"unknown kind {kind}")
    phases = _timed_page_pass() if kind in ("pipeline", "plumber") else {}
    wall0, cpu0 = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {"wall": wall, "cpu": cpu, "maxrss_self_mb": rss_kb / 1024}
    if phases:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures.update(
            parse_wall=phases["wall"],
            parse_cpu=phases["cpu"],  # this process's CPU in the page pass (its own share of pages)
            after_parse_cpu=cpu0 + cpu - phases["end_cpu"],  # the serial part: every later stage + writing
            workers_cpu=children.ru_utime + children.ru_stime,  # the worker processes (all pages they read)
        )
    print(json.dumps(figures))


def _timed_page_pass() -> dict:
    """Time ``pipeline.parse_pages`` (the page pass, split over the processes with ``--workers``)
    inside the run: its wall time and this process's CPU in it, and the CPU clock at its end."""
    from gazette_extract import pipeline

    phases: dict = {}
    parse_pages = pipeline.parse_pages

    def timed(*args, **kwargs):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        try:
            return parse_pages(*args, **kwargs)
        finally:
            phases["end_cpu"] = time.process_time()
            phases["wall"] = time.perf_counter() - wall0
            phases["cpu"] = phases["end_cpu"] - cpu0

    pipeline.parse_pages = timed
    return phases


# ------------------------------------------------------------------ parent side


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _system_busy() -> float:
    """CPU-seconds all processes of the machine have spent so far (every CPU, idle excluded)."""
    import psutil

    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0) - getattr(t, "guest", 0.0) - getattr(t, "guest_nice", 0.0)


def measure(kind: str, pdf: Path, workers: int = 1, out: Path | None = None) -> dict:
    """Run one measurement in a fresh interpreter; return its wall / CPU seconds and peak RSS."""
    import psutil

    out = out or Path(tempfile.mkdtemp(prefix="bench-out-"))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(pdf), str(workers), str(out)]
    started = time.perf_counter()
    busy_before = _system_busy()
    stdout_f, stderr_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=stdout_f, stderr=stderr_f, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.wait(0.05):
            peak_tree = max(peak_tree, _tree_rss(ps))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    process_wall = time.perf_counter() - started
    tree_cpu = usage.ru_utime + usage.ru_stime  # the child and its waited-for workers
    other_load = max(0.0, (_system_busy() - busy_before - tree_cpu) / process_wall)
    stdout_f.seek(0)
    stderr_f.seek(0)
    stdout, stderr = stdout_f.read(), stderr_f.read()
    stdout_f.close()
    stderr_f.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr.decode(errors='replace')[-3000:]}")
    result = json.loads(stdout.decode().strip().splitlines()[-1])
    result.update(
        kind=kind,
        workers=workers,
        process_wall=process_wall,
        maxrss_mb=usage.ru_maxrss / 1024,  # largest process of the child's tree
        peak_tree_rss_mb=peak_tree / 2**20,  # sampled sum over the tree (every 50 ms)
        out=str(out),
        tree_cpu=tree_cpu,
        other_load=other_load,  # CPUs kept busy by other processes on the machine meanwhile
    )
    return result


def median_of(kind: str, pdf: Path, runs: int, workers: int = 1, keep_out: Path | None = None) -> dict:
    """Median wall and CPU time of ``runs`` fresh-process runs; the highest peak RSS seen."""
    results = []
    for i in range(runs):
        out = keep_out if (keep_out is not None and i == 0) else None
        r = measure(kind, pdf, workers, out)
        if kind in ("pipeline", "plumber") and out is None:
            shutil.rmtree(r["out"], ignore_errors=True)
        results.append(r)
        print(f"    {kind:8} {pdf.name:28} workers={workers} run {i + 1}/{runs}: "
              f"{r['wall']:7.2f} s wall, {r['cpu']:7.2f} s CPU, {r['maxrss_mb']:6.0f} MB; "
              f"other processes kept {r['other_load']:.1f} CPUs busy", flush=True)
    phases = {
        key: statistics.median(r[key] for r in results)
        for key in ("parse_wall", "parse_cpu", "after_parse_cpu", "workers_cpu")
        if key in results[0]
    }
    return phases | {
        "kind": kind,
        "workers": workers,
        "runs": runs,
        "wall": statistics.median(r["wall"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "process_wall": statistics.median(r["process_wall"] for r in results),
        "walls": [r["wall"] for r in results],
        "maxrss_mb": max(r["maxrss_mb"] for r in results),
        "peak_tree_rss_mb": max(r["peak_tree_rss_mb"] for r in results),
        "other_load": statistics.median(r["other_load"] for r in results),
    }


def cpu_speedup(single: dict, parallel: dict, workers: int) -> dict:
    """The speed-up of ``workers`` processes as the CPU times tell it, whatever else the machine ran.

    ``amdahl_bound``: one process's run with its page pass split perfectly and its serial part
    (every stage after the page pass, and writing) unchanged; ``cpu_speedup``: one process's CPU
    over the busiest process's page-pass CPU plus the serial part, both of the parallel run (its
    real split, pickling and start-up included) — what idle CPUs would give, as far as CPU goes.
    """
    serial = single["cpu"] - single["parse_cpu"]
    busiest = max(parallel["parse_cpu"], parallel["workers_cpu"] / max(1, workers - 1))
    parallel_serial = parallel["cpu"] - parallel["parse_cpu"]
    return {
        "pages_cpu": single["parse_cpu"],
        "serial_cpu": serial,
        "serial_share": serial / single["cpu"],
        "amdahl_bound": single["cpu"] / (single["parse_cpu"] / workers + serial),
        "busiest_cpu": busiest,
        "parallel_serial_cpu": parallel_serial,
        "cpu_speedup": single["cpu"] / (busiest + parallel_serial),
        "split_overhead": (parallel["parse_cpu"] + parallel["workers_cpu"]) / single["parse_cpu"] - 1,
    }


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def build_repeated(pdf: Path, times: int) -> Path:
    """One PDF made of ``pdf`` repeated ``times`` times (cached by source size and mtime)."""
    import pikepdf

    CACHE.mkdir(parents=True, exist_ok=True)
    stat = pdf.stat()
    target = CACHE / f"{pdf.stem}-x{times}-{stat.st_size}-{int(stat.st_mtime)}.pdf"
    if target.exists():
        return target
    for old in CACHE.glob(f"{pdf.stem}-x{times}-*.pdf"):
        old.unlink()
    with pikepdf.new() as long_pdf:
        sources = [pikepdf.open(pdf) for _ in range(times)]  # one copy per repetition: own objects
        try:
            for src in sources:
                long_pdf.pages.extend(src.pages)
            tmp = target.with_suffix(".tmp")
            long_pdf.save(tmp)
        finally:
            for src in sources:
                src.close()
    tmp.rename(target)
    return target


def same_outputs(a: Path, b: Path) -> bool:
    """Every output file of two extraction directories byte for byte equal."""
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)


# ------------------------------------------------------------------ report


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print(_row(header, widths))
    print(_row(["-" * w for w in widths], widths))
    for r in rows:
        print(_row(r, widths))


def sample_rows(results: list[dict]) -> list[list[str]]:
    rows = []
    for s in results:
        p, f, d = s["pipeline"], s["floor"], s["pdfium"]
        r = s.get("plumber") or {"wall": float("nan"), "maxrss_mb": float("nan")}
        rows.append([
            s["name"],
            str(s["pages"]),
            f"{p['wall']:.2f}",
            f"{s['pages'] / p['wall']:.1f}",
            f"{p['wall'] / f['wall']:.2f}",
            f"{p['cpu'] / f['cpu']:.2f}",
            f"{r['wall']:.2f}",
            f"{r['wall'] / f['wall']:.2f}",
            f"{f['wall']:.2f}",
            f"{s['pages'] / f['wall']:.1f}",
            f"{d['wall']:.2f}",
            f"{p['wall'] / d['wall']:.1f}",
            f"{p['maxrss_mb']:.0f}",
            f"{r['maxrss_mb']:.0f}",
            f"{f['maxrss_mb']:.0f}",
        ])
    return rows


SAMPLE_HEADER = ["input", "pages", "extract s", "pages/s", "÷floor", "÷floor CPU", "plumber-reader s", "÷floor",
                 "floor s", "floor pages/s", "text-only s", "÷text-only", "RSS MB", "plumber RSS MB", "floor RSS MB"]


def scaling(base: Path, repeat: int, workers: int, runs: int) -> None:
    """``--scaling``: the long input with 1 and ``workers`` processes, alternating, each run's
    figures and the load around it; results in bench/results/scaling-<timestamp>.json."""
    long_pdf = build_repeated(base, repeat)
    n = page_count(long_pdf)
    print(f"== scaling: {base.name} × {repeat} = {n} pages, 1 vs {workers} processes, {runs} run(s) each")
    report: dict = {"when": dt.datetime.now().isoformat(timespec="seconds"), "pages": n, "workers": workers, "runs": []}
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        for i in range(runs):
            pair = {}
            for w in (1, workers):
                load = os.getloadavg()[0]
                r = measure("pipeline", long_pdf, w, Path(tmp) / f"w{w}")
                r["load_before"] = load
                pair[w] = r
                print(f"  run {i + 1} workers={w}: {r['wall']:6.2f} s wall, page pass {r['parse_wall']:6.2f} s wall, "
                      f"CPU {r['cpu']:6.2f} s here (page pass {r['parse_cpu']:.2f}, serial part "
                      f"{r['cpu'] - r['parse_cpu']:.2f}) + {r['workers_cpu']:.2f} s in workers; load before "
                      f"{load:.2f}, other processes kept {r['other_load']:.1f} CPUs busy", flush=True)
            c = cpu_speedup(pair[1], pair[workers], workers)
            identical = same_outputs(Path(tmp) / "w1", Path(tmp) / f"w{workers}")
            print(f"  → wall × {pair[1]['wall'] / pair[workers]['wall']:.2f}; CPU: serial part "
                  f"{100 * c['serial_share']:.1f} %, Amdahl bound × {c['amdahl_bound']:.2f}, from the {workers}-process "
                  f"run's CPU × {c['cpu_speedup']:.2f}, splitting {100 * c['split_overhead']:+.1f} % page-pass CPU; "
                  f"identical output: {identical}", flush=True)
            report["runs"].append({"single": pair[1], "parallel": pair[workers], "wall_speedup":
                                   pair[1]["wall"] / pair[workers]["wall"], "cpu": c, "identical_output": identical})
            for w in (1, workers):
                shutil.rmtree(Path(tmp) / f"w{w}", ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"scaling-{stamp}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"results: {RESULTS / f'scaling-{stamp}.json'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement on each sample (median)")
    parser.add_argument("--long-runs", type=int, default=1, help="runs per measurement on the long input")
    parser.add_argument("--repeat", type=int, default=10, help="how many times the long input repeats the sample")
    parser.add_argument("--workers", type=int, default=2, help="workers for the parallel run on the long input")
    parser.add_argument("--no-long", action="store_true", help="skip the long input")
    parser.add_argument("--long-no-plumber", action="store_true",
                        help="skip the pdfplumber reader on the long input (the slowest measurement)")
    parser.add_argument("--scaling", action="store_true",
                        help="only the long input's extract with 1 and --workers processes, --long-runs times each, "
                             "alternating (wall and CPU times, the serial part, identical outputs)")
    parser.add_argument("samples", nargs="*", type=Path, help=f"PDFs (default: {', '.join(p.name for p in SAMPLES)})")
    args = parser.parse_args()
    samples = args.samples or SAMPLES
    if not samples:
        raise SystemExit("no sample PDFs")
    if args.scaling:
        scaling(samples[0], args.repeat, args.workers, args.long_runs)
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_avg_at_start": os.getloadavg()},
        "runs": args.runs,
        "samples": [],
    }

    print(f"== samples ({args.runs} runs each, median; times exclude interpreter start and imports)")
    for pdf in samples:
        entry = {"name": pdf.name, "pages": page_count(pdf)}
        for kind in ("pipeline", "plumber", "floor", "pdfium"):
            entry[kind] = median_of(kind, pdf, args.runs)
        report["samples"].append(entry)

    long_entry = None
    if not args.no_long:
        base = samples[0]
        long_pdf = build_repeated(base, args.repeat)
        n = page_count(long_pdf)
        print(f"== long input: {base.name} × {args.repeat} = {n} pages ({args.long_runs} run(s) each)")
        with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
            out1, out2 = Path(tmp) / "w1", Path(tmp) / f"w{args.workers}"
            long_entry = {"name": long_pdf.name, "source": base.name, "repeat": args.repeat, "pages": n}
            long_entry["pipeline"] = median_of("pipeline", long_pdf, args.long_runs, keep_out=out1)
            long_entry["parallel"] = median_of("pipeline", long_pdf, args.long_runs, args.workers, keep_out=out2)
            long_entry["floor"] = median_of("floor", long_pdf, args.long_runs)
            long_entry["pdfium"] = median_of("pdfium", long_pdf, args.long_runs)
            if not args.long_no_plumber:
                long_entry["plumber"] = median_of("plumber", long_pdf, args.long_runs)
            long_entry["parallel_identical_output"] = same_outputs(out1, out2)
        single = next(s for s in report["samples"] if s["name"] == base.name)
        long_entry["time_growth"] = long_entry["pipeline"]["wall"] / single["pipeline"]["wall"]
        long_entry["cpu_growth"] = long_entry["pipeline"]["cpu"] / single["pipeline"]["cpu"]
        long_entry["rss_growth"] = long_entry["pipeline"]["maxrss_mb"] / single["pipeline"]["maxrss_mb"]
        long_entry["parallel_speedup"] = long_entry["pipeline"]["wall"] / long_entry["parallel"]["wall"]
        long_entry["parallel_cpu"] = cpu_speedup(long_entry["pipeline"], long_entry["parallel"], args.workers)
        report["long"] = long_entry

    report["machine"]["load_avg_at_end"] = os.getloadavg()
    print()
    print("extract = `extract` incl. writing outputs, default (PDFium) reader; plumber-reader = the same with")
    print("--reader pdfplumber; floor = pdfplumber reading chars, lines, rects; text-only = pypdfium2 plain text;")
    print("÷ = extract time / reference time (wall unless CPU); RSS = peak resident memory")
    rows = sample_rows(report["samples"])
    if long_entry:
        rows += sample_rows([long_entry])
    print_table(SAMPLE_HEADER, rows)
    if long_entry:
        p, w = long_entry["pipeline"], long_entry["parallel"]
        print()
        print(f"long input ({long_entry['pages']} pages = {long_entry['source']} × {long_entry['repeat']}):")
        print(f"  time  × {long_entry['time_growth']:.2f} (wall), × {long_entry['cpu_growth']:.2f} (CPU) "
              f"for × {long_entry['repeat']} pages")
        print(f"  peak RSS {p['maxrss_mb']:.0f} MB vs {single['pipeline']['maxrss_mb']:.0f} MB for one sample: "
              f"× {long_entry['rss_growth']:.2f}")
        print(f"  workers=1 {p['wall']:.2f} s, workers={args.workers} {w['wall']:.2f} s: "
              f"speed-up × {long_entry['parallel_speedup']:.2f}; "
              f"peak RSS of the tree {w['peak_tree_rss_mb']:.0f} MB (largest process {w['maxrss_mb']:.0f} MB); "
              f"identical output: {long_entry['parallel_identical_output']}")
        c = long_entry["parallel_cpu"]
        print(f"  CPU: page pass {c['pages_cpu']:.2f} s, serial part {c['serial_cpu']:.2f} s "
              f"({100 * c['serial_share']:.1f} % of one process); Amdahl bound for {args.workers} processes "
              f"× {c['amdahl_bound']:.2f}; from the CPU of the {args.workers}-process run (busiest process in the "
              f"page pass {c['busiest_cpu']:.2f} s + serial part {c['parallel_serial_cpu']:.2f} s) × {c['cpu_speedup']:.2f}; "
              f"splitting costs {100 * c['split_overhead']:+.1f} % page-pass CPU")
        print(f"  other processes kept {p['other_load']:.1f} / {w['other_load']:.1f} of {os.cpu_count()} CPUs busy "
              f"during the workers=1 / workers={args.workers} runs (a speed-up needs them idle)")
    print(f"load average at start {report['machine']['load_avg_at_start'][0]:.2f}, "
          f"at end {report['machine']['load_avg_at_end'][0]:.2f} on {os.cpu_count()} CPUs")

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results: {RESULTS / f'bench-{stamp}.json'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        main()
