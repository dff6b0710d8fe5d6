"""The researcher's view (issue 12): ranking, filters, sorts, exports and the pagination links.

Built on small hand-written documents: a surname search must return that
person's own statements first, not one-word attributions whose whole content
is the name.
"""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from click.testing import CliRunner
from store_docs import Say, build

from quotegraph.server import create_app
from quotegraph.cli import main as cli
from quotegraph.store import Store

pytestmark = pytest.mark.anyio


@pytest.fixture()
def anyio_backend():
    return "asyncio"


def documents():
    return [
        build("votes", "2016-03-01", "Exit polls: ", Say("Black voters", "Clinton", kind="group", type="indirect"),
              ". And ", Say("19 percent of college students", "Clinton", kind="group", type="indirect"),
              ". Analysts said ", Say("Analysts", "the Clinton campaign had a good night", kind="group",
                                      type="indirect"), ".", source="wire"),
        build("speech", "2016-03-02", "Hillary Clinton said: “",
              Say("Hillary Clinton", "We will build an economy that works for everyone, not just those at the top"),
              "”. Later Clinton added: “", Say("Clinton", "I am proud of the campaign we have run together"), "”",
              source="daily"),
        build("letter", "2016-03-03", "The group wrote: “",
              Say("Campaign Group", "We stand with the striking workers across the country", kind="group",
                  channel="letter"), "”", source="daily"),
    ]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "r.db"
    docs = documents()
    docs[2].quotes[0].signatories.extend(["Jeremy Corbyn", "Diane Abbott"])
    with Store(path) as store:
        for doc in docs:
            store.put(doc)
        store.rebuild()
    return path


@pytest.fixture()
def client(db):
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(db, settings={"page_size": 2})),
                             base_url="http://127.0.0.1")


async def test_a_surname_search_returns_that_persons_real_statements_first(client):
    async with client:
        items = (await client.get("/api/statements", params={"q": "clinton", "limit": 10})).json()["items"]
    top = items[:2]
    assert all(len(s["text"].split()) >= 5 for s in top), [s["text"] for s in top]
    assert all(s["speaker"]["kind"] == "person" and s["speaker"]["name"] == "Hillary Clinton" for s in top)
    one_word = [i for i, s in enumerate(items) if s["text"] == "Clinton"]
    assert one_word and min(one_word) > 2  # the bare attributions come last


async def test_items_carry_cue_channel_confidence_kind_signatories_and_page_links(client):
    async with client:
        page = (await client.get("/api/statements", params={"kind": "all"})).json()
        assert page["total"] == 6 and len(page["items"]) == 2
        assert page["links"]["prev"] is None and "offset=2" in page["links"]["next"]
        item = page["items"][0]
        assert {"cue", "channel", "confidence", "kind", "signatories", "article_title"} <= set(item)
        signed = (await client.get("/api/statements", params={"q": "corbyn"})).json()["items"]
        assert [s["signatories"] for s in signed] == [["Jeremy Corbyn", "Diane Abbott"]]
        by_signatory = (await client.get("/api/statements", params={"signatory": "abbott"})).json()
        assert by_signatory["total"] == 1
        detail = (await client.get(f"/api/statements/{signed[0]['id']}")).json()
        assert detail["signatories"] == ["Jeremy Corbyn", "Diane Abbott"]
        assert detail["sources"][0]["context"]["quote"].startswith("We stand with")


@pytest.mark.parametrize("params,total", [
    ({"type": "indirect"}, 3), ({"type": "direct,mixed"}, 3), ({"source": "DAILY"}, 3),
    ({"channel": "letter"}, 1), ({"min_confidence": "0.9"}, 0), ({"speaker": "hillary-clinton"}, 2),
    ({"speaker": "clinton"}, 2),  # exact: "Clinton" is a merged name of Hillary Clinton
    ({"speaker_name": "voters"}, 1), ({"since": "2016-03-02"}, 3), ({"kind": "belief"}, 0),
])
async def test_filters(client, params, total):
    async with client:
        r = await client.get("/api/statements", params=params)
    assert r.status_code == 200, r.text
    assert r.json()["total"] == total


@pytest.mark.parametrize("params,code", [
    ({"type": "rumour"}, "E601"), ({"kind": "gossip"}, "E601"), ({"min_confidence": "2"}, "E601"),
    ({"sort": "random"}, "E601"), ({"format": "xml"}, "E601"),
])
async def test_bad_filters_are_coded_errors(client, params, code):
    async with client:
        r = await client.get("/api/statements", params=params)
    assert r.status_code == 400 and r.json()["error"]["code"] == code


async def test_sorts(client):
    async with client:
        said = (await client.get("/api/statements", params={"sort": "said", "limit": 10})).json()["items"]
        assert [s["date"] for s in said] == sorted((s["date"] for s in said), reverse=True)


async def test_csv_export_streams_every_match_and_matches_the_api(client):
    async with client:
        r = await client.get("/api/statements.csv", params={"kind": "all"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        api = (await client.get("/api/statements", params={"kind": "all", "limit": 50})).json()["items"]
        assert [row["id"] for row in rows] == [s["id"] for s in api]  # no page cap: 6 rows with page_size 2
        jsonl = (await client.get("/api/statements", params={"kind": "all", "format": "jsonl"})).text.splitlines()
        assert [json.loads(line)["id"] for line in jsonl] == [s["id"] for s in api]
        speakers = list(csv.DictReader(io.StringIO((await client.get("/api/speakers.csv")).text)))
        assert {s["name"] for s in speakers} >= {"Hillary Clinton", "Campaign Group"}
        quotes = list(csv.DictReader(io.StringIO((await client.get("/api/articles/speech?format=csv")).text)))
        assert len(quotes) == 2 and quotes[0]["speaker"] == "Hillary Clinton"


def test_cli_search_formats_without_a_page_cap(db):
    runner = CliRunner()
    out = runner.invoke(cli, ["search", "--db", str(db), "--kind", "all", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert len(list(csv.DictReader(io.StringIO(out.output)))) == 6
    out = runner.invoke(cli, ["search", "clinton", "--db", str(db), "--format", "jsonl", "--limit", "500"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output.splitlines()[0])["speaker"]["name"] == "Hillary Clinton"
