"""``quotegraph serve`` as a real uvicorn process on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request

import pytest
from served import free_port, quotegraph, serving
from store_docs import corpus

from quotegraph.model import Document
from quotegraph.store import Store


@pytest.fixture()
def served(tmp_path):
    db = tmp_path / "q.db"
    with Store(db) as store:
        for doc in corpus():
            store.put(doc)
        store.rebuild()
    with serving(db) as base:
        yield base, db


def test_real_server_answers_and_stays_read_only(served):
    base, db = served
    with urllib.request.urlopen(base + "/api/statements?q=solidarity", timeout=5) as r:
        assert r.status == 200
        assert "script-src 'self'" in r.headers["content-security-policy"]
        body = json.load(r)
    assert body["items"][0]["speaker"]["slug"] == "ken-loach"
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(urllib.request.Request(base + "/api/statements", data=b"{}", method="POST"), timeout=5)
    assert err.value.code == 405 and json.load(err.value)["error"]["code"] == "E604"
    # an ingest can write while the server reads (one writer, many readers)
    with Store(db) as store:
        store.put(Document(id="late", text="Late news.", date="2021-10-01"))
        store.rebuild()
    with urllib.request.urlopen(base + "/api/articles/late", timeout=5) as r:
        assert json.load(r)["text"] == "Late news."


def test_serve_refuses_a_missing_database(tmp_path):
    done = subprocess.run(quotegraph("serve", "--db", str(tmp_path / "none.db"), "--port", str(free_port())),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "E302" in done.stderr
    assert not (tmp_path / "none.db").exists()
