"""The bundled examples through the real pipeline and the real ``ingest``:
the merging and dedup cases they were written to exercise."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.service import Service
from quotegraph.ingestion import ingest
from quotegraph.store import dump

pytestmark = pytest.mark.integration

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("examples") / "example.db"
    report = ingest([str(EXAMPLES)], db=db)
    assert not report.failures and report.added == 4
    return db


def test_surname_only_article_merges_into_ken_loach(example_db):
    loach = Service(example_db).get_speaker("ken-loach")
    rules = {n.name: (n.rule, n.article_ids) for n in loach.names}
    assert rules["Loach"] == ("surname", ["rally-for-loach"])
    assert {s.article_id for s in loach.statements} >= {"loach-expelled", "rally-for-loach"}


def test_two_people_named_marsh_are_not_merged(example_db):
    service = Service(example_db)
    names = {p.name for p in service.list_speakers("marsh").items}
    assert {"Helen Marsh", "David Marsh", "Marsh"} <= names
    marsh = service.get_speaker("marsh")
    assert "ambiguous-surname" in {n.rule for n in marsh.names}


def test_statements_carried_twice_have_two_sources(example_db):
    service = Service(example_db)
    solidarity = service.search_statements("solidarity", speaker="ken-loach").items
    assert max(s.source_count for s in solidarity) == 2
    group = service.search_statements('"outstanding socialist"').items
    assert group and group[0].source_count == 2 and group[0].first_seen == "2021-08-16"


def test_alias_file_resolves_the_ambiguous_name(example_db, tmp_path):
    db = tmp_path / "aliased.db"
    ingest([str(EXAMPLES)], db=db, aliases=EXAMPLES / "aliases.csv")
    marsh = Service(db).get_speaker("david-marsh")
    assert {n.name: n.rule for n in marsh.names}.get("Marsh") == "alias"
    # re-running on the same database stores nothing new and changes nothing
    before = dump(db)
    again = ingest([str(EXAMPLES)], db=db, aliases=EXAMPLES / "aliases.csv")
    assert again.unchanged == 4 and again.added == 0
    assert dump(db) == before


def test_worker_processes_give_the_same_database(example_db, tmp_path):
    db = tmp_path / "two-workers.db"
    report = ingest([str(EXAMPLES)], db=db, processes=2)
    assert report.added == 4 and not report.failures
    assert dump(db) == dump(example_db)
