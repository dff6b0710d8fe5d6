"""Gold readers: PolNeAR-format fragments and quotegraph output (hand-made files, no model)."""

from __future__ import annotations

import json

import pytest
from eval_helpers import TEXT, pq, pred, span

from quotegraph.errors import EvaluationError
from quotegraph.evaluation import gold_to_article, read_documents, read_gold


def _fragment(content: str, attribution: str, qtype: str, speaker: str | None, cue: str, segment: int, n: int,
              attribution_type: str) -> dict:
    s = span(content)
    return {
        "start": s.start, "end": s.end, "text": content, "type": qtype,
        "speaker": None if speaker is None else {**span(speaker).to_dict(), "text": speaker},
        "speaker_name": None,
        "cue": {**span(cue).to_dict(), "text": cue},
        "meta": {"attribution_id": attribution, "event_type": "Attribution", "role": "Content",
                 "segment": segment, "n_segments": n, "attribution_type": attribution_type},
    }


def _polnear_record(doc_id: str = "a1") -> dict:
    return {
        "id": doc_id, "source": "test", "date": "2016-09-08", "text": TEXT,
        "quotes": [
            _fragment("We will win the vote.", "E1", "direct", "Smith", "said", 0, 1, "direct"),
            _fragment("taxes would rise next year", "E2", "indirect", "Jones", "said that", 0, 1, "indirect"),
            _fragment("The plan is sound.", "E3", "direct", "Ms Brown", "told reporters", 0, 2, "mixed"),
            _fragment("It will work,", "E3", "direct", "Ms Brown", "told reporters", 1, 2, "mixed"),
        ],
        "meta": {"corpus": "polnear"},
    }


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_polnear_fragments_sharing_an_attribution_are_one_quotation(tmp_path):
    (doc,) = read_gold(_write_jsonl(tmp_path / "g.jsonl", [_polnear_record()]))
    assert doc.id == "a1" and doc.date == "2016-09-08" and doc.origin.endswith("g.jsonl:1")
    assert [q.key for q in doc.quotes] == ["E1", "E2", "E3"]
    multi = doc.quotes[2]
    assert multi.spans == (span("The plan is sound."), span("It will work,"))
    assert multi.type == "mixed"  # the attribution's type, not the fragment's
    assert multi.speaker_text == "Ms Brown" and multi.cue == span("told reporters")


def test_gold_to_article_keeps_text_and_date(tmp_path):
    (doc,) = read_gold(_write_jsonl(tmp_path / "g.jsonl", [_polnear_record()]))
    article = gold_to_article(doc)
    assert (article.id, article.text, article.date) == ("a1", TEXT, "2016-09-08")


@pytest.mark.parametrize("layout", ["jsonl", "json-list", "json-pretty"])
def test_quotegraph_output_is_accepted_as_gold(tmp_path, layout):
    doc = pred(pq(["The plan is sound.", "It will work,"], mention="Ms Brown", name="Anna Brown", cue="told reporters"))
    data = doc.to_dict()
    path = tmp_path / "out.json"
    if layout == "jsonl":
        path.write_text(json.dumps(data) + "\n", encoding="utf-8")
    elif layout == "json-list":
        path.write_text(json.dumps([data]), encoding="utf-8")
    else:
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (gold,) = read_gold(path)
    (q,) = gold.quotes
    assert q.spans == (span("The plan is sound."), span("It will work,"))
    assert q.speaker == span("Ms Brown") and q.speaker_name == "Anna Brown"


def test_limit_reads_only_the_first_documents(tmp_path):
    path = _write_jsonl(tmp_path / "g.jsonl", [_polnear_record("a1"), _polnear_record("a2"), _polnear_record("a3")])
    assert [d.id for d in read_gold(path, limit=2)] == ["a1", "a2"]


def _bad_type(r):
    r["quotes"][0]["meta"]["attribution_type"] = "sarcastic"


def _beyond(r):
    r["quotes"][0]["end"] = len(TEXT) + 5


def _no_text(r):
    del r["text"]


def _no_start(r):
    del r["quotes"][1]["start"]


@pytest.mark.parametrize("damage, message", [
    (_bad_type, "unknown type 'sarcastic'"),
    (_beyond, "beyond text length"),
    (_no_text, "field 'text' missing"),
    (_no_start, "malformed quote"),
])
def test_malformed_gold_is_a_coded_error_naming_the_line(tmp_path, damage, message):
    bad = _polnear_record("a2")
    damage(bad)
    path = _write_jsonl(tmp_path / "g.jsonl", [_polnear_record("a1"), bad])
    with pytest.raises(EvaluationError) as info:
        read_gold(path)
    assert info.value.code == "E400"
    assert "g.jsonl:2" in str(info.value) and message in str(info.value)


def test_invalid_json_duplicate_ids_and_missing_file(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a1", "text": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"broken.jsonl:2.*invalid JSON"):
        read_gold(broken)
    dup = _write_jsonl(tmp_path / "dup.jsonl", [_polnear_record("a1"), _polnear_record("a1")])
    with pytest.raises(EvaluationError, match="duplicate document id 'a1'"):
        read_gold(dup)
    with pytest.raises(EvaluationError, match="file not found"):
        read_gold(tmp_path / "nope.jsonl")


def test_read_documents_yields_documents_and_rejected_records(tmp_path):
    path = _write_jsonl(tmp_path / "p.jsonl", [pred(pq("No,")).to_dict(), {"id": "d2", "code": "E201", "reason": "slow"}])
    items = [item for _, item in read_documents(path)]
    assert items[0].quotes[0].spans == [span("No,")]
    assert items[1].code == "E201" and items[1].origin.endswith("p.jsonl:2")

