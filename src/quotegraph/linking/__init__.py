"""Linking across articles: which speaker names are one entity, which quotes one statement.

Pure rules over plain values, used by the SQLite store's merge pass
(``quotegraph.store.merge``) and the batch corpus pass
(``quotegraph.batch.corpus``), so both give the same speakers and statements:

* ``names``: ``cluster_names`` (alias file, normalised name, unambiguous
  surname; ambiguity recorded, never guessed);
* ``statements``: ``group_statements`` (identical, near-identical and
  contained wording of the same speaker entity).
"""

from __future__ import annotations

from .names import Cluster, Clustering, Occurrence, cluster_names, name_key, slugify
from .statements import QuoteRow, StatementGroup, group_statements, normalise_text, quote_order, similar

__all__ = ["Cluster", "Clustering", "Occurrence", "cluster_names", "name_key", "slugify",
           "QuoteRow", "StatementGroup", "group_statements", "normalise_text", "quote_order", "similar"]
