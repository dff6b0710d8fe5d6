"""The read-only ASGI application: one routes table, one error envelope.

Every error, whatever raised it (a coded error from the service, an unknown
route, a wrong method, an oversized request, a bug), leaves as
``{"error": {"code", "message"}}`` on ``/api`` paths and as an HTML page with
the same code and message elsewhere. Every response carries a strict
Content-Security-Policy: pages load only their own stylesheet and script.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import HTTP_STATUS, QuotegraphError, http_status
from ..service import QUERY_TIME_LIMIT, Service
from ..api import routes as api
from ..api.openapi import openapi_document
from ..calls import Limits
from ..web import pages

__all__ = ["ROUTES", "CSP", "MAX_BODY_BYTES", "MAX_HEAD_BYTES", "MAX_URL_CHARS", "STATUS", "SECURITY_HEADERS", "LOOPBACK_NAMES",
           "allowed_hosts", "host_name", "create_app", "error_response"]

log = logging.getLogger("quotegraph.server")

MAX_BODY_BYTES = 16 * 1024  # the API is read-only: nothing needs a body
MAX_URL_CHARS = 4096
MAX_HEAD_BYTES = 16 * 1024  # all request headers together
# A refused request is answered and its connection closed: the client may still be sending a
# body the server will never read, and keeping the connection alive would hold it for KEEP_ALIVE.
_CLOSE = {"connection": "close"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
STATUS = HTTP_STATUS  # one table, in quotegraph.errors

ROUTES = [
    Route("/api", api.index, name="api_index"),
    Route("/api/openapi.json", api.openapi, name="api_openapi"),
    Route("/api/statements", api.statements, name="api_statements"),
    Route("/api/statements.{fmt}", api.statements, name="api_statements_export"),
    Route("/api/statements/{statement_id}", api.statement, name="api_statement"),
    Route("/api/speakers", api.speakers, name="api_speakers"),
    Route("/api/speakers.{fmt}", api.speakers, name="api_speakers_export"),
    Route("/api/speakers/{slug}/statements", api.speaker_statements, name="api_speaker_statements"),
    Route("/api/speakers/{slug}/statements.{fmt}", api.speaker_statements, name="api_speaker_statements_export"),
    Route("/api/speakers/{slug}", api.speaker, name="api_speaker"),
    Route("/api/docs", pages.docs_page, name="api_docs"),
    Route("/api/articles/{article_id:path}", api.article, name="api_article"),
    Route("/", pages.search_page, name="search"),
    Route("/overview", pages.overview_page, name="overview"),
    Route("/speakers", pages.speakers_page, name="speakers"),
    Route("/speakers/{slug}", pages.speaker_page, name="speaker"),
    Route("/articles/{article_id:path}", pages.article_page, name="article"),
    Route("/statements/{statement_id}", pages.statement_page, name="statement"),
    Mount("/static", app=StaticFiles(directory=pages.STATIC_DIR), name="static"),
]


def _wants_json(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def error_response(request_path: str, status: int, code: str, message: str, request: Request | None = None) -> Response:
    """The error envelope (JSON under /api, an HTML page elsewhere)."""
    if _wants_json(request_path) or request is None:
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return pages.error_page(request, status, code, message)


async def _on_quotegraph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QuotegraphError)
    status = http_status(exc.code)
    if status >= 500:
        log.error("%s on %s", exc, request.url.path)
    response = error_response(request.url.path, status, exc.code, exc.message, request)
    if status == 429:
        response.headers["retry-after"] = "1"
    return response


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    path = request.url.path
    if exc.status_code == 405:
        err = QuotegraphError("E604", method=request.method, path=path[:200])
    elif exc.status_code == 404:
        err = QuotegraphError("E602", what="page", key=path[:200])
    else:
        err = QuotegraphError("E601", name="request", detail=str(exc.detail))
    response = error_response(path, exc.status_code, err.code, err.message, request)
    if exc.status_code == 405:
        response.headers["allow"] = "GET, HEAD"
    return response


async def _on_crash(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    err = QuotegraphError("E605", detail=type(exc).__name__)
    return error_response(request.url.path, 500, err.code, err.message, request)


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The host name of a Host header value, without port, brackets or a trailing dot, in lower case."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    name, _, port = value.rpartition(":")
    if name and port.isdigit():
        value = name
    return value.rstrip(".")


def allowed_hosts(served_host: str | None, extra: str | None = "") -> frozenset[str] | None:
    """The Host names this server answers: loopback names, the served address, and ``extra``
    (comma-separated; ``*`` answers any name, for a server behind a proxy that checks it)."""
    names = {n.strip() for n in (extra or "").split(",") if n.strip()}
    if "*" in names:
        return None
    names = {host_name(n) for n in names} | set(LOOPBACK_NAMES)
    if served_host and served_host not in ("0.0.0.0", "::", ""):
        names.add(host_name(served_host if ":" not in served_host or served_host.startswith("[")
                            else f"[{served_host}]"))
    return frozenset(names)


class Guard:
    """ASGI middleware: check the Host header, bound request sizes, add security headers to every response.

    A request whose Host is not a name of this server is refused (E609)
    before routing: a page on another site that rebinds its own DNS name
    to 127.0.0.1 cannot read the API through the user's browser.
    """

    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY_BYTES, max_url: int = MAX_URL_CHARS,
                 hosts: frozenset[str] | None = frozenset(LOOPBACK_NAMES)) -> None:
        self.app = app
        self.max_body = max_body
        self.max_url = max_url
        self.hosts = hosts

    def _bad_host(self, scope: Scope) -> str | None:
        if self.hosts is None:
            return None
        values = [v for k, v in scope.get("headers") or [] if k == b"host"]
        if not values:
            return None  # HTTP/1.0 without Host: nothing a browser would send
        name = host_name(values[0].decode("latin-1"))
        if len(values) > 1 or name not in self.hosts:
            return name[:100]
        return None

    def _too_large(self, scope: Scope) -> str | None:
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0").decode("latin-1").strip() or "0"
        if not length.isdigit() or int(length) > self.max_body:
            return f"body of {length[:20]} bytes; limit {self.max_body}"
        if b"transfer-encoding" in headers:
            return "streamed request bodies are not accepted"
        head = sum(len(k) + len(v) + 4 for k, v in scope.get("headers") or [])
        if head > MAX_HEAD_BYTES:
            return f"headers of {head} bytes; limit {MAX_HEAD_BYTES}"
        url_chars = len(scope.get("path", "")) + len(scope.get("query_string", b""))
        if url_chars > self.max_url:
            return f"URL of {url_chars} characters; limit {self.max_url}"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        bad_host = self._bad_host(scope)
        if bad_host is not None:
            err = QuotegraphError("E609", host=bad_host, allowed=", ".join(sorted(self.hosts or ())))
            response = JSONResponse({"error": {"code": err.code, "message": err.message}}, status_code=400,
                                    headers=_CLOSE)
            await response(scope, receive, send_secure)
            return
        problem = self._too_large(scope)
        if problem:
            err = QuotegraphError("E603", detail=problem)
            # always JSON here: a template render needs a routed request
            response = JSONResponse({"error": {"code": err.code, "message": err.message}}, status_code=413,
                                    headers=_CLOSE)
            await response(scope, receive, send_secure)
            return
        await self.app(scope, receive, send_secure)


def create_app(db: str | Path, *, settings: dict[str, Any] | None = None) -> ASGIApp:
    """The server app over database ``db`` (read-only; E302 when the file is missing)."""
    settings = settings or {}
    service = Service(db, page_size=int(settings.get("page_size", 50)),
                      max_page_size=int(settings.get("max_page_size", 200)),
                      time_limit=float(settings.get("query_time_limit", QUERY_TIME_LIMIT)))
    app = Starlette(
        routes=ROUTES,
        exception_handlers={QuotegraphError: _on_quotegraph_error, HTTPException: _on_http_error,
                            Exception: _on_crash},
    )
    app.state.service = service
    app.state.openapi = openapi_document()  # for the API docs page (web does not import api)
    app.state.limits = Limits(max_heavy_searches=int(settings.get("max_heavy_searches", 2)))
    return Guard(app, hosts=allowed_hosts(settings.get("host"), settings.get("allowed_hosts", "")))
