"""Stage protocol, registry and the Pipeline that runs stages in order.

A stage is a named callable over a ``Work`` object (the document being
analysed) that declares the fields it ``requires`` and ``assigns``. The
pipeline checks the order when it is built (E200), so a missing step is a
construction error, not a wrong answer at run time.
"""

from __future__ import annotations

import time
from typing import Callable, Iterable, Iterator, Protocol, runtime_checkable

from ..errors import PipelineError, QuotegraphError
from ..model import Article, Document, Rejected
from .work import Work

__all__ = ["Stage", "register", "registry", "Pipeline"]


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> None: ...


_REGISTRY: dict[str, Callable[..., Stage]] = {}


def register(name: str) -> Callable[[Callable[..., Stage]], Callable[..., Stage]]:
    """Class/function decorator: make a stage factory available by name."""

    def deco(factory: Callable[..., Stage]) -> Callable[..., Stage]:
        _REGISTRY[name] = factory
        return factory

    return deco


def registry() -> dict[str, Callable[..., Stage]]:
    """Known stage factories by name."""
    return dict(_REGISTRY)


class Pipeline:
    """Runs stages over articles; one instance per process (it holds the model)."""

    def __init__(self, stages: Iterable[Stage], *, time_budget: float = 60.0, max_chars: int = 2_000_000) -> None:
        self.stages = list(stages)
        self.time_budget = time_budget
        self.max_chars = max_chars
        self._check_order()

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _check_order(self) -> None:
        available = set(Work.INITIAL_FIELDS)
        for stage in self.stages:
            for field in stage.requires:
                if field not in available:
                    raise PipelineError("E200", id="pipeline", stage=stage.name, missing=field)
            available.update(stage.assigns)

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
        return Work.from_article(article, deadline=time.monotonic() + self.time_budget)

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
            else:
                try:
                    works[i] = self._start(item)
                except QuotegraphError as exc:
                    out[i] = _rejected(item, exc)
        for stage in self.stages:
            live = [i for i in works if out[i] is None]
            if hasattr(stage, "batch") and len(live) > 1:
                try:
                    stage.batch([works[i] for i in live])
                    continue
                except Exception:  # noqa: BLE001 - isolate the article at fault below
                    pass
            for i in live:
                try:
                    self._run(stage, works[i])
                except QuotegraphError as exc:
                    out[i] = _rejected(works[i].article, exc)
        for i, work in works.items():
            if out[i] is None:
                out[i] = work.to_document()
        return out  # type: ignore[return-value]

    def _alone(self, article: Article) -> Document | Rejected:
        try:
            return self(article)
        except QuotegraphError as exc:
            return _rejected(article, exc)


BATCH_MAX_CHARS = 20_000


def _rejected(article: Article, exc: QuotegraphError) -> Rejected:
    return Rejected(article.id, article.origin, exc.code, exc.message)
