"""process_records and the Arrow tables: one row per input, exact round trip."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from batch_helpers import articles, hand_document, hand_loader
from quotegraph.batch.records import item_to_record, process_arrow, process_pandas, process_records, record_to_item
from quotegraph.batch.tables import SCHEMAS, TABLES, from_tables, to_tables
from quotegraph.model import Article, Document, Entity, Mention, Quotation, Rejected, Span, Speaker, Warning


def _rich_document() -> Document:
    text = 'Ken Loach said: "We are the many."\n\n"It goes on," he told the BBC on Saturday.'
    loach = Mention.of(text, 0, 9)
    he = Mention.of(text, 50, 52)
    quotes = [
        Quotation("direct", [Span(17, 32)], "We are the many.", Speaker("Ken Loach", "person", loach),
                  cue=Mention.of(text, 10, 14), channel="statement", signatories=["Jane Smith", "Tom Jones"],
                  about=["Labour"], confidence=0.8125),
        Quotation("direct", [Span(37, 47), Span(48, 49)], "It goes on,", Speaker("Ken Loach", "person", he),
                  cue=Mention.of(text, 53, 57), channel="television", channel_evidence=Mention.of(text, 62, 65),
                  said_on="2021-08-14", said_on_evidence=Mention.of(text, 66, 77)),
        Quotation("indirect", [Span(0, 3)], "Ken", None),
        Quotation("mixed", [Span(5, 9)], "oach", Speaker("", "unknown", None), confidence=0.0),
    ]
    entities = [Entity("Ken Loach", "person", [loach, he]), Entity("BBC", "organisation", [Mention.of(text, 62, 65)]),
                Entity("Nobody", "group", [])]
    warnings = [Warning("W101", "a byte-order mark was removed"), Warning("W200", "unpaired mark", 3, 4)]
    return Document("d1", text, "2021-08-16", "Title", "https://example.org/a", "example", quotes, entities, warnings)


def test_tables_round_trip_exactly():
    doc = _rich_document()
    bare = Document("d2", "Nothing quoted here.")
    rejected = Rejected(None, "feed.jsonl:3", "E105", "feed.jsonl:3: invalid JSON (x)")
    items = [Article(doc.id, doc.text, origin="a.txt"), Article("d2", bare.text, origin="b.txt"), rejected]
    tables = to_tables(items, [doc, bare, rejected])
    assert set(tables) == set(TABLES)
    for name, table in tables.items():
        assert table.schema == SCHEMAS[name]
    back = list(from_tables(tables))
    assert [r.to_dict() for r in back] == [doc.to_dict(), bare.to_dict(), rejected.to_dict()]


def test_statement_columns_are_flat_and_queryable():
    tables = to_tables([None], [_rich_document()])
    rows = tables["statements"].to_pylist()
    assert [r["quote_index"] for r in rows] == [0, 1, 2, 3]
    second = rows[1]
    assert second["speaker_name"] == "Ken Loach" and second["speaker_mention_text"] == "he"
    assert second["spans"] == [{"start": 37, "end": 47}, {"start": 48, "end": 49}]
    assert (second["start"], second["end"]) == (37, 49)
    assert second["said_on"] == date(2021, 8, 14) and second["said_on_evidence_text"] == "on Saturday"
    assert second["said_on_precision"] == "day"
    assert rows[0]["signatories"] == ["Jane Smith", "Tom Jones"] and rows[0]["about"] == ["Labour"]
    assert rows[2]["speaker_name"] is None and rows[2]["cue_start"] is None
    docs = tables["documents"].to_pylist()
    assert docs[0]["n_quotes"] == 4 and docs[0]["n_entities"] == 3 and docs[0]["status"] == "ok"
    assert len(docs[0]["text_sha256"]) == 64
    assert [m["text"] for m in tables["mentions"].to_pylist()] == ["Ken Loach", "he", "BBC"]


def test_process_records_keeps_every_input_as_one_row():
    good = [item_to_record(a) for a in articles(3)]
    records = [
        good[0],
        {"text": "no id"},
        {"id": "n", "text": 5},
        Rejected("r", "dir/x.html", "E109", "dir/x.html: HTML has no extractable main text").to_dict(),
        {"id": 7, "text": 'Jane Smith said "fine".', "date": "2021-13-40"},
        "not a dict",
        good[1],
        {"id": "fails", "text": "FAIL now"},
        good[2],
    ]
    tables = process_records(records, loader=hand_loader)
    docs = tables["documents"].to_pylist()
    assert len(docs) == len(records)
    assert [d["status"] for d in docs] == ["ok", "rejected", "rejected", "rejected", "ok", "rejected", "ok", "rejected", "ok"]
    assert [d["code"] for d in docs] == [None, "E106", "E107", "E109", None, "E107", None, "E202", None]
    assert docs[4]["date"] is None, "an unreadable date leaves the article without a date (issue 13)"
    assert docs[1]["origin"] == "records[1]" and "records[1]" in docs[1]["reason"]
    assert docs[3]["id"] == "r" and docs[3]["origin"] == "dir/x.html"
    assert docs[4]["id"] == "7"
    assert docs[7]["text_sha256"] is not None, "a pipeline failure still names the text it failed on"
    expected = [hand_document(a).to_dict() for a in articles(3)]
    rebuilt = [r.to_dict() for r in from_tables(tables) if isinstance(r, Document) and r.id != "7"]
    assert rebuilt == expected


def test_record_warnings_and_origin_survive():
    article = Article("w", 'Ken Loach said "hello".', origin="f.txt", warnings=[Warning("W101", "bom removed")])
    item = record_to_item(item_to_record(article), 0, max_chars=1000)
    assert item == article


def test_process_arrow_adapter_matches_process_records():
    records = [item_to_record(a) for a in articles(5)]
    batch = pa.Table.from_pylist([{k: r[k] for k in ("id", "text", "date", "title", "source")} for r in records])
    out = pa.Table.from_batches(list(process_arrow([batch.slice(0, 2), batch.slice(2)], loader=hand_loader)))
    expected = process_records(records, loader=hand_loader)["statements"]
    assert out.drop_columns(["doc_index"]).equals(expected.drop_columns(["doc_index"]))
    with pytest.raises(ValueError):
        next(process_arrow([batch], table="nope"))


def test_process_pandas_adapter():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([{"id": "p1", "text": 'Ken Loach said "yes".', "date": None}])
    (out,) = list(process_pandas([frame], loader=hand_loader, table="documents"))
    assert list(out["status"]) == ["ok"] and list(out["date"]) == [None]


@pytest.mark.parametrize("said_on, day, precision", [
    ("2021-08-14", date(2021, 8, 14), "day"),
    ("2021-07", date(2021, 7, 1), "month"),
    ("2020", date(2020, 1, 1), "year"),
    (None, None, None),
])
def test_said_on_is_a_real_date_with_its_precision(said_on, day, precision, tmp_path):
    # issue 13: one string column mixing 2021-07 and 2021-08-14 was unreadable as a date
    import duckdb
    import pyarrow.parquet as pq

    text = 'Ken Loach said "no".'
    doc = Document("d", text, date="2021-08-16", quotes=[Quotation("direct", [Span(16, 18)], "no", said_on=said_on)])
    tables = to_tables([None], [doc])
    [row] = tables["statements"].to_pylist()
    assert (row["said_on"], row["said_on_precision"]) == (day, precision)
    assert [d.to_dict() for d in from_tables(tables)] == [doc.to_dict()]
    pq.write_table(tables["statements"], tmp_path / "s.parquet")
    got = duckdb.sql(f"SELECT said_on, year(said_on) FROM '{tmp_path / 's.parquet'}'").fetchall()
    assert got == [(day, day.year if day else None)]


@pytest.mark.parametrize("bad_id", ["a\ud800b", "\udfff"])
def test_a_lone_surrogate_in_an_id_is_a_coded_rejection_not_a_unicode_error(bad_id):
    """Engine records take ids through the same check as JSONL files (E115), so the
    Spark/Ray entry point gives a failure row instead of raising UnicodeEncodeError."""
    from quotegraph.ingest import record_id
    from quotegraph.errors import InputError

    with pytest.raises(InputError) as caught:
        record_id({"id": bad_id}, "x")
    assert caught.value.code == "E115"
    [row] = process_records([{"id": bad_id, "text": "Hello."}])["documents"].to_pylist()
    assert (row["status"], row["code"], row["id"]) == ("rejected", "E115", None)
    assert record_to_item({"id": 12, "text": "x"}, 0, max_chars=100).id == "12"
