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
    _param("speaker", "Exactly one speaker: its slug (as in /api/speakers), or a name or alias equal to one of"
           " its merged names (case ignored). Never a substring: see speaker_name."),
    _param("speaker_name", "Speakers whose canonical or merged name contains this text (may match several)."),
    _param("about", "Someone the statement is about: slug or (part of a) name."),
    _param("channel", "How it was said: twitter, statement, interview, ..."),
    _param("since", "Earliest date said (or published): YYYY, YYYY-MM or YYYY-MM-DD.", **_DATE),
    _param("until", "Latest date said (or published), inclusive.", **_DATE),
    _param("type", "Quote types, comma-separated or repeated: direct, indirect, mixed."),
    _param("kind", "Statement kinds, comma-separated or repeated: speech, writing, belief, perception, intention,"
           " document; 'all' for every kind. Default: speech, writing and statements of unknown kind."),
    _param("min_confidence", "Lowest extraction confidence (0 to 1).", kind="number", minimum=0, maximum=1),
    _param("source", "Outlet (the article's source), exact, case ignored."),
    _param("signatory", "A co-signer of the statement: part of the name."),
    _param("sort", "relevance (text rank with the speaker's name, confidence, kind and length), said (date said,"
           " newest first), first_seen (newest first), sources (most articles first).",
           enum=["relevance", "said", "first_seen", "sources"]),
    _param("format", "Download every match instead of one page: csv, jsonl or json (also as a path suffix,"
           " /api/statements.csv). Not capped by limit.", enum=["csv", "jsonl", "json"]),
    *_PAGE,
]
_SPEAKER_LIST = [
    _param("q", "Part of a name."),
    _param("kind", "person, organisation, group or unknown (comma-separated)."),
    _param("sort", "statements (most first), name, first_seen, last_seen.",
           enum=["statements", "name", "first_seen", "last_seen"]),
    _param("format", "Download every speaker: csv, jsonl or json (or a path suffix).", enum=["csv", "jsonl", "json"]),
    *_PAGE,
]
_FMT = _param("fmt", "Download format", where="path", enum=["csv", "jsonl", "json"])
_DOWNLOAD = {"200": {"description": "Every match, streamed", "content": {
    "text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}}}}


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
        "source_count": {"type": "integer"}, "quote_count": {"type": "integer"}, "article_id": {"type": "string"},
        "article_title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
        "kind": {"type": ["string", "null"], "description": "speech, writing, belief, perception, intention, document"},
        "cue": {"type": ["object", "null"], "description": "{start, end, text} of the reporting expression"},
        "channel": {"type": ["string", "null"]}, "confidence": {"type": ["number", "null"]},
        "signatories": {"type": "array", "items": {"type": "string"}}}},
    "Links": {"type": "object", "description": "URLs of the previous and next pages (null at either end).",
              "properties": {"prev": {"type": ["string", "null"]}, "next": {"type": ["string", "null"]}}},
    "StatementPage": {"type": "object", "properties": {
        "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
        "items": {"type": "array", "items": _ref("Statement")}, "links": _ref("Links")}},
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
        "items": {"type": "array", "items": _ref("Speaker")}, "links": _ref("Links")}},
    "SpeakerDetail": {"allOf": [_ref("Speaker"), {"type": "object", "properties": {
        "names": {"type": "array", "description": "Every name merged into this speaker, with the rule and evidence.",
                  "items": {"type": "object"}},
        "about": {"type": "array", "items": {"type": "object"}},
        "co_speakers": {"type": "array", "description": "Speakers quoted in the same articles, most shared first.",
                        "items": {"type": "object"}},
        "by_month": {"type": "array", "items": {"type": "object"}},
        "statements": {"type": "array", "description": "One page (limit, offset) of statements, oldest first.",
                       "items": _ref("Statement")},
        "total": {"type": "integer"}, "truncated": {"type": "boolean"}, "links": _ref("Links")}}]},
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
            "/api/statements.{fmt}": {"get": {"summary": "Download every matching statement",
                                              "parameters": [_FMT, *_SEARCH], "responses": {**_DOWNLOAD, **_ERRORS}}},
            "/api/statements/{statement_id}": {"get": {
                "summary": "One statement with every article carrying it",
                "parameters": [_param("statement_id", "Statement id", where="path")],
                "responses": {"200": _ok("StatementDetail", "The statement"), **_ERRORS}}},
            "/api/speakers": {"get": {"summary": "List speakers", "parameters": _SPEAKER_LIST,
                                      "responses": {"200": _ok("SpeakerPage", "One page of speakers"), **_ERRORS}}},
            "/api/speakers.{fmt}": {"get": {"summary": "Download every speaker", "parameters": [_FMT, *_SPEAKER_LIST],
                                            "responses": {**_DOWNLOAD, **_ERRORS}}},
            "/api/speakers/{slug}": {"get": {
                "summary": "One speaker", "parameters": [_param("slug", "Speaker slug", where="path"), *_PAGE],
                "responses": {"200": _ok("SpeakerDetail", "The speaker"), **_ERRORS}}},
            "/api/speakers/{slug}/statements": {"get": {
                "summary": "One speaker's statements (every kind, by date said unless sort says otherwise)",
                "parameters": [_param("slug", "Speaker slug", where="path"), *_SEARCH],
                "responses": {"200": _ok("StatementPage", "One page of statements"), **_ERRORS}}},
            "/api/speakers/{slug}/statements.{fmt}": {"get": {
                "summary": "Download one speaker's statements",
                "parameters": [_param("slug", "Speaker slug", where="path"), _FMT, *_SEARCH],
                "responses": {**_DOWNLOAD, **_ERRORS}}},
            "/api/articles/{article_id}": {"get": {
                "summary": "One article with its quotes",
                "parameters": [_param("article_id", "Article id (may contain '/')", where="path"),
                               _param("format", "Download the article's quotes: csv, jsonl or json.",
                                      enum=["csv", "jsonl", "json"])],
                "responses": {"200": _ok("Article", "The article"), **_ERRORS}}},
            "/api/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI"}}}},
            "/api/docs": {"get": {"summary": "This description as an HTML page",
                                  "responses": {"200": {"description": "HTML"}}}},
        },
        "components": {"schemas": _SCHEMAS},
    }
