"""The embedded SQLite store: one writer, read-only readers, FTS5 search,
cross-article merging of speakers and statements. It depends on the model
alone; the ingest use case that fills it is ``quotegraph.ingestion``."""

from __future__ import annotations

from .aliases import load_aliases, parse_aliases
from .names import cluster_names, name_key, slugify
from .query import StatementQuery, build_statement_search, escape_fts
from .reader import connect_reader, dump
from .schema import SCHEMA_VERSION
from .writer import Store, content_hash

__all__ = [
    "SCHEMA_VERSION",
    "StatementQuery",
    "Store",
    "build_statement_search",
    "cluster_names",
    "connect_reader",
    "content_hash",
    "dump",
    "escape_fts",
    "load_aliases",
    "name_key",
    "parse_aliases",
    "slugify",
]
