"""Server-rendered pages in-process: content, highlights, and hostile text kept inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest
from store_docs import HOSTILE, corpus

from quotegraph.server import create_app
from quotegraph.server.app import CSP
from quotegraph.store import Store
from quotegraph.web.render import highlight, safe_url, timeline


@pytest.fixture()
def client(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        for doc in corpus():
            store.put(doc)
        store.rebuild()
    transport = httpx.ASGITransport(app=create_app(path))
    return httpx.AsyncClient(transport=transport, base_url="http://localhost")


pytestmark = pytest.mark.anyio


@pytest.fixture()
def anyio_backend():
    return "asyncio"


class Tags(HTMLParser):
    """Every start tag with its attributes, as the browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def assert_inert(html: str) -> None:
    """No markup from stored data: one script tag (ours), no handlers, no javascript: links, no stray img."""
    tags = parse(html)
    scripts = [a for t, a in tags.tags if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}]
    assert not [t for t, _ in tags.tags if t == "img"]
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith("javascript:"), (tag, attrs)


async def pages_with_hostile_text(client) -> list[str]:
    # markup is no speaker name (issue 12): the quote keeps it as its mention, no speaker entity is made
    assert (await client.get("/api/speakers", params={"q": "script"})).json()["items"] == []
    statement = (await client.get("/api/statements", params={"q": "look"})).json()["items"][0]["id"]
    return ["/articles/hostile", f"/statements/{statement}", "/speakers", "/overview", "/api/docs",
            "/?q=look", "/?q=" + HOSTILE, "/?speaker=" + HOSTILE, "/speakers?q=" + HOSTILE,
            "/?since=" + HOSTILE]


async def test_hostile_content_renders_as_text_everywhere(client):
    async with client:
        for url in await pages_with_hostile_text(client):
            r = await client.get(url)
            assert r.status_code in (200, 400), url
            assert r.headers["content-security-policy"] == CSP
            assert_inert(r.text)
            if url.startswith("/articles") or url.startswith("/statements/"):
                assert "&lt;script&gt;" in r.text  # shown, as text
        article = parse((await client.get("/articles/hostile")).text)
        assert HOSTILE in "".join(article.text)
        # the javascript: URL is shown as text, never as a link
        assert "javascript:alert(3)" in "".join(article.text)


async def test_pages_render(client):
    async with client:
        front = await client.get("/")
        total = (await client.get("/api/statements")).json()["total"]
        assert total == 8  # ten quotes, two carried twice
        assert front.status_code == 200 and 'id="q"' in front.text and f"{total} statements by" in front.text
        search = await client.get("/", params={"q": "solidarity"})
        assert search.status_code == 200 and "Ken Loach" in search.text and 'id="results"' in search.text
        speaker = await client.get("/speakers/ken-loach")
        assert speaker.status_code == 200
        tags = parse(speaker.text)
        columns = [a for t, a in tags.tags if t == "rect" and a.get("class") == "column"]
        counted = [int(n) for n in re.findall(r"<title>\d{4}-\d{2}: (\d+) statements?</title>", speaker.text)]
        assert columns and sum(counted) == 3  # three dated statements, counted per month on a time axis
        assert "surname" in speaker.text and "Keir Starmer" in speaker.text
        statement_id = (await client.get("/api/statements", params={"q": "solidarity"})).json()["items"][0]["id"]
        statement = await client.get(f"/statements/{statement_id}")
        assert statement.text.count('href="/articles/') == 2
        listing = await client.get("/speakers")
        assert "Helen Marsh" in listing.text


async def test_article_highlights_are_keyboard_reachable(client):
    async with client:
        html = (await client.get("/articles/expelled")).text
    marks = [a for t, a in parse(html).tags if t == "mark"]
    assert len(marks) == 3
    for mark in marks:
        assert mark["tabindex"] == "0" and mark["title"] and mark["data-tip"] == mark["title"]
        assert mark["aria-describedby"].startswith("tip-")
        assert re.fullmatch(r"q c\d", mark["class"])
    # one colour per speaker: Ken Loach's two quotes share a class, the group's differs
    assert marks[0]["class"] == marks[1]["class"] != marks[2]["class"]
    assert marks[0]["title"].startswith("Ken Loach")
    assert "via twitter" in marks[1]["title"]


async def test_page_errors_are_html_with_the_code(client):
    async with client:
        missing = await client.get("/speakers/nobody")
        assert missing.status_code == 404 and "E602" in missing.text and "text/html" in missing.headers["content-type"]
        bad = await client.get("/", params={"q": '"x', "raw": "1"})
        assert bad.status_code == 400 and "E600" in bad.text and 'role="alert"' in bad.text
        limit = await client.get("/", params={"limit": "99999"})
        assert limit.status_code == 400 and "E601" in limit.text
        nope = await client.post("/speakers")
        assert nope.status_code == 405 and "E604" in nope.text
        static = await client.get("/static/style.css")
        assert static.status_code == 200 and "mark.q" in static.text


def test_safe_url():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "//evil", "http://", None, ""]:
        assert safe_url(bad) is None


def test_highlight_innermost_quote_wins_and_text_is_kept():
    text = "He said that we must “win now” today."
    outer = {"ordinal": 0, "spans": [{"start": 8, "end": 30}]}
    inner = {"ordinal": 1, "spans": [{"start": 22, "end": 29}]}
    segments = highlight(text, [outer, inner])
    assert "".join(s["text"] for s in segments) == text
    assert [(s["text"], s["quote"]["ordinal"] if s["quote"] else None) for s in segments] == [
        ("He said ", None), ("that we must “", 0), ("win now", 1), ("”", 0), (" today.", None)]
    # spans past the end of the text are clipped, never raise
    assert "".join(s["text"] for s in highlight("short", [{"ordinal": 0, "spans": [{"start": 2, "end": 99}]}])) == "short"


def test_timeline_stacks_same_day_and_counts_undated():
    statements = [{"id": str(i), "date": d, "text": "t", "source_count": 1}
                  for i, d in enumerate(["2021-08-16", "2021-08-16", "2021-09", None, "garbage"])]
    chart = timeline(statements)
    assert len(chart["dots"]) == 3 and chart["undated"] == 2
    same_day = [d for d in chart["dots"] if d["date"] == "2021-08-16"]
    assert same_day[0]["x"] == same_day[1]["x"] and same_day[0]["y"] != same_day[1]["y"]
    assert len(chart["ticks"]) == 6
