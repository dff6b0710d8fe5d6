"""The working state of one document while stages run over it.

Stages read and write fields of ``Work``; each field a stage assigns is named
in its ``assigns`` and every field it reads in its ``requires``. ``Work.FIELDS``
lists the names a stage may declare: the document fields (``"clauses"``) and
the fields of every candidate and cluster (``"candidates.channel"``,
``"clusters.mentions"``). ``warnings`` is the one shared log: every stage may
append to it through ``warn``. Everything is in document character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from ..model import Article, Document, Entity, Mention, Quotation, Span, Warning

__all__ = ["Work", "QuoteRegion", "RegionIndex", "Token", "Clause", "Candidate", "Cluster", "Proposal"]


@dataclass(slots=True)
class QuoteRegion:
    """Characters between a pair of quotation marks.

    ``spans`` hold the content inside the marks, one per paragraph when a quote
    runs over several paragraphs; ``outer`` includes the marks themselves.
    """

    spans: list[Span]
    outer: Span
    style: str  # "double" | "single"
    closed: bool = True
    nested_in: int | None = None  # index of the enclosing region (quote within quote)
    words: int = 0

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


class RegionIndex:
    """Top-level quotation spans sorted by start, for range look-ups in O(log n).

    Top-level spans never overlap each other, so the spans overlapping a range
    are a contiguous run of the sorted list.
    """

    def __init__(self, regions: list[QuoteRegion]) -> None:
        items = sorted((s.start, s.end, k) for k, r in enumerate(regions) if r.nested_in is None for s in r.spans)
        self.items = items
        self.starts = [x[0] for x in items]
        self.ends = [x[1] for x in items]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """``(span_start, span_end, region)`` for every span overlapping ``[start, end)``."""
        from bisect import bisect_left, bisect_right

        lo = bisect_right(self.ends, start)
        hi = bisect_left(self.starts, end)
        return [x for x in self.items[lo:hi] if x[0] < end and start < x[1]]

    def within(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Spans lying entirely inside ``[start, end]``."""
        return [x for x in self.overlapping(start, end) if start <= x[0] and x[1] <= end]


@dataclass(slots=True)
class Token:
    """A parsed token in document offsets (``region`` set for a masked quote)."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""
    ent_iob: str = "O"
    region: int | None = None
    children: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Clause:
    """One parsed sentence: its tokens, in document offsets."""

    span: Span
    paragraph: int
    tokens: list[Token]

    def subtree(self, i: int) -> list[int]:
        """Indices of token ``i`` and all its descendants, in order."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.tokens[j].children)
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        """Indices of the tokens token ``i`` hangs on, its head first, up to the root."""
        out, j = [], i
        while self.tokens[j].head != j:
            j = self.tokens[j].head
            if j == i or j in out:
                break  # a cycle in a malformed parse
            out.append(j)
        return out


@dataclass(slots=True)
class Candidate:
    """A statement found but not yet fully resolved (internal to the pipeline)."""

    type: str
    spans: list[Span]
    cue: Mention | None = None
    speaker_mention: Mention | None = None
    speaker_head: int | None = None  # document offset of the speaker's head token
    clause: int | None = None  # index into Work.clauses of the frame sentence
    regions: list[int] = field(default_factory=list)
    speaker_entity: int | None = None  # index into Work.clusters
    speaker_name: str | None = None
    speaker_kind: str = "unknown"
    channel: str | None = None
    channel_evidence: Mention | None = None
    said_on: str | None = None
    said_on_evidence: Mention | None = None
    signatories: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    confidence: float = 0.5
    carried: bool = False  # speaker inherited from an earlier quote
    rule: str = ""
    speaker_rule: str = ""  # the resolver that named the speaker
    speaker_affiliation: str | None = None
    kind: str | None = None  # speech, writing, belief, perception, intention, document, topic


