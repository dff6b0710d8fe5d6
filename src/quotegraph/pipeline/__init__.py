"""The extraction pipeline: stages over a ``Work`` object, in a checked order."""

from __future__ import annotations

from .base import Pipeline, Stage, register, registry
from .build import DEFAULT_STAGES, load_pipeline

__all__ = ["DEFAULT_STAGES", "Pipeline", "Stage", "load_pipeline", "register", "registry"]
