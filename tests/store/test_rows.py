"""Store rows come from the record definition: named columns, every field kept, one null for "no name"."""

from __future__ import annotations

import sqlite3

from quotegraph.model import Document, Entity, Mention, Quotation, Span, Speaker
from quotegraph.service import Service
from quotegraph.store import Store
from quotegraph.store.rows import ENTITY_COLUMNS, QUOTE_COLUMNS
from quotegraph.store.writer import _stored_document

TEXT = 'State Department official Jane Holt said: "We will act." They said: "Not us."'


def _doc() -> Document:
    holt = Mention.of(TEXT, 26, 35)
    they = Mention.of(TEXT, 57, 61)
    quotes = [
        Quotation("direct", [Span(43, 55)], "We will act.",
                  Speaker("Jane Holt", "person", holt, rule="title", affiliation="State Department"), confidence=0.9),
        Quotation("direct", [Span(69, 76)], "Not us.", Speaker("", "unknown", they, rule="pronoun_unresolved")),
    ]
    return Document("d", TEXT, "2021-08-16", quotes=quotes,
                    entities=[Entity("Jane Holt", "person", [holt], affiliation="State Department")])


def _columns(db, table: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def test_migrated_tables_have_exactly_the_columns_of_the_record_definition(tmp_path):
    """A field added to ``Quotation``, ``Speaker`` or ``Entity`` without its migration fails here."""
    db = tmp_path / "q.db"
    Store(db).close()
    assert sorted(_columns(db, "quotes")) == sorted(["article_id", "ordinal", *(c.name for c in QUOTE_COLUMNS)])
    assert sorted(_columns(db, "entities")) == sorted(["article_id", "ordinal", *(c.name for c in ENTITY_COLUMNS)])


def test_speaker_rule_and_affiliation_reach_the_store_and_the_api(tmp_path):
    db = tmp_path / "q.db"
    doc = _doc()
    with Store(db) as store:
        store.put(doc)
        store.rebuild()
        assert Document.from_dict(_stored_document(store.conn, "d")).to_dict() == doc.to_dict()
    quotes = Service(db).get_article("d").quotes
    assert quotes[0].speaker.rule == "title" and quotes[0].speaker.affiliation == "State Department"


def test_an_unresolved_speaker_is_null_in_json_store_and_api(tmp_path):
    db = tmp_path / "q.db"
    doc = _doc()
    assert doc.to_dict()["quotes"][1]["speaker"]["name"] is None
    assert Document.from_dict({**doc.to_dict(), "quotes": [{**doc.to_dict()["quotes"][1],
                               "speaker": {"name": "", "kind": "unknown"}}]}).quotes[0].speaker.name is None
    with Store(db) as store:
        store.put(doc)
        store.rebuild()
        assert store.conn.execute("SELECT speaker_name, speaker_rule FROM quotes WHERE ordinal = 1").fetchone() == (
            None, "pronoun_unresolved")
    speaker = Service(db).get_article("d").quotes[1].speaker
    assert speaker.name is None and speaker.mention.text == "They" and speaker.slug is None
