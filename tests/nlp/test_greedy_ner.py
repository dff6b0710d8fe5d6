"""The entity recogniser's greedy decoder in numpy (issue 15): spaCy's choices, without its lock churn."""

from __future__ import annotations

import numpy
import pytest

from quotegraph.nlp.greedy_ner import _decode, _parse_move, decodable


class _FakeMoves:
    """Actions O, B-X, I-X, L-X, U-X over one label (codes as in ``greedy_ner._Moves``)."""

    def __init__(self, names: list[str]) -> None:
        parsed = [_parse_move(n) for n in names]
        self.labels = ["", "X"]
        self.kind = numpy.array(["BILUOM".index(k) for k, _ in parsed])
        self.label = numpy.array([1 if lab else 0 for _, lab in parsed])
        self.unseen = numpy.array([], dtype=int)


NAMES = ["B-X", "I-X", "L-X", "U-X", "O"]


def decode(preference: list[str], length: int, *, space=(), starts=()):
    """Decode one document whose every step scores the moves in ``preference`` order (best first)."""
    moves = _FakeMoves(NAMES)
    hidden, pieces = 2, 2
    cached = numpy.zeros((length + 1, 3, hidden, pieces), dtype="f")
    bias = numpy.zeros((hidden, pieces), dtype="f")
    weights = numpy.zeros((len(NAMES), hidden), dtype="f")
    out_bias = numpy.array([len(NAMES) - preference.index(n) if n in preference else 0 for n in NAMES], dtype="f")
    flags_space, flags_start = numpy.zeros(length + 1, bool), numpy.zeros(length + 1, bool)
    flags_space[list(space)] = True
    flags_start[list(starts)] = True
    out = [[]]
    _decode(cached, bias, weights, out_bias, moves, numpy.array([length]), numpy.array([0]), flags_space,
            flags_start, out)
    return out[0]


@pytest.mark.parametrize("preference, length, kwargs, want", [
    # "in" first: not valid until an entity is open, so begin, in ..., and last at the final token
    (["I-X", "B-X", "L-X", "O"], 3, {}, [(0, 3, "X")]),
    (["I-X", "B-X", "L-X", "O"], 1, {}, []),  # begin needs a second token; out is left
    (["B-X", "U-X", "L-X"], 1, {}, [(0, 1, "X")]),  # so a one-token entity is a unit
    (["B-X", "L-X", "O"], 4, {}, [(0, 2, "X"), (2, 4, "X")]),
    (["U-X", "O"], 3, {"space": [1]}, [(0, 1, "X"), (2, 3, "X")]),  # no entity starts on a space token
    (["B-X", "U-X", "L-X"], 3, {"starts": [1]}, [(0, 1, "X"), (1, 3, "X")]),  # nor runs into a new sentence
    (["O", "U-X"], 5, {}, []),
])
def test_decoder_takes_the_best_valid_move(preference, length, kwargs, want):
    assert decode(preference, length, **kwargs) == want


def test_decoder_handles_several_documents_of_different_lengths_at_once():
    moves = _FakeMoves(NAMES)
    lengths = numpy.array([2, 0, 3])
    cached = numpy.zeros((6, 3, 1, 1), dtype="f")
    out_bias = numpy.array([5, 1, 4, 0, 2], dtype="f")  # begin, then last
    out = [[], [], []]
    _decode(cached, numpy.zeros((1, 1), "f"), numpy.zeros((5, 1), "f"), out_bias, moves, lengths,
            numpy.array([0, 2, 2]), numpy.zeros(6, bool), numpy.zeros(6, bool), out)
    assert out == [[(0, 2, "X")], [], [(0, 2, "X")]]


def test_move_names_are_read_as_kind_and_label():
    assert _parse_move("B-WORK_OF_ART") == ("B", "WORK_OF_ART")
    assert _parse_move("O") == ("O", "")
    assert _parse_move("U-") == ("U", "")
    assert _parse_move("S") is None  # a parser's shift: not a recogniser's move


def test_a_component_of_another_design_is_not_decodable():
    assert decodable(object()) is False


SENTENCES = [
    "Senator Elizabeth Warren of Massachusetts told reporters in Washington on Tuesday that she would run.",
    "The New York Times and the Associated Press reported that Apple Inc. lost $2 billion.",
    "“We will win,” said Boris Johnson, the Prime Minister, at a rally in Manchester.",
    "A",
    "Angela  Merkel met Emmanuel Macron in Paris last week.",  # a whitespace token
    "The Rev. Martin Luther King Jr. spoke in Selma, Ala., in March 1965 to 25,000 people.",
]


@pytest.mark.integration
def test_decoder_finds_what_spacys_recogniser_finds():
    from spacy.tokens import Doc

    from quotegraph.nlp.greedy_ner import recognise
    from quotegraph.nlp.model import load_model
    from quotegraph.nlp.ops import one_blas_thread

    nlp = load_model()
    ner = nlp.get_pipe("ner")
    assert decodable(ner)

    def docs():  # built from words, as the windows the pipeline shows the recogniser are
        made = [nlp.make_doc(s) for s in SENTENCES]
        return [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in made]

    with one_blas_thread():
        want = [[(e.start, e.end, e.label_) for e in d.ents] for d in ner.pipe(docs(), batch_size=len(SENTENCES))]
        got = recognise(ner, docs())
    assert got == want
    assert any(len(found) >= 3 for found in want)  # the sentences do hold entities to find


@pytest.mark.integration
def test_a_recogniser_the_decoder_does_not_fit_runs_through_spacy_with_the_same_result(monkeypatch):
    from quotegraph.nlp import greedy_ner
    from quotegraph.nlp.model import parse_texts, recognise_texts

    fast = list(parse_texts(SENTENCES)), list(recognise_texts(SENTENCES))
    monkeypatch.setattr(greedy_ner, "decodable", lambda ner: False)
    slow = list(parse_texts(SENTENCES)), list(recognise_texts(SENTENCES))
    assert slow == fast
    assert any(row[7] == "PERSON" for rows in fast[0] for row in rows)
