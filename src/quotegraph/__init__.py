"""quotegraph: who said what, when, and about whom, in English news articles.

>>> import quotegraph
>>> doc = quotegraph.extract('"We will win," she said.', date="2021-08-16")
>>> [q.text for q in doc.quotes]
['We will win,']

A folder of articles to a table of statements (pandas), on two processes::

    import quotegraph
    if __name__ == "__main__":
        docs = quotegraph.extract_many(quotegraph.read(["examples/"]), processes=2)
        frame = quotegraph.to_frame(docs)
        print(frame[["speaker", "statement", "date", "article"]])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

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
    "extract_many",
    "load_pipeline",
    "read",
    "to_frame",
]

from .version import __version__  # noqa: E402  (a leaf module: nothing inside quotegraph imports the root)


def load_pipeline(**settings: object):
    """Build the extraction pipeline (loads the spaCy model once; reuse it)."""
    from .pipeline import load_pipeline as _load

    return _load(**settings)


_DEFAULT = None


def extract(text: Any, *, date: str | None = None, id: str = "doc", title: str | None = None) -> Document:
    """Extract every reported statement from one article.

    ``text`` is the article's text, or a spaCy ``Doc`` (its text, and its
    ``doc._.article_date`` when set and no ``date`` is given). Text that
    opens with a dated-text header (`` date 2021-08-16 ``) is read as a
    dated-text file is: the header gives the date and is not part of the
    document text.
    """
    global _DEFAULT
    article = _article(text, date=date, id=id, title=title)
    if _DEFAULT is None:
        _DEFAULT = load_pipeline()
    return _DEFAULT(article)


def _article(text: Any, *, date: str | None, id: str, title: str | None) -> Article:
    if not isinstance(text, str):
        if hasattr(text, "text") and hasattr(text, "vocab"):  # a spaCy Doc (spaCy is not imported for this)
            ext = getattr(text, "_", None)
            doc_date = getattr(ext, "article_date", None) if ext is not None and ext.has("article_date") else None
            return Article(id=id, text=text.text, date=date or doc_date, title=title, origin="<spacy Doc>")
        raise TypeError(f"quotegraph.extract() takes a str or a spaCy Doc, not {type(text).__name__}")
    from .ingest import text_article

    article = text_article(text, id=id, origin="<memory>")
    article.title = title
    if date is not None:
        from .errors import InputError
        from .ingest.dates import read_date

        given, problem = read_date(date)
        if given is None:
            raise InputError("E108", origin="<memory>", value=date, detail=problem)
        date = given
        if article.date is not None and article.date != date:
            from .ingest.decode import warn

            article.warnings.append(warn("W108", f"header {article.date}, given {date}"))
        article.date = date
    return article


def read(paths: str | Path | Iterable[str | Path], **settings: Any) -> Iterator[Article | Rejected]:
    """The articles in ``paths`` (files, directories, ``-`` for stdin), read exactly as the CLI reads them.

    Dated text, plain text, JSONL (plain or gzip) and HTML; each input that
    cannot be read is a ``Rejected`` naming it and the reason, in place.
    ``settings`` as in ``quotegraph.settings`` (``max_chars``, ``max_file_bytes``).
    """
    from .ingest import read_paths
    from .settings import resolve

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return read_paths([str(p) for p in paths], settings=resolve(**settings))


def extract_many(documents: Iterable[Article | Rejected | str], *, processes: int | None = None,
                 **settings: Any) -> Iterator[Document | Rejected]:
    """Extract many articles on ``processes`` worker processes (default: all cores), in input order.

    ``documents`` are ``Article`` records (``quotegraph.read`` gives them),
    ``Rejected`` records (passed through in place) or plain texts. An article
    that fails comes back as ``Rejected`` with a coded reason; the rest go
    on. With more than one process, call it under ``if __name__ ==
    "__main__":`` in a script, as ``multiprocessing`` requires.
    """
    from .pipeline.pool import extract_many as _extract_many
    from .settings import resolve

    opts = resolve(processes=processes, **settings)
    pipeline_settings = {k: opts[k] for k in ("max_chars", "time_budget", "batch_size", "model")}
    items = (Article(id=f"doc-{i}", text=d) if isinstance(d, str) else d for i, d in enumerate(documents))
    return _extract_many(items, processes=opts.processes, settings=pipeline_settings)


FRAME_COLUMNS = (
    "article", "date", "title", "url", "quote_index", "speaker", "speaker_kind", "statement", "type",
    "cue", "channel", "said_on", "said_on_precision", "about", "signatories", "start", "end", "confidence",
)


def to_frame(documents: Iterable[Document | Rejected | dict]):
    """A pandas ``DataFrame`` with one row per statement (``FRAME_COLUMNS``); rejected inputs are skipped.

    ``documents`` are ``Document`` records or their ``to_dict()`` form.
    pandas is optional: E509 names the extra to install when it is missing.
    """
    from .errors import import_optional

    pd = import_optional("pandas", extra="pandas", feature="quotegraph.to_frame")
    rows = []
    for doc in documents:
        if isinstance(doc, dict):
            doc = Document.from_dict(doc)
        if not isinstance(doc, Document):
            continue
        for i, q in enumerate(doc.quotes):
            rows.append({
                "article": doc.id, "date": doc.date, "title": doc.title, "url": doc.url, "quote_index": i,
                "speaker": q.speaker.name if q.speaker else None, "speaker_kind": q.speaker.kind if q.speaker else None,
                "statement": q.text, "type": q.type, "cue": q.cue.text if q.cue else None, "channel": q.channel,
                "said_on": q.said_on, "said_on_precision": q.said_on_precision,
                "about": list(q.about), "signatories": list(q.signatories),
                "start": q.start if q.spans else None, "end": q.end if q.spans else None, "confidence": q.confidence,
            })
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
