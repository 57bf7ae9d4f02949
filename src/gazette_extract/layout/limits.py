"""Limits on reading one page (页面限额) and the reader-independent guards that enforce them.

A damaged or hostile PDF must neither hang the run nor exhaust memory, and one bad page must
not cost the others. Each page gets a time budget, a ceiling on the bytes its streams decode to
(Flate bombs) and on the content-stream operators it runs; a page over a limit is abandoned and
reported as an ``UnreadablePage`` (source.py). A file's page count must agree with its size.

- ``Limits``: the settings (CLI ``--page-seconds`` / ``--page-stream-mb`` / ``--page-operators``,
  ``pipeline.run(limits=...)``), made current for a run by ``applied()`` so that a reader finds
  them with ``current()`` without the seam's signatures changing;
- ``page_watch``: the time and memory limits for any reader, by a ``SIGALRM`` interval timer in
  the main thread (worker processes run their pages in their main thread too) that checks the
  clock and the process's resident memory ten times a second; a reader may also check
  ``PageBudget``'s clock itself (the pdfminer reader does, so the limit holds in other threads);
- ``PageAbandoned``: raised when a page goes over a limit; a ``BaseException`` so that a
  library's ``except Exception`` cannot swallow it;
- ``captured_damage``: third-party log records (pdfminer, pdfplumber, pypdfium2) of one page,
  kept as the damage the reader recovered from instead of reaching stderr.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

# Loggers of the PDF libraries the readers use, and of the readers themselves (damage they
# recovered from): their records are damage reports, kept as page notes, not printed.
THIRD_PARTY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "pypdfium2_raw")
DAMAGE_LOGGERS = (*THIRD_PARTY_LOGGERS, "gazette_extract.layout")

# Every page costs a file at least its page dictionary (<</Type/Page>>) and its reference in a
# Kids array (3 0 R): a page count above file size / this many bytes is damage, not a document.
MIN_BYTES_PER_PAGE = 20

# Recovered-damage messages kept per page (and characters per message): a damaged page can log
# thousands of records, and pdfminer puts raw stream bytes into some of them.
MAX_DAMAGE_MESSAGES = 5
MAX_DAMAGE_MESSAGE_CHARS = 200


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-page ceilings; a page over one is skipped as unreadable, never the whole file.

    The defaults are an order of magnitude above what a real gazette page needs (under a second,
    a few MB of decoded streams, tens of thousands of operators; a vector map or a page with a
    large embedded CJK font more) and keep a single run under 1 GB of memory.
    """

    page_seconds: float = 20.0
    page_stream_bytes: int = 100_000_000
    page_operators: int = 1_000_000
    # what reading one page may add to the process's resident memory: a page that takes more
    # (pdfminer expanding a font's /W range of 10^20 glyph widths) is abandoned and its memory
    # freed; with the CLI's ~100–250 MB a run stays under 1 GB
    page_memory_bytes: int = 600_000_000

    def __post_init__(self) -> None:
        if min(self.page_seconds, self.page_stream_bytes, self.page_operators, self.page_memory_bytes) <= 0:
            raise ValueError(f"limits must be positive: {self}")


_current: ContextVar[Limits] = ContextVar("gazette_extract_limits", default=Limits())


def current() -> Limits:
    """The limits of the run in progress (the defaults outside ``applied``)."""
    return _current.get()


@contextmanager
def applied(limits: Limits | None) -> Iterator[Limits]:
    """Make ``limits`` the current ones for the duration of the block."""
    token = _current.set(limits or Limits())
    try:
        yield _current.get()
    finally:
        _current.reset(token)


