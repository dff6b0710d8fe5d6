"""JSON API endpoints: parse the query string, call the service, return JSON.

Handlers hold no SQL and no validation rules of their own; the service
checks every parameter and raises coded errors, which ``quotegraph.server`` turns into
the one error envelope ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..service import flag, search_arguments
from ..calls import call_service
from .openapi import openapi_document

__all__ = ["statements", "statement", "speakers", "speaker", "article", "openapi", "index", "flag"]


async def _call(request: Request, method: str, *args: Any, **kwargs: Any) -> JSONResponse:
    return JSONResponse(await call_service(request, method, *args, **kwargs))


async def index(request: Request) -> JSONResponse:
    """Entry point: what the API offers."""
    overview = await call_service(request, "overview")
    return JSONResponse({"name": "quotegraph", "openapi": "/api/openapi.json", **overview})


async def statements(request: Request) -> JSONResponse:
    """GET /api/statements: full-text search with filters, paginated."""
    return await _call(request, "search_statements", **search_arguments(request.query_params))


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
