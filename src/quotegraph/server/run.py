"""Running the app under uvicorn with bounded connections.

* A connection must deliver a complete request head within
  ``HEADER_TIMEOUT`` seconds of opening (or of its previous response);
  otherwise it is answered 408 with the error envelope and closed, so slowly
  trickled headers cannot hold connections open indefinitely. Idle
  keep-alive connections close after ``KEEP_ALIVE`` seconds.
* A request that is not valid HTTP is answered 400 with the JSON error
  envelope (E601) instead of uvicorn's plain text.
* Forwarding headers (``X-Forwarded-For``/``-Proto``, ``Forwarded``) are
  honoured only from the addresses given as ``trusted_proxies``; by default
  from none.
"""

from __future__ import annotations

import json
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..errors import QuotegraphError
from .app import MAX_HEAD_BYTES, SECURITY_HEADERS

__all__ = ["HEADER_TIMEOUT", "KEEP_ALIVE", "BoundedH11Protocol", "server_config", "serve_forever"]

HEADER_TIMEOUT = 10.0  # seconds for a complete request head
KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open


def _envelope(status: int, reason: bytes, err: QuotegraphError) -> bytes:
    body = json.dumps({"error": {"code": err.code, "message": err.message}}).encode()
    head = [b"HTTP/1.1 %d %s" % (status, reason), b"content-type: application/json",
            b"content-length: %d" % len(body), b"connection: close"]
    head += [name + b": " + value for name, value in SECURITY_HEADERS]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for request heads and enveloped protocol errors."""

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
        super().connection_lost(exc)

    def _arm_head_deadline(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
        cycle = self.cycle
        self._head_timer = self.loop.call_later(HEADER_TIMEOUT, self._head_deadline, cycle)

    def _head_deadline(self, cycle: Any) -> None:
        if self.transport.is_closing() or self.cycle is not cycle:
            return  # closed, or a new request head arrived in time
        if self.conn.their_state is h11.IDLE and self.conn.our_state in (h11.IDLE, h11.DONE):
            err = QuotegraphError("E601", name="request", detail=f"no complete request within {HEADER_TIMEOUT:g} s")
            self.transport.write(_envelope(408, b"Request Timeout", err))
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        err = QuotegraphError("E601", name="request", detail=msg.rstrip("."))
        self.transport.write(_envelope(400, b"Bad Request", err))
        self.transport.close()


def server_config(app: Any, *, host: str, port: int, trusted_proxies: str = "") -> uvicorn.Config:
    """The uvicorn configuration ``quotegraph serve`` runs with."""
    trusted = ",".join(p.strip() for p in (trusted_proxies or "").split(",") if p.strip())
    return uvicorn.Config(
        app, host=host, port=port, log_level="warning", server_header=False,
        http=BoundedH11Protocol, timeout_keep_alive=KEEP_ALIVE, h11_max_incomplete_event_size=MAX_HEAD_BYTES + 8192,
        proxy_headers=bool(trusted), forwarded_allow_ips=trusted or None,
    )


def serve_forever(config: uvicorn.Config) -> None:
    """Run the server until interrupted."""
    uvicorn.Server(config).run()
