"""The read-only HTTP server: one routes table composing the JSON API (``api``)
and the web pages (``web``), the one error envelope, and running it under
uvicorn. ``api`` and ``web`` never import each other; both call the service
through ``quotegraph.calls``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
