"""spaCy's entity recogniser, decoded with numpy over a whole batch at once.

The recogniser is a transition system (BILUO: begin, in, last, unit, out,
one action per token) over scores from a small network. spaCy 3.8 runs its
greedy decoder in compiled code, but as built here that code takes and
drops the interpreter lock on every validity check of every action (74 of
them) at every token: measured on PolNeAR windows, 70% of the recogniser's
CPU went there and only 30% into the network itself. This module runs the
same network through the same layers (the component's ``tok2vec``,
``lower`` and ``upper`` models) and makes the same greedy choices, with the
validity rules of ``spacy/pipeline/_parser_internals/ner.pyx`` written as
array operations over every unfinished document of the batch per step.

It handles what quotegraph gives the recogniser: documents built from
words, with no preset entities (``ent_iob`` 0 everywhere); ``decodable``
says whether a recogniser fits that design, and the caller falls back to
``ner.pipe`` when it does not.
"""

from __future__ import annotations

from typing import Sequence

import numpy
from thinc.api import NumpyOps

__all__ = ["decodable", "recognise", "Entity"]

Entity = tuple[int, int, str]  # token start, token end (exclusive), label

_KINDS = ("B", "I", "L", "U")
_BLIS = NumpyOps()


def decodable(ner) -> bool:
    """Is ``ner`` a greedy BILUO recogniser with the model layout this decoder reads?"""
    try:
        model = ner.model
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        return (ner.cfg.get("beam_width", 1) == 1 and lower.get_dim("nF") == 3 and model.attrs.get("has_upper")
                and upper.get_dim("nO") == len(names) and all(_parse_move(n) is not None for n in names))
    except (AttributeError, KeyError, ValueError):
        return False


def _parse_move(name: str) -> tuple[str, str] | None:
    if name == "O":
        return "O", ""
    if name in ("", "M", "-"):
        return "M", ""  # spaCy's "missing" move, never valid
    kind, _, label = name.partition("-")
    return (kind, label) if kind in _KINDS else None


class _Moves:
    """The recogniser's actions as arrays: which kind each is and which label it carries."""

    def __init__(self, ner) -> None:
        moves = [_parse_move(ner.moves.get_class_name(i)) for i in range(ner.moves.n_moves)]
        labels = sorted({label for _, label in moves if label})
        self.labels = [""] + labels
        code = {label: k for k, label in enumerate(self.labels)}
        self.kind = numpy.array(["BILUOM".index(kind) for kind, _ in moves])
        self.label = numpy.array([code[label] for _, label in moves])
        self.unseen = numpy.array(sorted(ner.model.attrs.get("unseen_classes", ())), dtype=int)


_MOVES: dict[int, tuple[object, _Moves]] = {}  # id(component) -> (component, its moves); built once each


def _moves_of(ner) -> _Moves:
    held = _MOVES.get(id(ner))
    if held is None or held[0] is not ner:
        held = _MOVES[id(ner)] = (ner, _Moves(ner))
    return held[1]


def recognise(ner, docs: Sequence) -> list[list[Entity]]:
    """The entities spaCy's ``ner`` would set on each of ``docs`` (one batch)."""
    out: list[list[Entity]] = [[] for _ in docs]
    if not docs:
        return out
    model = ner.model
    moves = _moves_of(ner)
    tokvecs = model.get_ref("tok2vec").predict(list(docs))
    lower, upper = model.get_ref("lower"), model.get_ref("upper")
    cached = lower.predict(tokvecs)  # (tokens + 1, 3, hidden, pieces); row 0 is the padding
    bias = lower.get_param("b")
    weights, out_bias = upper.get_param("W"), upper.get_param("b")
    lengths = numpy.array([len(d) for d in docs])
    offsets = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
    total = int(lengths.sum())
    space, starts = numpy.zeros(total + 1, bool), numpy.zeros(total + 1, bool)
    for d, off in zip(docs, offsets):
        if len(d):
            flags = d.to_array(["IS_SPACE", "SENT_START"])
            space[off : off + len(d)] = flags[:, 0] == 1
            starts[off : off + len(d)] = flags[:, 1] == 1
    _decode(cached, bias, weights, out_bias, moves, lengths, offsets, space, starts, out)
    return out


def _decode(cached, bias, weights, out_bias, moves: _Moves, lengths, offsets, space, starts, out) -> None:
    """Greedy BILUO decoding of every document at once (see ``ner.pyx`` for the rules mirrored)."""
    active = numpy.flatnonzero(lengths > 0)
    b = numpy.zeros(len(lengths), int)  # the buffer's first token, per document
    is_open = numpy.zeros(len(lengths), bool)
    ent_start = numpy.zeros(len(lengths), int)
    ent_label = numpy.zeros(len(lengths), int)
    kind, label = moves.kind, moves.label
    labelled = label != 0
    while active.size:
        g0 = offsets[active] + b[active]  # the buffer's first token, over the whole batch
        opened = is_open[active]
        g1 = numpy.where(opened, offsets[active] + ent_start[active], -1)
        g2 = numpy.where(opened, g0 - 1, -1)
        # spaCy sums the three features in this order, then adds the bias (float32 throughout)
        unmaxed = cached[g0 + 1, 0] + cached[g1 + 1, 1]
        unmaxed += cached[g2 + 1, 2]
        unmaxed += bias
        hidden = unmaxed.max(axis=-1)
        scores = _BLIS.gemm(hidden, weights, trans2=True)  # the product spaCy's decoder takes (not numpy's)
        scores += out_bias
        if moves.unseen.size:
            scores[:, moves.unseen] = scores.min()
        blen = lengths[active] - b[active]
        nxt = numpy.minimum(g0 + 1, len(space) - 1)
        next_starts = (blen >= 2) & starts[nxt]
        on_space = space[g0]
        same = ent_label[active][:, None] == label[None, :]
        o, c = ~opened[:, None], opened[:, None]
        valid = numpy.where(kind == 0, o & (blen >= 2)[:, None] & labelled & ~next_starts[:, None] & ~on_space[:, None],
                numpy.where(kind == 1, c & (blen >= 2)[:, None] & same & labelled & ~next_starts[:, None],
                numpy.where(kind == 2, c & same & labelled,
                numpy.where(kind == 3, o & labelled & ~on_space[:, None],
                numpy.where(kind == 4, o, False)))))
        guess = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
        _apply(active, guess, kind, label, b, is_open, ent_start, ent_label, out, moves.labels)
        active = active[b[active] < lengths[active]]


def _apply(active, guess, kind, label, b, is_open, ent_start, ent_label, out, labels) -> None:
    """Take the chosen action in each document: every action consumes one token."""
    for doc, move in zip(active.tolist(), guess.tolist()):
        k = kind[move]
        if k == 0:  # begin
            is_open[doc], ent_start[doc], ent_label[doc] = True, b[doc], label[move]
        elif k == 2:  # last
            out[doc].append((int(ent_start[doc]), int(b[doc]) + 1, labels[ent_label[doc]]))
            is_open[doc] = False
        elif k == 3:  # unit
            out[doc].append((int(b[doc]), int(b[doc]) + 1, labels[label[move]]))
        b[doc] += 1