class PageAbandoned(BaseException):  # noqa: N818 — an abort signal like KeyboardInterrupt, not an error
    """A page went over a limit; ``reason`` says which, in words for a page note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def time_reason(seconds: float) -> str:
    return f"took longer than {seconds:g} s to read (limit --page-seconds)"


@dataclass(slots=True)
class PageBudget:
    """What one page has spent so far: decoded stream bytes, operators, and its deadline."""

    limits: Limits
    decoded: int = 0
    operators: int = 0
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.limits.page_seconds

    def spend_decoded(self, n: int) -> None:
        self.decoded += n
        if self.decoded > self.limits.page_stream_bytes:
            raise PageAbandoned(
                f"its streams decode to more than {self.limits.page_stream_bytes / 1e6:g} MB (limit --page-stream-mb)"
            )

    def spend_operators(self, n: int) -> None:
        self.operators += n
        if self.operators > self.limits.page_operators:
            raise PageAbandoned(f"more than {self.limits.page_operators:,} content-stream operators (limit --page-operators)")

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise PageAbandoned(time_reason(self.limits.page_seconds))


# How often the watch looks at the clock and the memory (seconds).
WATCH_INTERVAL = 0.1
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _statm(field: int) -> int:
    """One field of Linux ``/proc/self/statm`` in bytes (1: resident, 5: data); 0 where unavailable."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[field]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def resident_bytes() -> int:
    """The process's resident memory now."""
    return _statm(1)


@contextmanager
def memory_ceiling(limits: Limits) -> Iterator[None]:
    """Make allocations past ``limits.page_memory_bytes`` more than the process holds now fail
    (``MemoryError``) inside the block, by lowering the soft ``RLIMIT_DATA`` to the data size now
    plus that; restored after. For pure-Python readers, whose one dictionary resize
    can take hundreds of MB at once, between two looks of ``page_watch``. Linux only; a no-op
    elsewhere or in a thread that is not the main one (the limit is the whole process's).
    """
    data = _statm(5)
    if resource is None or not data or threading.current_thread() is not threading.main_thread():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    ceiling = data + limits.page_memory_bytes
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY:
        ceiling = min(ceiling, soft)
    resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def memory_reason(limit: int) -> str:
    return f"needed more than {limit / 1e6:g} MB of memory to read (limit --page-memory-mb)"


@contextmanager
def page_watch(limits: Limits) -> Iterator[None]:
    """Raise ``PageAbandoned`` in the block once it has run ``limits.page_seconds`` (wall clock)
    or has added more than ``limits.page_memory_bytes`` to the process's resident memory.

    By a ``SIGALRM`` interval timer, so pure-Python work anywhere is interrupted between two
    bytecodes; outside the main thread, or where there is no ``SIGALRM``, the block runs without
    it (the reader's own clock checks still apply). The previous handler and timer are restored.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return
    deadline = time.monotonic() + limits.page_seconds
    memory_ceiling_now = resident_bytes() + limits.page_memory_bytes

    def on_alarm(signum, frame) -> None:
        if time.monotonic() >= deadline:
            raise PageAbandoned(time_reason(limits.page_seconds))
        if resident_bytes() > memory_ceiling_now:
            raise PageAbandoned(memory_reason(limits.page_memory_bytes))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.siginterrupt(signal.SIGALRM, False)  # system calls in C libraries restart, not fail (EINTR)
    interval = min(WATCH_INTERVAL, limits.page_seconds)
    signal.setitimer(signal.ITIMER_REAL, interval, interval)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _DamageLog(logging.Handler):
    """Collects the WARNING-and-above records of the PDF libraries: damage they recovered from."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.messages) >= MAX_DAMAGE_MESSAGES:
            return
        try:
            text = record.getMessage()
        except (TypeError, ValueError):  # a library's malformed format string
            text = str(record.msg)
        text = " ".join(text[:MAX_DAMAGE_MESSAGE_CHARS].split())
        if text not in self.messages:
            self.messages.append(text)

    def summary(self) -> tuple[str, ...]:
        """The distinct messages, the last one saying how many more records there were."""
        extra = self.count - len(self.messages)
        if extra > 0 and self.messages:
            return (*self.messages[:-1], f"{self.messages[-1]} (and {extra} more)")
        return tuple(self.messages)


@contextmanager
def captured_damage() -> Iterator[_DamageLog]:
    """Hold the PDF libraries' log records of the block (``.summary()``) instead of printing them.

    The records still propagate to the application's own handlers (``--verbose`` shows them);
    with no handler configured, they no longer fall through to Python's last-resort stderr output.
    """
    log = _DamageLog()
    loggers = [logging.getLogger(name) for name in DAMAGE_LOGGERS]
    for logger in loggers:
        logger.addHandler(log)
    try:
        yield log
    finally:
        for logger in loggers:
            logger.removeHandler(log)
