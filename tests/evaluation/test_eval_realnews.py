"""The realnews (match-string, canonical-speaker) scoring rules, on hand-made gold: no model, no corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotegraph.cli import main
from quotegraph.errors import EvaluationError
from quotegraph.evaluation.gate import load_baseline
from quotegraph.evaluation.realnews import (
    RealCounts, RealGoldDoc, RealGoldEntry, adjudication_key, channel_agrees, date_agrees, format_realnews_table,
    is_realnews_corpus, name_words, names_agree, normalise, read_realnews, realnews_errors, realnews_metrics,
    score_realnews_document,
)
from quotegraph.model import Document, Mention, Quotation, Span, Speaker

TEXT = (
    "“We will not back down,” Sen. Ted Cruz said on Monday. "
    "Rafael Cruz, his father, said the campaign had been “a blessing”. "
    "Officials said the vote would be held in May. "
    "Shares rose 3%."
)


def q(fragment: str, *, name: str | None = None, qtype: str = "direct", kind: str | None = None,
      channel: str | None = None, said_on: str | None = None, text: str = TEXT) -> Quotation:
    start = text.index(fragment)
    quote = Quotation(type=qtype, spans=[Span(start, start + len(fragment))], text=fragment,
                      speaker=Speaker(name, "person", Mention.of(text, 0, 3)) if name else None,
                      channel=channel, said_on=said_on)
    if kind is not None:
        quote.kind = kind
    return quote


def doc(*quotes: Quotation, text: str = TEXT) -> Document:
    return Document(id="d1", text=text, quotes=list(quotes))


def entry(match: str, speaker: str | None, qtype: str = "direct", **kw) -> RealGoldEntry:
    return RealGoldEntry(match=match, speaker=speaker, type=qtype, **kw)


def gold(*entries: RealGoldEntry, adjudication: dict | None = None) -> RealGoldDoc:
    return RealGoldDoc("d1", list(entries), {}, adjudication or {})


# ---------------------------------------------------------------- normalising and names


@pytest.mark.parametrize("raw, expected", [
    ("“We will  not\nback down,”", '"we will not back down,"'),
    ("it’s ‘fine’", "it's 'fine'"),
    ("’’closing’’ and ``opening''", '"closing" and "opening"'),
])
def test_normalise_quotes_space_and_case(raw, expected):
    assert normalise(raw) == expected


def test_adjudication_key_is_the_first_60_normalised_characters():
    assert adjudication_key("  “A”  " + "b" * 100) == ('"a" ' + "b" * 100)[:60]


@pytest.mark.parametrize("pred, golds, others, ok", [
    ("Ted Cruz", ["Ted Cruz"], [], True),
    ("Sen. Ted Cruz", ["Ted Cruz"], [], True),                 # honorific ignored
    ("ted cruz", ["Ted Cruz"], [], True),                      # case ignored
    ("Cruz", ["Ted Cruz"], [], True),                          # words all in the other, same last word
    ("Donald J. Trump", ["Donald Trump"], [], True),
    ("Trump's lawyer", ["Rudy Giuliani"], [], False),
    ("Trump", ["Rudy Giuliani"], [], False),
    ("Cruz", ["Ted Cruz"], ["Rafael Cruz"], False),             # a surname two speakers share is refused
    ("Ted Cruz", ["Ted Cruz"], ["Rafael Cruz"], True),
    ("Federal prosecutors", ["prosecutors"], [], True),
    ("the State Department", ["State Department official Jane Holt"], [], False),
    ("State Department", ["Jane Holt"], [], False),
    ("Morrison", ["Morrison's lawyer"], [], False),             # the owner is not the lawyer
    ("14th-ranked Schwartzman", ["Diego Schwartzman"], [], True),  # descriptor dropped, capitalised words kept
    ("Martin Luther King Jr.", ["Martin Luther King"], [], True),
    ("NASA", ["Jet Propulsion Laboratory"], [], False),
    ("a spokesperson", ["Acme Corp"], [], False),
    ("a spokesperson", ["Acme Corp", "a spokesperson"], [], True),  # speaker_alt accepted
    (None, ["Ted Cruz"], [], False),
    ('back down," Cruz', ["Ted Cruz"], [], False),               # a mention swallowing the quote is wrong
])
def test_names_agree(pred, golds, others, ok):
    assert names_agree(pred, golds, other_speakers=others) is ok


def test_name_words_drop_articles_honorifics_and_possessives():
    assert name_words("The Rev. Dr. Martin Luther King Jr.'s") == ["martin", "luther", "king"]


@pytest.mark.parametrize("gold_channel, pred, ok", [
    ("statement", "statement", True), ("statement", "news release", True), ("court", "testimony", True),
    ("television", "tv", True), ("twitter", "statement", False), ("interview", None, False),
    ("letter", "email", True), ("press conference", "interview", False),
])
def test_channel_agrees(gold_channel, pred, ok):
    assert channel_agrees(gold_channel, pred) is ok


@pytest.mark.parametrize("gold_date, pred, ok", [
    ("2021-08-14", "2021-08-14", True), ("2021-08-14", "2021-08", True), ("2021-08", "2021-08-14", True),
    ("2021-08-14", "2021-08-13", False), ("2021-08-14", None, False),
])
def test_date_agrees(gold_date, pred, ok):
    assert date_agrees(gold_date, pred) is ok


# ---------------------------------------------------------------- counting


def test_found_speaker_type_channel_and_date():
    g = gold(
        entry("we will not back down", "Ted Cruz", channel="statement", said_on="2024-05-06"),
        entry("the campaign had been", "Rafael Cruz", "mixed"),
        entry("the vote would be held in May", "officials", "indirect"),
    )
    d = doc(
        q("We will not back down,", name="Cruz", channel="interview", said_on="2024-05-06"),  # Cruz: shared surname
        q("the campaign had been “a blessing”", name="Rafael Cruz", qtype="indirect"),
    )
    c = score_realnews_document(g, d)
    assert (c.gold, c.found, c.speaker_ok, c.type_ok, c.e2e_type_ok) == (3, 2, 1, 1, 0)
    assert (c.channel_gold, c.channel_ok, c.said_on_gold, c.said_on_ok) == (1, 0, 1, 1)
    m = realnews_metrics(c)
    assert m["recall"] == pytest.approx(200 / 3) and m["speaker_accuracy"] == 50.0
    assert m["e2e_recall"] == pytest.approx(100 / 3) and m["precision"] == 100.0


def test_a_holder_with_the_right_speaker_is_preferred():
    g = gold(entry("back down", "Ted Cruz"))
    d = doc(q("We will not back down,", name="Rafael Cruz"), q("We will not back down,", name="Ted Cruz"))
    assert score_realnews_document(g, d).speaker_ok == 1


def test_optional_entries_do_not_count_against_recall_but_make_predictions_correct():
    g = gold(entry("Shares rose", None, "indirect", optional=True))
    c = score_realnews_document(g, doc(q("Shares rose 3%", name="analysts")))
    assert (c.gold, c.optional_gold, c.optional_found, c.correct, c.false_positive) == (0, 1, 1, 1, 0)
    assert realnews_metrics(c)["recall"] is None


def test_precision_uses_the_adjudication_and_counts_unreviewed_as_false_positives():
    g = gold(entry("back down", "Ted Cruz"), adjudication={
        adjudication_key("Shares rose 3%"): {"verdict": "plausible", "reason": "a real statement"},
        adjudication_key("the vote would be held"): {"verdict": "fp", "reason": "non-speech verb"},
    })
    d = doc(q("We will not back down,", name="Ted Cruz"), q("Shares rose 3%"),
            q("the vote would be held"), q("Officials said"))
    c = score_realnews_document(g, d)
    assert (c.counted, c.correct, c.plausible, c.false_positive, c.unreviewed) == (4, 1, 1, 2, 1)
    assert realnews_metrics(c)["precision"] == 50.0
    errors = realnews_errors(g, d)
    fps = [(e["verdict"], e["pred"]["text"]) for e in errors if e["kind"] == "false_positive"]
    assert fps == [("fp", "the vote would be held"), ("unreviewed", "Officials said")]


def test_precision_counts_speech_and_writing_only_unless_told_otherwise():
    g = gold(entry("back down", "Ted Cruz"))
    d = doc(q("We will not back down,", name="Ted Cruz", kind="speech"),
            q("Shares rose 3%", kind="perception"), q("the vote would be held", kind="writing"))
    c = score_realnews_document(g, d)
    assert (c.predicted, c.counted, c.false_positive) == (3, 2, 1)
    every = score_realnews_document(g, d, kinds=None)
    assert (every.counted, every.false_positive) == (3, 2)


def test_error_records_show_the_wrong_speaker_next_to_the_gold_one():
    g = gold(entry("back down", "Ted Cruz", speaker_alt=("Cruz campaign",)), entry("Shares rose", "analysts", "indirect"))
    d = doc(q("We will not back down,", name="Rafael Cruz"))
    errors = realnews_errors(g, d)
    kinds = [e["kind"] for e in errors]
    assert kinds == ["speaker_error", "miss"]
    wrong = errors[0]
    assert wrong["gold_speaker"] == "Ted Cruz" and wrong["gold_speaker_alt"] == ["Cruz campaign"]
    assert wrong["pred"]["speaker"]["name"] == "Rafael Cruz"


def test_a_missing_prediction_finds_nothing():
    c = score_realnews_document(gold(entry("back down", "Ted Cruz")), None)
    assert (c.documents, c.rejected, c.gold, c.found, c.predicted) == (1, 1, 1, 0, 0)


def test_counts_add_and_round_trip():
    a = RealCounts(documents=1, gold=3, found=2)
    b = RealCounts(documents=1, gold=1, found=1, false_positive=2)
    total = a + b
    assert (total.documents, total.gold, total.found, total.false_positive) == (2, 4, 3, 2)
    assert RealCounts.from_dict(total.to_dict()) == total
    assert "recall" in format_realnews_table(total)


# ---------------------------------------------------------------- reading a corpus and the CLI


def _corpus(root: Path) -> Path:
    (root / "gold").mkdir(parents=True)
    (root / "text").mkdir()
    (root / "text" / "01-x.txt").write_text(" date 2024-05-07 " + TEXT + "\n", encoding="utf-8")
    (root / "gold" / "01-x.json").write_text(json.dumps({"file": "pages/01-x.html", "text_file": "text/01-x.txt",
        "quotes": [{"match": "We will not back down", "speaker": "Ted Cruz", "type": "direct", "cue": "said",
                    "optional": False, "said_on": "2024-05-06"}]}), encoding="utf-8")
    (root / "gold" / "adjudication.json").write_text(json.dumps(
        {"01-x": {adjudication_key("Shares rose 3%"): {"verdict": "fp", "reason": "no cue"}}}), encoding="utf-8")
    return root


def test_read_realnews(tmp_path):
    root = _corpus(tmp_path / "rn")
    assert is_realnews_corpus(root) and not is_realnews_corpus(tmp_path)
    (g,) = read_realnews(root)
    assert g.id == "01-x" and g.inputs["text"] == root / "text" / "01-x.txt"
    assert g.entries[0].speaker == "Ted Cruz" and g.entries[0].said_on == "2024-05-06"
    assert set(g.adjudication) == {adjudication_key("Shares rose 3%")}


@pytest.mark.parametrize("bad, detail", [
    ({"quotes": [{"speaker": "X", "type": "direct"}]}, "'match' missing"),
    ({"quotes": [{"match": "We will", "speaker": "X", "type": "quoted"}]}, "unknown type"),
    ({"nothing": 1}, "'quotes' list"),
])
def test_malformed_gold_is_a_coded_error(tmp_path, bad, detail):
    root = _corpus(tmp_path / "rn")
    (root / "gold" / "01-x.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        read_realnews(root)
    assert info.value.code == "E400" and detail in str(info.value)


def test_eval_cli_scores_predictions_and_pins_a_section(tmp_path):
    root = _corpus(tmp_path / "rn")
    text = TEXT
    pred = Document(id="01-x", text=text, quotes=[q("We will not back down,", name="Ted Cruz", said_on="2024-05-06"),
                                                  q("Shares rose 3%")])
    pred_path = tmp_path / "pred.json"
    pred_path.write_text(json.dumps([pred.to_dict()]), encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"sha256": "0" * 64, "floors": {"x": 1.0}, "history": []}), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(root), "--source", "text", "--pred", str(pred_path),
                                  "--errors", str(errors), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["scores"]["recall"] == 100.0 and report["scores"]["precision"] == 50.0
    assert [json.loads(line)["kind"] for line in errors.read_text().splitlines()] == ["false_positive"]
    # --pred cannot pin floors; the pipeline's own run does (tested with the corpus in tests/test_gate.py)
    refused = runner.invoke(main, ["eval", str(root), "--pred", str(pred_path), "--gate", "--baseline", str(baseline)])
    assert refused.exit_code == 2
    assert load_baseline(baseline)["floors"] == {"x": 1.0}
