"""The extraction pipeline: stages over a ``Work`` object, in a checked order."""

from __future__ import annotations

from ..errors import WARNINGS as ALL_WARNINGS
from .base import Pipeline, Proposal, Stage, registry, stage
from .build import DEFAULT_STAGES, load_pipeline

__all__ = ["DEFAULT_STAGES", "WARNINGS", "Pipeline", "Proposal", "Stage", "load_pipeline", "registry", "stage"]

# Warnings the extractor adds to a document or logs (the readers' are W1xx); every code lives in ``quotegraph.errors``.
WARNINGS: dict[str, str] = {code: text for code, text in ALL_WARNINGS.items() if code.startswith("W2")}
