"""Damaged and hostile PDFs, made on the fly, and the contract the command line keeps on them.

A case is a recipe ``(seed, kind, source)``: one mutation kind applied with a seeded random
generator to a source PDF — the first 14 pages of a sample gazette, or of a corpus file when
../shared/corpus is present (never copied: the recipe is stored, not the PDF). The kinds are
those of issue 11: truncation, flipped bytes, smeared 1–4 KB windows, a broken xref, damaged
content streams, numbers replaced by huge, negative or non-numbers, deeply nested arrays, a
Flate stream inflating to 400 MB, a page tree containing itself, a page count of 10^9.

``run_case`` runs the real command line on the mutated PDF in a child process and checks the
contract: exit 0/1 with every output file and nothing on stderr, or exit 2 with exactly one
``error:`` line on stderr and nothing written; never a traceback; under 60 s and 1 GB (the
child's peak RSS, from ``os.wait4``). Extra CLI arguments come from ``GAZETTE_FUZZ_ARGS``
(``--reader pdfplumber``), so the harness runs whichever reader is the default, or another.

Run as a script for many cases (``make fuzz``): ``python tests/fuzzing.py --cases 1000 --jobs 2``
prints the figures (cases, outcomes, slowest, max RSS) and adds every failing recipe to
tests/fuzz_regressions.json, which tests/test_fuzz.py replays on every ``make test``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
REGRESSIONS = Path(__file__).with_name("fuzz_regressions.json")

KINDS = (
    "truncate",
    "flip",
    "smear",
    "broken_xref",
    "content_stream",
    "huge_numbers",
    "nested_arrays",
    "flate_bomb",
    "self_tree",
    "page_count",
)
SOURCE_PAGES = 14  # sources are cut to their first 14 pages: a small gazette, a quick run
SECONDS = 60.0
MAX_RSS_BYTES = 1 << 30
BOMB_BYTES = 400 * 1000 * 1000


@dataclass(frozen=True)
class Case:
    """A mutation recipe: reproducible from these three values alone."""

    seed: int
    kind: str
    source: str  # sample:gazette-a or corpus:<file name>

    def __str__(self) -> str:
        return f"{self.kind}-{self.seed}-{self.source.replace(':', '-')}"


@dataclass(frozen=True)
class Outcome:
    case: Case
    exit_code: int | None
    seconds: float
    rss_bytes: int
    problems: tuple[str, ...]
    stderr: str

    @property
    def ok(self) -> bool:
        return not self.problems


# ---------------------------------------------------------------- sources


def source_names() -> list[str]:
    """The sample gazettes, then the corpus PDFs when the corpus folder is there."""
    names = [f"sample:{p.stem}" for p in sorted(SAMPLES.glob("gazette-*.pdf"))]
    if CORPUS.is_dir():
        names += [f"corpus:{p.name}" for p in sorted(CORPUS.glob("*.pdf"))]
    return names


def _source_path(source: str) -> Path:
    kind, _, name = source.partition(":")
    return SAMPLES / f"{name}.pdf" if kind == "sample" else CORPUS / name


@functools.cache
def source_pdf(source: str, cache_dir: str) -> Path:
    """The source cut to its first pages, without object streams (so mutations can reach the
    page dictionaries), written once per run into ``cache_dir``."""
    import pikepdf

    dst = Path(cache_dir) / f"{source.replace(':', '-')}.pdf"
    if not dst.exists():
        with pikepdf.open(_source_path(source)) as pdf:
            while len(pdf.pages) > SOURCE_PAGES:
                del pdf.pages[-1]
            _save(pdf, dst)
    return dst


def _save(pdf, dst: Path) -> None:
    import pikepdf

    pdf.save(
        dst,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,  # streams copied as they are (bombs too)
    )


# ---------------------------------------------------------------- mutations


_NUMBER = re.compile(rb"(?<![\w.#/-])-?\d+(?:\.\d+)?(?![\w.])")
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)


def _outside_streams(data: bytes) -> list[re.Match]:
    """Number tokens of the file outside stream data (in dictionaries, arrays, the xref)."""
    spans = [m.span() for m in _STREAM.finditer(data)]
    numbers, k = [], 0
    for m in _NUMBER.finditer(data):
        while k < len(spans) and spans[k][1] <= m.start():
            k += 1
        if k < len(spans) and spans[k][0] <= m.start() < spans[k][1]:
            continue
        numbers.append(m)
    return numbers


def truncate(data: bytes, rng: random.Random, path: Path) -> bytes:
    return data[: rng.randint(len(data) // 20, len(data) - 1)]


def flip(data: bytes, rng: random.Random, path: Path) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def smear(data: bytes, rng: random.Random, path: Path) -> bytes:
    size = rng.randint(1024, 4096)
    start = rng.randrange(0, max(1, len(data) - size))
    filler = rng.choice(
        [
            lambda: rng.randbytes(size),
            lambda: bytes([rng.randrange(256)]) * size,
            lambda: data[(s := rng.randrange(0, max(1, len(data) - size))) : s + size],
        ]
    )()
    return data[:start] + filler + data[start + size :]


def broken_xref(data: bytes, rng: random.Random, path: Path) -> bytes:
    startxref = data.rfind(b"startxref")
    xref = data.rfind(b"\nxref")
    variant = rng.randrange(4)
    if variant == 0 and startxref > 0:  # startxref points anywhere
        tail = data[startxref:]
        number = re.search(rb"\d+", tail)
        if number:
            wrong = str(rng.choice([0, 1, rng.randrange(len(data)), len(data) * 7, 10**12])).encode()
            return data[: startxref + number.start()] + wrong + tail[number.end() :]
    if variant == 1 and xref > 0:  # entries of the table garbled
        end = data.find(b"trailer", xref)
        if end > xref:
            table = bytearray(data[xref:end])
            for _ in range(rng.randint(1, 40)):
                table[rng.randrange(len(table))] = rng.choice(b"0123456789 fnx\n")
            return data[:xref] + bytes(table) + data[end:]
    if variant == 2 and xref > 0:  # the table cut out
        end = data.find(b"trailer", xref)
        return data[:xref] + data[end if end > 0 else xref + 1 :]
    # every offset shifted: bytes inserted after the header
    cut = data.find(b"\n") + 1
    return data[:cut] + b"%" + rng.randbytes(rng.randint(1, 5000)).replace(b"\n", b" ") + b"\n" + data[cut:]


def content_stream(data: bytes, rng: random.Random, path: Path) -> bytes:
    import pikepdf

    with pikepdf.open(path) as pdf:
        page = pdf.pages[rng.randrange(len(pdf.pages))]
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        stream = rng.choice([s for s in streams if isinstance(s, pikepdf.Stream)] or [None])
        if stream is None:
            return flip(data, rng, path)
        raw = bytes(stream.read_raw_bytes())
        variant = rng.randrange(4)
        if variant == 0:  # compressed bytes flipped: inflation fails part-way
            damaged = bytearray(raw)
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] ^= 0xFF
            stream.write(bytes(damaged), filter=stream.get("/Filter"), decode_parms=stream.get("/DecodeParms"))
        elif variant == 1:  # compressed data cut short
            stream.write(raw[: rng.randint(0, len(raw))], filter=stream.get("/Filter"), decode_parms=stream.get("/DecodeParms"))
        elif variant == 2:  # decoded operators garbled with junk tokens and unbalanced brackets
            text = bytearray(stream.read_bytes())
            for _ in range(rng.randint(1, 30)):
                junk = rng.choice([b"(", b")", b"<", b">>", b"[", b"]", b"BI", b"ID", b"Tf", b"q", b"Q", b"cm", b"/X Do",
                                   b"99999999999 Tz", rng.randbytes(16)])
                at = rng.randrange(len(text) + 1)
                text[at:at] = b" " + junk + b" "
            stream.write(bytes(text))
        else:  # random bytes in place of the content
            stream.write(rng.randbytes(rng.randint(10, 20000)))
        return _saved(pdf)


def _saved(pdf) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.pdf"
        _save(pdf, out)
        return out.read_bytes()


def huge_numbers(data: bytes, rng: random.Random, path: Path) -> bytes:
    numbers = _outside_streams(data)
    if not numbers:
        return flip(data, rng, path)
    same_length = rng.random() < 0.5  # keeps the xref offsets right, so the parser meets the value
    out = bytearray(data)
    for m in sorted(rng.sample(numbers, min(len(numbers), rng.randint(1, 12))), key=lambda m: -m.start()):
        width = m.end() - m.start()
        if same_length:
            value = rng.choice([b"9" * width, (b"-" + b"9" * (width - 1)) if width > 1 else b"0", b"/" + b"X" * (width - 1)])
        else:
            value = rng.choice([b"99999999999999999999999999", b"-2147483649", b"-1", b"4294967296", b"1e308",
                                b"-0.000000000001", b"340282366920938463463374607431768211457", b"/NaN", b"(x)"])
        out[m.start() : m.end()] = value
    # the non-number MediaBox of issue 11 (pdfplumber's MalformedPDFException)
    if rng.random() < 0.3:
        boxes = [m.end() for m in re.finditer(rb"/MediaBox\s*\[", bytes(out))]
        if boxes:
            at = rng.choice(boxes)
            out[at:at] = b" /Bad "
    return bytes(out)


def nested_arrays(data: bytes, rng: random.Random, path: Path) -> bytes:
    depth = rng.choice([1000, 50_000, 1_000_000])
    nest = b"[" * depth + b"]" * depth
    if rng.random() < 0.5:  # in a page's content stream, as an operand
        import pikepdf

        with pikepdf.open(path) as pdf:
            page = pdf.pages[rng.randrange(len(pdf.pages))]
            page.contents_add(pikepdf.Stream(pdf, nest + b" TJ\n"), prepend=True)
            return _saved(pdf)
    # in a page dictionary (or inside its MediaBox)
    places = [m.end() for m in re.finditer(rb"/Type\s*/Page\b", data)] + [
        m.end() for m in re.finditer(rb"/MediaBox\s*\[", data)
    ]
    if not places:
        return data + nest
    at = rng.choice(places)
    return data[:at] + b" /Nest " + nest + b" " + data[at:]


@functools.cache
def _bomb() -> bytes:
    """Flate data inflating to 400 MB of spaces (about 400 KB), made in 1 MB steps."""
    deflate = zlib.compressobj(9)
    block = b" " * (1 << 20)
    parts = [deflate.compress(block) for _ in range(BOMB_BYTES // len(block))]
    return b"".join(parts) + deflate.flush()


def flate_bomb(data: bytes, rng: random.Random, path: Path) -> bytes:
    import pikepdf

    with pikepdf.open(path) as pdf:
        page = pdf.pages[rng.randrange(len(pdf.pages))]
        bomb = pikepdf.Stream(pdf, b"")
        bomb.write(_bomb(), filter=pikepdf.Name.FlateDecode)
        if rng.random() < 0.5:  # the page's own content
            page.contents_add(bomb, prepend=rng.random() < 0.5)
        else:  # a form XObject the page draws
            bomb.Type, bomb.Subtype, bomb.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 100, 100]
            resources = page.obj.get("/Resources")
            if resources is None:
                page.obj.Resources = resources = pikepdf.Dictionary()
            if "/XObject" not in resources:
                resources.XObject = pikepdf.Dictionary()
            resources.XObject.Bomb = bomb
            page.contents_add(pikepdf.Stream(pdf, b"q /Bomb Do Q\n"))
        return _saved(pdf)


def self_tree(data: bytes, rng: random.Random, path: Path) -> bytes:
    """The page tree's root (or an intermediate node) listed among its own kids."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        root = pdf.Root.Pages
        nodes = [root] + [kid for kid in root.Kids if kid.get("/Type") == pikepdf.Name.Pages]
        node = rng.choice(nodes)
        target = rng.choice([root, node])
        kids = node.Kids
        at = rng.randrange(len(kids) + 1)
        kids.insert(at, target) if rng.random() < 0.5 else kids.__setitem__(min(at, len(kids) - 1), target)
        return _saved(pdf)


