"""Reading a user's alias file: canonical names, their aliases and external ids.

Two formats, chosen by the file extension:

* JSON: a list of objects ``{"canonical": "Ken Loach", "aliases": ["Loach",
  "Kenneth Loach"], "external_id": "Q55238"}`` (``id``, ``qid`` and
  ``wikidata`` are accepted for the external id);
* CSV with a header row: ``canonical,aliases,external_id``, aliases separated
  by ``|`` or ``;``.

Entries in the file override the automatic merging: a name listed as an alias
always joins its canonical entity, and a canonical name listed with no
aliases is kept apart from any surname merging.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from ..errors import StoreError

__all__ = ["AliasRow", "load_aliases", "parse_aliases"]

AliasRow = tuple[str, str, "str | None"]  # (alias, canonical, external_id)
_SPLIT = re.compile(r"[|;]")
_ID_KEYS = ("external_id", "id", "qid", "wikidata")


def load_aliases(path: str | Path) -> list[AliasRow]:
    """Read and validate an alias file (E304 names the file and the problem)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError("E304", origin=str(path), detail=str(exc)) from exc
    fmt = "json" if path.suffix.lower() == ".json" else "csv"
    return parse_aliases(text, fmt=fmt, origin=str(path))


def parse_aliases(text: str, *, fmt: str, origin: str = "<aliases>") -> list[AliasRow]:
    """Parse alias file contents (``fmt`` is ``json`` or ``csv``) into sorted rows."""
    entries = _from_json(text, origin) if fmt == "json" else _from_csv(text, origin)
    rows: dict[str, AliasRow] = {}
    for number, (canonical, aliases, external_id) in enumerate(entries, 1):
        canonical = (canonical or "").strip()
        if not canonical:
            raise StoreError("E304", origin=origin, detail=f"entry {number} has no canonical name")
        for alias in [canonical, *aliases]:
            alias = alias.strip()
            if not alias:
                continue
            previous = rows.get(alias)
            if previous and previous[1] != canonical:
                raise StoreError("E304", origin=origin,
                                 detail=f"'{alias}' is an alias of both '{previous[1]}' and '{canonical}'")
            rows[alias] = (alias, canonical, external_id or None)
    return sorted(rows.values())


def _from_json(text: str, origin: str) -> list[tuple[str, list[str], str | None]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError("E304", origin=origin, detail=f"invalid JSON: {exc}") from exc
    if not isinstance(data, list):
        raise StoreError("E304", origin=origin, detail="expected a JSON list of objects")
    out = []
    for number, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise StoreError("E304", origin=origin, detail=f"entry {number} is not an object")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = _SPLIT.split(aliases)
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise StoreError("E304", origin=origin, detail=f"entry {number}: 'aliases' must be a list of strings")
        external_id = next((item[k] for k in _ID_KEYS if item.get(k)), None)
        canonical = item.get("canonical") or item.get("name")
        if canonical is not None and not isinstance(canonical, str):
            raise StoreError("E304", origin=origin, detail=f"entry {number}: 'canonical' must be a string")
        out.append((canonical, aliases, str(external_id) if external_id else None))
    return out


def _from_csv(text: str, origin: str) -> list[tuple[str, list[str], str | None]]:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "canonical" not in fields:
        raise StoreError("E304", origin=origin, detail="CSV needs a header row with a 'canonical' column")
    reader.fieldnames = fields
    out = []
    for row in reader:
        aliases = _SPLIT.split(row.get("aliases") or "")
        external_id = next((row[k].strip() for k in _ID_KEYS if (row.get(k) or "").strip()), None)
        out.append((row.get("canonical") or "", aliases, external_id))
    return out
