"""Every page at 390 px and 1280 px in Debian's chromium (issue 12): filters, sort,
pagination, highlight, CSV download matching the API, charts, the API docs page
under the strict CSP, and nothing wider than the viewport.

Screenshots land in ``test-artifacts/pages-<page>-<width>.png``.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from pathlib import Path

import pytest
# the example database behind a real server, and Debian chromium: the same fixtures as the other browser tests
from test_browser import browser, server  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.integration]

WIDTHS = (390, 1280)


def open_page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return context, page, problems


def assert_fits(page, width: int) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url}: content {overflow} px wide in a {width} px viewport"


def get_json(url: str):
    with urllib.request.urlopen(url) as r:  # noqa: S310 - local test server
        return json.loads(r.read())


@pytest.mark.parametrize("width", WIDTHS)
def test_search_filters_sort_pagination_highlight_and_csv(server, browser, artifacts_dir, width):
    context, page, problems = open_page(browser, width)
    page.goto(server + "/?limit=2")
    page.fill("#q", "party")
    page.select_option("#sort", "sources")
    page.press("#q", "Enter")
    page.wait_for_selector("#results li")
    assert "sort=sources" in page.url
    assert page.locator("#results mark.hit").count() >= 1  # the searched word highlighted
    total = page.inner_text("#total")
    assert total.startswith("1–2 of ")
    assert_fits(page, width)
    page.screenshot(path=str(artifacts_dir / f"pages-search-{width}.png"), full_page=True)
    page.locator("nav.pager a.page", has_text="2").first.click()
    page.wait_for_selector("nav.pager .current")
    assert page.inner_text("nav.pager .current") == "2" and "offset=2" in page.url
    # CSV download: parses, and holds every match the API reports, in the same order
    with page.expect_download() as info:
        page.click("#csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    api = get_json(server + "/api/statements?q=party&sort=sources&limit=200")
    assert [r["id"] for r in rows] == [s["id"] for s in api["items"]] and len(rows) == api["total"] > 2
    # a filter: only indirect statements
    page.goto(server + "/?type=indirect")
    page.wait_for_selector("#results li")
    types = page.locator("#results .type").all_inner_texts()
    assert types and set(types) == {"indirect"}
    assert not problems, problems
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_overview_speakers_speaker_statement_article_docs(server, browser, artifacts_dir, width):
    context, page, problems = open_page(browser, width)
    page.goto(server + "/overview")
    for chart in ("#chart-speakers", "#chart-months", "#chart-outlets", "#chart-channels"):
        assert page.locator(chart).is_visible()
    assert page.locator("#chart-speakers rect.bar").count() >= 3
    assert page.locator("#chart-months rect.column").count() >= 1
    assert_fits(page, width)
    page.screenshot(path=str(artifacts_dir / f"pages-overview-{width}.png"), full_page=True)

    page.goto(server + "/speakers?kind=person&sort=name")
    names = page.locator("#speakers tbody td:first-child").all_inner_texts()
    assert names == sorted(names) and names
    kinds = set(page.locator("#speakers tbody td:nth-child(2)").all_inner_texts())
    assert kinds == {"person"}
    assert_fits(page, width)
    page.screenshot(path=str(artifacts_dir / f"pages-speakers-{width}.png"), full_page=True)

    page.goto(server + "/speakers/ken-loach?limit=3")
    assert page.locator("#timeline rect.column").count() >= 1
    assert page.locator("#speaker-statements li").count() == 3 and page.locator("a[rel=next]").count() == 1
    assert page.locator("#names", has_text="surname").count() == 1
    assert_fits(page, width)
    page.screenshot(path=str(artifacts_dir / f"pages-speaker-{width}.png"), full_page=True)

    page.locator("#speaker-statements a.statement-text").first.click()
    page.wait_for_selector("#sources, article.source")
    assert page.locator("article.source p.context mark.hit").count() >= 1  # the surrounding paragraph
    assert_fits(page, width)
    page.screenshot(path=str(artifacts_dir / f"pages-statement-{width}.png"), full_page=True)
    page.locator("a.source-article").first.click()
    page.wait_for_selector("#article-text mark.q")
    anchor = page.evaluate("location.hash")
    assert anchor.startswith("#q") and page.locator(anchor).count() == 1  # opened at the highlighted quote
    assert_fits(page, width)
    page.screenshot(path=str(artifacts_dir / f"pages-article-{width}.png"), full_page=True)

    response = page.goto(server + "/api/docs")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert page.locator("section.endpoint").count() >= 8
    assert page.locator("code", has_text="/api/statements.{fmt}").count() >= 1
    assert_fits(page, width)
    page.screenshot(path=str(artifacts_dir / f"pages-docs-{width}.png"), full_page=True)
    assert not problems, problems  # no script errors, no CSP violations
    context.close()
