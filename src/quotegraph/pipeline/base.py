"""Stage protocol, registry and the Pipeline that runs stages in order.

A stage is a named callable over a ``Work`` object (the document being
analysed), declared once with ``@stage(name, requires=..., assigns=...)``.
``requires`` and ``assigns`` name real fields of the working document
(``Work.FIELDS``: ``"clauses"``, ``"candidates.channel"``, ...). When the
pipeline is built it checks (E200) that every declared field exists, that
every field a stage requires is assigned by an earlier stage, and that every
field has exactly one owning stage. A stage that wants to change a field it
does not own declares it in ``proposes`` and calls ``work.propose(...)``; the
owning stage's ``accept`` applies the proposal by its own policy.

A stage declared ``batched=True`` has a ``batch(works)`` method that runs
several documents in one pass (the model parse); it must assign all or
nothing, because when it fails the pipeline logs W203 and runs the documents
one at a time to isolate the one at fault.
"""

from __future__ import annotations

import inspect
import logging
import time
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar, runtime_checkable

from ..errors import WARNINGS, PipelineError, QuotegraphError
from ..model import Article, Document, Rejected
from .work import Proposal, Work

__all__ = ["Stage", "stage", "registry", "Pipeline", "Proposal"]

log = logging.getLogger("quotegraph.pipeline")


