"""The real pages in a real browser: Debian's chromium driven by Playwright,
against a real ``quotegraph serve`` (uvicorn) on 127.0.0.1, over a database
made by the real ``quotegraph ingest`` of the bundled examples.

Screenshots of every page land in ``test-artifacts/``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from served import quotegraph, serving

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "example.db"
    done = subprocess.run(quotegraph("ingest", str(REPO / "examples"), "--db", str(db), "--no-progress"),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium_path):
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_search_speaker_statement_article(server, browser, artifacts_dir):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    # search
    page.goto(server + "/")
    page.fill("#q", "solidarity")
    page.press("#q", "Enter")
    page.wait_for_selector("#results li")
    assert "q=solidarity" in page.url and "speaker=" not in page.url  # empty filters left out by app.js
    results = page.locator("#results li")
    assert results.count() >= 1
    assert "Ken Loach" in page.locator("#results").inner_text()
    page.screenshot(path=str(artifacts_dir / "browser-search.png"), full_page=True)

    # speaker page: statements and the timeline
    page.locator("#results a.speaker-link", has_text="Ken Loach").first.click()
    page.wait_for_selector("#speaker-name")
    assert page.inner_text("#speaker-name") == "Ken Loach"
    assert page.locator("#speaker-statements li").count() >= 5
    assert page.locator("#timeline rect.column").count() >= 1  # statements per month on a time axis
    assert page.locator("#names", has_text="surname").count() == 1  # "Loach" in another article merged here
    page.screenshot(path=str(artifacts_dir / "browser-speaker.png"), full_page=True)

    # a statement carried by two articles
    page.locator("#speaker-statements a.statement-text", has_text="We are many").first.click()
    page.wait_for_selector("#sources")
    assert page.inner_text("#source-count") == "2"
    page.screenshot(path=str(artifacts_dir / "browser-statement.png"), full_page=True)

    # the article, each statement highlighted
    page.locator("#sources a[href^='/articles/loach-expelled#q']").click()
    page.wait_for_selector("#article-text mark.q")
    marks = page.locator("#article-text mark.q")
    assert marks.count() >= 8
    classes = {marks.nth(i).get_attribute("class") for i in range(marks.count())}
    assert len(classes) >= 3  # coloured by speaker

    loach = page.locator("#article-text mark.q[title^='Ken Loach']").first
    loach.hover()
    tip = loach.evaluate("el => getComputedStyle(el, '::after').content")
    assert "Ken Loach" in tip
    page.mouse.move(0, 0)
    page.screenshot(path=str(artifacts_dir / "browser-article.png"), full_page=True)

    # keyboard: Tab reaches a highlighted statement and its attribution shows
    page.focus("body")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.q')"):
            break
    else:
        pytest.fail("no highlighted statement reachable with Tab")
    focused_tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert focused_tip not in ("none", "normal", "")
    page.screenshot(path=str(artifacts_dir / "browser-article-focus.png"))

    assert not problems, problems  # no script errors, no CSP violations
    page.close()
