"""The parser decodes each batch of texts in one pass (issue 15): the same parses as spaCy's own
batching, which decodes a quarter of a batch at a time."""

from __future__ import annotations

import pytest

from quotegraph.nlp.model import _whole_batch

_SENTENCES = [
    "“We will win,” said Boris Johnson, the Prime Minister, at a rally in Manchester.",
    "The senator said on Tuesday that the proposal would raise taxes for millions of families.",
    "Officials, who spoke on condition of anonymity, said the fire was contained by late evening.",
    "“It is a disgrace,” she told reporters, adding that she would vote against the bill.",
    "According to the report, unemployment fell to 4.1 percent in March.",
    "He denied the allegations.",
    "The company, which makes chips for phones and cars, announced record profits.",
    "Residents said they had not been warned, and several accused the city of ignoring complaints.",
    "Critics lashed out at the plan, calling it reckless.",
    "Yes.",
    "The Rev. Martin Luther King Jr. spoke in Selma, Ala., in March 1965 to 25,000 people.",
    "In a statement, the group said it “deeply regrets” the decision and would appeal.",
]


def _texts() -> list[str]:
    # more texts than a quarter of the batch, of many lengths, so the two batchings differ
    return [f"{lead}{s}" for lead in ("", "Meanwhile, ", "On Monday, officials said that ") for s in _SENTENCES]


def test_the_parser_batch_covers_the_whole_batch():
    assert _whole_batch(64) == {"parser": {"batch_size": 256}}  # spaCy decodes batch_size // 4 at once
    assert _whole_batch(0)["parser"]["batch_size"] >= 4


@pytest.mark.integration
def test_one_pass_parses_as_spacys_own_batching():
    from quotegraph.nlp.model import load_model
    from quotegraph.nlp.ops import one_blas_thread

    nlp = load_model()
    texts = _texts()
    assert len(texts) > 64 // 4

    def parses(**cfg):
        with one_blas_thread(), nlp.select_pipes(disable=["ner"]):
            docs = nlp.pipe(texts, batch_size=64, **cfg)
            return [[(t.head.i, t.dep_, t.tag_, t.is_sent_start) for t in d] for d in docs]

    assert parses(component_cfg=_whole_batch(64)) == parses()
