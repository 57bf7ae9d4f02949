"""Shared fixtures: the sample gazettes run through the pipeline once per session and reader, and the corpus.

``reader`` is every PDF reader in turn (``pdfium``, the default, and ``pdfplumber``, the
reference): a test using it — directly or through ``extraction_a`` / ``extraction_b`` /
``sample_extraction(name)`` / ``any_extraction`` / ``corpus_extraction(name)`` — runs once per
reader, so every end-to-end and corpus expectation holds for both. The pipeline runs at most once
per (PDF, reader) per session and the Extraction is cached; samples skip when absent.
``corpus`` is ../shared/corpus, skipped when absent.
SAMPLE_NAMES (``any_extraction``) are the reportlab samples of both issues, which the extractor
reads completely; the end-to-end tests run on every sample of tests/expect.py SAMPLE_SET (html and
docx too), and the known gaps of tests/producer_xfails.py are marked xfail here.
``batch_runs`` runs the batch command twice over a folder of good and bad PDFs (tests/dataset_helpers.py);
``local_ray`` starts a local 2-CPU Ray once per session.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE_NAMES = ("gazette-a", "gazette-b", "sangyuan-a")
READER_NAMES = ("pdfium", "pdfplumber")


def sample_pdf(name: str) -> Path:
    """Path of samples/<name>.pdf; skips the test when it does not exist."""
    path = SAMPLES / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"sample {path.name} is not there yet")
    return path


class _ExtractionCache:
    """Runs the pipeline at most once per (PDF, reader) per session (errors are cached too)."""

    def __init__(self) -> None:
        self._results: dict[tuple[Path, str], object] = {}

    def get(self, name: str, reader: str = READER_NAMES[0]):
        """The Extraction of samples/<name>.pdf read by ``reader``."""
        return self.of_path(sample_pdf(name), reader)

    def of_path(self, path: Path, reader: str = READER_NAMES[0]):
        key = (path, reader)
        if key not in self._results:
            from gazette_extract import pipeline

            try:
                self._results[key] = pipeline.run(path, reader=reader)
            except Exception as exc:  # cached so every test reports the same failure once per run
                self._results[key] = exc
        result = self._results[key]
        if isinstance(result, Exception):
            raise result
        return result


_CACHE = _ExtractionCache()


@pytest.fixture(scope="session")
def extractions() -> _ExtractionCache:
    return _CACHE


@pytest.fixture(scope="session", params=READER_NAMES)
def reader(request) -> str:
    """Each PDF reader in turn: the tests that use it run once per reader."""
    return request.param


@pytest.fixture(scope="session")
def sample_extraction(extractions, reader):
    """sample_extraction("gazette-a") → the cached Extraction of samples/gazette-a.pdf (this reader)."""
    return lambda name: extractions.get(name, reader)


@pytest.fixture(scope="session")
def extraction_a(extractions, reader):
    return extractions.get("gazette-a", reader)


@pytest.fixture(scope="session")
def extraction_b(extractions, reader):
    return extractions.get("gazette-b", reader)


@pytest.fixture(params=SAMPLE_NAMES)
def any_extraction(request, extractions, reader):
    """Each sample's Extraction in turn (with each reader)."""
    return extractions.get(request.param, reader)


@pytest.fixture(scope="session")
def corpus_extraction(corpus, extractions, reader):
    """corpus_extraction("x.pdf") → the cached Extraction of ../shared/corpus/x.pdf (this reader)."""
    return lambda name: extractions.of_path(corpus / name, reader)


def pytest_collection_modifyitems(config, items):
    """Mark the end-to-end expectations not met yet on the html/docx samples (producer_xfails),
    with either reader (the reader's name is taken out of the test id the gaps list)."""
    from producer_xfails import known_gap

    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or "sample" not in callspec.params:
            continue
        test_id = callspec.id
        reader = callspec.params.get("reader")
        if reader:
            parts = test_id.split("-")
            parts.remove(reader)
            test_id = "-".join(parts)
        reason = known_gap(item.originalname, callspec.params["sample"], test_id)
        if reason:
            item.add_marker(pytest.mark.xfail(strict=False, reason=reason))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The folder of real PDFs (../shared/corpus); the test skips when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus folder {CORPUS} is absent")
    return CORPUS


@dataclass(frozen=True)
class BatchRuns:
    """The batch command run twice (the second run resumes) over the "done when" input folder."""

    inputs: Path
    good: list[Path]
    dataset: Path
    first: object
    tables_after_first: dict
    manifest_after_first: list[dict]
    rerun: object


@pytest.fixture(scope="session")
def batch_runs(tmp_path_factory) -> BatchRuns:
    """``gazette-extract batch INPUTS --out DATASET --workers 2`` then the same again; the
    dataset's tables and manifest are read in between."""
    import pyarrow.parquet as pq

    from dataset_helpers import dataset_tables, make_input_folder, run_batch_cli

    for name in SAMPLE_NAMES:
        sample_pdf(name)
    root = tmp_path_factory.mktemp("batch")
    inputs, dataset = root / "inputs", root / "dataset"
    good = make_input_folder(inputs)
    first = run_batch_cli(inputs, "--out", dataset, "--workers", "2")
    tables = dataset_tables(dataset)
    manifest = pq.read_table(dataset / "manifest.parquet").to_pylist()
    rerun = run_batch_cli(inputs, "--out", dataset, "--workers", "2")
    return BatchRuns(inputs, good, dataset, first, tables, manifest, rerun)


@pytest.fixture(scope="session")
def local_ray():
    """A local Ray of 2 CPUs, started once per test session."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
