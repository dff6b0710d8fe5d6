"""Building and running pipelines: order checks, unknown stages, budgets, per-article failures.

Only rule stages run here, so no spaCy model is loaded.
"""

from __future__ import annotations

import pytest

from quotegraph.errors import PipelineError
from quotegraph.model import Article, Document, Rejected
from quotegraph.pipeline import DEFAULT_STAGES, Pipeline, load_pipeline, registry
from quotegraph.pipeline.stages.marks import QuoteMarks
from quotegraph.pipeline.stages.segment import Paragraphs, Sentences
from quotegraph.pipeline.work import Work


class _Needs:
    """A stage that requires a field, assigns another, and may fail."""

    proposes: tuple[str, ...] = ()
    batched = False

    def __init__(self, name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (), fail_on: str = "") -> None:
        self.name, self.requires, self.assigns, self.fail_on = name, requires, assigns, fail_on

    def __call__(self, work: Work) -> None:
        if self.fail_on and self.fail_on in work.text:
            raise RuntimeError("boom")


def _rule_pipeline(**kw) -> Pipeline:
    return Pipeline([Paragraphs(), QuoteMarks(), Sentences()], **kw)


def test_stage_requiring_a_field_nobody_assigns_is_e200() -> None:
    with pytest.raises(PipelineError) as exc:
        Pipeline([Paragraphs(), _Needs("linker", requires=("clusters",))])
    assert exc.value.code == "E200"
    assert "'linker'" in exc.value.message and "'clusters'" in exc.value.message


@pytest.mark.parametrize("declared", [{"requires": ("anaphora",)}, {"assigns": ("candidates.episode",)}])
def test_a_declared_field_that_does_not_exist_is_e200(declared) -> None:
    with pytest.raises(PipelineError) as exc:
        Pipeline([Paragraphs(), _Needs("linker", **declared)])
    assert exc.value.code == "E200" and "no field of the working document" in exc.value.message
    assert "'linker'" in exc.value.message


def test_two_stages_assigning_one_field_is_e200_naming_the_owner() -> None:
    with pytest.raises(PipelineError) as exc:
        Pipeline([Paragraphs(), _Needs("resegment", requires=("paragraphs",), assigns=("paragraphs",))])
    assert exc.value.code == "E200"
    assert "'resegment'" in exc.value.message and "stage 'paragraphs' already owns" in exc.value.message


def test_a_proposal_needs_an_earlier_owner_that_takes_proposals() -> None:
    proposer = _Needs("guess", requires=("paragraphs",))
    proposer.proposes = ("candidates.channel",)
    with pytest.raises(PipelineError) as exc:
        Pipeline([Paragraphs(), proposer])
    assert exc.value.code == "E200" and "no earlier stage owns" in exc.value.message
    proposer.proposes = ("paragraphs",)  # owned, but the paragraphs stage takes no proposals
    with pytest.raises(PipelineError) as exc:
        Pipeline([Paragraphs(), proposer])
    assert exc.value.code == "E200" and "takes no proposals" in exc.value.message


def test_speakers_before_channel_and_dates_is_e200() -> None:
    """Resolving speakers reads the channel and date of earlier statements ("In a statement …, it said")."""
    order = list(DEFAULT_STAGES)
    order.remove("speakers")
    order.insert(order.index("channel"), "speakers")
    with pytest.raises(PipelineError) as exc:
        load_pipeline(stages=tuple(order))
    assert exc.value.code == "E200" and "'speakers'" in exc.value.message
    assert "'candidates.channel'" in exc.value.message


def test_every_field_of_the_default_pipeline_has_one_owner() -> None:
    known = registry()
    assigned = [f for name in DEFAULT_STAGES for f in known[name].assigns]
    assert len(assigned) == len(set(assigned))
    owners = load_pipeline().owners
    assert set(owners) == set(Work.FIELDS) - set(Work.INITIAL_FIELDS)


def test_stage_config_is_the_setting_of_the_same_name() -> None:
    from quotegraph.settings import SETTINGS

    names = {s.name for s in SETTINGS}
    for cls in registry().values():
        assert set(cls.config) <= names, cls.name
    parse = load_pipeline(batch_size=7).stages[DEFAULT_STAGES.index("parse")]
    assert parse.batch_size == 7


def test_a_failing_batch_is_logged_as_w203_and_run_one_by_one(caplog) -> None:
    from quotegraph.pipeline import stage

    @stage("fragile_batch", requires=("paragraphs",), batched=True)
    class FragileBatch:
        def __call__(self, work: Work) -> None:
            if "BOOM" in work.text:
                raise RuntimeError("boom")

        def batch(self, works: list[Work]) -> None:
            for w in works:
                self(w)

    pipeline = Pipeline([Paragraphs(), FragileBatch()])
    with caplog.at_level("WARNING", logger="quotegraph.pipeline"):
        out = list(pipeline.pipe([Article("a1", "Fine."), Article("a2", "BOOM."), Article("a3", "Fine too.")]))
    assert [type(x) for x in out] == [Document, Rejected, Document]
    assert any(r.getMessage().startswith("[W203] batched stage 'fragile_batch' failed on 3 documents") for r in caplog.records)


