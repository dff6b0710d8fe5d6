"""The one date type of the record: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` text.

Publication dates are whole days; when something was said may be known only
to the month or year, and the text's length says which (its *precision*).
The JSON contract, the SQLite columns and the API keep the text; Arrow keeps a
real ``date32`` (the first day of the month or year) beside the precision.
Every check of a date string in quotegraph goes through this module.
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Annotated

from .record import Describe

__all__ = ["DAY_PATTERN", "PARTIAL_DATE_PATTERN", "DATE_PRECISIONS", "Day", "PartialDate", "is_day",
           "is_partial_date", "date_precision", "first_day", "from_first_day"]

DAY_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_DAY, _PARTIAL = re.compile(DAY_PATTERN), re.compile(PARTIAL_DATE_PATTERN)
DATE_PRECISIONS = {10: "day", 7: "month", 4: "year"}  # length of YYYY-MM-DD, YYYY-MM, YYYY

# The pattern is part of the schema (OpenAPI, README); reading a record does not
# re-check it: the store's contract check (``store.contract``) refuses bad dates.
Day = Annotated[str, Describe(pattern=DAY_PATTERN, format="date")]
PartialDate = Annotated[str, Describe(pattern=PARTIAL_DATE_PATTERN)]


def is_day(value: object) -> bool:
    """True for a ``YYYY-MM-DD`` string."""
    return isinstance(value, str) and bool(_DAY.match(value))


def is_partial_date(value: object) -> bool:
    """True for a ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` string."""
    return isinstance(value, str) and bool(_PARTIAL.match(value))


def date_precision(value: str | None) -> str | None:
    """The precision of a ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` date string, or ``None``."""
    return DATE_PRECISIONS.get(len(value)) if value else None


def first_day(value: str | None) -> _date | None:
    """A partial date as a ``date`` (the first day of its month or year)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return _date(parts[0], parts[1], parts[2])


def from_first_day(day: _date | None, precision: str | None) -> str | None:
    """The partial-date string back from ``first_day`` and ``date_precision``."""
    if day is None:
        return None
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(precision or "day", day.isoformat())
