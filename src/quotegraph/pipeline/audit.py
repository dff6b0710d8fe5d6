"""Check that stages touch only what they declare, by recording a real run.

``audit(pipeline, article)`` runs the pipeline over one article while every
read and write of a ``Work`` field, and of a field of a candidate or cluster
that existed before the stage started, is recorded against the running stage.
It returns the document and the list of breaches of the declarations:

* a read of a field the stage neither requires nor assigns;
* a write of a field the stage does not own (``Pipeline.owners``);
* a proposal for a field the stage did not declare in ``proposes``.

Objects a stage creates are its own until it hands them over, so their fields
are not checked; putting them into a document list is a write of that list.
The recording patches the classes for the duration of the run, so audit one
article at a time and in one thread; it is a test and debugging tool, not a
production path.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import fields
from typing import Any, Iterator

from ..model import Article, Document
from .base import Pipeline, Stage
from .work import Candidate, Cluster, Work

__all__ = ["audit"]

_KINDS: tuple[tuple[type, str], ...] = ((Work, ""), (Candidate, "candidates."), (Cluster, "clusters."))
_MUTATORS = ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
             "__setitem__", "__delitem__", "__iadd__", "__imul__")


class _Recorder:
    """Who is running, which objects predate the stage, and what went wrong."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.owners = pipeline.owners
        self.stages: list[Stage] = []  # the running stage, then any owner applying a proposal
        self.old: dict[int, Any] = {}  # id -> object, for candidates and clusters that predate the stage
        self.breaches: list[str] = []

    @property
    def stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def _note(self, text: str) -> None:
        if text not in self.breaches:
            self.breaches.append(text)

    def read(self, obj: Any, field: str) -> None:
        st = self.stage
        if st is None or not self._tracked(obj, field):
            return
        declared = (*st.requires, *st.assigns, *st.proposes)
        if field in declared or self.owners.get(field) is st:
            return
        if "." not in field and any(d.startswith(field + ".") for d in declared):
            return  # reading the list to reach the declared fields of its items
        self._note(f"stage '{st.name}' reads '{field}', which it does not declare")

    def write(self, obj: Any, field: str) -> None:
        st = self.stage
        if st is None or not self._tracked(obj, field):
            return
        owner = self.owners.get(field)
        if owner is not st:
            by = f"owned by '{owner.name}'" if owner is not None else "owned by no stage"
            self._note(f"stage '{st.name}' writes '{field}' ({by})")

    def _tracked(self, obj: Any, field: str) -> bool:
        if field in Work.LOG_FIELDS:
            return False  # the shared warnings log
        return isinstance(obj, Work) or id(obj) in self.old

    def begin(self, stage: Stage, work: Work) -> None:
        """Wrap the lists of ``work`` and its items so that in-place changes are seen."""
        self.old = {}
        for name in ("paragraphs", "sentences", "regions", "clauses", "clusters", "candidates"):
            object.__setattr__(work, name, _RecordingList(object.__getattribute__(work, name), self, work, name))
        for items, prefix in ((work.candidates, "candidates."), (work.clusters, "clusters.")):
            for item in list.__iter__(items):
                self.old[id(item)] = item
                for f in fields(item):
                    value = object.__getattribute__(item, f.name)
                    if isinstance(value, list):
                        object.__setattr__(item, f.name, _RecordingList(value, self, item, prefix + f.name))
        self.stages = [stage]

    def end(self) -> None:
        self.stages = []

    def accepting(self, owner: Stage, proposal: Any) -> None:
        st = self.stage
        if st is not None and proposal.field not in st.proposes:
            self._note(f"stage '{st.name}' proposes '{proposal.field}', which it does not declare in proposes")
        self.stages.append(owner)


class _RecordingList(list):
    """A list that reports every in-place change as a write of its field."""

    def __init__(self, items: list, recorder: _Recorder, owner: Any, field: str) -> None:
        super().__init__(items)
        self._recorder, self._owner, self._field = recorder, owner, field


def _mutator(name: str):
    method = getattr(list, name)

    def wrapped(self, *args, **kwargs):
        self._recorder.write(self._owner, self._field)
        return method(self, *args, **kwargs)

    wrapped.__name__ = name
    return wrapped


for _name in _MUTATORS:
    setattr(_RecordingList, _name, _mutator(_name))


@contextmanager
def _recording(recorder: _Recorder, pipeline: Pipeline) -> Iterator[None]:
    saved: list[tuple[type, str, Any]] = []
    for cls, prefix in _KINDS:
        names = frozenset(f.name for f in fields(cls) if f"{prefix}{f.name}" in Work.FIELDS)
        get, put = cls.__getattribute__, cls.__setattr__

        def reading(self, name, _get=get, _names=names, _prefix=prefix):
            value = _get(self, name)
            if name in _names:
                recorder.read(self, _prefix + name)
            return value

        def writing(self, name, value, _put=put, _names=names, _prefix=prefix):
            if name in _names:
                recorder.write(self, _prefix + name)
            _put(self, name, value)

        for attr, new in (("__getattribute__", reading), ("__setattr__", writing)):
            saved.append((cls, attr, cls.__dict__.get(attr)))
            setattr(cls, attr, new)
    for owner in pipeline.stages:
        if getattr(owner, "accepts_proposals", False):
            def accept(work, proposal, _owner=owner, _accept=owner.accept):
                recorder.accepting(_owner, proposal)
                try:
                    _accept(work, proposal)
                finally:
                    recorder.stages.pop()

            owner.accept = accept  # type: ignore[method-assign]
    try:
        yield
    finally:
        for cls, attr, old in reversed(saved):
            if old is None:
                delattr(cls, attr)
            else:
                setattr(cls, attr, old)
        for owner in pipeline.stages:
            owner.__dict__.pop("accept", None)


def audit(pipeline: Pipeline, article: Article) -> tuple[Document, list[str]]:
    """Run ``pipeline`` over ``article`` and return the document and every breach of the declarations."""
    recorder = _Recorder(pipeline)
    work = pipeline._start(article)
    with _recording(recorder, pipeline):
        for st in pipeline.stages:
            recorder.begin(st, work)
            try:
                pipeline._run(st, work)
            finally:
                recorder.end()
    return work.to_document(), recorder.breaches
