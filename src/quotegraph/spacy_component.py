"""quotegraph as a spaCy pipeline component.

    import spacy
    nlp = spacy.load("en_core_web_sm")          # any English pipeline with a tagger and a parser
    nlp.add_pipe("quotegraph")                  # found through the ``spacy_factories`` entry point
    doc = nlp(text)
    doc.spans["quotes"]                         # one Span per statement, labelled direct/indirect/mixed
    doc._.quotes                                # the JSON contract's quote records, plus token offsets
    doc._.speakers                              # one record per canonical speaker

This module is the adapter between spaCy and the pipeline (the one place
besides ``quotegraph.nlp`` that imports spaCy). The component runs quotegraph's own pipeline over ``doc.text`` with the
host pipeline's model (the components before it), so the statements are
the ones ``quotegraph extract`` gives for the same text and model. Set
``doc._.article_date`` (``YYYY-MM-DD``) before the component runs to resolve
"on Saturday" and other relative dates; ``doc.user_data["id"]`` names the
document in error messages.

Records in ``doc._.quotes`` are ``Quotation.to_dict()``, and every
``{start, end}`` in them (spans, cue, speaker mention, channel and date
evidence) also carries ``token_start``/``token_end``: the half-open token
range of the doc that covers those characters.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import PipelineError
from .model import Article, Document
from .nlp.model import _EXCLUDE, check_model

__all__ = ["QuotegraphComponent", "make_quotegraph", "SPAN_KEY"]

SPAN_KEY = "quotes"
_EXTENSIONS = ("quotes", "speakers", "article_date")
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "quotegraph",
    default_config={"time_budget": 60.0, "max_chars": 2_000_000, "span_key": SPAN_KEY},
    assigns=["doc.spans", "doc._.quotes", "doc._.speakers"],
    requires=["token.tag", "token.dep"],
)
def make_quotegraph(nlp: Language, name: str, time_budget: float, max_chars: int, span_key: str) -> "QuotegraphComponent":
    """The ``quotegraph`` factory (``nlp.add_pipe("quotegraph")``)."""
    return QuotegraphComponent(nlp, name, time_budget=time_budget, max_chars=max_chars, span_key=span_key)


class QuotegraphComponent:
    """Reported statements, speakers and dates for each doc, on the host pipeline's model."""

    def __init__(self, nlp: Language, name: str = "quotegraph", *, time_budget: float = 60.0,
                 max_chars: int = 2_000_000, span_key: str = SPAN_KEY) -> None:
        self.nlp, self.name, self.span_key = nlp, name, span_key
        self.time_budget, self.max_chars = time_budget, max_chars
        self._pipeline = None

    def _model(self) -> Language:
        """The host pipeline seen through the components before this one only."""
        return _Upstream(self.nlp, self.name)

    def _get_pipeline(self):
        if self._pipeline is None:
            check_model(self.nlp, self.nlp.meta.get("name", "host pipeline"))
            from .pipeline import load_pipeline

            self._pipeline = load_pipeline(objects={"parse": {"nlp": self._model()}},
                                           time_budget=self.time_budget, max_chars=self.max_chars)
        return self._pipeline

    def __call__(self, doc: Doc) -> Doc:
        result = self._get_pipeline()(article_of(doc))
        set_annotations(doc, result, self.span_key)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        pipeline = self._get_pipeline()
        buf: list[Doc] = []
        for doc in docs:
            buf.append(doc)
            if len(buf) >= batch_size:
                yield from self._flush(pipeline, buf)
                buf = []
        yield from self._flush(pipeline, buf)

    def _flush(self, pipeline, docs: list[Doc]) -> Iterator[Doc]:
        for doc, result in zip(docs, pipeline.pipe([article_of(d) for d in docs]), strict=True):
            if not isinstance(result, Document):
                raise PipelineError("E205", id=result.id, detail=result.reason)
            set_annotations(doc, result, self.span_key)
            yield doc


class _Upstream:
    """The host ``Language`` with this component and everything after it switched off.

    quotegraph parses each sentence again (long quotations masked); that
    parse must not run this component again, nor later components.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self._nlp, self._name = nlp, name
        self._extra: set[str] = set()

    def _off(self) -> list[str]:
        names = self._nlp.component_names
        off = set(names[names.index(self._name):] if self._name in names else [])
        off |= set(_EXCLUDE) | self._extra
        return [n for n in self._nlp.pipe_names if n in off]

    @property
    def pipe_names(self) -> list[str]:
        off = set(self._off())
        return [n for n in self._nlp.pipe_names if n not in off]

    @contextmanager
    def select_pipes(self, *, disable: Iterable[str]):
        saved, self._extra = self._extra, self._extra | set(disable)
        try:
            yield self
        finally:
            self._extra = saved

    def pipe(self, texts, batch_size: int = 64, component_cfg: dict[str, dict[str, Any]] | None = None):
        with self._nlp.select_pipes(disable=self._off()):
            yield from self._nlp.pipe(texts, batch_size=batch_size, component_cfg=component_cfg)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def article_of(doc: Doc) -> Article:
    """The ``Article`` quotegraph reads from a spaCy ``Doc``."""
    return Article(id=str(doc.user_data.get("id", "doc")), text=doc.text, date=doc._.article_date, origin="<spacy Doc>")


def _tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:  # only whitespace: the token range is empty, where the characters are
        i = next((t.i for t in doc if t.idx >= start), len(doc))
        return i, i
    return span.start, span.end


def _with_tokens(doc: Doc, value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _with_tokens(doc, v) for k, v in value.items()}
        if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
            out["token_start"], out["token_end"] = _tokens(doc, out["start"], out["end"])
        return out
    if isinstance(value, list):
        return [_with_tokens(doc, v) for v in value]
    return value


def speakers_of(result: Document) -> list[dict[str, Any]]:
    """One record per canonical speaker: name, kind and the indices of its quotes in ``doc._.quotes``."""
    out: dict[str, dict[str, Any]] = {}
    for i, q in enumerate(result.quotes):
        if q.speaker is None:
            continue
        rec = out.setdefault(q.speaker.name, {"name": q.speaker.name, "kind": q.speaker.kind, "quotes": [], "mentions": []})
        rec["quotes"].append(i)
    for entity in result.entities:
        if entity.name in out:
            out[entity.name]["mentions"] = [m.to_dict() for m in entity.mentions]
    return list(out.values())


def set_annotations(doc: Doc, result: Document, span_key: str = SPAN_KEY) -> None:
    """Fill ``doc.spans[span_key]``, ``doc._.quotes`` and ``doc._.speakers`` from an extraction result."""
    records = [_with_tokens(doc, q.to_dict()) for q in result.quotes]
    spans = []
    for q, rec in zip(result.quotes, records):
        first, last = rec["spans"][0], rec["spans"][-1]
        span = Span(doc, first["token_start"], last["token_end"], label=q.type)
        spans.append(span)
    doc.spans[span_key] = spans
    doc._.quotes = records
    doc._.speakers = [_with_tokens(doc, s) for s in speakers_of(result)]
