"""Metadata for browsing a quotegraph database with Datasette.

``datasette quotegraph.db`` works on the file alone: full-text search on
``quotes``, ``statements`` and ``articles`` (their FTS tables are declared
the way Datasette detects them) and links along every foreign key. The
metadata adds what the file cannot say: titles and descriptions, which column
labels a row in a link (a person by name, a statement by its text, an article
by its id, since many have no title), facets on speaker, kind, channel and
type, and the bookkeeping tables hidden::

    quotegraph datasette-metadata --db quotegraph.db -o metadata.json
    datasette quotegraph.db -m metadata.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["datasette_metadata", "write_datasette_metadata", "FACETS"]

# table -> columns offered as facets (speaker, kind, channel and type where the table has them)
FACETS: dict[str, list[str]] = {
    "quotes": ["speaker_name", "speaker_kind", "channel", "type"],
    "statements": ["slug", "type"],
    "persons": ["kind"],
    "articles": ["source"],
    "quote_links": ["slug", "rule"],
    "statement_about": ["slug"],
    "merges": ["rule"],
    "entities": ["kind"],
}

_TABLES: dict[str, dict[str, Any]] = {
    "statements": {
        "description": "One row per distinct statement, merged across articles; source_count is how many articles carry it.",
        "label_column": "text", "sort_desc": "source_count",
    },
    "quotes": {
        "description": "Every quotation as extracted from one article (the JSON contract's quote records; "
                       "spans, speaker mention, cue and evidence are JSON).",
        "label_column": "text",
    },
    "persons": {
        "description": "Canonical speakers and subjects: people, organisations and groups, merged across articles.",
        "label_column": "name", "sort_desc": "statement_count",
    },
    "articles": {
        "description": "The stored articles (the text every offset points into).",
        "label_column": "id", "sort_desc": "date",
    },
    "quote_links": {"description": "Which statement each quotation belongs to, and the merge rule that put it there."},
    "statement_about": {"description": "Who each statement is about."},
    "merges": {"description": "Why each name was merged into its person (rule and detail), with the articles it came from."},
    "person_names": {"description": "Every name a person is known by."},
    "entities": {"description": "Entities named in each article, with their mentions (JSON)."},
    "aliases": {"description": "The alias file in force (canonical name, aliases, external id)."},
    "meta": {"hidden": True},
}


def datasette_metadata(db_path: str | Path, *, title: str = "quotegraph") -> dict[str, Any]:
    """Datasette metadata (the ``-m`` file) for the database at ``db_path``."""
    name = Path(db_path).stem  # Datasette names a database after its file
    tables = {}
    for table, meta in _TABLES.items():
        entry = dict(meta)
        if table in FACETS:
            entry["facets"] = list(FACETS[table])
        tables[table] = entry
    return {
        "title": title,
        "description": "Who said what, when, and about whom: reported statements extracted from news articles.",
        "databases": {name: {"tables": tables}},
    }


def write_datasette_metadata(db_path: str | Path, out: str | Path) -> Path:
    """Write ``datasette_metadata`` as JSON to ``out``; the path written."""
    out = Path(out)
    out.write_text(json.dumps(datasette_metadata(db_path), indent=2) + "\n", encoding="utf-8")
    return out
