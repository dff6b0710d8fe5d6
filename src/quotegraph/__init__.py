"""quotegraph: who said what, when, and about whom, in English news articles.

>>> import quotegraph
>>> doc = quotegraph.extract('"We will win," she said.', date="2021-08-16")
>>> [q.text for q in doc.quotes]
['We will win,']
"""

from __future__ import annotations

from .errors import QuotegraphError
from .model import Article, Document, Entity, Mention, Quotation, Rejected, Span, Speaker

__all__ = [
    "Article",
    "Document",
    "Entity",
    "Mention",
    "Quotation",
    "QuotegraphError",
    "Rejected",
    "Span",
    "Speaker",
    "extract",
    "load_pipeline",
]

__version__ = "0.1.0"


def load_pipeline(**settings: object):
    """Build the extraction pipeline (loads the spaCy model once; reuse it)."""
    from .pipeline import load_pipeline as _load

    return _load(**settings)


_DEFAULT = None


def extract(text: str, *, date: str | None = None, id: str = "doc", title: str | None = None) -> Document:
    """Extract every reported statement from one article's text."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_pipeline()
    return _DEFAULT(Article(id=id, text=text, date=date, title=title))