@dataclass(slots=True)
class Cluster:
    """Mentions of one entity within the document."""

    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change to a field that ``by`` does not own, for the owning stage to apply.

    ``target`` is the candidate or cluster whose field it is (``None`` for a
    document field such as ``clusters``, where ``value`` is the new item).
    """

    field: str
    target: Any
    value: Any
    by: str


@dataclass
class Work:
    """Document under analysis. ``INITIAL_FIELDS`` exist before any stage runs."""

    INITIAL_FIELDS: ClassVar[tuple[str, ...]] = ("text", "date", "article")
    LOG_FIELDS: ClassVar[tuple[str, ...]] = ("warnings",)
    FIELDS: ClassVar[frozenset[str]] = frozenset()  # filled in below the class

    article: Article
    text: str
    date: str | None
    deadline: float = float("inf")
    started: float = 0.0
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    regions: list[QuoteRegion] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    coreference: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, cluster) of linked pronouns
    warnings: list[Warning] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    owners: dict[str, Any] = field(default_factory=dict)  # field -> owning stage (set by the Pipeline)
    _region_index: RegionIndex | None = None

    @property
    def region_index(self) -> RegionIndex:
        """Index over ``regions`` (rebuilt if the regions list was replaced)."""
        if self._region_index is None or self.extra.get("_indexed") is not self.regions:
            self._region_index = RegionIndex(self.regions)
            self.extra["_indexed"] = self.regions
        return self._region_index

    @classmethod
    def from_article(cls, article: Article, *, deadline: float = float("inf")) -> "Work":
        import time

        return cls(article=article, text=article.text, date=article.date, deadline=deadline,
                   started=time.monotonic(), warnings=list(article.warnings))

    def mention(self, start: int, end: int) -> Mention:
        """A mention of ``text[start:end]``."""
        return Mention.of(self.text, start, end)

    def warn(self, code: str, message: str, span: Span | None = None) -> None:
        self.warnings.append(Warning(code, message, span.start if span else None, span.end if span else None))

    def propose(self, field: str, target: Any, value: Any, *, by: str) -> None:
        """Ask the stage owning ``field`` to apply a change (at once, so the proposer sees its effect).

        Outside a pipeline (a stage run by hand) the owner is the default pipeline's.
        """
        owner = self.owners.get(field) or _default_owner(field)
        owner.accept(self, Proposal(field, target, value, by))

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph containing ``offset`` (or the nearest before it)."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.paragraphs[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def to_document(self) -> Document:
        """The public record: quotations sorted by position, entities, warnings."""
        for c in self.candidates:
            c.spans = _merged(c.spans)
        kept = [c for c in self.candidates if c.spans]
        quotes = [self._quotation(c) for c in sorted(kept, key=lambda c: (c.spans[0].start, c.spans[0].end))]
        entities = [Entity(c.name, c.kind, sorted(c.mentions, key=lambda m: m.start), c.affiliation)
                    for c in self.clusters if c.mentions]
        a = self.article
        return Document(id=a.id, text=self.text, date=self.date, title=a.title, url=a.url, source=a.source,
                        quotes=quotes, entities=entities, warnings=list(self.warnings))

    def _quotation(self, c: Candidate) -> Quotation:
        from ..model import Speaker

        speaker = None
        if c.speaker_name or c.speaker_mention:
            name = c.speaker_name if c.speaker_name is not None else c.speaker_mention.text
            # an unresolved phrase names no one: null, with the phrase kept as the mention
            speaker = Speaker(name=name or None, kind=c.speaker_kind, mention=c.speaker_mention, rule=c.speaker_rule or None,
                              affiliation=c.speaker_affiliation)
        text = "\n\n".join(s.slice(self.text) for s in c.spans)
        return Quotation(type=c.type, spans=list(c.spans), text=text, speaker=speaker, cue=c.cue,
                         channel=c.channel, channel_evidence=c.channel_evidence, said_on=c.said_on,
                         said_on_evidence=c.said_on_evidence, signatories=list(c.signatories),
                         about=list(c.about), confidence=c.confidence, kind=c.kind, rule=c.rule or None)


_BOOKKEEPING = frozenset({"deadline", "started", "extra", "owners", "_region_index"})
Work.FIELDS = frozenset(
    [f.name for f in fields(Work) if f.name not in _BOOKKEEPING and f.name not in Work.LOG_FIELDS]
    + [f"candidates.{f.name}" for f in fields(Candidate)]
    + [f"clusters.{f.name}" for f in fields(Cluster)]
)

_OWNERS: dict[str, Any] = {}


def _default_owner(field: str) -> Any:
    """The default pipeline's stage owning ``field`` (one instance per process)."""
    if not _OWNERS:
        from .base import check_declarations, registry
        from .build import DEFAULT_STAGES

        known = registry()
        instances: dict[type, Any] = {}
        for name, cls in check_declarations([known[n] for n in DEFAULT_STAGES]).items():
            if getattr(cls, "accepts_proposals", False):
                _OWNERS[name] = instances.setdefault(cls, cls())
    if field not in _OWNERS:
        raise KeyError(f"no stage of the default pipeline takes proposals for '{field}'")
    return _OWNERS[field]


def _merged(spans: list[Span]) -> list[Span]:
    """Non-empty spans in text order, overlapping ones merged (stray marks can make two quotations overlap)."""
    out: list[Span] = []
    for s in sorted(x for x in spans if x.end > x.start):
        if out and s.start < out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, s.end))
        else:
            out.append(s)
    return out
