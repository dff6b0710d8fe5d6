"""extract_many: input order, equality with one process, bounded memory, dead workers."""

from __future__ import annotations

import os

import psutil
import pytest

from batch_helpers import articles, broken_loader, hand_loader
from quotegraph.pipeline.pool import extract_many
from quotegraph.errors import BatchError
from quotegraph.model import Article, Document, Rejected


def _dicts(results):
    return [r.to_dict() for r in results]


def test_one_process_runs_in_process_in_order():
    items = articles(13)
    out = list(extract_many(items, processes=1, loader=hand_loader, chunksize=4))
    assert [r.id for r in out] == [a.id for a in items]
    assert all(isinstance(r, Document) for r in out)
    assert out[0].quotes[0].text == "item 0 is here"


@pytest.mark.parametrize("chunksize", [1, 3, 8])
def test_two_processes_equal_one_process_in_input_order(chunksize):
    items = articles(40)
    items.insert(5, Rejected("bad", "mem:bad", "E105", "mem:bad: invalid JSON (x)"))
    items[9] = Article("fails", "FAIL here", origin="mem:fails")
    items[17] = Article("bug", "BUG here", origin="mem:bug")
    one = _dicts(extract_many(items, processes=1, loader=hand_loader))
    two = _dicts(extract_many(items, processes=2, loader=hand_loader, chunksize=chunksize))
    assert two == one
    assert [r["id"] for r in two] == [a.id for a in items]
    assert one[9]["code"] == "E202" and one[17]["code"] == "E507" and "ValueError" in one[17]["reason"]


def test_input_is_pulled_lazily_with_bounded_in_flight_work():
    pulled = 0

    def stream():
        nonlocal pulled
        for a in articles(400):
            pulled += 1
            yield a

    seen = 0
    for _ in extract_many(stream(), processes=2, loader=hand_loader, chunksize=4, max_in_flight=3):
        seen += 1
        # at most max_in_flight chunks (plus the one being yielded) and the read-ahead (a chunk a
        # worker) are ahead of the consumer
        assert pulled - seen <= 4 * 4 + 2 * 4
    assert seen == pulled == 400


def test_worker_killed_once_is_retried_and_nothing_is_lost(tmp_path):
    items = articles(30)
    items[11] = Article("victim", f"KILL-ONCE:{tmp_path / 'marker'} Ken Loach said \"ok\".", origin="mem:victim")
    out = list(extract_many(items, processes=2, loader=hand_loader, chunksize=4))
    assert (tmp_path / "marker").exists(), "the worker really died"
    assert [r.id for r in out] == [a.id for a in items]
    assert all(isinstance(r, Document) for r in out)
    expected = _dicts(extract_many(items, processes=1, loader=hand_loader))
    assert _dicts(out) == expected


def test_article_that_always_kills_its_worker_is_rejected_alone():
    items = articles(25)
    items[7] = Article("poison", "KILL-ALWAYS", origin="feed.jsonl:8")
    out = list(extract_many(items, processes=2, loader=hand_loader, chunksize=4))
    assert [r.id for r in out] == [a.id for a in items]
    poison = out[7]
    assert isinstance(poison, Rejected) and poison.code == "E501"
    assert "feed.jsonl:8" in poison.reason and "died" in poison.reason
    others = [r for i, r in enumerate(out) if i != 7]
    assert all(isinstance(r, Document) for r in others)


def test_pipeline_that_cannot_load_is_a_coded_error():
    with pytest.raises(BatchError) as info:
        list(extract_many(articles(3), processes=2, loader=broken_loader))
    assert info.value.code == "E502" and "model package missing" in info.value.message
    with pytest.raises(BatchError):
        list(extract_many(articles(3), processes=1, loader=broken_loader))


def test_consumer_stopping_early_shuts_the_pool_down():
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    gen = extract_many(articles(200), processes=2, loader=hand_loader, chunksize=2)
    first = [next(gen) for _ in range(3)]
    assert len(_new_children(before)) >= 2, "the pool's workers are running"
    gen.close()
    assert [d.id for d in first] == ["a0000", "a0001", "a0002"]
    assert _new_children(before) == [], "the pool's workers are gone"


def _new_children(before: set[int]) -> list[psutil.Process]:
    # multiprocessing's fork server and resource tracker outlive any one pool by design
    return [p for p in psutil.Process().children(recursive=True) if p.pid not in before and not _helper_process(p)]


def _helper_process(proc: psutil.Process) -> bool:
    """multiprocessing's fork server and resource tracker outlive any one pool by design.

    Pool workers are forked by the fork server, so they share its command line:
    only a direct child of this process counts as the helper itself.
    """
    cmd = " ".join(proc.cmdline())
    return proc.ppid() == os.getpid() and ("forkserver" in cmd or "resource_tracker" in cmd)


def test_script_read_from_stdin_gets_a_clear_error_not_dead_workers(monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["__main__"], "__file__", "<stdin>", raising=False)
    with pytest.raises(BatchError) as info:
        list(extract_many(articles(2), processes=2, loader=hand_loader))
    assert info.value.code == "E508" and "<stdin>" in info.value.message
    assert [d.id for d in extract_many(articles(2), processes=1, loader=hand_loader)] == ["a0000", "a0001"]
