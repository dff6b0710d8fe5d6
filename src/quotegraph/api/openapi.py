"""The OpenAPI 3.1 description of the JSON API, written by hand.

A test checks that every API route in the app's routes table is described
here and that every described path exists.
"""

from __future__ import annotations

from typing import Any

from ..version import __version__

__all__ = ["openapi_document"]


def _param(name: str, description: str, *, kind: str = "string", where: str = "query", **extra: Any) -> dict:
    return {"name": name, "in": where, "required": where == "path", "description": description,
            "schema": {"type": kind, **extra}}


_PAGE = [
    _param("limit", "Results per page (1 to the server's maximum page size).", kind="integer", minimum=1),
    _param("offset", "Results to skip.", kind="integer", minimum=0, maximum=100000),
]
_DATE = {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_SEARCH = [
    _param("q", "Full-text query. Words are matched as plain text (all must occur); \"quoted phrases\" stay phrases.",
           maxLength=500),
    _param("raw", "Treat q as FTS5 query syntax (AND, OR, NEAR, prefix*). A malformed query is a 400 (E600).",
           kind="boolean"),
    _param("scope", "Match q against the statement's content (quotes) or its article's text (articles).",
           enum=["quotes", "articles"]),
    _param("speaker", "Speaker: slug, name or alias (substring of the canonical name also matches)."),
    _param("about", "Someone the statement is about: slug or (part of a) name."),
    _param("channel", "How it was said: twitter, statement, interview, ..."),
    _param("since", "Earliest date said (or published): YYYY, YYYY-MM or YYYY-MM-DD.", **_DATE),
    _param("until", "Latest date said (or published), inclusive.", **_DATE),
    *_PAGE,
]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(schema: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


_ERRORS = {
    "400": {"description": "Bad query (E600) or parameter (E601).",
            "content": {"application/json": {"schema": _ref("Error")}}},
    "404": {"description": "Not found (E602).", "content": {"application/json": {"schema": _ref("Error")}}},
    "405": {"description": "Only GET and HEAD are allowed (E604).", "content": {"application/json": {"schema": _ref("Error")}}},
    "413": {"description": "Request too large (E603).", "content": {"application/json": {"schema": _ref("Error")}}},
}

_SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string", "example": "E600"}, "message": {"type": "string"}}}}},
    "SpeakerRef": {"type": ["object", "null"], "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}}},
    "Statement": {"type": "object", "properties": {
        "id": {"type": "string"}, "text": {"type": "string"}, "type": {"enum": ["direct", "indirect", "mixed"]},
        "speaker": _ref("SpeakerRef"), "first_seen": {"type": ["string", "null"]},
        "said_on": {"type": ["string", "null"]}, "date": {"type": ["string", "null"]},
        "source_count": {"type": "integer"}, "quote_count": {"type": "integer"}, "article_id": {"type": "string"}}},
    "StatementPage": {"type": "object", "properties": {
        "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
        "items": {"type": "array", "items": _ref("Statement")}}},
    "Source": {"type": "object", "properties": {
        "article_id": {"type": "string"}, "date": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]}, "ordinal": {"type": "integer"}, "text": {"type": "string"},
        "rule": {"type": "string",
                 "description": "How this quote joined the statement: first, identical, near-identical, contained."}}},
    "StatementDetail": {"allOf": [_ref("Statement"), {"type": "object", "properties": {
        "about": {"type": "array", "items": {"type": "object"}},
        "sources": {"type": "array", "items": _ref("Source")}}}]},
    "Speaker": {"type": "object", "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"},
        "external_id": {"type": ["string", "null"]}, "statement_count": {"type": "integer"},
        "first_seen": {"type": ["string", "null"]}, "last_seen": {"type": ["string", "null"]}}},
    "SpeakerPage": {"type": "object", "properties": {
        "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
        "items": {"type": "array", "items": _ref("Speaker")}}},
    "SpeakerDetail": {"allOf": [_ref("Speaker"), {"type": "object", "properties": {
        "names": {"type": "array", "description": "Every name merged into this speaker, with the rule and evidence.",
                  "items": {"type": "object"}},
        "about": {"type": "array", "items": {"type": "object"}},
        "statements": {"type": "array", "items": _ref("Statement")}, "truncated": {"type": "boolean"}}}]},
    "Article": {"type": "object", "properties": {
        "id": {"type": "string"}, "date": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]}, "text": {"type": "string"},
        "quotes": {"type": "array", "items": {"type": "object"}}}},
}


def openapi_document() -> dict[str, Any]:
    """The API description served at ``/api/openapi.json``."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "quotegraph", "version": __version__,
                 "description": "Read-only access to statements, speakers and articles in a quotegraph database."},
        "paths": {
            "/api": {"get": {"summary": "Counts, channels and the merge state (pending while changed articles await merging)", "responses": {"200": {"description": "Overview"}}}},
            "/api/statements": {"get": {"summary": "Search statements", "parameters": _SEARCH,
                                        "responses": {"200": _ok("StatementPage", "One page of statements"), **_ERRORS}}},
            "/api/statements/{statement_id}": {"get": {
                "summary": "One statement with every article carrying it",
                "parameters": [_param("statement_id", "Statement id", where="path")],
                "responses": {"200": _ok("StatementDetail", "The statement"), **_ERRORS}}},
            "/api/speakers": {"get": {"summary": "List speakers",
                                      "parameters": [_param("q", "Part of a name."), *_PAGE],
                                      "responses": {"200": _ok("SpeakerPage", "One page of speakers"), **_ERRORS}}},
            "/api/speakers/{slug}": {"get": {
                "summary": "One speaker", "parameters": [_param("slug", "Speaker slug", where="path")],
                "responses": {"200": _ok("SpeakerDetail", "The speaker"), **_ERRORS}}},
            "/api/articles/{article_id}": {"get": {
                "summary": "One article with its quotes",
                "parameters": [_param("article_id", "Article id (may contain '/')", where="path")],
                "responses": {"200": _ok("Article", "The article"), **_ERRORS}}},
            "/api/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI"}}}},
        },
        "components": {"schemas": _SCHEMAS},
    }
