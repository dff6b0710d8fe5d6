"""Hand-built documents for store, API and web tests (no NLP model needed).

``build`` assembles an article from plain strings and ``Say`` pieces and
computes every quote span from the text it builds, so offsets are always
consistent. ``corpus()`` is a small archive that exercises cross-article
merging: full name then surname only, the same statement carried twice, two
different people sharing a surname, an organisation, and hostile text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from quotegraph.model import Document, Entity, Mention, Quotation, Span, Speaker

__all__ = ["Say", "build", "corpus", "archive", "VOCABULARY", "HOSTILE", "write_jsonl"]

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">click</a>'


@dataclass(frozen=True)
class Say:
    """One quote piece: speaker, content and its attributes."""

    speaker: str | None
    text: str
    kind: str = "person"
    type: str = "direct"
    channel: str | None = None
    about: tuple[str, ...] = ()
    said_on: str | None = None
    extra_spans: tuple[str, ...] = field(default_factory=tuple)


def build(id: str, date: str | None, *pieces: str | Say, title: str | None = None, url: str | None = None,
          source: str | None = None) -> Document:
    """A document whose text is the pieces joined, with one quote per ``Say``."""
    text = ""
    quotes = []
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
            continue
        spans = []
        for part in (piece.text, *piece.extra_spans):
            if spans:
                text += "\n\n“"
            start = len(text)
            text += part
            spans.append(Span(start, len(text)))
        content = "\n\n".join((piece.text, *piece.extra_spans))
        speaker = Speaker(piece.speaker, piece.kind) if piece.speaker else None
        quotes.append(Quotation(piece.type, spans, content, speaker, channel=piece.channel,
                                about=list(piece.about), said_on=piece.said_on, confidence=0.8))
    entities = []
    for q in quotes:
        if q.speaker and all(e.name != q.speaker.name for e in entities):
            entities.append(Entity(q.speaker.name, q.speaker.kind, [Mention.of(text, 0, 0)]))
    return Document(id=id, text=text, date=date, title=title, url=url, source=source, quotes=quotes, entities=entities)


def corpus() -> list[Document]:
    """A small archive with every merging case (see the module docstring)."""
    return [
        build("expelled", "2021-08-16",
              "The filmmaker Ken Loach said on Saturday that ", Say("Ken Loach", "he had been expelled in a purge",
                                                                    type="indirect", about=("Labour",)),
              ". He wrote: “", Say("Ken Loach", "We are many, they are few. Solidarity.", channel="twitter",
                                   about=("Keir Starmer",)),
              "”\n\nThe Socialist Campaign Group said: “",
              Say("Socialist Campaign Group", "Ken is an outstanding socialist and a fierce opponent of discrimination",
                  kind="group", channel="statement", about=("Ken Loach",)), "”",
              title="Loach expelled", url="https://example.org/expelled"),
        build("rally", "2021-08-21",
              "At the rally Loach said: “", Say("Loach", "They cannot take away what we believe in"),
              "”. He repeated: “", Say("Loach", "We are many, they are few. Solidarity!"),
              "”\n\nHelen Marsh said: “", Say("Helen Marsh", "We are asking for a fair hearing", about=("Labour",)), "”",
              title="Rally for Loach"),
        build("statement-again", "2021-08-17",
              "The group said: “", Say("Socialist Campaign Group", "Ken is an outstanding socialist and a fierce "
                                       "opponent of discrimination", kind="group"),
              "”\n\nDavid Marsh said: “", Say("David Marsh", "The party has always argued about who belongs"), "”",
              title="MPs back Loach"),
        build("marsh-only", "2021-08-23",
              "Marsh said: “", Say("Marsh", "These arguments never really end"), "”", title="Row goes on"),
        build("hostile", "2021-09-01",
              "A troll wrote " + HOSTILE + " and said: “", Say(HOSTILE, "Look " + HOSTILE, about=(HOSTILE,)), "”",
              title="Title " + HOSTILE, url="javascript:alert(3)", source=HOSTILE),
    ]


def write_jsonl(path: Path, docs: list[Document]) -> Path:
    """Write ``docs`` as extracted-document JSONL (what ``ingest --documents`` reads)."""
    with open(path, "w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    return path


VOCABULARY = [f"w{i}" for i in range(150)] + "a the party said leader vote members labour rally".split()


def archive(path: Path, articles: int = 250, words: int = 1500, seed: int = 2) -> None:
    """A database of long articles over a small vocabulary: every common word matches nearly every
    article, which makes the costliest searches a user can type."""
    import random

    from quotegraph.store import Store

    rng = random.Random(seed)
    speakers = [f"{first} {last}" for first in ("Ann", "Bo", "Cy", "Di", "Ed") for last in ("Lee", "Roe", "Tan")]
    with Store(path) as store:
        for i in range(articles):
            body = " ".join(rng.choice(VOCABULARY) for _ in range(words))
            store.put(build(f"a{i}", f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", body + ". She said: “",
                            Say(rng.choice(speakers), " ".join(rng.choice(VOCABULARY) for _ in range(12))), "”"))
        store.rebuild()
