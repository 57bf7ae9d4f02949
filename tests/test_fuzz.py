"""The fuzz contract (issue 11) on seeded damaged and hostile PDFs, through the real command line.

About 30 recipes run on every ``make test`` (``GAZETTE_FUZZ_CASES`` sets how many), plus every
recipe that ever failed (tests/fuzz_regressions.json); ``make fuzz`` runs 1,000 (tests/fuzzing.py).
Each case: exit 0/1 with every output file and a silent stderr, or exit 2 with exactly one
``error:`` line and nothing written; never a traceback; under 60 s and 1 GB.
"""

from __future__ import annotations

import os

import pytest

import fuzzing

N_CASES = int(os.environ.get("GAZETTE_FUZZ_CASES", "30"))


@pytest.fixture(scope="module")
def source_cache(tmp_path_factory) -> str:
    pytest.importorskip("pikepdf")
    return str(tmp_path_factory.mktemp("fuzz-sources"))


def _check(case: fuzzing.Case, tmp_path, source_cache: str) -> None:
    if case.source.startswith("corpus:") and not fuzzing.CORPUS.is_dir():
        pytest.skip(f"corpus folder {fuzzing.CORPUS} is absent")
    if case.source.startswith("sample:") and case.source not in fuzzing.source_names():
        pytest.skip(f"{case.source} is not there")
    outcome = fuzzing.run_case(case, tmp_path, source_cache)
    assert outcome.ok, f"{case}: {'; '.join(outcome.problems)}\nstderr: {outcome.stderr}"


@pytest.mark.parametrize("case", fuzzing.cases(N_CASES), ids=str)
def test_fuzz_case(case, tmp_path, source_cache):
    _check(case, tmp_path, source_cache)


@pytest.mark.parametrize("case", fuzzing.regressions(), ids=str)
def test_fuzz_regression(case, tmp_path, source_cache):
    _check(case, tmp_path, source_cache)


def test_recipes_are_reproducible(source_cache):
    """The same recipe makes the same bytes: a stored recipe is as good as the PDF."""
    for kind in fuzzing.KINDS:
        case = fuzzing.Case(7, kind, fuzzing.source_names()[0])
        assert fuzzing.mutate(case, source_cache) == fuzzing.mutate(case, source_cache)
