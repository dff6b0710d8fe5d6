"""JSON API endpoints: parse the query string, call the service, return JSON.

Handlers hold no SQL and no validation rules of their own; the service
checks every parameter and raises coded errors, which ``app.py`` turns into
the one error envelope ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator
from urllib.parse import urlencode

from starlette.concurrency import iterate_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ..errors import QueryError
from .limits import call_service
from .openapi import openapi_document

__all__ = ["statements", "statement", "speakers", "speaker", "speaker_statements", "article", "openapi", "index",
           "flag", "search_params", "export_format", "page_links", "FORMATS", "SPEAKER_FIELDS", "QUOTE_FIELDS"]

FORMATS = ("json", "jsonl", "csv")
SPEAKER_FIELDS = ("slug", "name", "kind", "statement_count", "first_seen", "last_seen", "external_id")
QUOTE_FIELDS = ("ordinal", "type", "kind", "text", "speaker", "speaker_slug", "cue", "channel", "said_on",
                "confidence", "signatories", "about", "statement_id", "source_count")
_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "json": "application/json"}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def flag(name: str, value: str | None) -> bool:
    """A boolean query parameter (E601 when it is neither true nor false)."""
    if value is None:
        return False
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise QueryError("E601", name=name, detail="must be true or false")


async def _call(request: Request, method: str, *args: Any, **kwargs: Any) -> JSONResponse:
    return JSONResponse(await call_service(request, method, *args, **kwargs))


def search_params(request: Request) -> dict[str, Any]:
    """The statement-search parameters of a request's query string."""
    p = request.query_params
    return {
        "q": p.get("q", ""), "raw": flag("raw", p.get("raw")), "scope": p.get("scope", "quotes"),
        "speaker": p.get("speaker"), "speaker_name": p.get("speaker_name"), "about": p.get("about"),
        "channel": p.get("channel"), "since": p.get("since"), "until": p.get("until"),
        "type": ",".join(p.getlist("type")) or None, "kind": ",".join(p.getlist("kind")) or None,
        "min_confidence": p.get("min_confidence"), "source": p.get("source"), "signatory": p.get("signatory"),
        "sort": p.get("sort"), "limit": p.get("limit"), "offset": p.get("offset"),
    }


def export_format(request: Request) -> str | None:
    """The download format asked for by a ``.csv``/``.jsonl``/``.json`` suffix or ``format=``; None for a page of JSON."""
    suffix = request.path_params.get("fmt")
    value = (suffix or request.query_params.get("format") or "").strip().lower()
    if not value:
        return None
    if value not in FORMATS:
        raise QueryError("E601", name="format", detail=f"must be one of {', '.join(FORMATS)}")
    return value


def page_links(path: str, query: Iterable[tuple[str, str]], result: dict[str, Any]) -> dict[str, str | None]:
    """``prev``/``next`` URLs of a paginated result (None at either end)."""
    base = [(k, v) for k, v in query if k != "offset" and v != ""]
    limit, offset, total = result.get("limit") or 0, result.get("offset") or 0, result.get("total") or 0

    def at(n: int) -> str:
        return path + "?" + urlencode(base + [("offset", str(n))])
    return {"prev": at(max(0, offset - limit)) if offset > 0 and limit else None,
            "next": at(offset + limit) if limit and offset + limit < total else None}


