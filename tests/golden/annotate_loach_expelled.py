"""Write ``loach-expelled.expected.json``: a human annotation of
``examples/loach-expelled.txt`` with every offset computed from the text.

The annotation below is what a careful reader finds in the article, written
as phrases located in their context; this script turns the phrases into
character offsets (and fails if a phrase or its context is missing or
ambiguous), so no offset is ever typed by hand. Run it after editing the
annotation::

    .venv/bin/python tests/golden/annotate_loach_expelled.py

This script is the only writer of that file: no test flag rewrites it from the
engine's output, and ``tests/pipeline/test_golden_example.py`` checks that the
committed file is exactly what this annotation produces.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = "examples/loach-expelled.txt"
OUT = Path(__file__).with_name("loach-expelled.expected.json")

SCG = "Socialist Campaign Group"
SIGNATORIES = ["Jeremy Corbyn", "Rebecca Long-Bailey", "Diane Abbott", "John McDonnell"]


def article_text() -> str:
    """The article text exactly as the ingest layer gives it to the pipeline."""
    sys.path.insert(0, str(REPO / "src"))
    from quotegraph.ingest import read_paths

    (article,) = list(read_paths([REPO / SOURCE]))
    return article.text


class Locator:
    """Offsets of phrases, each found inside a context that occurs exactly once."""

    def __init__(self, text: str) -> None:
        self.text = text

    def at(self, phrase: str, context: str | None = None) -> dict:
        """``{"start", "end", "text"}`` of ``phrase`` inside its unique ``context``."""
        context = context or phrase
        first = self.text.find(context)
        if first < 0 or self.text.find(context, first + 1) >= 0:
            raise SystemExit(f"context {context!r} must occur exactly once in the article")
        inner = context.find(phrase)
        if inner < 0 or context.find(phrase, inner + 1) >= 0:
            raise SystemExit(f"phrase {phrase!r} must occur exactly once in its context {context!r}")
        start = first + inner
        return {"start": start, "end": start + len(phrase), "text": phrase}


def quotes(at) -> list[dict]:
    """The eleven statements of the article, in text order."""
    p1 = "The Socialist Campaign Group of Labour MPs has released a statement"
    scg_first = at("The Socialist Campaign Group of Labour MPs", p1)
    scg = {"name": SCG, "kind": "group"}
    loach = {"name": "Ken Loach", "kind": "person"}
    labour = {"name": "Labour", "kind": "organisation"}
    tweet2 = "Well, I am proud to stand with the good friends and comrades victimised by the purge. There is indeed a witch hunt. Starmer and his clique will never lead a party of the people."
    statement = [
        "Ken is an outstanding socialist and a fierce opponent of discrimination in all its forms, whose work has done more than any other living British filmmaker to shine a light on injustice and oppression.",
        "The values embodies in his films – solidarity, compassion, equality – should be the values proudly championed by our party.",
        "That Ken is expelled while Islamophobes are welcomed is shameful, and suggests the party leadership is drifting yet further away from these values.",
        "These attacks are aimed at demoralising and pushing socialist members away from the party. But the only way to return our socialist and internationalist principles to the heart of British politics is for Labour members to stay in the party and champion them.",
        "The socialist leadership that hundreds of thousands of you made possible need not be consigned to the past of our party. It can be the future. Let’s fight for it together.",
    ]
    return [
        {"id": "q01-defending", "type": "mixed",
         "spans": [at("Ken Loach as a “fierce opponent of discrimination”")],
         "speaker": {**scg, "mention": scg_first},
         "cue": {**at("defending"), "match": "exact"},
         "channel": "statement", "said_on": "2021-08-16", "signatories": SIGNATORIES,
         "about_includes": ["Ken Loach"]},
        {"id": "q02-urging", "type": "indirect",
         "spans": [at("the party to reinstate the filmmaker")],
         "speaker": {**scg, "mention": scg_first},
         "cue": {**at("urging"), "match": "exact"},
         "channel": "statement", "said_on": "2021-08-16", "signatories": SIGNATORIES},
        {"id": "q03-said-on-saturday", "type": "mixed",
         "spans": [at("he had been expelled from Labour in a “purge” of critics of the leadership")],
         "speaker": {**loach, "mention": at("Loach", "Loach, a veteran left-winger")},
         "cue": {**at("said", "left-winger, said on Saturday"), "match": "exact"},
         "channel": None, "said_on": "2021-08-14", "said_on_evidence": at("on Saturday"), "signatories": []},
        {"id": "q04-85-year-old", "type": "mixed",
         "spans": [at("he had been ejected after he refused to “disown” other critics from the Labour left who had already been removed")],
         "speaker": {**loach, "mention": at("The 85-year-old")},
         "cue": {**at("said", "The 85-year-old said"), "match": "exact"},
         "channel": None, "said_on": None, "signatories": []},
        {"id": "q05-on-the-grounds", "type": "mixed",
         "spans": [at("that they were “not compatible” with Labour values")],
         "speaker": {**labour, "mention": at("the party", "after the party last month")},
         # The cue is the phrase "on the grounds that"; any cue overlapping "grounds" is right.
         "cue": {**at("grounds"), "match": "overlap"},
         "channel": None, "said_on": "2021-07", "said_on_evidence": at("last month"), "signatories": []},
        {"id": "q06-insisted", "type": "mixed",
         "spans": [at("that the “clique” around the Labour leader would never ultimately prevail")],
         "speaker": {**loach, "mention": at("Loach", "Loach insisted")},
         "cue": {**at("insisted"), "match": "exact"},
         "channel": "twitter", "said_on": None, "signatories": []},
        {"id": "q07-not-fit", "type": "direct",
         "spans": [at("Labour HQ finally decided I’m not fit to be a member of their party, as I will not disown those already expelled,")],
         "speaker": {**loach, "mention": at("he", "” he said.\n\n“Well")},
         "cue": {**at("said", "” he said.\n\n“Well"), "match": "exact"},
         "channel": "twitter", "said_on": None, "signatories": []},
        {"id": "q08-we-are-many", "type": "direct",
         "spans": [at(tweet2), at("We are many, they are few. Solidarity.")],
         "speaker": {**loach, "mention": None},
         "cue": None,
         "channel": "twitter", "said_on": None, "signatories": []},
        {"id": "q09-claims", "type": "mixed",
         "spans": [at("to reject the “false antisemitism smear”")],
         "speaker": {"name": "Labour Against the Witchhunt", "kind": "organisation",
                     "mention": at("which", "a group which opposes")},
         "cue": {**at("claims"), "match": "exact"},
         "channel": None, "said_on": None, "signatories": []},
        {"id": "q10-called-for", "type": "mixed",
         "spans": [at("Loach to be “immediately reinstated”")],
         "speaker": {**scg, "mention": at("the Socialist Campaign Group", "Monday, the Socialist Campaign Group called")},
         "cue": {**at("called for"), "match": "exact", "accept": [at("called", "Group called for")]},
         "channel": "statement", "said_on": "2021-08-16", "said_on_evidence": at("on Monday"),
         "signatories": SIGNATORIES},
        {"id": "q11-joint-statement", "type": "direct",
         "spans": [at(s) for s in statement],
         "speaker": {**scg, "mention": at("it", "John McDonnell, it said:")},
         "cue": {**at("said", "it said: “Ken"), "match": "exact"},
         "channel": "statement", "said_on": "2021-08-16", "signatories": SIGNATORIES},
    ]


def build(text: str) -> dict:
    """The whole expected-file document."""
    loc = Locator(text)
    at = loc.at
    return {
        "source": SOURCE,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "date": "2021-08-16",
        "comparison": ("content: each expected span is covered > 0.8 by the matched quote's spans, and the "
                       "span counts agree; every other field exactly (a cue with match 'overlap' only has "
                       "to overlap; 'accept' lists other exact cues that are also right)"),
        "quotes": quotes(at),
        "allowed_extra": [
            {"type": "mixed", "speaker": None, "cue": at("understood", "Loach is understood to"),
             "why": "'Loach is understood to have been expelled …' reports unattributed sources"},
        ],
        "not_statements": [
            at("‘We are the many’"),
            at("‘Outstanding socialist’"),
            at("‘sponsor’"),
        ],
        "entities": [
            {"name": "Ken Loach", "kind": "person", "mentions_include": [
                at("Ken Loach", "defending Ken Loach as"),
                at("the filmmaker", "reinstate the filmmaker"),
                at("Loach", "Loach, a veteran"),
                at("he", "Saturday that he had"),
                at("The 85-year-old"),
                at("he", "said he had been ejected"),
                at("he", "after he refused"),
                at("Loach", "Loach insisted"),
                at("he", "” he said.\n\n“Well"),
                at("Loach", "Loach is understood"),
                at("he", "because he is a supporter"),
                at("Loach", "for Loach to be"),
                at("Ken", "“Ken is an outstanding"),
                at("Ken", "That Ken is expelled"),
            ]},
        ],
    }


def main() -> None:
    OUT.write_text(json.dumps(build(article_text()), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
