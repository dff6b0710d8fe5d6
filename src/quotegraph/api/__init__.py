"""The read-only HTTP server: JSON API (with an OpenAPI description) and web pages."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