def page_count(data: bytes, rng: random.Random, path: Path) -> bytes:
    """A page tree claiming 10^9 pages: /Count, or a Kids array of one page repeated."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        root = pdf.Root.Pages
        if rng.random() < 0.5:
            root.Count = 10**9
        else:
            first = root.Kids[0]
            root.Kids = pikepdf.Array([first] * rng.choice([1000, 150_000]))
            root.Count = 10**9
        return _saved(pdf)


MUTATIONS = {name: globals()[name] for name in KINDS}


def mutate(case: Case, cache_dir: str) -> bytes:
    """The mutated PDF of one recipe (the same bytes every time for the same pikepdf)."""
    path = source_pdf(case.source, cache_dir)
    rng = random.Random(f"{case.seed}/{case.kind}/{case.source}")
    return MUTATIONS[case.kind](path.read_bytes(), rng, path)


def cases(n: int, first_seed: int = 0) -> list[Case]:
    """``n`` recipes: the kinds in turn, each round on the next source."""
    sources = source_names()
    if not sources:
        return []
    return [
        Case(first_seed + i, KINDS[i % len(KINDS)], sources[(i // len(KINDS)) % len(sources)]) for i in range(n)
    ]


# ---------------------------------------------------------------- the contract


def expected_files() -> set[str]:
    """Every file a finished extraction holds (the Parquet tables, gazette.json, validation.json)."""
    from gazette_extract.models import Extraction
    from gazette_extract.write import parquet_files

    return {f"{name}.parquet" for name in parquet_files(Extraction.model_construct())} | {"gazette.json", "validation.json"}


def _peak_rss(pid: int) -> int:
    """The child's own high-water RSS so far (``VmHWM``), 0 when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _wait(proc: subprocess.Popen, seconds: float) -> tuple[int | None, int]:
    """Wait for the child (killed past ``seconds``); its exit code (None when killed) and peak RSS.

    The peak is the larger of its ``VmHWM`` polled every 50 ms and ``ru_maxrss`` from ``wait4``.
    Linux carries the forking parent's peak across ``exec`` into ``ru_maxrss``, so that figure
    counts only when it is above this (parent) process's own peak: then it is the child's.
    """
    parent_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    deadline = time.monotonic() + seconds
    peak, killed = 0, False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _peak_rss(proc.pid))
        if not killed and time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    child_maxrss = usage.ru_maxrss * 1024
    return (None if killed else proc.returncode), max(peak, child_maxrss if child_maxrss > parent_peak else 0)


