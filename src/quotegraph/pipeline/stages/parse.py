"""Parse sentences with long quotations masked.

A long quotation is replaced by a one-word placeholder before parsing, so the
parser sees ``“Quote,” he said.`` instead of a paragraph of quoted speech: the
frame around a quote parses far better, and far faster. Tokens of the
placeholder map back to the whole quotation span. Short quoted fragments
("a “purge” of critics") stay in place: they are part of the syntax.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right

from ...errors import PipelineError
from ...nlp import load_model, parse_texts, recognise_texts
from ..base import stage
from ..lexicons import cue_forms, cues, lemma as lemma_of, lemma_lookup, light_cue_forms, verb_lemmas
from ..work import Clause, Token, Work
from .marks import QUOTE_MARKS

__all__ = ["Parse", "mask_sentence", "may_report", "sentence_case", "MASK_MIN_WORDS"]

MASK_MIN_WORDS = 5
_WORDS = re.compile(r"[a-z]+")
_NAME = re.compile(r"[A-Z][a-z]+")
_DOUBLE_STYLE_MARKS = re.escape(QUOTE_MARKS.replace("'", ""))  # a lone apostrophe is no quotation
# ("that" alone does not open the gate: parsing those sentences too cost 3.7% more parsed text and found
# no more statements on PolNeAR dev once filtered.)
_MARKERS = re.compile(rf"[{_DOUBLE_STYLE_MARKS}:]|''|\baccording\b")
PLACEHOLDER = "Quote"
# Quotation marks spaCy's tokenizer does not split off, shown to it as ones it
# does (one character for one, so offsets are unchanged).
_TOKENIZER_MARKS = str.maketrans({"‹": "‘", "›": "’", "‚": "‘", "＂": '"', "「": "“", "」": "”", "『": "“", "』": "”",
                                  "〝": "“", "〞": "”", "〟": "”", "´": "'"})
RUN_PLACEHOLDER = "Something"
OPAQUE = -1  # piece "region" value for a masked run that is not a quotation
_LONG_RUN = re.compile(r"\S{60,}")


def mask_sentence(work: Work, start: int, end: int) -> tuple[str, list[tuple[int, int, int, int | None]]]:
    """The sentence text with long quotes masked, and the piece map.

    Each piece is ``(masked_start, doc_start, doc_end, region)``; region pieces
    stand for ``[doc_start, doc_end)`` of the document.
    """
    pieces, out, pos, cursor = [], [], 0, start
    for s_start, s_end, k in work.region_index.within(start, end):
        if work.regions[k].words < MASK_MIN_WORDS or s_start < cursor:
            continue
        if s_start > cursor:
            pieces.append((pos, cursor, s_start, None))
            out.append(work.text[cursor:s_start].translate(_TOKENIZER_MARKS))
            pos += s_start - cursor
        pieces.append((pos, s_start, s_end, k))
        out.append(PLACEHOLDER)
        pos += len(PLACEHOLDER)
        cursor = s_end
    if cursor < end:
        pieces.append((pos, cursor, end, None))
        out.append(work.text[cursor:end].translate(_TOKENIZER_MARKS))
    masked = "".join(out)
    if _LONG_RUN.search(masked):
        return _mask_runs(masked, pieces)
    return masked, pieces


def _mask_runs(masked: str, pieces):
    """Replace runs of 60+ non-space characters by a placeholder word.

    spaCy's tokenizer is quadratic in the length of a run without spaces (a
    megabyte of quote marks would take hours); such a run is never prose.
    """
    out_text, out_pieces, pos = [], [], 0
    for k, (mstart, dstart, dend, region) in enumerate(pieces):
        mend = pieces[k + 1][0] if k + 1 < len(pieces) else len(masked)
        chunk = masked[mstart:mend]
        if region is not None:
            out_pieces.append((pos, dstart, dend, region))
            out_text.append(chunk)
            pos += len(chunk)
            continue
        cursor = 0
        for m in _LONG_RUN.finditer(chunk):
            if m.start() > cursor:
                out_pieces.append((pos, dstart + cursor, dstart + m.start(), None))
                out_text.append(chunk[cursor : m.start()])
                pos += m.start() - cursor
            out_pieces.append((pos, dstart + m.start(), dstart + m.end(), OPAQUE))
            out_text.append(RUN_PLACEHOLDER)
            pos += len(RUN_PLACEHOLDER)
            cursor = m.end()
        if cursor < len(chunk):
            out_pieces.append((pos, dstart + cursor, dend, None))
            out_text.append(chunk[cursor:])
            pos += len(chunk) - cursor
    return "".join(out_text), out_pieces


_VERBAL = ("VERB", "AUX")  # tags under which a form takes its verb lemma ("warning" -> "warn")


def _to_tokens(rows, pieces) -> list[Token]:
    if len(pieces) == 1 and pieces[0][3] is None:  # nothing masked: one shift maps every offset
        tokens = _shifted(rows, pieces[0][1] - pieces[0][0])
    else:
        tokens = _mapped(rows, pieces)
    for t in tokens:
        if t.head != t.i:
            tokens[t.head].children.append(t.i)
    return tokens


def _shifted(rows, shift: int) -> list[Token]:
    lookup, verbs = lemma_lookup(), verb_lemmas()
    return [Token(i, idx + shift, idx + shift + len(text), text,
                  (verbs.get(lower) if pos in _VERBAL else None) or lookup(lower, lower), pos, tag, dep, head, ent, iob,
                  None) for i, (idx, text, lower, pos, tag, dep, head, ent, iob) in enumerate(rows)]


def _mapped(rows, pieces) -> list[Token]:
    starts = [p[0] for p in pieces]
    tokens = []
    lookup, verbs = lemma_lookup(), verb_lemmas()
    for i, (idx, text, lower, pos, tag, dep, head, ent, iob) in enumerate(rows):
        k = bisect_right(starts, idx) - 1
        mstart, dstart, dend, region = pieces[k]
        if region is None:
            s = dstart + (idx - mstart)
            e = s + len(text)
        else:
            s, e = dstart, dend
            region = None if region == OPAQUE else region
        lemma = (verbs.get(lower) if pos in _VERBAL else None) or lookup(lower, lower)
        tokens.append(Token(i, s, e, text, lemma, pos, tag, dep, head, ent, iob, region))
    return tokens


@stage("parse", requires=("text", "paragraphs", "sentences", "regions"), assigns=("clauses",),
       config={"batch_size": 64, "model": None}, batched=True)
class Parse:
    """Tag, parse and find named entities in every sentence (quotes masked)."""

    def __init__(self, batch_size: int = 64, model: str | None = None, nlp=None) -> None:
        self.batch_size = batch_size
        # loaded now, so no article's time budget pays for it; ``nlp`` is a
        # spaCy pipeline the caller already has (the spaCy component's own)
        self.nlp = nlp if nlp is not None else load_model(model) if model else load_model()

    def __call__(self, work: Work) -> None:
        self.batch([work])

    def batch(self, works: list[Work]) -> None:
        """Parse the sentences of several articles in one pass through the model."""
        seen: dict[int, set[str]] = {}  # article -> proper nouns already shown to the entity recogniser
        wanted = [(w, k) for w, work in enumerate(works) for k, s in enumerate(work.sentences)
                  if may_report(work.text[s.start : s.end])]
        parsed: list[dict[int, list[Token]]] = [{} for _ in works]
        self._run(works, wanted, parsed, seen, full=True)
        # Sentences that cannot report anything are not parsed; those that may
        # name someone a later "he" or "the group" refers to get entities only.
        named = [(w, k) for w, work in enumerate(works) for k, s in enumerate(work.sentences)
                 if k not in parsed[w] and _NAME.search(work.text, s.start, s.end)]
        self._run(works, named, parsed, seen, full=False)
        for w, work in enumerate(works):
            work.clauses = [Clause(s, work.paragraph_of(s.start), parsed[w].get(k, []))
                            for k, s in enumerate(work.sentences)]

    def _run(self, works, items, parsed, seen, *, full: bool) -> None:
        masked = [mask_sentence(works[w], works[w].sentences[k].start, works[w].sentences[k].end) for w, k in items]
        masked = [(sentence_case(text), pieces) for text, pieces in masked]
        for lo, hi in _chunks([len(m[0]) for m in masked], self.batch_size):
            texts = [m[0] for m in masked[lo:hi]]
            groups = [w for w, _ in items[lo:hi]]
            if full:
                rows = parse_texts(texts, batch_size=hi - lo, nlp=self.nlp, groups=groups, seen=seen,
                                   placeholders=frozenset({PLACEHOLDER, RUN_PLACEHOLDER}))
            else:
                rows = recognise_texts(texts, batch_size=hi - lo, nlp=self.nlp, groups=groups, seen=seen)
            for (w, k), (_, pieces), r in zip(items[lo:hi], masked[lo:hi], rows):
                parsed[w][k] = _to_tokens(r, pieces)
            # The model works a chunk at a time, so the time budget is checked
            # between chunks: a huge article stops close to its budget.
            if len(works) == 1 and time.monotonic() > works[0].deadline:
                work = works[0]
                raise PipelineError("E201", id=work.article.id, budget=round(work.deadline - work.started, 1))


# At most this many characters go to the model at once: a batch of long
# sentences would otherwise hold gigabytes of activations.
CHUNK_CHARS = 40_000


def _chunks(lengths: list[int], most: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` ranges of at most ``most`` texts and about ``CHUNK_CHARS`` characters."""
    out, lo, size = [], 0, 0
    for i, n in enumerate(lengths):
        if i > lo and (i - lo >= most or size + n > CHUNK_CHARS):
            out.append((lo, i))
            lo, size = i, 0
        size += n
    if lo < len(lengths):
        out.append((lo, len(lengths)))
    return out


