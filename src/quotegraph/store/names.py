"""Speaker-name merging rules, as the store uses them.

The rules are pure functions in ``quotegraph.linking.names``, shared with the
batch corpus pass; they are re-exported here for the store's callers.
"""

from __future__ import annotations

from ..linking.names import (FUNCTION_WORDS, TITLES, Cluster, Clustering, Occurrence, cluster_names,
                             looks_like_full_name, name_key, slugify, speaker_kind, speaker_name_problem)

__all__ = ["TITLES", "FUNCTION_WORDS", "name_key", "slugify", "speaker_name_problem", "speaker_kind", "looks_like_full_name",
           "Occurrence", "Cluster", "Clustering", "cluster_names"]
