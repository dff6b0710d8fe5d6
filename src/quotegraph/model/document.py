"""Plain records for articles and their extracted statements.

Every extracted thing points back at the exact characters it came from:
``Span``/``Mention`` offsets are Python string indices (code points) into
``Document.text``. These classes import nothing else from quotegraph, so every
layer can use them. ``to_dict``/``from_dict`` give the JSON contract
(``schema_version`` 1) documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DATE_PRECISIONS",
    "date_precision",
    "SCHEMA_VERSION",
    "QUOTE_TYPES",
    "SPEAKER_KINDS",
    "Span",
    "Mention",
    "Speaker",
    "Quotation",
    "Entity",
    "Warning",
    "Article",
    "Document",
    "Rejected",
]

SCHEMA_VERSION = 1
QUOTE_TYPES = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("person", "organisation", "group", "unknown")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` of the document text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]

    def overlap(self, other: "Span") -> int:
        """Number of characters shared with ``other``."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Mention:
    """A span together with the text it covers (``text == doc.text[start:end]``)."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> "Mention":
        """Build a mention whose text is sliced from ``doc_text``."""
        return cls(start, end, doc_text[start:end])

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Mention | None":
        if data is None:
            return None
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(slots=True)
class Speaker:
    """Who made a statement: canonical name, kind and the phrase used here.

    ``rule`` names the resolver that named the speaker ("entity", "pronoun", "role", ...);
    ``affiliation`` is the organisation the phrase ties the speaker to ("State Department official ...").
    An empty ``name`` with a ``mention`` means the phrase names no one that could be resolved.
    """

    name: str
    kind: str = "unknown"
    mention: Mention | None = None
    rule: str | None = None
    affiliation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "mention": self.mention.to_dict() if self.mention else None,
            "rule": self.rule,
            "affiliation": self.affiliation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Speaker | None":
        if data is None:
            return None
        return cls(
            name=str(data.get("name") or ""),
            kind=str(data.get("kind") or "unknown"),
            mention=Mention.from_dict(data.get("mention")),
            rule=data.get("rule"),
            affiliation=data.get("affiliation"),
        )


DATE_PRECISIONS = {10: "day", 7: "month", 4: "year"}  # length of YYYY-MM-DD, YYYY-MM, YYYY


def date_precision(value: str | None) -> str | None:
    """The precision of a ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` date string, or ``None``."""
    return DATE_PRECISIONS.get(len(value)) if value else None


@dataclass(slots=True)
class Quotation:
    """One reported statement; it belongs to the document, not to a sentence."""

    type: str
    spans: list[Span]
    text: str
    speaker: Speaker | None = None
    cue: Mention | None = None
    channel: str | None = None
    channel_evidence: Mention | None = None
    said_on: str | None = None
    said_on_evidence: Mention | None = None
    signatories: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    confidence: float = 0.5
    kind: str | None = None
    rule: str | None = None

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end

    @property
    def said_on_precision(self) -> str | None:
        """``day``, ``month`` or ``year``: how much of ``said_on`` the text supports (``None`` without one)."""
        return date_precision(self.said_on)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "spans": [s.to_dict() for s in self.spans],
            "text": self.text,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "channel": self.channel,
            "channel_evidence": self.channel_evidence.to_dict() if self.channel_evidence else None,
            "said_on": self.said_on,
            "said_on_precision": self.said_on_precision,
            "said_on_evidence": self.said_on_evidence.to_dict() if self.said_on_evidence else None,
            "signatories": list(self.signatories),
            "about": list(self.about),
            "confidence": round(float(self.confidence), 3),
            "kind": self.kind,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quotation":
        return cls(
            type=str(data["type"]),
            spans=[Span.from_dict(s) for s in data["spans"]],
            text=str(data.get("text", "")),
            speaker=Speaker.from_dict(data.get("speaker")),
            cue=Mention.from_dict(data.get("cue")),
            channel=data.get("channel"),
            channel_evidence=Mention.from_dict(data.get("channel_evidence")),
            said_on=data.get("said_on"),
            said_on_evidence=Mention.from_dict(data.get("said_on_evidence")),
            signatories=list(data.get("signatories") or []),
            about=list(data.get("about") or []),
            confidence=float(data.get("confidence", 0.5)),
            kind=data.get("kind"),
            rule=data.get("rule"),
        )


@dataclass(slots=True)
class Entity:
    """A person, organisation or group named in the document, with all its mentions."""

    name: str
    kind: str = "unknown"
    mentions: list[Mention] = field(default_factory=list)
    affiliation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "mentions": [m.to_dict() for m in self.mentions],
            "affiliation": self.affiliation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entity":
        mentions = [Mention.from_dict(m) for m in data.get("mentions") or []]
        return cls(str(data["name"]), str(data.get("kind") or "unknown"), [m for m in mentions if m],
                   data.get("affiliation"))


@dataclass(frozen=True, slots=True)
class Warning:
    """Something a user should know about a document: a code and a message."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.start is not None:
            data["start"], data["end"] = self.start, self.end
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Warning":
        return cls(str(data["code"]), str(data["message"]), data.get("start"), data.get("end"))


@dataclass(slots=True)
class Article:
    """One input article as read from disk, before any NLP.

    ``origin`` names where it came from (``path`` or ``path:line``) so that
    every error can name the input.
    """

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = "<memory>"
    warnings: list[Warning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "date": self.date,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "origin": self.origin,
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            date=data.get("date"),
            title=data.get("title"),
            url=data.get("url"),
            source=data.get("source"),
            origin=str(data.get("origin") or "<memory>"),
            warnings=[Warning.from_dict(w) for w in data.get("warnings") or []],
        )


@dataclass(slots=True)
class Document:
    """An article with everything extracted from it."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    quotes: list[Quotation] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "text": self.text,
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            date=data.get("date"),
            title=data.get("title"),
            url=data.get("url"),
            source=data.get("source"),
            quotes=[Quotation.from_dict(q) for q in data.get("quotes") or []],
            entities=[Entity.from_dict(e) for e in data.get("entities") or []],
            warnings=[Warning.from_dict(w) for w in data.get("warnings") or []],
        )


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be processed, with the reason (never silent)."""

    id: str | None
    origin: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "origin": self.origin, "code": self.code, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Rejected":
        return cls(data.get("id"), str(data["origin"]), str(data["code"]), str(data["reason"]))
