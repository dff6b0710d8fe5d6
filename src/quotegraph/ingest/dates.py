"""Publication dates as people and feeds write them, to ``YYYY-MM-DD``.

Accepted, in this order:

* ISO 8601 (``2021-08-16``, ``2021-08-16T10:00:00Z``): the date as written;
* RFC 2822, the RSS ``pubDate`` form (``Mon, 16 Aug 2021 10:00:00 GMT``),
  read by the standard library's ``email.utils``;
* anything else python-dateutil reads as a complete calendar date
  (``16 August 2021``, ``August 16, 2021``, ``2021/08/16``, ``16.08.2021``).

The date is the calendar day as written: a time zone is not applied, so
``Mon, 16 Aug 2021 23:30:00 -0500`` is 16 August, the day the article says.
A date without a day (``August 2021``), an impossible one (``2021-02-30``)
and an all-numeric date whose day and month could be either
(``03/04/2021``) are not guessed: ``read_date`` gives ``None`` and the reason.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz

__all__ = ["read_date", "normalise_date"]

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\S.*)?")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})")
# Two defaults that differ in every field: a field dateutil fills from its
# default was not in the text.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))
_MAX_LEN = 100


def read_date(value: str) -> tuple[str | None, str | None]:
    """``(YYYY-MM-DD, None)`` for a readable publication date, else ``(None, why)``."""
    text = " ".join(value.split())
    if not text:
        return None, "empty"
    if len(text) > _MAX_LEN:
        return None, "too long to be a date"
    iso = _ISO.fullmatch(text)
    if iso:
        return _checked(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        first, second = int(numeric[1]), int(numeric[2])
        if first <= 12 and second <= 12 and first != second:
            return None, "day and month could be either way round"
    rfc = parsedate_tz(text)
    if rfc is not None and rfc[0] and rfc[1] and rfc[2]:
        return _checked(rfc[0], rfc[1], rfc[2])
    return _dateutil(text)


def normalise_date(value: str) -> str | None:
    """``read_date``'s date, or ``None``."""
    return read_date(value)[0]


def _checked(year: int, month: int, day: int) -> tuple[str | None, str | None]:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError as exc:
        return None, str(exc)


def _dateutil(text: str) -> tuple[str | None, str | None]:
    from dateutil import parser  # imported here: only non-ISO dates pay for it

    try:
        found = [parser.parse(text, default=d, ignoretz=True) for d in _DEFAULTS]
    except (ValueError, OverflowError, TypeError):
        return None, "not a date"
    a, b = found
    missing = [name for name in ("year", "month", "day") if getattr(a, name) != getattr(b, name)]
    if missing:
        return None, f"no {' or '.join(missing)}"
    return _checked(a.year, a.month, a.day)