def run_case(case: Case, work: Path, cache_dir: str, seconds: float = SECONDS) -> Outcome:
    """Mutate, run ``gazette-extract extract`` on the result in a child process, check the contract."""
    work.mkdir(parents=True, exist_ok=True)
    pdf, out = work / f"{case}.pdf", work / f"{case}.out"
    pdf.write_bytes(mutate(case, cache_dir))
    args = shlex.split(os.environ.get("GAZETTE_FUZZ_ARGS", ""))
    command = [sys.executable, "-m", "gazette_extract.cli", "extract", str(pdf), "--out", str(out), *args]
    with open(work / f"{case}.stdout", "wb") as stdout, open(work / f"{case}.stderr", "wb") as stderr:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=stdout, stderr=stderr, start_new_session=True)
        code, rss = _wait(proc, seconds)
        elapsed = time.perf_counter() - started
    err = (work / f"{case}.stderr").read_text(encoding="utf-8", errors="replace")
    stdout_text = (work / f"{case}.stdout").read_text(encoding="utf-8", errors="replace")
    problems = []
    if code is None:
        problems.append(f"killed after {seconds:g} s")
    if "Traceback" in err or "Traceback" in stdout_text:
        problems.append("a traceback")
    if rss >= MAX_RSS_BYTES:
        problems.append(f"peak RSS {rss / 2**20:.0f} MB")
    leftovers = [p.name for p in work.iterdir() if p.name.startswith(f".{out.name}.")]
    if leftovers:
        problems.append(f"leftovers beside OUT/: {leftovers}")
    if code in (0, 1):
        if err.strip():
            problems.append(f"exit {code} with stderr: {err.strip()[:300]!r}")
        missing = expected_files() - {p.name for p in out.iterdir()} if out.is_dir() else {"OUT/"}
        if missing:
            problems.append(f"exit {code} without {sorted(missing)}")
    elif code == 2:
        lines = err.strip().splitlines()
        if len(lines) != 1 or not lines[0].startswith("error: "):
            problems.append(f"exit 2 with {len(lines)} stderr line(s): {err.strip()[:300]!r}")
        if out.exists():
            problems.append("exit 2 but OUT/ written")
    elif code is not None:
        problems.append(f"exit {code}: {err.strip()[:300]!r}")
    return Outcome(case, code, elapsed, rss, tuple(problems), err.strip()[:500])


