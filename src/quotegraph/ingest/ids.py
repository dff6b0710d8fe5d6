"""Deterministic, unique article ids across one read.

JSONL records bring their own ids, and a repeated id is an error (E112): two
different articles under one id would overwrite each other downstream. Files
take their id from the file name; when that is taken (``a.txt`` and
``a.html``, or two directories with the same file names) the next candidate
is used and a warning says so. Only the ids (and where each was first seen)
are kept, never the articles, so memory grows by about a hundred bytes per
article, not with the text.
"""

from __future__ import annotations

from typing import Iterable

from ..errors import InputError
from ..model import Warning
from .decode import warn

__all__ = ["IdRegistry"]


class IdRegistry:
    """The ids handed out so far in one ``read_paths`` call."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def __contains__(self, id: str) -> bool:
        return id in self._first

    def claim(self, id: str, origin: str) -> None:
        """Record ``id`` for ``origin``; E112 if it was already used."""
        first = self._first.get(id)
        if first is not None:
            raise InputError("E112", origin=origin, id=id, first=first)
        self._first[id] = origin

    def claim_file(self, candidates: Iterable[str], origin: str) -> tuple[str, list[Warning]]:
        """The first free id among ``candidates`` (then ``first~2``, ``first~3`` ...)."""
        candidates = list(candidates)
        preferred = candidates[0]
        chosen = next((c for c in candidates if c not in self._first), None)
        n = 2
        while chosen is None:
            if f"{preferred}~{n}" not in self._first:
                chosen = f"{preferred}~{n}"
            n += 1
        self._first[chosen] = origin
        if chosen == preferred:
            return chosen, []
        return chosen, [warn("W106", f"'{preferred}' is used by {self._first[preferred]}; id is '{chosen}'")]