def test_stages_out_of_order_are_e200() -> None:
    with pytest.raises(PipelineError) as exc:
        Pipeline([Paragraphs(), Sentences(), QuoteMarks()])  # sentences needs regions, assigned later
    assert exc.value.code == "E200" and "'regions'" in exc.value.message


def test_load_pipeline_checks_the_order_of_named_stages() -> None:
    with pytest.raises(PipelineError) as exc:
        load_pipeline(stages=("sentences",))
    assert exc.value.code == "E200" and "'paragraphs'" in exc.value.message


def test_unknown_stage_name_is_e203_listing_the_known_ones() -> None:
    with pytest.raises(PipelineError) as exc:
        load_pipeline(stages=("nope",))
    assert exc.value.code == "E203"
    assert "'nope'" in exc.value.message
    for name in DEFAULT_STAGES:
        assert name in exc.value.message


def test_default_stages_are_registered_and_in_a_valid_order() -> None:
    assert set(DEFAULT_STAGES) <= set(registry())
    pipeline = load_pipeline()  # building does not load the model
    assert pipeline.stage_names == list(DEFAULT_STAGES)


def test_initial_fields_need_no_stage() -> None:
    Pipeline([_Needs("reader", requires=Work.INITIAL_FIELDS)])


def test_rule_stages_run_without_the_model() -> None:
    work = _rule_pipeline().analyse(Article("a", "She said: “We won.”\n\nThen she left.", "2021-08-16"))
    assert len(work.paragraphs) == 2 and len(work.regions) == 1 and len(work.sentences) == 2


def test_a_crashing_stage_is_e202_naming_the_article_and_the_stage() -> None:
    pipeline = Pipeline([Paragraphs(), _Needs("fragile", fail_on="BOOM")])
    with pytest.raises(PipelineError) as exc:
        pipeline(Article("art-7", "This one goes BOOM."))
    assert exc.value.code == "E202"
    assert "art-7" in exc.value.message and "'fragile'" in exc.value.message and "RuntimeError" in exc.value.message


def test_pipe_reports_one_bad_article_and_keeps_the_batch() -> None:
    pipeline = Pipeline([Paragraphs(), _Needs("fragile", fail_on="BOOM")])
    before = Rejected("r0", "in.jsonl:1", "E105", "invalid JSON")
    items = [Article("a1", "Fine."), Article("a2", "BOOM.", origin="in.jsonl:3"), before, Article("a3", "Also fine.")]
    out = list(pipeline.pipe(items))
    assert [type(x) for x in out] == [Document, Rejected, Rejected, Document]
    assert (out[1].id, out[1].origin, out[1].code) == ("a2", "in.jsonl:3", "E202")
    assert out[2] is before
    assert [x.id for x in out] == ["a1", "a2", "r0", "a3"]


def test_document_over_the_size_limit_is_e202() -> None:
    with pytest.raises(PipelineError) as exc:
        _rule_pipeline(max_chars=10)(Article("big", "x" * 11))
    assert exc.value.code == "E202" and "too large" in exc.value.message


def test_time_budget_exceeded_is_e201() -> None:
    # A negative budget puts the deadline in the past before the first stage runs.
    with pytest.raises(PipelineError) as exc:
        _rule_pipeline(time_budget=-1.0)(Article("slow", "Text."))
    assert exc.value.code == "E201" and "slow" in exc.value.message


def test_document_carries_the_article_fields_and_warnings() -> None:
    doc = _rule_pipeline()(Article("a", "He said: “open\n\nNext.", "2021-08-16", title="T", url="http://x", source="S"))
    assert (doc.id, doc.date, doc.title, doc.url, doc.source) == ("a", "2021-08-16", "T", "http://x", "S")
    assert [w.code for w in doc.warnings] == ["W200"]
    assert doc.quotes == []  # no attribution stage ran


def test_a_long_article_run_alone_does_not_spend_the_budget_of_the_others() -> None:
    """Regression: the short articles' clocks used to start before a long article of the same chunk ran."""
    import time as _time

    class _Slow:
        name, requires, assigns, proposes, batched = "slow", ("paragraphs",), (), (), False

        def __call__(self, work: Work) -> None:
            if len(work.text) > 20_000:
                _time.sleep(0.3)

    pipeline = Pipeline([Paragraphs(), _Slow()], time_budget=0.2)
    items = [Article("first", "Short."), Article("long", "x " * 15_000), Article("last", "Short too.")]
    out = list(pipeline.pipe(items))
    assert [(type(x).__name__, x.id) for x in out] == [("Document", "first"), ("Document", "long"), ("Document", "last")]
