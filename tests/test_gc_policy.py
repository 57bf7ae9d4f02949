"""The collection policy of an extraction (gc_policy.py): thresholds raised inside, restored after."""

import gc

from gazette_extract.gc_policy import YOUNG_THRESHOLD, fewer_collections


def test_young_threshold_is_raised_within_and_restored_after():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
            assert gc.isenabled()  # collection stays on: cycles are still freed
            with fewer_collections():  # nested (the page pass inside a run)
                assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
            assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_a_higher_threshold_already_set_is_kept_and_restored_after_an_error():
    before = gc.get_threshold()
    try:
        gc.set_threshold(YOUNG_THRESHOLD * 2, 5, 5)
        try:
            with fewer_collections():
                assert gc.get_threshold() == (YOUNG_THRESHOLD * 2, 5, 5)
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        assert gc.get_threshold() == (YOUNG_THRESHOLD * 2, 5, 5)
    finally:
        gc.set_threshold(*before)
