"""The OpenAPI 3.1 description of the JSON API, generated from the record definition.

Response schemas are the JSON Schemas of the read side's records
(``quotegraph.model.views``, built on the extraction records), query
parameters come from the parameter records (``SearchParams``,
``SpeakerListParams``, ``PageParams``) with the docstring under each field as
the description. Nothing here lists a field by hand: a field added to a record
appears in this document. Tests check that every API route is described and
validate live responses against this document.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..exports import FORMATS
from ..model.record import json_schema
from ..model.views import (RESPONSE_MODELS, ArticleView, ErrorEnvelope, Overview, PageParams, SearchParams,
                           SpeakerDetail, SpeakerListParams, SpeakerPage, StatementDetail, StatementPage)
from ..version import __version__

__all__ = ["openapi_document", "parameters", "components"]

_REF = "#/components/schemas/{model}"


def _clean(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter's schema: a query string holds no null, so ``X | None`` is ``X`` (absent means unset)."""
    out = {k: v for k, v in schema.items() if k not in ("title", "description", "anyOf")}
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        out = {**branches[0], **out}
    if out.get("default", "") is None:
        del out["default"]
    return out


def parameters(spec: type, *, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The query parameters of one parameter record, one per field."""
    schema = json_schema(spec, mode="validation")
    return [{"name": name, "in": "query", "required": False, "description": prop.get("description", ""),
             "schema": _clean(prop)} for name, prop in schema["properties"].items() if name not in skip]


def _path_param(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string", **schema}}


def _format(description: str) -> dict[str, Any]:
    return {"name": "format", "in": "query", "required": False, "description": description,
            "schema": {"type": "string", "enum": list(FORMATS)}}


@cache
def components() -> dict[str, Any]:
    """Every response record and the records inside them, as named schemas.

    Each is closed (``additionalProperties: false``): a response field that
    no record declares fails the live-response test instead of going undocumented.
    """
    out: dict[str, Any] = {}
    for model in RESPONSE_MODELS:
        schema = json_schema(model)
        out.update(schema.pop("$defs", {}))
        out[model.__name__] = schema
    for schema in out.values():
        if "properties" in schema:
            schema["additionalProperties"] = False
    return out


def _ref(model: type) -> dict[str, str]:
    return {"$ref": _REF.format(model=model.__name__)}


def _ok(model: type, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(model)}}}


def _errors() -> dict[str, Any]:
    def error(description: str) -> dict[str, Any]:
        return {"description": description, "content": {"application/json": {"schema": _ref(ErrorEnvelope)}}}
    return {"400": error("Bad query (E600) or parameter (E601)."), "404": error("Not found (E602)."),
            "405": error("Only GET and HEAD are allowed (E604)."), "413": error("Request too large (E603).")}


_DOWNLOAD = {"200": {"description": "Every match, streamed", "content": {
    "text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}},
    "application/json": {"schema": {"type": "array"}}}}}


def _get(summary: str, params: list[dict[str, Any]], responses: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": params, "responses": responses}}


def _paths() -> dict[str, Any]:
    search = [*parameters(SearchParams), _format("Download every match instead of one page: csv, jsonl or json"
                                                 " (also as a path suffix, /api/statements.csv). Not capped by limit.")]
    speakers = [*parameters(SpeakerListParams), _format("Download every speaker: csv, jsonl or json (or a path suffix).")]
    fmt = _path_param("fmt", "Download format", enum=list(FORMATS))
    slug = _path_param("slug", "Speaker slug")
    errors = _errors()
    return {
        "/api": _get("Counts, channels and the merge state (pending while changed articles await merging)", [],
                     {"200": _ok(Overview, "Overview")}),
        "/api/statements": _get("Search statements", search, {"200": _ok(StatementPage, "One page of statements"), **errors}),
        "/api/statements.{fmt}": _get("Download every matching statement", [fmt, *search], {**_DOWNLOAD, **errors}),
        "/api/statements/{statement_id}": _get(
            "One statement with every article carrying it", [_path_param("statement_id", "Statement id")],
            {"200": _ok(StatementDetail, "The statement"), **errors}),
        "/api/speakers": _get("List speakers", speakers, {"200": _ok(SpeakerPage, "One page of speakers"), **errors}),
        "/api/speakers.{fmt}": _get("Download every speaker", [fmt, *speakers], {**_DOWNLOAD, **errors}),
        "/api/speakers/{slug}": _get("One speaker", [slug, *parameters(PageParams)],
                                     {"200": _ok(SpeakerDetail, "The speaker"), **errors}),
        "/api/speakers/{slug}/statements": _get(
            "One speaker's statements (every kind, by date said unless sort says otherwise)", [slug, *search],
            {"200": _ok(StatementPage, "One page of statements"), **errors}),
        "/api/speakers/{slug}/statements.{fmt}": _get("Download one speaker's statements", [slug, fmt, *search],
                                                      {**_DOWNLOAD, **errors}),
        "/api/articles/{article_id}": _get(
            "One article with its quotes",
            [_path_param("article_id", "Article id (may contain '/')"),
             _format("Download the article's quotes: csv, jsonl or json.")],
            {"200": _ok(ArticleView, "The article"), **errors}),
        "/api/openapi.json": _get("This description", [], {"200": {"description": "OpenAPI"}}),
        "/api/docs": _get("This description as an HTML page", [], {"200": {"description": "HTML"}}),
    }


@cache
def _document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "quotegraph", "version": __version__,
                 "description": "Read-only access to statements, speakers and articles in a quotegraph database."},
        "paths": _paths(),
        "components": {"schemas": components()},
    }


def openapi_document() -> dict[str, Any]:
    """The API description served at ``/api/openapi.json`` (generated once per process)."""
    return _document()
