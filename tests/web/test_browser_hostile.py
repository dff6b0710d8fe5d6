"""Hostile stored text in a real browser: nothing runs, everything reads as text."""

from __future__ import annotations

import subprocess

import pytest
from store_docs import HOSTILE, corpus, write_jsonl
from served import quotegraph, serving
from test_browser import CHROMIUM_ARGS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    source = write_jsonl(tmp / "docs.jsonl", corpus())
    db = tmp / "q.db"
    done = subprocess.run(quotegraph("ingest", str(source), "--documents", "--db", str(db), "--no-progress"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with serving(db, quiet=True) as base:
        yield base


def test_hostile_pages_run_no_script(hostile_server, chromium_path, artifacts_dir):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(hostile_server + "/articles/hostile")
        assert HOSTILE in page.inner_text("#article-text")
        assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        page.locator("#article-text mark.q").first.hover()
        page.screenshot(path=str(artifacts_dir / "browser-hostile-article.png"), full_page=True)
        page.locator("ol.quotes a").first.click()  # its statement page
        page.wait_for_selector("#sources")
        page.locator("#sources a").first.click()  # back to the article through the statement
        page.goto(hostile_server + "/?q=" + HOSTILE)
        assert page.input_value("#q") == HOSTILE
        page.evaluate("window.scrollTo(0, 0)")
        assert dialogs == []
        browser.close()