# Closed-class words: capitalised inside a sentence, they show it is written in title case.
_FUNCTION_WORDS = frozenset("""a an the and but or nor so yet as at by in of off on onto to up with from into over
under after before about against amid among than that this these those is are was were be been has have had do does
did will would can could may might must should not no his her its their our my your he she it they we you him them
us who what which when where why how if while""".split())
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def sentence_case(text: str) -> str:
    """A headline in title case as the parser reads it best, in sentence case: its capitalised
    function words and reporting verbs lowercased ("Lindsey Graham Says Trump Could Address …" ->
    "Lindsey Graham says Trump could …"), names left alone; any other text unchanged. The length
    and every offset stay the same."""
    words = list(_TITLE_WORD.finditer(text))
    if len(words) < 4 or sum(w.group()[0].isupper() for w in words[1:]) < 0.8 * (len(words) - 1):
        return text
    chars = list(text)
    for w in words[1:]:
        word = w.group()
        if word[0].isupper() and (len(word) == 1 or not word.isupper()) and _sentence_start(text, w.start()) is False \
                and (word.lower() in _FUNCTION_WORDS or _reporting_verb(word.lower())):
            chars[w.start()] = word[0].lower()
    return "".join(chars)


def _sentence_start(text: str, at: int) -> bool:
    """Does a new sentence (or a quotation, or the part after a colon) start at ``at``?"""
    before = text[:at].rstrip(" \t" + QUOTE_MARKS)
    return not before or before[-1] in ".:;!?—–-(" or at > 0 and text[at - 1] in QUOTE_MARKS


def _reporting_verb(lower: str) -> bool:
    """An inflected form of a reporting verb ("says", "vowed", "slamming"), not a bare noun ("Post")."""
    return lower.endswith(("s", "ed", "ing")) and lower != lemma_of(lower) and lemma_of(lower) in cues()


def may_report(sentence: str) -> bool:
    """Could this sentence hold a statement? (a cue word, a light-verb cue such as "drew criticism"
    or "lashed out", a quotation mark or a colon)."""
    if _MARKERS.search(sentence):
        return True
    words = _WORDS.findall(sentence.lower())
    if not cue_forms().isdisjoint(words):
        return True
    light = light_cue_forms()
    return any(w in light and not light[w].isdisjoint(words[i + 1 : i + 4]) for i, w in enumerate(words))
