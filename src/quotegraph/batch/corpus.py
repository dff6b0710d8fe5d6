"""The corpus pass: speakers and statements across every article of a batch.

After extraction, the per-article ``statements`` shards are linked across
articles with the same rules as the SQLite store (``quotegraph.linking``):
speaker names become entities with stable ids and the evidence of each merge,
and repeated statements of one entity become one statement with its sources,
first-seen date and outlets. Layout, under ``OUT/corpus/``::

    names/part-K-FP.parquet             stage 1, per extraction partition: names, kinds, counts, articles
    shuffle/_done/part-K-MD.json        stage 2 commit marker (bytes and rows of each bucket piece)
    shuffle/BB/part-K-MD.parquet        stage 2: partition K's quotes for speaker bucket BB, ids resolved
    statements/bucket-BB-D.parquet      stage 3, per bucket: the merged statements (one row each)
    speakers/speakers-D.parquet         stage 4: one row per speaker entity, with its evidence
    manifest.json                       the files that make up the current tables (the commit point)

Stage 1 depends only on its partition, so it runs once per partition, ever.
Speaker names are then clustered on the driver from the small per-name counts
(names, not quotes: the driver never reads a quote). Stage 2 is the shuffle: each partition's quotes go to
the bucket of their speaker entity (``hash(speaker id) % buckets``); its
output is named by a digest of how that partition's names resolve (``MD``),
so it is recomputed only when new articles change whom one of its names
means. Stage 3 groups each bucket's quotes into statements (grouping never
crosses speakers, so buckets are independent); its output is named by a
digest of its input pieces and is recomputed only when one of them changed.
Every file is written under ``_tmp`` and renamed into place; a stage's
output exists whole or not at all, and since every name is a digest of its
inputs, a pass killed at any point and run again gives exactly the tables of
a clean run. Files no longer listed in the manifest are removed at the end.

Stages 1 to 3 run as tasks on the batch engine (a Dask cluster, or this
process); read the tables with ``read_corpus(OUT)``, or in DuckDB from
``OUT/corpus/speakers/*.parquet`` and ``OUT/corpus/statements/*.parquet``
after a completed run.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence
from urllib.parse import urlsplit

from ..errors import BatchError, import_optional
from ..linking.names import Clustering, Occurrence, cluster_names, speaker_name_problem
from ..linking.statements import QuoteRow, group_statements, quote_order
from .parquet import OutputDir, _fsync_dir, write_json_atomic
from .tables import _said_on_text

pa = import_optional("pyarrow", extra="batch", feature="the batch corpus pass")
pq = import_optional("pyarrow.parquet", extra="batch", feature="the batch corpus pass")

__all__ = ["CORPUS", "BUCKETS", "SPEAKERS_SCHEMA", "STATEMENTS_SCHEMA", "CorpusReport", "run_corpus",
           "read_corpus", "names_task", "shuffle_task", "bucket_task", "outlet", "resolution", "dask_mapper"]

CORPUS = "corpus"
BUCKETS = 16
FORMAT = "quotegraph-corpus"
_VERSION = 3  # bump when a rule or a column changes, so that no old stage output is reused

_STR = pa.string()
# merged: the name joined the entity (False: a note, such as an ambiguous surname left apart)
_EVIDENCE = pa.struct([("name", _STR), ("rule", _STR), ("detail", _STR), ("merged", pa.bool_()),
                       ("doc_ids", pa.list_(_STR))])
_SOURCE = pa.struct([("doc_id", _STR), ("quote_index", pa.int32()), ("date", _STR), ("outlet", _STR),
                     ("text", _STR), ("rule", _STR)])
_ABOUT = pa.struct([("name", _STR), ("speaker_id", _STR)])
SPEAKERS_SCHEMA = pa.schema([
    ("speaker_id", _STR), ("name", _STR), ("kind", _STR), ("external_id", _STR), ("n_statements", pa.int64()),
    ("n_quotes", pa.int64()), ("first_seen", _STR), ("last_seen", _STR), ("names", pa.list_(_STR)),
    ("evidence", pa.list_(_EVIDENCE)),
])
STATEMENTS_SCHEMA = pa.schema([
    ("statement_id", _STR), ("speaker_id", _STR), ("speaker_name", _STR), ("text", _STR), ("type", _STR),
    ("first_seen", _STR), ("said_on", _STR), ("n_sources", pa.int64()), ("n_quotes", pa.int64()),
    ("outlets", pa.list_(_STR)), ("first_doc_id", _STR), ("first_quote_index", pa.int32()),
    ("about", pa.list_(_ABOUT)), ("sources", pa.list_(_SOURCE)),
])
# role: "speaker" (a quote's speaker name, its kind, quotes and articles) or "about" (a name a quote is about)
_NAMES_SCHEMA = pa.schema([("role", _STR), ("name", _STR), ("kind", _STR), ("n", pa.int64()),
                           ("doc_ids", pa.list_(_STR))])
_SHUFFLE_SCHEMA = pa.schema([
    ("doc_id", _STR), ("quote_index", pa.int32()), ("date", _STR), ("outlet", _STR), ("text", _STR), ("type", _STR),
    ("speaker_id", _STR), ("speaker_name", _STR), ("said_on", _STR), ("about", pa.list_(_ABOUT)),
])
_QUOTE_COLUMNS = ["doc_id", "quote_index", "text", "type", "speaker_name", "speaker_kind", "said_on", "said_on_precision",
                  "about"]


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def _write_parquet(root: Path, path: Path, table: pa.Table) -> int:
    """Write ``table`` to ``path`` atomically (staged under ``root/_tmp``); returns its size in bytes."""
    tmp = root / "_tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    staged = tmp / f"{path.name}.{uuid.uuid4().hex}.tmp"
    with open(staged, "wb") as handle:
        pq.write_table(table, handle, compression="zstd")
        handle.flush()
        os.fsync(handle.fileno())
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, path)
    _fsync_dir(path.parent)
    return path.stat().st_size


def outlet(source: str | None, url: str | None) -> str | None:
    """The outlet of an article: its ``source``, else the host of its URL (without ``www.``), else None."""
    if source and source.strip():
        return source.strip()
    if url:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return None
        return host[4:] if host.startswith("www.") else (host or None)
    return None


# ---------------------------------------------------------------- stage 1: names per partition

def names_task(out: str, part: str) -> str:
    """Stage 1 task: one extraction partition's names: speakers (with kinds, counts, articles) and subjects."""
    root = Path(out) / CORPUS
    path = root / "names" / f"{part}.parquet"
    if path.exists():
        return str(path)
    table = pq.read_table(Path(out) / "statements" / f"{part}.parquet",
                          columns=["doc_id", "speaker_name", "speaker_kind", "about"])
    counts: Counter = Counter()
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    about: Counter = Counter()
    for doc_id, name, kind, names in zip(*(table.column(c).to_pylist()
                                           for c in ("doc_id", "speaker_name", "speaker_kind", "about"))):
        if name:
            counts[(name, kind or "unknown")] += 1
            docs[(name, kind or "unknown")].add(doc_id)
        about.update(names or ())
    rows = [{"role": "speaker", "name": n, "kind": k, "n": counts[(n, k)], "doc_ids": sorted(docs[(n, k)])}
            for n, k in sorted(counts)]
    rows += [{"role": "about", "name": n, "kind": None, "n": c, "doc_ids": []} for n, c in sorted(about.items())]
    _write_parquet(root, path, pa.Table.from_pylist(rows, schema=_NAMES_SCHEMA))
    return str(path)


