"""Checks (校验): document fields and dates."""

from __future__ import annotations

import datetime as dt

from ..models import Check, Extraction
from .common import (
    SIGN_DATE_MAX_YEARS_BEFORE,
    check,
    doc_label,
)

# ---------------------------------------------------------------- documents


def check_documents(extraction: Extraction) -> list[Check]:
    """Each document has title, 文号, 落款 and date; the date is plausible for the issue."""
    gid = extraction.gazette.gazette_id
    g = extraction.gazette
    checks = []
    for d in extraction.documents:
        subject = doc_label(d)
        missing = [
            name
            for name, value in (("title", d.title), ("文号", d.doc_number), ("issuer", d.issuer), ("sign_date", d.sign_date))
            if not value
        ]
        where = f"{subject} (PDF p.{d.page_start}-{d.page_end})"
        msg = f"{where}: " + ("title, 文号, issuer and sign date found" if not missing else "missing " + ", ".join(missing))
        checks.append(
            check(gid, "document_fields", subject, "title, 文号, issuer, sign_date",
                   "all present" if not missing else "missing: " + ", ".join(missing), not missing, msg)
        )
        if d.sign_date is None:
            continue
        if g.publish_date is not None:
            latest = g.publish_date
            earliest = _years_before(latest, SIGN_DATE_MAX_YEARS_BEFORE)
            basis = f"出版日期 {latest.isoformat()}"
        elif g.year is not None:
            latest, earliest = dt.date(g.year, 12, 31), dt.date(g.year - SIGN_DATE_MAX_YEARS_BEFORE, 1, 1)
            basis = f"issue year {g.year} (no 出版日期 found)"
        else:
            checks.append(
                check(gid, "sign_date_window", subject, "a date within the issue's window", d.sign_date.isoformat(), True,
                       f"{where}: no 出版日期 or issue year to compare the sign date with", skipped=True)
            )
            continue
        ok = earliest <= d.sign_date <= latest
        if ok:
            msg = f"{where}: signed {d.sign_date.isoformat()}, within the window of the {basis}"
        elif d.sign_date > latest:
            msg = f"{where}: signed {d.sign_date.isoformat()}, after the {basis}"
        else:
            msg = f"{where}: signed {d.sign_date.isoformat()}, more than {SIGN_DATE_MAX_YEARS_BEFORE} years before the {basis}"
        checks.append(
            check(gid, "sign_date_window", subject, f"{earliest.isoformat()}..{latest.isoformat()}", d.sign_date.isoformat(), ok, msg)
        )
    return checks


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