@runtime_checkable
class Stage(Protocol):
    """What the pipeline needs from a stage; ``@stage`` supplies the declarations."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    proposes: tuple[str, ...]
    batched: bool

    def __call__(self, work: Work) -> None: ...


T = TypeVar("T", bound=type)

_REGISTRY: dict[str, type] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (), proposes: Iterable[str] = (),
          config: dict[str, Any] | None = None, batched: bool = False) -> Callable[[T], T]:
    """Class decorator: declare a stage once and register it by ``name``.

    ``config`` maps constructor keywords to their defaults; ``load_pipeline``
    passes the setting of the same name (``quotegraph.settings``) for each.
    ``batched`` says the class has a ``batch(works)`` method. A class with an
    ``accept(work, proposal)`` method takes proposals for the fields it owns.
    """

    def deco(cls: T) -> T:
        if batched and not callable(getattr(cls, "batch", None)):
            raise TypeError(f"stage '{name}' is declared batched but has no batch(works) method")
        params = inspect.signature(cls).parameters
        for key, default in (config or {}).items():
            if key not in params or params[key].default != default:
                raise TypeError(f"stage '{name}' declares config '{key}={default!r}', which its constructor does not take")
        cls.name = name
        cls.requires, cls.assigns, cls.proposes = tuple(requires), tuple(assigns), tuple(proposes)
        cls.config = dict(config or {})
        cls.batched = batched
        cls.accepts_proposals = callable(getattr(cls, "accept", None))
        _REGISTRY[name] = cls
        return cls

    return deco


def registry() -> dict[str, type]:
    """Known stage classes by name."""
    return dict(_REGISTRY)


def _e200(stage: Stage, problem: str) -> PipelineError:
    return PipelineError("E200", id="pipeline", stage=stage.name, problem=problem)


def check_declarations(stages: list[Stage]) -> dict[str, Stage]:
    """Check every stage's declarations in order (E200); returns the owning stage of each field.

    The stage that assigns a list field (``candidates``) creates its items and
    owns every field of them that no stage of this pipeline assigns itself.
    """
    explicit = {f for st in stages for f in st.assigns}
    available = set(Work.INITIAL_FIELDS)
    owners: dict[str, Stage] = {}
    for st in stages:
        proposes = tuple(getattr(st, "proposes", ()))
        for field in (*st.requires, *st.assigns, *proposes):
            if field not in Work.FIELDS:
                raise _e200(st, f"declares '{field}', which is no field of the working document")
        for field in st.requires:
            if field not in available:
                raise _e200(st, f"requires '{field}', which no earlier stage assigns")
        for field in proposes:
            owner = owners.get(field)
            if owner is None:
                raise _e200(st, f"proposes a change to '{field}', which no earlier stage owns")
            if not getattr(owner, "accepts_proposals", False):
                raise _e200(st, f"proposes a change to '{field}', but its owner '{owner.name}' takes no proposals")
        for field in st.assigns:
            if field in owners:
                raise _e200(st, f"assigns '{field}', which stage '{owners[field].name}' already owns")
            items = [f for f in Work.FIELDS if f.startswith(field + ".") and f not in explicit]
            for f in (field, *items):
                owners[f] = st
                available.add(f)
    return owners


class Pipeline:
    """Runs stages over articles; one instance per process (it holds the model)."""

    def __init__(self, stages: Iterable[Stage], *, time_budget: float = 60.0, max_chars: int = 2_000_000) -> None:
        self.stages = list(stages)
        self.time_budget = time_budget
        self.max_chars = max_chars
        self.owners = check_declarations(self.stages)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def analyse(self, article: Article) -> Work:
        """Run every stage over ``article`` and return the working state (for debugging)."""
        work = self._start(article)
        for stage in self.stages:
            self._run(stage, work)
        return work

    def _start(self, article: Article) -> Work:
        if len(article.text) > self.max_chars:
            raise PipelineError("E202", id=article.id, stage="input",
                                detail=f"document is too large ({len(article.text)} characters; limit {self.max_chars})")
        work = Work.from_article(article, deadline=time.monotonic() + self.time_budget)
        work.owners = self.owners
        return work

    def _run(self, stage: Stage, work: Work) -> None:
        """One stage over one document; any failure becomes a coded error naming both."""
        if time.monotonic() > work.deadline:
            raise PipelineError("E201", id=work.article.id, budget=self.time_budget)
        try:
            stage(work)
        except QuotegraphError:
            raise
        except Exception as exc:  # a bug in one stage must not kill the batch
            raise PipelineError("E202", id=work.article.id, stage=stage.name,
                                detail=f"{type(exc).__name__}: {exc}") from exc

    def __call__(self, article: Article) -> Document:
        """Extract every statement from one article."""
        return self.analyse(article).to_document()

    def pipe(self, articles: Iterable[Article | Rejected], *, chunk: int = 8) -> Iterator[Document | Rejected]:
        """Extract from many articles; failures come back as ``Rejected`` in place.

        Articles are taken ``chunk`` at a time so that stages with a ``batch``
        method (the parse) see several articles in one model pass; results do
        not depend on ``chunk``.
        """
        buf: list[Article | Rejected] = []
        for article in articles:
            buf.append(article)
            if len(buf) >= chunk:
                yield from self._chunk(buf)
                buf = []
        if buf:
            yield from self._chunk(buf)

    def _chunk(self, items: list[Article | Rejected]) -> list[Document | Rejected]:
        out: list[Document | Rejected | None] = [None] * len(items)
        works: dict[int, Work] = {}
        for i, item in enumerate(items):
            if isinstance(item, Rejected):
                out[i] = item
            elif len(item.text) > BATCH_MAX_CHARS:
                out[i] = self._alone(item)  # a long article never holds up the others' time budgets
        # The others' budgets start only now, after the long ones ran on their own.
        for i, item in enumerate(items):
            if out[i] is None:
                try:
                    works[i] = self._start(item)
                except QuotegraphError as exc:
                    out[i] = _rejected(item, exc)
        for stage in self.stages:
            live = [i for i in works if out[i] is None]
            if stage.batched and len(live) > 1 and self._batch(stage, [works[i] for i in live]):
                continue
            for i in live:
                try:
                    self._run(stage, works[i])
                except QuotegraphError as exc:
                    out[i] = _rejected(works[i].article, exc)
        for i, work in works.items():
            if out[i] is None:
                out[i] = work.to_document()
        return out  # type: ignore[return-value]

    def _batch(self, stage: Stage, works: list[Work]) -> bool:
        """One batched pass; False (logged as W203) sends the documents through one at a time."""
        try:
            stage.batch(works)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - isolate the article at fault one by one
            log.warning("[W203] %s", WARNINGS["W203"].format(stage=stage.name, n=len(works),
                                                              detail=f"{type(exc).__name__}: {exc}"))
            return False
        return True

    def _alone(self, article: Article) -> Document | Rejected:
        try:
            return self(article)
        except QuotegraphError as exc:
            return _rejected(article, exc)


BATCH_MAX_CHARS = 20_000


def _rejected(article: Article, exc: QuotegraphError) -> Rejected:
    return Rejected(article.id, article.origin, exc.code, exc.message)
