"""Hypothesis strategies for article text: news-like pieces and hostile characters.

``articles_text()`` builds text from short reporting sentences, quotations
(paired, unpaired, nested, across paragraphs) and hostile characters: quote
marks and apostrophes of every kind, zero-width and bidi controls, NUL and
other C0/C1 controls, lone combining marks, emoji and astral letters, CRLF,
tabs and very long words. ``random_article(rng)`` does the same from a
``random.Random`` for tests that need a fixed list of documents.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

__all__ = ["QUOTE_MARKS", "HOSTILE_CHARS", "articles_text", "random_article"]

QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」`´″″〝〞＂"
HOSTILE_CHARS = (
    QUOTE_MARKS
    + "\u200b\u200c\u200d\u2060\ufeff"  # zero-width
    + "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"  # bidi
    + "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\u2028\u2029"  # controls, NEL, line/paragraph separators
    + "\u0301\u0308\u0327\u20dd\u0489"  # combining marks, alone
    + "😀🇬🇧👍🏽𝔘𝕟𝕚\U000e0041\ufffd\uffff"  # emoji, flags, astral letters, tags, specials
    + "\r\n\t\xa0\u3000"
)
NAMES = ("Ana Ruiz", "Mr. Reed", "the council", "a spokeswoman for the U.N.", "Sara O'Brien", "she", "they")
CUES = ("said", "told reporters", "added", "wrote on Twitter", "insisted", "warned", "according to")
CLAUSES = ("the plan will fail", "we're not going anywhere", "it was the 1990s' worst year",
           "cases rose 5% on Jan. 3", "the vote is a disgrace", "nobody knew")

_sentences = st.builds(
    lambda clause, name, cue, o, c: f"{o}{clause.capitalize()},{c} {name} {cue}.",
    st.sampled_from(CLAUSES), st.sampled_from(NAMES), st.sampled_from(CUES),
    st.sampled_from(QUOTE_MARKS), st.sampled_from(QUOTE_MARKS),
)
_indirect = st.builds(lambda name, cue, clause: f"{name.capitalize()} {cue} that {clause}.",
                      st.sampled_from(NAMES), st.sampled_from(CUES[:6]), st.sampled_from(CLAUSES))
_hostile = st.text(alphabet=HOSTILE_CHARS, min_size=1, max_size=12)
_long_word = st.builds(lambda ch, n: ch * n, st.sampled_from("a“'-.x😀\u0301"), st.integers(50, 3000))
_nested = st.builds(lambda d, o, c: "He said " + o * d + "yes" + c * d + ".",
                    st.integers(1, 40), st.sampled_from(["“‘", "«„", "(\"", "[‘"]),
                    st.sampled_from(["’”", "“»", "\")", "’]"]))
_breaks = st.sampled_from(["\n\n", "\r\n\r\n", "\n", " ", "\t", "\n \n", "\u2029"])

_piece = st.one_of(_sentences, _sentences, _indirect, _hostile, _long_word, _nested, _breaks,
                   st.text(max_size=20))


def articles_text(max_pieces: int = 25) -> st.SearchStrategy[str]:
    """Article text: news-like sentences mixed with hostile characters and breaks."""
    return st.lists(_piece, min_size=1, max_size=max_pieces).map("".join)


def random_article(rng: random.Random, pieces: int = 12) -> str:
    """One article's text from ``rng`` in the same spirit as ``articles_text``."""
    out = []
    for _ in range(pieces):
        kind = rng.random()
        if kind < 0.5:
            o, c = rng.choice(QUOTE_MARKS), rng.choice(QUOTE_MARKS)
            out.append(f"{o}{rng.choice(CLAUSES).capitalize()},{c} {rng.choice(NAMES)} {rng.choice(CUES)}.")
        elif kind < 0.65:
            out.append(f"{rng.choice(NAMES).capitalize()} {rng.choice(CUES[:6])} that {rng.choice(CLAUSES)}.")
        elif kind < 0.85:
            out.append("".join(rng.choice(HOSTILE_CHARS) for _ in range(rng.randrange(1, 10))))
        else:
            out.append(rng.choice(["\n\n", "\r\n\r\n", "\t", "\n"]))
        out.append(" " if rng.random() < 0.7 else "\n\n")
    return "".join(out)
