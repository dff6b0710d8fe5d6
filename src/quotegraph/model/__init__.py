"""The record definition: plain dataclasses shared by every layer; imports nothing else from quotegraph."""

from .dates import DAY_PATTERN, PARTIAL_DATE_PATTERN, Day, PartialDate, first_day, from_first_day, is_day, is_partial_date
from .document import (
    DATE_PRECISIONS,
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
    date_precision,
)

__all__ = [
    "DAY_PATTERN",
    "PARTIAL_DATE_PATTERN",
    "Day",
    "PartialDate",
    "first_day",
    "from_first_day",
    "is_day",
    "is_partial_date",
    "DATE_PRECISIONS",
    "date_precision",
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
