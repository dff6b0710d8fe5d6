"""Hand-built ``Work`` objects for the rule stages that need no spaCy model.

The rule stages (paragraphs, quote marks, sentences) are run for real over a
``Work`` made from an ``Article``; only the model-backed stages are left out.
"""

from __future__ import annotations

from quotegraph.model import Article
from quotegraph.pipeline.stages.marks import QuoteMarks
from quotegraph.pipeline.stages.segment import Paragraphs, Sentences
from quotegraph.pipeline.work import Work

__all__ = ["segmented", "region_texts", "sentence_texts", "paragraph_texts"]


def segmented(text: str, date: str | None = "2021-08-16") -> Work:
    """A ``Work`` after the paragraphs, quote_marks and sentences stages."""
    work = Work.from_article(Article(id="t", text=text, date=date))
    for stage in (Paragraphs(), QuoteMarks(), Sentences()):
        stage(work)
    return work


def region_texts(work: Work, style: str | None = None) -> list[list[str]]:
    """Content of every quotation region, one string per span, in document order."""
    return [[s.slice(work.text) for s in r.spans] for r in work.regions if style is None or r.style == style]


def sentence_texts(work: Work) -> list[str]:
    """Every sentence as text."""
    return [s.slice(work.text) for s in work.sentences]


def paragraph_texts(work: Work) -> list[str]:
    """Every paragraph as text."""
    return [p.slice(work.text) for p in work.paragraphs]