def _cluster(shards: dict[str, list[dict[str, Any]]], aliases: Sequence[tuple[str, str, str | None]]) -> Clustering:
    """Cluster every speaker name of the stage-1 shards (aggregated counts, articles per name)."""
    occurrences: list[Occurrence] = []
    docs_of: dict[str, set[str]] = defaultdict(set)
    for rows in shards.values():
        for row in rows:
            if row["role"] == "speaker":
                occurrences.append(Occurrence(row["name"], row["kind"], "", row["n"]))
                docs_of[row["name"]].update(row["doc_ids"])
    return cluster_names(occurrences, [tuple(a) for a in aliases],
                         articles_of=lambda names: {n: set(docs_of.get(n, ())) for n in names})


def _speaker_of(clustering: Clustering, name: str | None) -> tuple[str | None, str | None]:
    """(speaker id, canonical name) of a quote's speaker name; a pronoun or a fragment names nobody."""
    if not name or speaker_name_problem(name):
        return None, None
    cluster = clustering.by_name[name]
    return cluster.slug, cluster.name


def _about_of(clustering: Clustering, name: str) -> tuple[str, str | None]:
    target = clustering.resolve(name)
    return (target.name, target.slug) if target else (name, None)


def _bucket(speaker_id: str | None, doc_id: str, buckets: int) -> int:
    key = f"s\x00{speaker_id}" if speaker_id else f"d\x00{doc_id}"
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:4], "big") % buckets


