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
    """Greedy BILUO decoding of every document at once (see ``ner.pyx`` for the rules mirrored).

    There is always a valid move (out when no entity is open, last of the open entity's label
    otherwise), so every document ends after exactly one move per token.
    """
    n = len(lengths)
    active = numpy.flatnonzero(lengths > 0)
    b = numpy.zeros(n, int)  # the buffer's first token, per document
    is_open = numpy.zeros(n, bool)
    ent_start, ent_label = numpy.zeros(n, int), numpy.zeros(n, int)
    kind, label = moves.kind, moves.label
    labelled = label != 0
    begin, inside, last, unit, out_kind = (kind == k for k in range(5))
    found = []  # (document, start, end, label code) arrays, one per step that closed entities
    while active.size:
        pos = b[active]
        g0 = offsets[active] + pos  # the buffer's first token, over the whole batch
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
        room = (lengths[active] - pos >= 2)[:, None]  # a second token left in the buffer
        nxt = numpy.minimum(g0 + 1, len(space) - 1)
        free = (~(room[:, 0] & starts[nxt]))[:, None]  # the next token starts no new sentence
        word = ~space[g0][:, None]
        o, c = ~opened[:, None], opened[:, None]
        same = (ent_label[active][:, None] == label[None, :]) & labelled
        valid = ((begin & o & room & labelled & free & word) | (inside & c & room & same & free)
                 | (last & c & same) | (unit & o & labelled & word) | (out_kind & o))
        guess = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
        k, lab = kind[guess], label[guess]
        starting = k == 0
        is_open[active[starting]] = True
        ent_start[active[starting]] = pos[starting]
        ent_label[active[starting]] = lab[starting]
        ending, single = k == 2, k == 3
        if ending.any():
            docs = active[ending]
            found.append((docs, ent_start[docs], pos[ending] + 1, ent_label[docs]))
            is_open[docs] = False
        if single.any():
            found.append((active[single], pos[single], pos[single] + 1, lab[single]))
        b[active] += 1
        active = active[b[active] < lengths[active]]
    for docs, s, e, codes in found:  # steps in order, so each document's entities come in text order
        for d, start, end, code in zip(docs.tolist(), s.tolist(), e.tolist(), codes.tolist()):
            out[d].append((start, end, moves.labels[code]))
