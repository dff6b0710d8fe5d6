"""The extraction pipeline: stages over a ``Work`` object, in a checked order."""

from __future__ import annotations

from .base import Pipeline, Proposal, Stage, registry, stage
from .base import WARNINGS as _LOGGED
from .build import DEFAULT_STAGES, load_pipeline

__all__ = ["DEFAULT_STAGES", "WARNINGS", "Pipeline", "Proposal", "Stage", "load_pipeline", "registry", "stage"]

# Warnings the extractor adds to a document (the readers' are W1xx).
WARNINGS: dict[str, str] = {
    "W200": "a quotation is opened and never closed; it is taken to run to the end of its paragraph",
    "W201": "unpaired quotation marks were ignored",
    "W202": "an over-long sentence was cut into pieces for parsing",
}
# Logged by the pipeline (not attached to documents, which come out the same).
WARNINGS.update(_LOGGED)
