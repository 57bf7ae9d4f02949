"""End-to-end expectations the extractor does not meet yet on the html / docx samples (issue 9).

The expectations stay as written from the source texts. The tests that fail on the html / docx
samples are listed here, each under the printed pattern (class) that makes it fail, and conftest
marks them xfail(strict=False): a class the extractor learns shows up as XPASS, and its entries
should then be deleted. The reportlab samples of both issues have no entry: every expectation
passes on them. bench/score.py gives the per-producer figures behind these classes.

Each class maps (test function, sample) to the ids (test id without the sample) that fail.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownGap:
    reason: str
    cases: dict[tuple[str, str], tuple[str, ...]]


# Every class found so far has been learnt (the last two, a cut row whose rest goes on with an
# enumeration and a group cell whose text is cut by the page break: tables/cut_rows.py). A new
# class goes here as ``NAME = KnownGap(reason, {(test, sample): (ids, ...)})`` listed in KNOWN_GAPS.
KNOWN_GAPS: tuple[KnownGap, ...] = ()


def known_gap(test_name: str, sample: str, test_id: str) -> str | None:
    """The reasons of the known gaps listing this test, joined; None when it is expected to pass."""
    short = test_id.replace(sample + "-", "", 1)
    reasons = [g.reason for g in KNOWN_GAPS if short in g.cases.get((test_name, sample), ())]
    return " | ".join(reasons) or None
