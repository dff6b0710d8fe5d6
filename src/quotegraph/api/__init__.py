"""The JSON API: endpoint handlers and the OpenAPI description (served by ``quotegraph.server``)."""

from __future__ import annotations

__all__: list[str] = []