# ---------------------------------------------------------------- stage 2: the shuffle

def _partition_quotes(out: str, part: str) -> tuple[list[dict[str, Any]], dict[str, tuple]]:
    statements = pq.read_table(Path(out) / "statements" / f"{part}.parquet", columns=_QUOTE_COLUMNS).to_pylist()
    documents = pq.read_table(Path(out) / "documents" / f"{part}.parquet",
                              columns=["id", "status", "date", "source", "url"]).to_pylist()
    docs = {d["id"]: (d["date"], outlet(d["source"], d["url"])) for d in documents if d["status"] == "ok"}
    return statements, docs


def resolution(clustering: Clustering, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """How one partition's names resolve (its stage-1 rows): the input of its shuffle output.

    ``speakers``: name -> (speaker id, canonical name); ``in_article``: the
    (name, article) pairs where a name means another entity in that article
    than elsewhere (rule ``surname-in-article``); ``about``: subject name ->
    (canonical name, speaker id or None).
    """
    speakers = sorted({r["name"] for r in rows if r["role"] == "speaker"})
    overrides = []
    for r in rows:
        if r["role"] == "speaker" and not speaker_name_problem(r["name"]):
            for doc in r["doc_ids"]:
                target = clustering.in_article.get((r["name"], doc))
                if target is not None:
                    overrides.append((r["name"], doc, target.slug, target.name))
    return {"speakers": {n: _speaker_of(clustering, n) for n in speakers},
            "in_article": sorted(set(overrides)),
            "about": {n: _about_of(clustering, n) for n in sorted({r["name"] for r in rows if r["role"] == "about"})}}


def _evidence_docs(resolved: dict[str, Any], rows: Sequence[dict[str, Any]], into: dict[tuple[str, str], set[str]]) -> None:
    """(speaker id, name) -> the articles where that name is that speaker: the merge evidence."""
    overrides = {(n, d): slug for n, d, slug, _ in resolved["in_article"]}
    for r in rows:
        if r["role"] != "speaker":
            continue
        default = resolved["speakers"][r["name"]][0]
        for doc in r["doc_ids"]:
            slug = overrides.get((r["name"], doc), default)
            if slug:
                into[(slug, r["name"])].add(doc)


def shuffle_task(out: str, part: str, resolved: dict[str, Any], buckets: int, tag: str) -> dict[str, Any]:
    """Stage 2 task: partition ``part``'s quotes, speaker ids resolved, one piece per speaker bucket."""
    root = Path(out) / CORPUS
    marker = root / "shuffle" / "_done" / f"{part}-{tag}.json"
    if marker.exists():
        return json.loads(marker.read_text(encoding="utf-8"))
    statements, docs = _partition_quotes(out, part)
    overrides = {(n, d): (slug, name) for n, d, slug, name in resolved["in_article"]}
    pieces: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for q in statements:
        if q["doc_id"] not in docs:
            continue
        date, source = docs[q["doc_id"]]
        speaker_id, speaker_name = (None, None)
        if q["speaker_name"]:
            speaker_id, speaker_name = overrides.get((q["speaker_name"], q["doc_id"])) or resolved["speakers"][q["speaker_name"]]
        about = [{"name": resolved["about"][n][0], "speaker_id": resolved["about"][n][1]} for n in q["about"] or []]
        pieces[_bucket(speaker_id, q["doc_id"], buckets)].append({
            "doc_id": q["doc_id"], "quote_index": q["quote_index"], "date": date, "outlet": source,
            "text": q["text"], "type": q["type"], "speaker_id": speaker_id, "speaker_name": speaker_name,
            "said_on": _said_on_text(q["said_on"], q["said_on_precision"]), "about": about})
    files = {}
    for b, rows in sorted(pieces.items()):
        path = root / "shuffle" / f"{b:02d}" / f"{part}-{tag}.parquet"
        size = _write_parquet(root, path, pa.Table.from_pylist(rows, schema=_SHUFFLE_SCHEMA))
        files[f"{b:02d}"] = {"path": str(path.relative_to(root)), "bytes": size, "rows": len(rows)}
    done = {"part": part, "tag": tag, "pieces": files}
    marker.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(marker, done)
    return done


# ---------------------------------------------------------------- stage 3: statements per bucket

def _statement_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = sorted(rows, key=lambda r: quote_order(r["date"], r["doc_id"], r["quote_index"]))
    quotes = [QuoteRow(r["doc_id"], r["quote_index"], r["date"], r["text"], r["type"], r["speaker_id"], r["said_on"])
              for r in rows]
    by_key = {(r["doc_id"], r["quote_index"]): r for r in rows}
    out = []
    for g in group_statements(quotes):
        members = [(by_key[(q.article_id, q.ordinal)], rule) for q, rule in g.members]
        dates = sorted(r["date"] for r, _ in members if r["date"])
        said = sorted(r["said_on"] for r, _ in members if r["said_on"])
        about: dict[str, str | None] = {}
        for r, _ in members:
            for a in r["about"]:
                about.setdefault(a["name"], a["speaker_id"])
        first = members[0][0]
        out.append({
            "statement_id": g.id, "speaker_id": g.slug, "speaker_name": first["speaker_name"], "text": g.first.text,
            "type": g.first.type, "first_seen": dates[0] if dates else None, "said_on": said[0] if said else None,
            "n_sources": len({r["doc_id"] for r, _ in members}), "n_quotes": len(members),
            "outlets": sorted({r["outlet"] for r, _ in members if r["outlet"]}),
            "first_doc_id": g.first.article_id, "first_quote_index": g.first.ordinal,
            "about": [{"name": n, "speaker_id": s} for n, s in sorted(about.items())],
            "sources": [{"doc_id": r["doc_id"], "quote_index": r["quote_index"], "date": r["date"], "outlet": r["outlet"],
                         "text": r["text"], "rule": rule} for r, rule in members],
        })
    return sorted(out, key=lambda s: s["statement_id"])


def bucket_task(out: str, bucket: str, pieces: Sequence[str], tag: str) -> dict[str, Any]:
    """Stage 3 task: group one bucket's quotes into statements (a no-op when its output exists)."""
    root = Path(out) / CORPUS
    path = root / "statements" / f"bucket-{bucket}-{tag}.parquet"
    if not path.exists():
        rows: list[dict[str, Any]] = []
        for piece in pieces:
            rows += pq.read_table(root / piece).to_pylist()
        _write_parquet(root, path, pa.Table.from_pylist(_statement_rows(rows), schema=STATEMENTS_SCHEMA))
    return {"bucket": bucket, "path": str(path.relative_to(root))}


# ---------------------------------------------------------------- stage 4: speakers

def _speaker_rows(clustering: Clustering, articles_of: dict[tuple[str, str], set[str]],
                  stats: dict[str, dict[str, Any]]) -> list[dict]:
    rows = []
    for c in clustering.clusters:
        s = stats.get(c.slug, {})
        evidence = [{"name": n, "rule": rule, "detail": detail, "merged": True,
                     "doc_ids": sorted(articles_of.get((c.slug, n), ()))}
                    for n, (rule, detail) in sorted(c.members.items())]
        evidence += [{"name": n, "rule": rule, "detail": detail, "merged": False,
                      "doc_ids": sorted(articles_of.get((c.slug, n), ()))} for n, rule, detail in sorted(c.notes)]
        dates = sorted(s.get("dates", ()))
        rows.append({"speaker_id": c.slug, "name": c.name, "kind": c.kind, "external_id": c.external_id,
                     "n_statements": s.get("n", 0), "n_quotes": s.get("quotes", 0),
                     "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
                     "names": sorted(c.members), "evidence": evidence})
    return rows


# ---------------------------------------------------------------- the driver

@dataclass
class CorpusReport:
    """What a corpus pass did; ``shuffle_bytes``/``shuffle_rows`` count what stage 2 moved in this run."""

    speakers: int = 0
    statements: int = 0
    quotes: int = 0
    computed: dict[str, int] = field(default_factory=lambda: {"names": 0, "shuffle": 0, "buckets": 0})
    reused: dict[str, int] = field(default_factory=lambda: {"names": 0, "shuffle": 0, "buckets": 0})
    shuffle_bytes: int = 0
    shuffle_rows: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"speakers": self.speakers, "statements": self.statements, "quotes": self.quotes,
                "computed": dict(self.computed), "reused": dict(self.reused), "shuffle_bytes": self.shuffle_bytes,
                "shuffle_rows": self.shuffle_rows, "seconds": round(self.seconds, 3)}


