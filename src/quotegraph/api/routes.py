"""JSON API endpoints: parse the query string, call the service, return JSON.

Handlers hold no SQL and no validation rules of their own; the service
checks every parameter and raises coded errors, which ``app.py`` turns into
the one error envelope ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..errors import QueryError
from .limits import call_service
from .openapi import openapi_document

__all__ = ["statements", "statement", "speakers", "speaker", "article", "openapi", "index", "flag"]

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
        "speaker": p.get("speaker"), "about": p.get("about"), "channel": p.get("channel"),
        "since": p.get("since"), "until": p.get("until"), "limit": p.get("limit"), "offset": p.get("offset"),
    }


async def index(request: Request) -> JSONResponse:
    """Entry point: what the API offers."""
    overview = await call_service(request, "overview")
    return JSONResponse({"name": "quotegraph", "openapi": "/api/openapi.json", **overview})


async def statements(request: Request) -> JSONResponse:
    """GET /api/statements: full-text search with filters, paginated."""
    return await _call(request, "search_statements", **search_params(request))


async def statement(request: Request) -> JSONResponse:
    """GET /api/statements/{id}: one statement with its sources."""
    return await _call(request, "get_statement", request.path_params["statement_id"])


async def speakers(request: Request) -> JSONResponse:
    """GET /api/speakers: merged speakers, most statements first."""
    p = request.query_params
    return await _call(request, "list_speakers", p.get("q"), limit=p.get("limit"), offset=p.get("offset"))


async def speaker(request: Request) -> JSONResponse:
    """GET /api/speakers/{slug}: one speaker with names, subjects and statements."""
    return await _call(request, "get_speaker", request.path_params["slug"])


async def article(request: Request) -> JSONResponse:
    """GET /api/articles/{id}: one article with its quotes."""
    return await _call(request, "get_article", request.path_params["article_id"])


async def openapi(request: Request) -> JSONResponse:
    """GET /api/openapi.json: the OpenAPI description of this API."""
    return JSONResponse(openapi_document())
