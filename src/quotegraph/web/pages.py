"""Server-rendered pages: search, speakers, one speaker, one article, one statement.

Jinja2 with autoescaping on for every template; handlers call the service
(never SQL) and hand the templates each result's ``to_dict`` form, the data
the JSON API sends for the same request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..calls import call_service
from ..errors import QueryError
from ..service import search_arguments, speaker_arguments
from . import render

__all__ = ["STATIC_DIR", "TEMPLATES", "search_page", "speakers_page", "speaker_page", "article_page",
           "statement_page", "overview_page", "docs_page", "error_page"]

STATIC_DIR = Path(__file__).parent / "static"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # every template, whatever its extension
    undefined=jinja2.StrictUndefined,
)
_ENV.filters["q"] = lambda value: quote(str(value), safe="")
_ENV.globals.update(safe_url=render.safe_url, attribution=render.attribution, terms=render.highlight_terms)
TEMPLATES = Jinja2Templates(env=_ENV)


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


async def _service(request: Request, method: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """A service result as the templates read it: the record's ``to_dict`` form."""
    return (await call_service(request, method, *args, **kwargs)).to_dict()


def _page_links(params: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """Previous/next links, numbered pages and the query string of the same search without a page."""
    base = {k: v for k, v in params.items() if v not in (None, "", False) and k not in ("offset",)}
    if params.get("raw"):
        base["raw"] = "1"
    limit = result["limit"] or 1
    prev_offset = result["offset"] - limit
    next_offset = result["offset"] + limit
    numbers = render.page_numbers(result["total"], limit, result["offset"])
    for n in numbers["numbers"]:
        if n["n"] is not None:
            n["href"] = "?" + urlencode({**base, "offset": n["offset"]})
    return {
        "prev": "?" + urlencode({**base, "offset": max(0, prev_offset)}) if result["offset"] > 0 else None,
        "next": "?" + urlencode({**base, "offset": next_offset}) if next_offset < result["total"] else None,
        "pages": numbers, "query": urlencode({k: v for k, v in base.items() if k != "limit"}),
    }


async def search_page(request: Request) -> Response:
    """The search form and one page of matching statements."""
    params = search_arguments(request.query_params)
    overview = await _service(request, "overview")
    context: dict[str, Any] = {"params": params, "overview": overview, "result": None, "error": None, "links": {}}
    status = 200
    try:
        result = await _service(request, "search_statements", **params)
        context.update(result=result, links=_page_links(params, result))
    except QueryError as exc:
        if exc.code not in ("E600", "E601"):
            raise
        context["error"] = {"code": exc.code, "message": exc.message}
        status = 400
    return _page(request, "search.html", context, status)


async def speakers_page(request: Request) -> Response:
    """All merged speakers, sortable, filterable by name and kind."""
    params = speaker_arguments(request.query_params)
    result = await _service(request, "list_speakers", **params)
    shown = {"q": params["q"] or "", "kind": params["kind"] or "", "sort": params["sort"] or "", "limit": params["limit"]}
    return _page(request, "speakers.html", {"result": result, "params": shown,
                                            "links": _page_links(shown, result)})


async def speaker_page(request: Request) -> Response:
    """One speaker: statements per month, one page of statements, subjects, co-speakers, merged names."""
    p = request.query_params
    speaker = await _service(request, "get_speaker", request.path_params["slug"], limit=p.get("limit"),
                             offset=p.get("offset"))
    chart = render.months_chart(speaker["by_month"])
    links = _page_links({"limit": p.get("limit")}, speaker)
    return _page(request, "speaker.html", {"speaker": speaker, "chart": chart, "links": links})


async def overview_page(request: Request) -> Response:
    """The collection at a glance: most-quoted speakers, statements over time, by outlet and by channel."""
    data = await _service(request, "collection")
    overview = await _service(request, "overview")
    charts = {"speakers": render.bars(data["speakers"]), "months": render.months_chart(data["by_month"]),
              "outlets": render.bars(data["by_outlet"]), "channels": render.bars(data["by_channel"])}
    return _page(request, "overview.html", {"charts": charts, "overview": overview})


async def docs_page(request: Request) -> Response:
    """The API description as a page, generated from the OpenAPI document."""
    # the server that composes the API and the pages hands the description over
    return _page(request, "docs.html", {"doc": request.app.state.openapi})


async def article_page(request: Request) -> Response:
    """One article with every statement highlighted and coloured by speaker."""
    article = await _service(request, "get_article", request.path_params["article_id"])
    classes = render.colour_classes(article["quotes"])
    segments = render.highlight(article["text"], article["quotes"])
    legend = []
    for quote_ in article["quotes"]:
        speaker = quote_.get("speaker") or {}
        key = speaker.get("slug") or speaker.get("name")
        entry = {"key": key, "class": classes[key], "name": speaker.get("entity") or speaker.get("name") or "unknown",
                 "slug": speaker.get("slug")}
        if entry not in legend:
            legend.append(entry)
    return _page(request, "article.html", {"article": article, "segments": segments, "classes": classes,
                                            "legend": legend, "speaker_key": render.speaker_key})


async def statement_page(request: Request) -> Response:
    """One statement with every article that carries it."""
    statement = await _service(request, "get_statement", request.path_params["statement_id"])
    return _page(request, "statement.html", {"statement": statement})


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    """An HTML error page carrying the same code and message as the JSON envelope."""
    return _page(request, "error.html", {"status": status, "code": code, "message": message}, status)
