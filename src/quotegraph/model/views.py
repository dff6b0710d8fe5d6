"""The read side's records: what the service returns and the JSON API sends.

They are built from the record definition of ``document.py`` wherever they
show the same thing: an article's quote is a ``Quotation`` plus where the
store linked it (``ArticleQuote``), its speaker a ``Speaker`` plus the merged
entity (``QuoteSpeaker``), so a field added to a quotation or a speaker
reaches the API and its OpenAPI document with no change here. The service
returns these records; the API, the web pages, the exports and the command
line each take their ``to_dict`` form once, at their boundary.
``quotegraph.api.openapi`` generates the response schemas from them, and a
test validates live responses against that document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from .dates import Day, PartialDate
from .document import QUOTE_TYPES, SPEAKER_KINDS, Mention, Quotation, Speaker, Warning
from .record import Describe, Record

__all__ = ["SpeakerRef", "StatementView", "NameRef", "Context", "SourceView", "StatementDetail", "Links",
           "StatementPage", "SpeakerRow", "SpeakerPage", "MergedName", "SubjectCount", "CoSpeaker", "MonthCount",
           "SpeakerDetail", "QuoteSpeaker", "ArticleQuote", "ArticleView", "MergeState", "Overview", "SpeakerCount",
           "NamedCount", "Collection", "ErrorBody", "ErrorEnvelope", "RESPONSE_MODELS", "Repeatable", "SearchParams",
           "SpeakerListParams", "PageParams", "Folded", "STATEMENT_KINDS", "MAX_QUERY_CHARS", "MAX_OFFSET"]

MAX_QUERY_CHARS = 500  # one search text or name filter
MAX_OFFSET = 100_000  # results a page may skip
STATEMENT_KINDS = ("speech", "writing", "belief", "perception", "intention", "document", "topic")


class Repeatable:
    """Marks a query parameter that may repeat (``kind=speech&kind=writing``) or hold a comma-separated list.

    Each item is one of ``choices`` (case ignored); ``every``, when given, is
    the one word that asks for all of them (``kind=all``).
    """

    def __init__(self, choices: tuple[str, ...], *, every: str | None = None) -> None:
        self.choices = choices
        self.every = every


class Folded:
    """Marks a choice read with surrounding space and case ignored (``sort=Said`` is ``said``)."""


_Text = Annotated[str, Describe(maxLength=MAX_QUERY_CHARS)] | None
_Limit = Annotated[int, Describe(minimum=1)] | None
_Offset = Annotated[int, Describe(minimum=0, maximum=MAX_OFFSET)] | None


@dataclass(slots=True)
class PageParams(Record):
    """Which page of results."""

    limit: _Limit = None
    """Results per page (1 to the server's maximum page size)."""
    offset: _Offset = None
    """Results to skip."""


@dataclass(slots=True)
class SearchParams(Record):
    """The query parameters of a statement search (the API's and the search page's)."""

    q: Annotated[str, Describe(maxLength=MAX_QUERY_CHARS)] = ""
    """Full-text query. Words are matched as plain text (all must occur); "quoted phrases" stay phrases."""
    raw: bool = False
    """Treat q as FTS5 query syntax (AND, OR, NEAR, prefix*). A malformed query is a 400 (E600)."""
    scope: Literal["quotes", "articles"] = "quotes"
    """Match q against the statement's content (quotes) or its article's text (articles)."""
    speaker: _Text = None
    """Exactly one speaker: its slug (as in /api/speakers), or a name or alias equal to one of its merged names (case ignored). Never a substring: see speaker_name."""
    speaker_name: _Text = None
    """Speakers whose canonical or merged name contains this text (may match several)."""
    about: _Text = None
    """Someone the statement is about: slug or (part of a) name."""
    channel: _Text = None
    """How it was said: twitter, statement, interview, ..."""
    since: PartialDate | None = None
    """Earliest date said (or published): YYYY, YYYY-MM or YYYY-MM-DD."""
    until: PartialDate | None = None
    """Latest date said (or published), inclusive."""
    type: Annotated[str | None, Repeatable(QUOTE_TYPES)] = None
    """Quote types, comma-separated or repeated: direct, indirect, mixed."""
    kind: Annotated[str | None, Repeatable(STATEMENT_KINDS, every="all")] = None
    """Statement kinds, comma-separated or repeated: speech, writing, belief, perception, intention, document, topic; 'all' for every kind. Default: speech, writing and statements of unknown kind."""
    min_confidence: Annotated[float, Describe(minimum=0, maximum=1)] | None = None
    """Lowest extraction confidence (0 to 1)."""
    source: _Text = None
    """Outlet (the article's source), exact, case ignored."""
    signatory: _Text = None
    """A co-signer of the statement: part of the name."""
    sort: Annotated[Literal["relevance", "said", "first_seen", "sources"] | None, Folded()] = None
    """relevance (text rank with the speaker's name, confidence, kind and length), said (date said, newest first), first_seen (newest first), sources (most articles first)."""
    limit: _Limit = None
    """Results per page (1 to the server's maximum page size)."""
    offset: _Offset = None
    """Results to skip."""


@dataclass(slots=True)
class SpeakerListParams(Record):
    """The query parameters of the speaker list."""

    q: _Text = None
    """Part of a name."""
    kind: Annotated[str | None, Repeatable(SPEAKER_KINDS)] = None
    """person, organisation, group or unknown (comma-separated or repeated)."""
    sort: Annotated[Literal["statements", "name", "first_seen", "last_seen"] | None, Folded()] = None
    """statements (most first), name, first_seen, last_seen."""
    limit: _Limit = None
    """Results per page (1 to the server's maximum page size)."""
    offset: _Offset = None
    """Results to skip."""


@dataclass(slots=True)
class SpeakerRef(Record):
    """A merged speaker as a statement names it."""

    slug: str
    """the speaker's id in `/api/speakers/{slug}`"""
    name: str
    """the canonical name"""
    kind: str
    """`person`, `organisation`, `group` or `unknown`"""


@dataclass(slots=True)
class StatementView(Record):
    """One statement: what was said once, however many articles carry it."""

    id: str
    """the statement's id"""
    text: str
    """the content"""
    type: str
    """`direct`, `indirect` or `mixed`"""
    speaker: SpeakerRef | None
    """the merged speaker, or `null` when no entity could be named"""
    first_seen: Day | None
    """the earliest publication date of an article carrying it"""
    said_on: PartialDate | None
    """when it was said, as precise as the text says"""
    date: PartialDate | None
    """`said_on` when it is a whole day, else `first_seen`"""
    source_count: int
    """articles (outlets' copies) carrying it"""
    quote_count: int
    """quotes merged into it"""
    article_id: str
    """the first article carrying it"""
    article_title: str | None
    """that article's title"""
    outlet: str | None
    """that article's source"""
    kind: str | None
    """`speech`, `writing`, `belief`, `perception`, `intention`, `document`, `topic`, or `null`"""
    cue: Mention | None
    """the reporting expression in the first article"""
    channel: str | None
    """how it was said (twitter, statement, interview, ...)"""
    confidence: float | None
    """extraction confidence, 0..1"""
    signatories: list[str]
    """co-signers of a joint statement"""


@dataclass(slots=True)
class NameRef(Record):
    """Someone a statement is about."""

    name: str
    """the name as the statement gives it"""
    slug: str | None
    """the merged speaker it names, if any"""


@dataclass(slots=True)
class Context(Record):
    """The paragraph around a quote."""

    before: str
    """paragraph text before the quote"""
    quote: str
    """the quoted characters"""
    after: str
    """paragraph text after the quote"""


@dataclass(slots=True)
class SourceView(Record):
    """One article carrying a statement, with the quote it carries."""

    article_id: str
    """the article"""
    date: Day | None
    """its publication date"""
    title: str | None
    """its title"""
    url: str | None
    """its address"""
    source: str | None
    """its outlet"""
    ordinal: int
    """the quote's position in the article"""
    text: str
    """the quote's content"""
    type: str
    """`direct`, `indirect` or `mixed`"""
    channel: str | None
    """how it was said, in this article"""
    said_on: PartialDate | None
    """when it was said, in this article"""
    speaker_name: str | None
    """the speaker's name in this article (`null` when unresolved)"""
    cue: Mention | None
    """the reporting expression"""
    rule: str
    """how this quote joined the statement: first, identical, near-identical, contained"""
    signatories: list[str]
    """co-signers"""
    context: Context | None
    """the paragraph around the quote"""


@dataclass(slots=True)
class StatementDetail(StatementView):
    """A statement with everyone it is about and every article carrying it."""

    about: list[NameRef] = field(default_factory=list)
    """who the statement is about"""
    sources: list[SourceView] = field(default_factory=list)
    """every article carrying it, oldest first"""


@dataclass(slots=True)
class Links(Record):
    """URLs of the previous and next pages (`null` at either end)."""

    prev: str | None = None
    """the previous page"""
    next: str | None = None
    """the next page"""


@dataclass(slots=True)
class StatementPage(Record):
    """One page of statements."""

    total: int
    """matches in all"""
    limit: int | None
    """page size"""
    offset: int
    """matches skipped"""
    items: list[StatementView]
    """this page's statements"""
    links: Links | None = None
    """the neighbouring pages (API only)"""


@dataclass(slots=True)
class SpeakerRow(Record):
    """A merged speaker."""

    slug: str
    """the speaker's id"""
    name: str
    """the canonical name"""
    kind: str
    """`person`, `organisation`, `group` or `unknown`"""
    external_id: str | None
    """an id from the alias table (Wikidata ...), if given"""
    statement_count: int
    """statements by this speaker"""
    first_seen: Day | None
    """the earliest article quoting them"""
    last_seen: Day | None
    """the latest article quoting them"""


@dataclass(slots=True)
class SpeakerPage(Record):
    """One page of speakers."""

    total: int
    """speakers in all"""
    limit: int | None
    """page size"""
    offset: int
    """speakers skipped"""
    items: list[SpeakerRow]
    """this page's speakers"""
    links: Links | None = None
    """the neighbouring pages (API only)"""


@dataclass(slots=True)
class MergedName(Record):
    """A name merged into a speaker, with the rule and its evidence."""

    name: str
    """the name as written"""
    rule: str
    """the merge rule (`exact`, `surname`, `alias`, `ambiguous-surname`, ...)"""
    detail: str
    """why"""
    article_ids: list[str]
    """the articles that gave the evidence"""


@dataclass(slots=True)
class SubjectCount(Record):
    """Someone a speaker talks about, and how often."""

    name: str
    """the name"""
    slug: str | None
    """the merged speaker it names, if any"""
    count: int
    """statements about them"""


@dataclass(slots=True)
class CoSpeaker(Record):
    """A speaker quoted in the same articles."""

    slug: str
    """their id"""
    name: str
    """their name"""
    articles: int
    """articles shared"""


@dataclass(slots=True)
class MonthCount(Record):
    """Statements in one month."""

    month: str
    """`YYYY-MM`"""
    count: int
    """statements"""


@dataclass(slots=True)
class SpeakerDetail(SpeakerRow):
    """One speaker: names and merge evidence, subjects, co-speakers, statements by month, one page of statements."""

    names: list[MergedName] = field(default_factory=list)
    """every name merged into this speaker"""
    about: list[SubjectCount] = field(default_factory=list)
    """who they talk about"""
    co_speakers: list[CoSpeaker] = field(default_factory=list)
    """speakers quoted in the same articles, most shared first"""
    by_month: list[MonthCount] = field(default_factory=list)
    """statements per month"""
    statements: list[StatementView] = field(default_factory=list)
    """one page (limit, offset) of statements, oldest first"""
    total: int = 0
    """statements in all"""
    limit: int = 0
    """page size"""
    offset: int = 0
    """statements skipped"""
    truncated: bool = False
    """whether more statements follow this page"""
    links: Links | None = None
    """the neighbouring pages (API only)"""


@dataclass(slots=True)
class QuoteSpeaker(Speaker):
    """A quote's speaker (every field of the record's speaker) and the entity the store merged it into."""

    slug: str | None = None
    """the merged speaker, or `null` when the name names no entity"""
    entity: str | None = None
    """the merged speaker's canonical name"""
    not_a_name: str | None = None
    """why the name cannot name an entity (a pronoun, a fragment), when it has no slug"""


@dataclass(slots=True)
class ArticleQuote(Quotation):
    """One quote of an article: every field of the record's quotation, and the statement it was merged into."""

    speaker: QuoteSpeaker | None = None
    """who said it, with the merged entity"""
    ordinal: int = 0
    """the quote's position in the article"""
    statement_id: str | None = None
    """the statement it belongs to"""
    source_count: int | None = None
    """articles carrying that statement"""


@dataclass(slots=True)
class ArticleView(Record):
    """One stored article with its quotes."""

    id: str
    """the article's id"""
    date: Day | None
    """publication date"""
    title: str | None
    """title"""
    url: str | None
    """address"""
    source: str | None
    """outlet"""
    origin: str
    """where it was read"""
    text: str
    """what every offset indexes"""
    warnings: list[Warning] = field(default_factory=list)
    """what was changed on input or uncertain in extraction"""
    quotes: list[ArticleQuote] = field(default_factory=list)
    """every quote, in text order"""


@dataclass(slots=True)
class MergeState(Record):
    """Whether changed articles await merging."""

    pending: bool
    """a merge is pending"""
    full: bool
    """the next merge rebuilds everything"""
    articles: int
    """articles waiting to be merged"""


@dataclass(slots=True)
class Overview(Record):
    """What the database holds."""

    counts: dict[str, int]
    """rows of articles, quotes, statements, persons"""
    channels: list[str]
    """channels in use"""
    merge: MergeState
    """the merge state"""
    outlets: list[str]
    """outlets in use"""
    kinds: list[str]
    """statement kinds"""
    types: list[str]
    """quote types"""
    name: str = "quotegraph"
    """this API (API only)"""
    openapi: str | None = None
    """where this API's OpenAPI document is (API only)"""


@dataclass(slots=True)
class SpeakerCount(Record):
    """A speaker and how many statements they made."""

    slug: str
    """the speaker's id"""
    name: str
    """the canonical name"""
    kind: str
    """`person`, `organisation`, `group` or `unknown`"""
    count: int
    """statements"""


@dataclass(slots=True)
class NamedCount(Record):
    """Statements under one name (an outlet, a channel)."""

    name: str
    """the outlet or channel"""
    count: int
    """statements"""


@dataclass(slots=True)
class Collection(Record):
    """Counts across the collection, for the overview page's charts."""

    speakers: list[SpeakerCount]
    """the most-quoted speakers, most first"""
    by_month: list[MonthCount]
    """statements per month"""
    by_outlet: list[NamedCount]
    """statements per outlet, most first"""
    by_channel: list[NamedCount]
    """statements per channel, most first"""


@dataclass(slots=True)
class ErrorBody(Record):
    """A coded error."""

    code: str
    """`E600` ..."""
    message: str
    """the coded message"""


@dataclass(slots=True)
class ErrorEnvelope(Record):
    """The one error shape of the API."""

    error: ErrorBody
    """the error"""


RESPONSE_MODELS = (Overview, StatementPage, StatementDetail, SpeakerPage, SpeakerDetail, ArticleView, ErrorEnvelope)
