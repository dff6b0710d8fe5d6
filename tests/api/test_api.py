"""The JSON API in-process (httpx over ASGI): endpoints, OpenAPI, and the one error envelope."""

from __future__ import annotations

import httpx
import pytest
from starlette.routing import Route
from store_docs import HOSTILE, corpus

from quotegraph.server import create_app
from quotegraph.server.app import CSP, ROUTES
from quotegraph.store import Store


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        for doc in corpus():
            store.put(doc)
        store.rebuild()
    return path


@pytest.fixture()
async def client(db):
    transport = httpx.ASGITransport(app=create_app(db), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
        yield c


pytestmark = pytest.mark.anyio


@pytest.fixture()
def anyio_backend():
    return "asyncio"


async def test_statements_search_and_pagination(client):
    r = await client.get("/api/statements", params={"q": "solidarity"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1 and body["items"][0]["speaker"]["name"] == "Ken Loach"
    assert body["items"][0]["source_count"] == 2
    everything = (await client.get("/api/statements")).json()
    pages = [(await client.get("/api/statements", params={"limit": 3, "offset": o})).json() for o in (0, 3, 6, 9)]
    assert [i["id"] for p in pages for i in p["items"]] == [i["id"] for i in everything["items"]]
    assert all(p["total"] == everything["total"] for p in pages)


async def test_statement_with_sources(client):
    hit = (await client.get("/api/statements", params={"q": "outstanding socialist"})).json()["items"][0]
    r = await client.get(f"/api/statements/{hit['id']}")
    body = r.json()
    assert [s["article_id"] for s in body["sources"]] == ["expelled", "statement-again"]
    assert [s["rule"] for s in body["sources"]] == ["first", "identical"]
    assert body["first_seen"] == "2021-08-16" and body["source_count"] == 2
    assert body["about"] == [{"name": "Ken Loach", "slug": "ken-loach"}]


async def test_speakers(client):
    body = (await client.get("/api/speakers")).json()
    assert body["items"][0]["slug"] == "ken-loach"  # most statements first
    assert (await client.get("/api/speakers", params={"q": "marsh"})).json()["total"] == 3
    loach = (await client.get("/api/speakers/ken-loach")).json()
    assert {n["name"]: n["rule"] for n in loach["names"]} == {"Ken Loach": "exact", "Loach": "surname"}
    assert loach["names"][1]["article_ids"] == ["rally"]
    assert {a["name"] for a in loach["about"]} == {"Labour", "Keir Starmer"}
    assert [s["date"] for s in loach["statements"]] == sorted(s["date"] for s in loach["statements"])


async def test_article(client):
    body = (await client.get("/api/articles/expelled")).json()
    assert body["date"] == "2021-08-16" and len(body["quotes"]) == 3
    quote = body["quotes"][1]
    assert body["text"][quote["spans"][0]["start"]:quote["spans"][0]["end"]] == quote["text"]
    assert quote["speaker"]["slug"] == "ken-loach" and quote["statement_id"]


async def test_head_and_security_headers(client):
    r = await client.head("/api/speakers")
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"


async def test_hostile_text_stays_data(client):
    r = await client.get("/api/articles/hostile")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["quotes"][0]["speaker"]["name"] == HOSTILE  # stored and returned exactly, as a string


async def test_openapi_describes_every_route(client):
    doc = (await client.get("/api/openapi.json")).json()
    assert doc["openapi"].startswith("3.")
    described = set(doc["paths"])
    routed = {r.path.replace(":path", "") for r in ROUTES if isinstance(r, Route) and r.path.startswith("/api")}
    assert described == routed
    for path, item in doc["paths"].items():
        for op in item.values():
            assert op["responses"], path


ERROR_CASES = [
    ("GET", "/api/statements/0000deadbeef", {}, 404, "E602"),
    ("GET", "/api/speakers/nobody", {}, 404, "E602"),
    ("GET", "/api/articles/no/such/article", {}, 404, "E602"),
    ("GET", "/api/no-such-endpoint", {}, 404, "E602"),
    ("GET", "/api/statements?q=NEAR(%22a&raw=1", {}, 400, "E600"),
    ("GET", "/api/statements?q=a:b&raw=true", {}, 400, "E600"),
    ("GET", "/api/statements?raw=1", {}, 400, "E600"),
    ("GET", "/api/statements?limit=0", {}, 400, "E601"),
    ("GET", "/api/statements?limit=abc", {}, 400, "E601"),
    ("GET", "/api/statements?limit=100000", {}, 400, "E601"),
    ("GET", "/api/statements?offset=-1", {}, 400, "E601"),
    ("GET", "/api/statements?since=yesterday", {}, 400, "E601"),
    ("GET", "/api/statements?until=2021-13-01", {}, 400, "E601"),
    ("GET", "/api/statements?raw=maybe", {}, 400, "E601"),
    ("GET", "/api/statements?scope=everything", {}, 400, "E601"),
    ("GET", "/api/statements?q=" + "x" * 600, {}, 400, "E601"),
    ("GET", "/api/speakers?limit=-5", {}, 400, "E601"),
    ("GET", "/api/statements?q=" + "x" * 5000, {}, 413, "E603"),
    ("GET", "/api/statements", {"content": b"x" * 20000}, 413, "E603"),
    ("POST", "/api/statements", {"content": b"x" * 20000}, 413, "E603"),
    ("POST", "/api/statements", {"json": {"q": "x"}}, 405, "E604"),
    ("DELETE", "/api/speakers/ken-loach", {}, 405, "E604"),
    ("PUT", "/api/articles/expelled", {}, 405, "E604"),
]


@pytest.mark.parametrize("method,url,kwargs,status,code", ERROR_CASES,
                         ids=[f"{c[3]}-{c[4]}-{i}" for i, c in enumerate(ERROR_CASES)])
async def test_error_envelope(client, method, url, kwargs, status, code):
    r = await client.request(method, url, **kwargs)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["content-security-policy"] == CSP
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]


async def test_missing_database_after_start_is_an_envelope_too(db, client):
    db.unlink()
    r = await client.get("/api/speakers")
    assert r.status_code == 503 and r.json()["error"]["code"] == "E302"


async def test_unexpected_failure_is_a_500_envelope(db, client):
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE statement_about")  # a damaged database: the service cannot answer
    conn.commit()
    conn.close()
    r = await client.get("/api/speakers/ken-loach")
    assert r.status_code == 500
    assert r.json()["error"]["code"] in ("E300", "E605")


def test_app_refuses_a_missing_database(tmp_path):
    from quotegraph.errors import StoreError

    with pytest.raises(StoreError) as err:
        create_app(tmp_path / "none.db")
    assert err.value.code == "E302"
