"""Speaker names with no letters or digits (a stray quote mark, an emoji) must not stop an ingest.

The extractor can report such a name when a quote mark it does not know
(``´``, ``」``) is taken for a word; the store must treat it as naming no
entity rather than fail the whole run.
"""

from __future__ import annotations

import sqlite3

from store_docs import Say, build

from quotegraph.store import Store, dump


def test_names_without_letters_name_no_entity_and_the_ingest_goes_on(tmp_path):
    docs = [
        build("odd", "2021-08-16", "", Say("´", "we are not going anywhere", kind="unknown"), " ´ wrote."),
        build("emoji", "2021-08-17", "", Say("😀 」", "nobody knew", kind="unknown"), " 😀 」 said."),
        build("plain", "2021-08-18", "", Say("Ana Ruiz", "the plan will fail"), " Ana Ruiz said."),
    ]
    db = tmp_path / "odd.db"
    with Store(db) as store:
        for doc in docs:
            store.put(doc, origin=f"mem:{doc.id}")
        store.rebuild()
    conn = sqlite3.connect(db)
    try:
        speakers = dict(conn.execute("SELECT text, slug FROM statements"))
    finally:
        conn.close()
    assert speakers["we are not going anywhere"] is None and speakers["nobody knew"] is None
    assert speakers["the plan will fail"] is not None
    assert dump(db)  # and the store is still consistent (FTS integrity is checked by dump)
