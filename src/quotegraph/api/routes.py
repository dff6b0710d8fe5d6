"""JSON API endpoints: parse the query string, call the service, return JSON.

Handlers hold no SQL and no validation rules of their own; the service
checks every parameter and raises coded errors, which ``quotegraph.server`` turns into
the one error envelope ``{"error": {"code", "message"}}``. The service
returns typed records; a handler sends their ``to_dict`` form, the form the
OpenAPI document describes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable
from urllib.parse import urlencode

from starlette.concurrency import iterate_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ..calls import call_service
from ..errors import QueryError
from ..exports import FORMATS, MEDIA_TYPES, QUOTE_FIELDS, SPEAKER_FIELDS, STATEMENT_FIELDS, flat_quote, flat_statement, serialise
from ..model.record import Record
from ..model.views import Links
from ..service import flag, search_arguments, speaker_arguments
from .openapi import openapi_document

__all__ = ["statements", "statement", "speakers", "speaker", "speaker_statements", "article", "openapi", "index",
           "flag", "export_format", "page_links"]


async def _call(request: Request, method: str, *args: Any, **kwargs: Any) -> JSONResponse:
    return JSONResponse((await call_service(request, method, *args, **kwargs)).to_dict())


def export_format(request: Request) -> str | None:
    """The download format asked for by a ``.csv``/``.jsonl``/``.json`` suffix or ``format=``; None for a page of JSON."""
    suffix = request.path_params.get("fmt")
    value = (suffix or request.query_params.get("format") or "").strip().lower()
    if not value:
        return None
    if value not in FORMATS:
        raise QueryError("E601", name="format", detail=f"must be one of {', '.join(FORMATS)}")
    return value


def page_links(path: str, query: Iterable[tuple[str, str]], result: Any) -> Links:
    """``prev``/``next`` URLs of a page (a record with ``total``, ``limit``, ``offset``); None at either end."""
    base = [(k, v) for k, v in query if k != "offset" and v != ""]
    limit, offset, total = result.limit or 0, result.offset or 0, result.total or 0

    def at(n: int) -> str:
        return path + "?" + urlencode(base + [("offset", str(n))])
    return Links(prev=at(max(0, offset - limit)) if offset > 0 and limit else None,
                 next=at(offset + limit) if limit and offset + limit < total else None)


def _download(rows: Iterable[Record], fmt: str, name: str, fields: tuple[str, ...], flat) -> Response:
    """A streamed export of ``rows``, each in its ``to_dict`` form as it is read."""
    headers = {"content-disposition": f'attachment; filename="{name}.{fmt}"'}
    data = (row.to_dict() for row in rows)
    return StreamingResponse(iterate_in_threadpool(serialise(data, fmt, fields, flat)), media_type=MEDIA_TYPES[fmt],
                             headers=headers)


async def index(request: Request) -> JSONResponse:
    """Entry point: what the API offers."""
    overview = await call_service(request, "overview")
    data = replace(overview, openapi="/api/openapi.json").to_dict()
    return JSONResponse({"name": data.pop("name"), "openapi": data.pop("openapi"), **data})


async def _paged(request: Request, method: str, *args: Any, **kwargs: Any) -> JSONResponse:
    result = await call_service(request, method, *args, **kwargs)
    result.links = page_links(request.url.path, request.query_params.multi_items(), result)
    return JSONResponse(result.to_dict())


async def statements(request: Request) -> Response:
    """GET /api/statements (or .csv/.jsonl/.json): full-text search with filters; paginated, or every match."""
    params = search_arguments(request.query_params)
    fmt = export_format(request)
    if fmt:
        rows = await call_service(request, "iter_statements", **params)
        return _download(rows, fmt, "statements", STATEMENT_FIELDS, flat_statement)
    return await _paged(request, "search_statements", **params)


async def speaker_statements(request: Request) -> Response:
    """GET /api/speakers/{slug}/statements: one speaker's statements (same parameters and formats as search)."""
    slug = request.path_params["slug"]
    await call_service(request, "get_speaker", slug, limit=1)  # E602 when unknown
    params = {**search_arguments(request.query_params), "speaker": slug, "kind": request.query_params.get("kind") or "all",
              "sort": request.query_params.get("sort") or "said"}
    fmt = export_format(request)
    if fmt:
        rows = await call_service(request, "iter_statements", **params)
        return _download(rows, fmt, f"{slug}-statements", STATEMENT_FIELDS, flat_statement)
    return await _paged(request, "search_statements", **params)


async def statement(request: Request) -> JSONResponse:
    """GET /api/statements/{id}: one statement with its sources."""
    return await _call(request, "get_statement", request.path_params["statement_id"])


async def speakers(request: Request) -> Response:
    """GET /api/speakers (or .csv/.jsonl/.json): merged speakers, most statements first."""
    params = speaker_arguments(request.query_params)
    fmt = export_format(request)
    if fmt:
        params.pop("limit"), params.pop("offset")
        result = await call_service(request, "list_speakers", everything=True, **params)
        return _download(result.items, fmt, "speakers", SPEAKER_FIELDS, dict)
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
        return _download(result.quotes, fmt, "article-statements", QUOTE_FIELDS, flat_quote)
    return JSONResponse(result.to_dict())


async def openapi(request: Request) -> JSONResponse:
    """GET /api/openapi.json: the OpenAPI description of this API."""
    return JSONResponse(openapi_document())
