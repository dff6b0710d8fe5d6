"""Stages touch only what they declare: a recorded run of the real pipeline.

``quotegraph.pipeline.audit`` records every read and write of a working
document field (and of the fields of candidates and clusters that predate
the stage) against the running stage. The first tests prove the recorder
catches each kind of breach on hand-made stages (no model); the integration
tests run the default pipeline over the example article and a few corpus
articles and require no breach at all, and the same output as a plain run.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from quotegraph.ingest import read_paths
from quotegraph.model import Article
from quotegraph.pipeline import Pipeline, stage
from quotegraph.pipeline.audit import audit
from quotegraph.pipeline.stages.marks import QuoteMarks
from quotegraph.pipeline.stages.segment import Paragraphs, Sentences
from quotegraph.pipeline.work import Candidate, Work

REPO = Path(__file__).resolve().parents[2]
TEXT = "She said: “We won.”\n\nThen she left."


def _breaches(*extra) -> list[str]:
    pipeline = Pipeline([Paragraphs(), QuoteMarks(), Sentences(), *extra])
    return audit(pipeline, Article("a", TEXT, "2021-08-16"))[1]


@stage("contract_reader", requires=("paragraphs",), assigns=("candidates",))
class _Reader:
    """Makes one candidate per sentence, reading sentences it did not declare."""

    def __call__(self, work: Work) -> None:
        work.candidates = [Candidate("direct", [s]) for s in work.sentences]


@stage("contract_writer", requires=("candidates.spans",), assigns=("candidates.about",))
class _Writer:
    """Declares ``about`` but also writes ``rule``, which the candidates' maker owns."""

    def __call__(self, work: Work) -> None:
        for c in work.candidates:
            c.about = []
            c.rule = "rewritten"


@stage("contract_lister", requires=("regions",), assigns=("candidates.rule",))
class _Lister:
    """Adds to a list owned by another stage, in place."""

    def __call__(self, work: Work) -> None:
        work.regions.sort(key=lambda r: -r.outer.start)


def test_the_recorder_sees_an_undeclared_read() -> None:
    assert _breaches(_Reader()) == ["stage 'contract_reader' reads 'sentences', which it does not declare"]


def test_the_recorder_sees_a_write_to_a_field_owned_by_another_stage() -> None:
    assert "stage 'contract_writer' writes 'candidates.rule' (owned by 'contract_reader')" in _breaches(_Reader(), _Writer())


def test_the_recorder_sees_an_in_place_change_of_a_list() -> None:
    assert "stage 'contract_lister' writes 'regions' (owned by 'quote_marks')" in _breaches(_Reader(), _Lister())


def test_declared_rule_stages_have_no_breach() -> None:
    assert _breaches() == []


# --- the real pipeline -------------------------------------------------------------------------


def _audited(pipeline, article: Article) -> list[str]:
    doc, breaches = audit(pipeline, article)
    assert doc.to_dict() == pipeline(article).to_dict(), "recording must not change the output"
    return breaches


@pytest.mark.integration
def test_the_example_article_touches_only_declared_fields(pipeline) -> None:
    (article,) = read_paths([REPO / "examples" / "loach-expelled.txt"])
    assert _audited(pipeline, article) == []


@pytest.mark.integration
@pytest.mark.corpus
def test_corpus_articles_touch_only_declared_fields(pipeline, shared_dir) -> None:
    articles = list(read_paths(sorted((shared_dir / "seeds").glob("*.txt"))[:2]))
    with open(shared_dir / "corpora" / "polnear" / "dev.jsonl", encoding="utf-8") as handle:
        for line in itertools.islice(handle, 6):
            record = json.loads(line)
            articles.append(Article(record["id"], record["text"], record.get("date")))
    breaches = {b: a.id for a in articles if isinstance(a, Article) for b in _audited(pipeline, a)}
    assert breaches == {}