Mapper = Callable[[Callable[..., Any], list[tuple]], list[Any]]


def _in_process(func: Callable[..., Any], calls: list[tuple]) -> list[Any]:
    return [func(*args) for args in calls]


def dask_mapper(client: Any) -> Mapper:
    """Run each stage's tasks on a Dask cluster (one task per partition or bucket)."""
    def run(func: Callable[..., Any], calls: list[tuple]) -> list[Any]:
        if not calls:
            return []
        futures = [client.submit(func, *args, pure=False) for args in calls]
        return client.gather(futures)
    return run


def run_corpus(out: str | Path, *, aliases: Sequence[tuple[str, str, str | None]] = (), buckets: int | None = None,
               mapper: Mapper | None = None) -> CorpusReport:
    """Link speakers and statements across every committed partition of the batch at ``out``.

    Incremental and idempotent: outputs of earlier runs whose inputs have not
    changed are reused, so new partitions cost their own stage 1 and 2 and
    the buckets their speakers fall in. ``mapper`` runs a stage's tasks
    (default: in this process; see ``dask_mapper``).
    """
    started = time.monotonic()
    target = OutputDir(out)
    if target.manifest() is None:
        raise BatchError("E504", path=str(out), detail="no manifest.json")
    mapper = mapper or _in_process
    root = Path(out) / CORPUS
    root.mkdir(exist_ok=True)
    previous = _read_manifest(root)
    buckets = int(buckets or (previous or {}).get("buckets") or BUCKETS)
    aliases = sorted(tuple(a) for a in aliases)
    report = CorpusReport()
    parts = [m["name"] for m in target.committed()]

    names_files = {}
    todo = [p for p in parts if not (root / "names" / f"{p}.parquet").exists()]
    report.computed["names"], report.reused["names"] = len(todo), len(parts) - len(todo)
    mapper(names_task, [(str(out), p) for p in todo])
    for p in parts:
        names_files[p] = str(root / "names" / f"{p}.parquet")
    shards = {p: pq.read_table(names_files[p]).to_pylist() for p in parts}
    clustering = _cluster(shards, aliases)
    articles_of: dict[tuple[str, str], set[str]] = defaultdict(set)

    calls, shuffles = [], []
    for p in parts:
        resolved = resolution(clustering, shards[p])
        _evidence_docs(resolved, shards[p], articles_of)
        tag = _digest(_VERSION, buckets, resolved)
        if (root / "shuffle" / "_done" / f"{p}-{tag}.json").exists():
            report.reused["shuffle"] += 1
        else:
            report.computed["shuffle"] += 1
            calls.append((str(out), p, resolved, buckets, tag))
        shuffles.append((p, tag))
    fresh = {(d["part"], d["tag"]) for d in mapper(shuffle_task, calls)}
    pieces: dict[str, list[str]] = defaultdict(list)
    for p, tag in shuffles:
        done = json.loads((root / "shuffle" / "_done" / f"{p}-{tag}.json").read_text(encoding="utf-8"))
        for b, piece in sorted(done["pieces"].items()):
            pieces[b].append(piece["path"])
            if (p, tag) in fresh:
                report.shuffle_bytes += piece["bytes"]
                report.shuffle_rows += piece["rows"]

    calls, outputs = [], []
    for b in sorted(pieces):
        tag = _digest(_VERSION, b, pieces[b])
        path = root / "statements" / f"bucket-{b}-{tag}.parquet"
        outputs.append(str(path.relative_to(root)))
        if path.exists():
            report.reused["buckets"] += 1
        else:
            report.computed["buckets"] += 1
            calls.append((str(out), b, pieces[b], tag))
    mapper(bucket_task, calls)

    stats: dict[str, dict[str, Any]] = defaultdict(lambda: {"n": 0, "quotes": 0, "dates": []})
    for rel in outputs:
        table = pq.read_table(root / rel, columns=["speaker_id", "n_quotes", "sources"])
        for speaker_id, n_quotes, sources in zip(*(table.column(c).to_pylist() for c in ("speaker_id", "n_quotes", "sources"))):
            report.statements += 1
            report.quotes += n_quotes
            if speaker_id:
                s = stats[speaker_id]
                s["n"] += 1
                s["quotes"] += n_quotes
                if sources[0]["date"]:
                    s["dates"].append(sources[0]["date"])
    speakers = _speaker_rows(clustering, articles_of, stats)
    report.speakers = len(speakers)
    speakers_rel = f"speakers/speakers-{_digest(_VERSION, aliases, parts, outputs)}.parquet"
    if not (root / speakers_rel).exists():
        _write_parquet(root, root / speakers_rel, pa.Table.from_pylist(speakers, schema=SPEAKERS_SCHEMA))
    manifest = {"format": FORMAT, "version": _VERSION, "buckets": buckets, "partitions": parts,
                "aliases": [list(a) for a in aliases], "speakers": [speakers_rel], "statements": outputs,
                "shuffle": [f"shuffle/_done/{p}-{t}.json" for p, t in shuffles],
                "counts": {"speakers": report.speakers, "statements": report.statements, "quotes": report.quotes}}
    write_json_atomic(root / "manifest.json", manifest)
    _collect_garbage(root, manifest, pieces)
    report.seconds = time.monotonic() - started
    return report


