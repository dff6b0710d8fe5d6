"""Properties of matching and counting over random gold/predicted spans (hypothesis, no model)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.evaluation import Counts, GoldDoc, GoldQuote, error_records, match, score_document
from quotegraph.evaluation.matching import CRITERIA, criterion_score, gold_items, pred_items
from quotegraph.model import QUOTE_TYPES, Document, Quotation, Span

TEXT = ("The mayor said \"we are ready\" and the council, in a statement, said it agreed. " * 4).strip()
N = len(TEXT)


@st.composite
def spans(draw):
    count = draw(st.integers(1, 3))
    out = []
    for _ in range(count):
        start = draw(st.integers(0, N - 1))
        out.append(Span(start, draw(st.integers(start + 1, min(N, start + 80)))))
    return sorted(out)


quote_types = st.sampled_from(QUOTE_TYPES)


@st.composite
def documents(draw):
    gold_quotes = [GoldQuote(tuple(s), t, speaker=Span(0, 9) if draw(st.booleans()) else None)
                   for s, t in draw(st.lists(st.tuples(spans(), quote_types), max_size=6))]
    preds = [Quotation(type=t, spans=s, text="") for s, t in draw(st.lists(st.tuples(spans(), quote_types), max_size=6))]
    return GoldDoc("d", TEXT, quotes=gold_quotes), Document("d", TEXT, quotes=preds)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_matching_is_one_to_one_and_above_threshold(doc):
    gold, pred = doc
    g, p = gold_items(gold), pred_items(pred)
    for criterion, threshold in CRITERIA.items():
        pairs = match(g, p, criterion)
        assert len({gi for gi, _ in pairs}) == len(pairs) == len({pi for _, pi in pairs})
        assert all(criterion_score(criterion, g[gi], p[pi]) > threshold for gi, pi in pairs)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_counts_are_consistent_with_error_records(doc):
    gold, pred = doc
    counts = score_document(gold, pred)
    for criterion in CRITERIA:
        cells = counts.tallies[criterion]
        total = cells["all"]
        assert total.gold == len(gold.quotes) and total.pred == len(pred.quotes)
        assert total.tp_gold == total.tp_pred <= min(total.gold, total.pred)
        assert total.e2e_gold == total.e2e_pred == total.speaker_ok <= total.tp_gold
        for name in ("gold", "pred", "tp_gold", "tp_pred", "e2e_gold", "e2e_pred"):
            assert sum(getattr(cells[t], name) for t in QUOTE_TYPES) == getattr(total, name)
        kinds = [r["kind"] for r in error_records(gold, pred, criterion=criterion)]
        assert kinds.count("miss") == total.gold - total.tp_gold
        assert kinds.count("false_positive") == total.pred - total.tp_pred
        assert kinds.count("speaker_error") == total.tp_gold - total.speaker_ok


@settings(max_examples=50, deadline=None)
@given(st.lists(documents(), min_size=1, max_size=4), st.integers(0, 4))
def test_any_split_into_shards_sums_to_the_whole(docs, cut):
    cut = min(cut, len(docs))
    whole = sum((score_document(g, p) for g, p in docs), Counts())
    left = sum((score_document(g, p) for g, p in docs[:cut]), Counts())
    right = sum((score_document(g, p) for g, p in docs[cut:]), Counts())
    assert left + right == whole == right + left
    assert whole.documents == len(docs)