def regressions() -> list[Case]:
    """Every recipe that ever failed (tests/fuzz_regressions.json)."""
    if not REGRESSIONS.is_file():
        return []
    return [Case(r["seed"], r["kind"], r["source"]) for r in json.loads(REGRESSIONS.read_text(encoding="utf-8"))]


def record_failures(outcomes: list[Outcome]) -> int:
    """Add the failing recipes to tests/fuzz_regressions.json; the number newly added."""
    known = regressions()
    entries = json.loads(REGRESSIONS.read_text(encoding="utf-8")) if REGRESSIONS.is_file() else []
    added = 0
    for o in outcomes:
        if not o.ok and o.case not in known:
            entries.append({**asdict(o.case), "failed_with": "; ".join(o.problems)[:300]})
            known.append(o.case)
            added += 1
    if added:
        REGRESSIONS.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return added


def _figures(outcomes: list[Outcome]) -> str:
    by_exit: dict[str, int] = {}
    for o in outcomes:
        key = "killed" if o.exit_code is None else f"exit {o.exit_code}"
        by_exit[key] = by_exit.get(key, 0) + 1
    slowest = max(outcomes, key=lambda o: o.seconds)
    biggest = max(outcomes, key=lambda o: o.rss_bytes)
    failed = [o for o in outcomes if not o.ok]
    lines = [
        f"cases: {len(outcomes)}; failed the contract: {len(failed)}",
        "outcomes: " + ", ".join(f"{k}: {v}" for k, v in sorted(by_exit.items())),
        f"slowest: {slowest.seconds:.1f} s ({slowest.case}); median {sorted(o.seconds for o in outcomes)[len(outcomes) // 2]:.1f} s",
        f"max RSS: {biggest.rss_bytes / 2**20:.0f} MB ({biggest.case})",
    ]
    lines += [f"FAILED {o.case}: {'; '.join(o.problems)}" for o in failed]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, help="keep the mutated PDFs and outputs in this folder")
    opts = parser.parse_args()
    todo = cases(opts.cases, opts.first_seed)
    if not todo:
        print("no source PDFs (samples/gazette-*.pdf)", file=sys.stderr)
        return 2
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="gazette-fuzz-") as scratch:
        tmp = str(opts.work or scratch)
        cache = str(Path(tmp) / "sources")
        Path(cache).mkdir(parents=True, exist_ok=True)
        for source in {c.source for c in todo}:
            source_pdf(source, cache)

        def one(case: Case) -> Outcome:
            work = Path(tmp) / str(case)
            outcome = run_case(case, work, cache)
            if not opts.work:
                shutil.rmtree(work, ignore_errors=True)
            mark = "ok  " if outcome.ok else "FAIL"
            code = "killed" if outcome.exit_code is None else outcome.exit_code
            print(f"{mark} {case}: exit {code}, {outcome.seconds:.1f} s, {outcome.rss_bytes / 2**20:.0f} MB"
                  + (f" — {'; '.join(outcome.problems)}" if outcome.problems else ""), flush=True)
            return outcome

        with ThreadPoolExecutor(max_workers=opts.jobs) as pool:
            outcomes = list(pool.map(one, todo))
    print(_figures(outcomes))
    added = record_failures(outcomes)
    if added:
        print(f"{added} new failing recipe(s) added to {REGRESSIONS.relative_to(ROOT)}")
    return 1 if any(not o.ok for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
