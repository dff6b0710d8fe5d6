"""Text files: dated text (`` date YYYY-MM-DD `` then the article) and plain text.

A dated-text file opens with one space, ``date``, one space, the date and one
space; the article follows, and the document text is everything after that
header, exactly (paragraphs are separated by blank lines). Readers are
tolerant of a BOM, other leading whitespace and a newline instead of the last
space, and say so in a warning. A file without the header is plain text: no
date, the id comes from the file name.

The date may also be written the way people and feeds write it
(`` date 16 August 2021 ``, `` date August 16, 2021 ``,
`` date Mon, 16 Aug 2021 10:00:00 GMT ``; see ``quotegraph.ingest.dates``).
A header whose date cannot be read is still a header: the article is kept
without a date, and a warning (W109) names the value.
"""

from __future__ import annotations

import re
from datetime import date as _date

from ..errors import InputError
from ..model import Article, Warning
from .dates import read_date
from .decode import check_chars, decode_bytes, warn

__all__ = ["parse_dated_header", "text_article", "read_text_bytes", "valid_date"]

# "date" then something date-like: numbers (2021-08-16, 16/08/2021), or a
# day, a month name and a year, with an optional weekday before and a time
# (and zone) after, as RSS writes it. Whether it is a real date is checked
# afterwards, so that "date 2021-02-30" is a header with an unreadable date,
# not plain text. A time zone is matched by name only when it is a known
# abbreviation, so the article's first word is never taken for one.
_MONTH = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?i:day|sday|nesday|rsday|urday)?\.?,?[ \t]+"
_DAY = r"\d{1,2}(?i:st|nd|rd|th)?"
_ZONE = r"(?:[+-]\d{4}|GMT|UTC|UT|Z|[ECMP][SD]T|BST|IST|CES?T|EES?T)"
_TIME = rf"(?:[ \t]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[ \t]*{_ZONE})?)?"
_WORDS_DATE = rf"(?:{_WEEKDAY})?(?:{_DAY}[ \t]+{_MONTH},?[ \t]+\d{{4}}|{_MONTH}[ \t]+{_DAY},?[ \t]+\d{{4}}){_TIME}"
_HEADER = re.compile(rf"(?P<lead>[\s\ufeff]*)date[ \t]+(?P<value>{_WORDS_DATE}|\d[\d./-]*)(?P<sep>[ \t]|\n|\Z)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def valid_date(value: str) -> bool:
    """True when ``value`` is a real calendar date written ``YYYY-MM-DD``."""
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        _date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_dated_header(text: str, origin: str) -> tuple[str | None, str, list[Warning]] | None:
    """``(date, body, warnings)`` when ``text`` opens with a dated header, else ``None``.

    ``date`` is ``YYYY-MM-DD``, or ``None`` (with a W109 warning) when the
    header's date cannot be read.
    """
    match = _HEADER.match(text)
    if match is None:
        return None
    value = match["value"]
    warnings: list[Warning] = []
    day, problem = read_date(value)
    if day is None:
        warnings.append(warn("W109", f"{value!r}: {problem}"))
    value = day
    lead = match["lead"]
    if lead not in ("", " "):
        warnings.append(warn("W105", f"preceded by {lead!r}"))
    if match["sep"] == "\n":
        warnings.append(warn("W105", "a newline, not a space, follows the date"))
    return value, text[match.end() :], warnings


def text_article(text: str, *, id: str, origin: str, warnings: list[Warning] | None = None) -> Article:
    """An ``Article`` from decoded file text: dated when the header is there, else plain."""
    warnings = list(warnings or [])
    parsed = parse_dated_header(text, origin)
    if parsed is None:
        return Article(id=id, text=text, origin=origin, warnings=warnings)
    date, body, more = parsed
    if not body.strip():
        raise InputError("E111", origin=origin)
    return Article(id=id, text=body, date=date, origin=origin, warnings=warnings + more)


def read_text_bytes(data: bytes, *, id: str, origin: str, max_chars: int) -> Article:
    """Decode a text file's bytes and build its ``Article`` (raises ``InputError``)."""
    # UTF-8 uses at most 4 bytes a character: far too many bytes is too many characters
    if len(data) > 4 * max_chars + 4:
        raise InputError("E104", origin=origin, size=f"{len(data):,} bytes", limit=f"{max_chars:,} characters")
    text, warnings = decode_bytes(data, origin)
    article = text_article(text, id=id, origin=origin, warnings=warnings)
    check_chars(article.text, max_chars, origin)
    return article
