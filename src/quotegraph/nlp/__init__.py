"""The only place that imports spaCy."""

from .model import MODEL_PACKAGE, load_model, parse_texts, recognise_texts

__all__ = ["MODEL_PACKAGE", "load_model", "parse_texts", "recognise_texts"]
