"""News crawls in: HTML responses from WARC and WARC.gz files (CC-NEWS and the like).

Records are streamed with warcio, one at a time, so a crawl file of any size
is read without holding it in memory. Each ``response`` record whose HTTP
status is 2xx and whose content type is HTML becomes one ``Article``: its
text from the page (as for an HTML file), its ``url`` the record's
``WARC-Target-URI``, its ``date`` the page's own publication date when the
markup gives one, else the capture date (``WARC-Date``). Other record types
(``request``, ``metadata``, ``warcinfo``, ``revisit``) carry no page and are
passed over. A response that is not an HTML page, a page over the size limit
or one the HTML reader refuses is rejected on its own, with the reason and
its origin ``file.warc.gz@OFFSET`` (the record's byte offset); a file that
breaks off mid-record is rejected from that record on, and the records
before it are kept (for WARC.gz, warcio passes over a last gzip member that
breaks off without saying so: that record is lost without a rejection).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article, Rejected
from .ids import IdRegistry
from .webpage import read_html_bytes

__all__ = ["WARC_SUFFIXES", "read_warc_file", "looks_like_warc", "capture_date", "url_id"]

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})T")
_SAFE = re.compile(r"[^A-Za-z0-9._~/-]+")


def looks_like_warc(head: bytes) -> bool:
    """True for the first bytes of an uncompressed WARC file."""
    return head.startswith(b"WARC/")


def capture_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` of a ``WARC-Date`` (``2021-08-16T09:30:00Z``), or None."""
    m = _DATE.match(value or "")
    return m.group(1) if m else None


def url_id(url: str) -> str:
    """An article id from its URL: host and path, without scheme, query or trailing slash."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _SAFE.sub("_", url)[:200] or "page"
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    path = _SAFE.sub("_", parts.path).strip("/")
    for suffix in (".html", ".htm", ".php", ".aspx"):
        if path.lower().endswith(suffix):
            path = path[: -len(suffix)]
    return (f"{host}/{path}" if path else host)[:200] or "page"


def _reject(exc: InputError, article_id: str | None) -> Rejected:
    return Rejected(article_id, str(exc.fields.get("origin", "")), exc.code, exc.message)


def read_warc_file(path: Path, *, max_chars: int, max_bytes: int, ids: IdRegistry) -> Iterator[Article | Rejected]:
    """Every HTML response in the WARC file at ``path``, in file order, as ``Article`` or ``Rejected``."""
    from warcio import archiveiterator as warcio, exceptions  # imported on first use: only crawls need it

    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        yield _reject(InputError("E100", origin=str(path)), None)
        return
    except OSError as exc:
        yield _reject(InputError("E114", origin=str(path), detail=exc.strerror or str(exc)), None)
        return
    with handle:
        records = warcio.ArchiveIterator(handle)
        while True:
            offset = None
            try:
                record = next(records)
                offset = records.offset  # where this record starts (get_record_offset would read it to the end)
                item = _record(record, f"{path}@{offset}", max_chars, max_bytes, ids)
            except StopIteration:
                return
            except (exceptions.ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
                where = f"{path}@{offset}" if offset is not None else str(path)
                yield _reject(InputError("E114", origin=where, detail=f"broken WARC record: {exc}"), None)
                return
            if item is not None:
                yield item


def _record(record, origin: str, max_chars: int, max_bytes: int, ids: IdRegistry) -> Article | Rejected | None:
    if record.rec_type is None:  # the headers broke off: the file ends mid-record
        raise ValueError("the record's headers are incomplete (the file breaks off here)")
    if record.rec_type != "response":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower() if http is not None else ""
    article_id, warnings = ids.claim_file([url_id(url)], origin)
    if http is None or not (status or "").startswith("2"):
        detail = f"HTTP status {status} for {url}" if http is not None else f"not an HTTP response ({url})"
        return _reject(InputError("E110", origin=origin, detail=detail), article_id)
    if ctype not in _HTML_TYPES:
        return _reject(InputError("E110", origin=origin, detail=f"{ctype or 'no content type'} is not an HTML page ({url})"),
                       article_id)
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        exc = InputError("E104", origin=origin, size=f"more than {max_bytes:,} bytes", limit=f"{max_bytes:,} bytes")
        return _reject(exc, article_id)
    try:
        article = read_html_bytes(data, id=article_id, origin=origin, max_chars=max_chars)
    except InputError as exc:
        return _reject(exc, article_id)
    date = article.date or capture_date(record.rec_headers.get_header("WARC-Date"))
    return dataclasses.replace(article, url=url or article.url, date=date, warnings=warnings + article.warnings)
