"""Live API responses (in-process, over ASGI) validate against the generated OpenAPI document."""

from __future__ import annotations

import httpx
import pytest
from jsonschema import Draft202012Validator
from store_docs import corpus

from quotegraph.model import Document, Entity, Mention, Quotation, Span, Speaker
from quotegraph.server import create_app
from quotegraph.store import Store

pytestmark = pytest.mark.anyio

TEXT = 'State Department official Jane Holt said: "We will act." They said: "Not us."'


def _attributed() -> Document:
    """A speaker with a rule and an affiliation, and one that names no one (name null)."""
    holt, they = Mention.of(TEXT, 26, 35), Mention.of(TEXT, 57, 61)
    return Document("holt", TEXT, "2021-08-20", quotes=[
        Quotation("direct", [Span(43, 55)], "We will act.", Speaker("Jane Holt", "person", holt, rule="title",
                  affiliation="State Department"), cue=Mention.of(TEXT, 36, 40), said_on="2021-08", confidence=0.9),
        Quotation("direct", [Span(69, 76)], "Not us.", Speaker(None, "unknown", they, rule="pronoun_unresolved")),
    ], entities=[Entity("Jane Holt", "person", [holt], affiliation="State Department")])


@pytest.fixture()
def anyio_backend():
    return "asyncio"


@pytest.fixture()
async def client(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        for doc in [*corpus(), _attributed()]:
            store.put(doc)
        store.rebuild()
    transport = httpx.ASGITransport(app=create_app(path), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
        yield c


def _validator(doc: dict, path: str, status: int) -> Draft202012Validator:
    response = doc["paths"][path]["get"]["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": doc["components"]})


async def _check(client, doc: dict, template: str, url: str, status: int = 200, **params) -> dict:
    r = await client.get(url, params=params)
    assert r.status_code == status, r.text
    body = r.json()
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(doc, template, status).iter_errors(body)]
    assert not errors, f"{url}: {errors[:5]}"
    return body


async def test_every_json_endpoint_answers_as_its_openapi_schema_says(client):
    doc = (await client.get("/api/openapi.json")).json()
    Draft202012Validator.check_schema({"components": doc["components"]})
    await _check(client, doc, "/api", "/api")
    page = await _check(client, doc, "/api/statements", "/api/statements", limit=200)
    assert page["items"]
    for item in page["items"][:8]:
        await _check(client, doc, "/api/statements/{statement_id}", f"/api/statements/{item['id']}")
    speakers = await _check(client, doc, "/api/speakers", "/api/speakers")
    for s in speakers["items"][:5]:
        await _check(client, doc, "/api/speakers/{slug}", f"/api/speakers/{s['slug']}")
        await _check(client, doc, "/api/speakers/{slug}/statements", f"/api/speakers/{s['slug']}/statements")
    for article in ("expelled", "hostile", "holt"):
        await _check(client, doc, "/api/articles/{article_id}", f"/api/articles/{article}")
    await _check(client, doc, "/api/statements", "/api/statements", 400, limit="abc")
    await _check(client, doc, "/api/speakers/{slug}", "/api/speakers/nobody", 404)


async def test_the_speakers_rule_and_affiliation_and_a_null_name_are_served_and_described(client):
    doc = (await client.get("/api/openapi.json")).json()
    body = await _check(client, doc, "/api/articles/{article_id}", "/api/articles/holt")
    first, second = (q["speaker"] for q in body["quotes"])
    assert (first["rule"], first["affiliation"]) == ("title", "State Department")
    assert second["name"] is None and second["rule"] == "pronoun_unresolved" and second["mention"]["text"] == "They"
    described = doc["components"]["schemas"]["QuoteSpeaker"]["properties"]
    assert {"rule", "affiliation"} <= set(described) and "null" in str(described["name"])


async def test_a_field_no_record_declares_fails_validation(client):
    """The schemas are closed, so this test can fail when the service returns something undocumented."""
    doc = (await client.get("/api/openapi.json")).json()
    body = (await client.get("/api/articles/holt")).json()
    body["quotes"][0]["speaker"]["undeclared"] = 1
    assert list(_validator(doc, "/api/articles/{article_id}", 200).iter_errors(body))


def test_the_service_returns_the_records_the_document_names(tmp_path):
    """Service results are typed view records (the API, pages and exports take ``to_dict`` once, at their edge)."""
    from quotegraph.api.openapi import components
    from quotegraph.model import views
    from quotegraph.service import Service

    path = tmp_path / "q.db"
    with Store(path) as store:
        for doc in [*corpus(), _attributed()]:
            store.put(doc)
        store.rebuild()
    service = Service(path)
    page = service.search_statements("")
    statement = page.items[0]
    results = {views.StatementPage: page, views.StatementDetail: service.get_statement(statement.id),
               views.SpeakerPage: service.list_speakers(), views.SpeakerDetail: service.get_speaker("ken-loach"),
               views.ArticleView: service.get_article("holt"), views.Overview: service.overview()}
    named = components()
    for cls, result in results.items():
        assert type(result) is cls and cls.__name__ in named
    assert all(type(row) is views.StatementView for row in service.iter_statements(""))
    assert type(service.get_article("holt").quotes[0].speaker) is views.QuoteSpeaker
    assert type(service.collection().speakers[0]) is views.SpeakerCount