def _rows_csv(rows: Iterator[dict[str, Any]], fields: tuple[str, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _rows_json(rows: Iterator[dict[str, Any]], lines: bool) -> Iterator[str]:
    if lines:
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"
        return
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def serialise(rows: Iterator[dict[str, Any]], fmt: str, fields: tuple[str, ...], flat) -> Iterator[str]:
    """Items as CSV (flattened by ``flat``), JSON Lines or one JSON array, produced as they are read."""
    if fmt == "csv":
        return _rows_csv((flat(r) for r in rows), fields)
    return _rows_json(rows, lines=fmt == "jsonl")


def _download(rows: Iterator[dict[str, Any]], fmt: str, name: str, fields: tuple[str, ...], flat) -> Response:
    headers = {"content-disposition": f'attachment; filename="{name}.{fmt}"'}
    return StreamingResponse(iterate_in_threadpool(serialise(rows, fmt, fields, flat)), media_type=_MEDIA[fmt],
                             headers=headers)


def _flat_quote(q: dict[str, Any]) -> dict[str, Any]:
    speaker = q.get("speaker") or {}
    return {**{k: q.get(k) for k in QUOTE_FIELDS}, "speaker": speaker.get("entity") or speaker.get("name"),
            "speaker_slug": speaker.get("slug"), "cue": (q.get("cue") or {}).get("text"),
            "signatories": "; ".join(q.get("signatories") or []), "about": "; ".join(q.get("about") or [])}


async def index(request: Request) -> JSONResponse:
    """Entry point: what the API offers."""
    overview = await call_service(request, "overview")
    return JSONResponse({"name": "quotegraph", "openapi": "/api/openapi.json", **overview})


async def _paged(request: Request, method: str, *args: Any, **kwargs: Any) -> JSONResponse:
    result = await call_service(request, method, *args, **kwargs)
    result["links"] = page_links(request.url.path, request.query_params.multi_items(), result)
    return JSONResponse(result)


async def statements(request: Request) -> Response:
    """GET /api/statements (or .csv/.jsonl/.json): full-text search with filters; paginated, or every match."""
    params = search_params(request)
    fmt = export_format(request)
    if fmt:
        service = request.app.state.service
        rows = await call_service(request, "iter_statements", **params)
        return _download(rows, fmt, "statements", service.STATEMENT_FIELDS, service.flat_statement)
    return await _paged(request, "search_statements", **params)


async def speaker_statements(request: Request) -> Response:
    """GET /api/speakers/{slug}/statements: one speaker's statements (same parameters and formats as search)."""
    slug = request.path_params["slug"]
    await call_service(request, "get_speaker", slug, limit=1)  # E602 when unknown
    params = {**search_params(request), "speaker": slug, "kind": request.query_params.get("kind") or "all",
              "sort": request.query_params.get("sort") or "said"}
    fmt = export_format(request)
    if fmt:
        service = request.app.state.service
        rows = await call_service(request, "iter_statements", **params)
        return _download(rows, fmt, f"{slug}-statements", service.STATEMENT_FIELDS, service.flat_statement)
    return await _paged(request, "search_statements", **params)


async def statement(request: Request) -> JSONResponse:
    """GET /api/statements/{id}: one statement with its sources."""
    return await _call(request, "get_statement", request.path_params["statement_id"])


def speaker_params(request: Request) -> dict[str, Any]:
    """The speaker-list parameters of a request's query string."""
    p = request.query_params
    return {"q": p.get("q"), "kind": ",".join(p.getlist("kind")) or None, "sort": p.get("sort"),
            "limit": p.get("limit"), "offset": p.get("offset")}


async def speakers(request: Request) -> Response:
    """GET /api/speakers (or .csv/.jsonl/.json): merged speakers, most statements first."""
    params = speaker_params(request)
    fmt = export_format(request)
    if fmt:
        params.pop("limit"), params.pop("offset")
        result = await call_service(request, "list_speakers", everything=True, **params)
        return _download(iter(result["items"]), fmt, "speakers", SPEAKER_FIELDS, dict)
    return await _paged(request, "list_speakers", **params)


async def speaker(request: Request) -> JSONResponse:
    """GET /api/speakers/{slug}: one speaker with names, subjects, co-speakers and one page of statements."""
    p = request.query_params
    return await _paged(request, "get_speaker", request.path_params["slug"], limit=p.get("limit"),
                        offset=p.get("offset"))


async def article(request: Request) -> Response:
    """GET /api/articles/{id}: one article with its quotes (``format=csv|jsonl|json``: the quotes alone)."""
    fmt = export_format(request)
    result = await call_service(request, "get_article", request.path_params["article_id"])
    if fmt:
        return _download(iter(result["quotes"]), fmt, "article-statements", QUOTE_FIELDS, _flat_quote)
    return JSONResponse(result)


async def openapi(request: Request) -> JSONResponse:
    """GET /api/openapi.json: the OpenAPI description of this API."""
    return JSONResponse(openapi_document())
