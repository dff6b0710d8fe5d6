"""A worker's loaded pipeline is taken out of the cyclic collector's way (issue 15: CPU per article)."""

from __future__ import annotations

import gc
import sys
import uuid
import weakref

import pytest

from quotegraph.pipeline.worker import get_pipeline


class _Node:
    def __init__(self) -> None:
        self.other = self  # a reference cycle: only the cyclic collector can free it


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def _generations() -> list[object]:
    return [o for g in range(3) for o in gc.get_objects(generation=g)]


def test_loaded_pipeline_is_frozen_and_load_garbage_is_collected(unfrozen):
    left_behind: list[weakref.ref] = []

    def loader(**settings):
        dropped = _Node()
        left_behind.append(weakref.ref(dropped))
        del dropped  # garbage of the load: a cycle nothing refers to

        def pipeline(article):
            return article

        pipeline.held = _Node()  # lives as long as the pipeline
        return pipeline

    pipeline = get_pipeline({"case": uuid.uuid4().hex}, loader)
    assert left_behind[0]() is None  # collected before the freeze, not kept for ever
    assert not any(o is pipeline.held for o in _generations())  # frozen: no collection walks it
    assert gc.get_freeze_count() > 0


def test_objects_made_after_the_load_are_still_collected(unfrozen):
    get_pipeline({"case": uuid.uuid4().hex}, lambda **settings: (lambda article: article))
    later = _Node()
    ref = weakref.ref(later)
    del later
    gc.collect()
    assert ref() is None


def test_loading_a_pipeline_keeps_freed_memory_for_reuse(unfrozen, monkeypatch):
    from quotegraph.pipeline import worker

    calls = []
    monkeypatch.setattr(worker, "_keep_freed_memory", lambda: calls.append(1) or True)
    get_pipeline({"case": uuid.uuid4().hex}, lambda **settings: (lambda article: article))
    get_pipeline({"case": uuid.uuid4().hex}, lambda **settings: (lambda article: article))
    assert len(calls) == 2  # once per load, not per call


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_heap_thresholds_are_accepted_by_glibc():
    from quotegraph.pipeline.worker import _keep_freed_memory

    assert _keep_freed_memory() is True  # mallopt returns 0 for a setting it refuses
