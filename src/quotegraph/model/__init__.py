"""Plain dataclasses shared by every layer; imports nothing else from quotegraph."""

from .document import (
    QUOTE_TYPES,
    SCHEMA_VERSION,
    SPEAKER_KINDS,
    Article,
    Document,
    Entity,
    Mention,
    Quotation,
    Rejected,
    Span,
    Speaker,
    Warning,
)

__all__ = [
    "QUOTE_TYPES",
    "SCHEMA_VERSION",
    "SPEAKER_KINDS",
    "Article",
    "Document",
    "Entity",
    "Mention",
    "Quotation",
    "Rejected",
    "Span",
    "Speaker",
    "Warning",
]
