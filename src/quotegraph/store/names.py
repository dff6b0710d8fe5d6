"""Speaker-name merging rules, as the store uses them.

The rules are pure functions in ``quotegraph.linking.names``, shared with the
batch corpus pass; they are re-exported here for the store's callers.
"""

from __future__ import annotations

from ..linking.names import TITLES, Cluster, Clustering, Occurrence, cluster_names, name_key, slugify

__all__ = ["TITLES", "name_key", "slugify", "Occurrence", "Cluster", "Clustering", "cluster_names"]
