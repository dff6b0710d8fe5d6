"""The record definition: articles and their extracted statements.

Every extracted thing points back at the exact characters it came from:
``Span``/``Mention`` offsets are Python string indices (code points) into
``Document.text``. These classes import nothing else from quotegraph, so every
layer can use them. They are the one definition of the output contract
(``schema_version`` 1): ``to_dict``/``from_dict`` (the JSON of ``extract``),
the Arrow tables of ``batch``, the SQLite rows of the store, the API's
response models, the OpenAPI document and the README contract table all come
from these classes, their type hints and the docstring under each field (see
``record.py``). Adding a field is a change here plus the rule that fills it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from .dates import DATE_PRECISIONS, Day, PartialDate, date_precision
from .record import Before, Record, Serialise

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


def _none_if_empty(value: Any) -> Any:
    # "no name" is null in every output; files written before that carry ""
    return value or None


def _unknown_if_empty(value: Any) -> Any:
    return value or "unknown"


def _memory_if_empty(value: Any) -> Any:
    return value or "<memory>"


def _three_decimals(value: Any) -> float:
    return round(float(value), 3)


Kind = Annotated[str, Before(_unknown_if_empty)]
Confidence = Annotated[float, Serialise(_three_decimals)]


@dataclass(frozen=True, slots=True, order=True)
class Span(Record):
    """A half-open character range ``[start, end)`` of the document text."""

    start: int
    """first character (a Python string index into the document's `text`)"""
    end: int
    """one past the last character"""

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


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """A span together with the text it covers (``text == doc.text[start:end]``)."""

    start: int
    """first character"""
    end: int
    """one past the last character"""
    text: str
    """the characters `doc.text[start:end]`"""

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> "Mention":
        """Build a mention whose text is sliced from ``doc_text``."""
        return cls(start, end, doc_text[start:end])

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @classmethod
    def from_dict(cls, data: Any) -> "Mention | None":
        return None if data is None else super(Mention, cls).from_dict(data)


@dataclass(slots=True)
class Speaker(Record):
    """Who made a statement: canonical name, kind and the phrase used here."""

    name: Annotated[str | None, Before(_none_if_empty), Serialise(_none_if_empty)]
    """the canonical name in the document ("Ken Loach", never "he"), or `null` when the phrase (a pronoun with no antecedent, "officials") names no one that could be resolved; the phrase is then in `mention`"""
    kind: Kind = "unknown"
    """`person`, `organisation`, `group` or `unknown`"""
    mention: Mention | None = None
    """`{start, end, text}` of the phrase this sentence uses for the speaker, or `null`"""
    rule: str | None = None
    """the resolver that named the speaker (`entity`, `title`, `apposition`, `surname`, `new_name`, `joint`, `pronoun`, `pronoun_unresolved`, `relative`, `statement_author`, `previous_statement`, `role`, `age`, `spokesperson`, `organisation_noun`, `document_author`, `description`, `not_a_name`, `surface`); `null` in files written before it was recorded"""
    affiliation: str | None = None
    """the organisation the phrase ties the speaker to ("State Department official Jane Holt" → `State Department`), or `null`"""

    @classmethod
    def from_dict(cls, data: Any) -> "Speaker | None":
        return None if data is None else super(Speaker, cls).from_dict(data)


@dataclass(slots=True)
class Quotation(Record):
    """One reported statement; it belongs to the document, not to a sentence."""

    type: str
    """`direct`, `indirect`, or `mixed` (reported speech containing a quoted fragment)"""
    spans: list[Span]
    """the reported content, inside the marks for direct quotes; a quote running over several paragraphs is one quote with one span per paragraph"""
    text: str = ""
    """the content (the spans' text, joined by a blank line)"""
    speaker: Speaker | None = None
    """who said it (fields below), or `null` when the text does not say"""
    cue: Mention | None = None
    """`{start, end, text}` of the reporting expression ("said", "insisted", "called for", "according to"), or `null`"""
    channel: str | None = None
    """`twitter`, `statement`, `interview`, `press conference`, `letter`, `television`, `radio`, `court`, ... when the text says so, else `null`"""
    channel_evidence: Mention | None = None
    """the span that names the channel, or `null`"""
    said_on: PartialDate | None = None
    """when it was said, at the precision the text supports (`2021-08-14`, `2021-07`), resolved against the article date, or `null`"""
    said_on_evidence: Mention | None = None
    """the span that dates the statement ("on Monday"), or `null`"""
    signatories: list[str] = field(default_factory=list)
    """co-signers of a joint statement or letter"""
    about: list[str] = field(default_factory=list)
    """canonical names of the people and organisations the statement is about"""
    confidence: Confidence = 0.5
    """0..1 (three decimals)"""
    kind: str | None = None
    """what sort of statement: `speech`, `writing`, `belief` ("believes that", "supported the bill"), `perception` ("saw", "found"), `intention` ("agreed to", "plans to"), `document` (a study, poll, record or recording as the source: "video shows") or `topic` (what was spoken of, not what was said: "warned of a recession", "talked about investigations", "complained about the referees"), or `null` when unknown"""
    rule: str | None = None
    """the attribution rule that produced the statement: `cue:clause` (a content clause), `cue:quote` (a quotation as the cue's object), `cue:object` (a noun-phrase object that is speech), `cue:predicative` ("called him a liar", "urged X to ..."), `cue:infinitive`, `cue:topic` ("talked about X", "referred to X"; kind `topic`), `cue:spoken-of` (what a speech verb spoke of, with nothing said: "warned of X"; kind `topic`), `cue:noun-clause` ("his claim that ..."), `cue:noun-topic` ("his claim of fraud"), `cue:light` ("drew criticism for ...", "lashed out at ..."), `cue:passive` ("the figures were confirmed by aides"), `cue:pronoun` ("he said that"), `cue:that-clause` and `cue:noun-that-clause` (a verb or noun outside the lexicons with a "that" clause of its own: kind `belief`), `cue:demand` ("called for ..."), `cue:parenthetical` ("X, he said, is Y"), `according`, `label` ("NAME: ..."), `quote:frame` (a quotation attached to a cue in its sentence), `quote:colon`, `quote:dash`, `quote:verb` (a quotation whose own short frame has a verb outside the lexicons: "“…,” Trump shot back"), `quote:carry` (continues the previous speaker), `quote:short`"""

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end

    __computed__ = {"said_on_precision": ("said_on", str | None, "`day`, `month` or `year`: how much of `said_on` the"
                                          " text supports (`null` without one)")}

    @property
    def said_on_precision(self) -> str | None:
        """``day``, ``month`` or ``year``: how much of ``said_on`` the text supports (``None`` without one)."""
        return date_precision(self.said_on)


@dataclass(slots=True)
class Entity(Record):
    """A person, organisation or group named in the document, with all its mentions."""

    name: str
    """the canonical name"""
    kind: Kind = "unknown"
    """`person`, `organisation`, `group` or `unknown`"""
    mentions: list[Mention] = field(default_factory=list)
    """every mention (`"Loach"`, `"he"`, `"the filmmaker"`), in text order"""
    affiliation: str | None = None
    """the organisation the article ties a person to, or `null`"""


@dataclass(frozen=True, slots=True)
class Warning(Record):
    """Something a user should know about a document: a code and a message."""

    __omit_none__ = ("start", "end")  # written only for a warning about a span

    code: str
    """`W1xx` (changed on input) or `W2xx` (uncertain in extraction)"""
    message: str
    """what happened"""
    start: int | None = None
    """start of the span concerned (present only when it concerns a span)"""
    end: int | None = None
    """end of the span concerned (present only when it concerns a span)"""


@dataclass(slots=True)
class Article(Record):
    """One input article as read from disk, before any NLP.

    ``origin`` names where it came from (``path`` or ``path:line``) so that
    every error can name the input.
    """

    id: str
    """the article's id"""
    text: str
    """the article's text"""
    date: Day | None = None
    """publication date `YYYY-MM-DD`, or `null`"""
    title: str | None = None
    """the title, or `null`"""
    url: str | None = None
    """the address, or `null`"""
    source: str | None = None
    """the outlet, or `null`"""
    origin: Annotated[str, Before(_memory_if_empty)] = "<memory>"
    """where it was read (`path` or `path:line`)"""
    warnings: list[Warning] = field(default_factory=list)
    """what was changed on input"""


@dataclass(slots=True)
class Document(Record):
    """An article with everything extracted from it."""

    # written as readers have always seen it: the metadata, then the text, then what was found in it
    __order__ = ("schema_version", "id", "date", "title", "url", "source", "text")

    # not an argument: every document this quotegraph writes has this version
    schema_version: int = field(default=SCHEMA_VERSION, init=False)
    """`1`; bumped only for changes that break readers"""
    id: str
    """JSONL `id`; file name without its suffix for files (`stdin` for standard input); unique in a run"""
    text: str
    """what every offset indexes (see above)"""
    date: Day | None = None
    """publication date `YYYY-MM-DD`, or `null`"""
    title: str | None = None
    """from JSONL fields or HTML metadata, else `null`"""
    url: str | None = None
    """from JSONL fields or HTML metadata, else `null`"""
    source: str | None = None
    """the outlet, from JSONL fields or HTML metadata, else `null`"""
    quotes: list[Quotation] = field(default_factory=list)
    """reported statements in text order"""
    entities: list[Entity] = field(default_factory=list)
    """people, organisations and groups named in the document"""
    warnings: list[Warning] = field(default_factory=list)
    """what was changed on input (`W1xx`) or uncertain in extraction (`W2xx`)"""


@dataclass(frozen=True, slots=True)
class Rejected(Record):
    """An input that could not be processed, with the reason (never silent)."""

    id: str | None
    """the input's id, when it has one"""
    origin: str
    """where the input was read"""
    code: str
    """the error code (`E1xx` ...)"""
    reason: str
    """the coded message"""

    @classmethod
    def from_dict(cls, data: Any) -> "Rejected":
        return super(Rejected, cls).from_dict({"id": None, **data} if isinstance(data, dict) else data)