def _read_manifest(root: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT and data.get("version") == _VERSION else None


def _collect_garbage(root: Path, manifest: dict[str, Any], pieces: dict[str, list[str]]) -> None:
    """Remove stage outputs the manifest no longer lists (superseded by new partitions or an alias file)."""
    keep = {*manifest["speakers"], *manifest["statements"], *manifest["shuffle"],
            *(p for ps in pieces.values() for p in ps)}
    for sub in ("speakers", "statements", "shuffle"):
        for path in sorted((root / sub).rglob("*")):
            if path.is_file() and str(path.relative_to(root)) not in keep:
                path.unlink(missing_ok=True)
    for stale in (root / "_tmp").glob("*"):
        stale.unlink(missing_ok=True)


def read_corpus(out: str | Path) -> dict[str, pa.Table]:
    """The ``speakers`` and ``statements`` tables of the last completed corpus pass, sorted by id."""
    root = Path(out) / CORPUS
    manifest = _read_manifest(root)
    if manifest is None:
        raise BatchError("E504", path=str(out), detail="no corpus tables (run quotegraph batch to completion)")
    tables = {}
    for name, schema, key in (("speakers", SPEAKERS_SCHEMA, "speaker_id"), ("statements", STATEMENTS_SCHEMA, "statement_id")):
        parts = [pq.read_table(root / rel) for rel in manifest[name]]
        table = pa.concat_tables(parts) if parts else schema.empty_table()
        tables[name] = table.sort_by(key) if table.num_rows else table
    return tables
