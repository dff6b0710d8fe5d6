"""Rules of the attribution stage that shape a statement's content and cue, without the model.

The real pipeline proves them in test_attachment.py.
"""

from __future__ import annotations

from quotegraph.model import Article, Mention, Span
from quotegraph.pipeline.stages.attribution import _one_per_cue
from quotegraph.pipeline.work import Candidate, Work

_TEXT = "“Hopefully,” the president said, “this museum can help us.” “No,” Roe said."


def _work() -> Work:
    return Work.from_article(Article(id="t", text=_TEXT))


def _piece(work: Work, content: str, cue: str, speaker: str, *, type: str = "direct", nth: int = 0) -> Candidate:
    s = work.text.index(content)
    c = -1
    for _ in range(nth + 1):
        c = work.text.index(cue, c + 1)
    m = work.text.index(speaker)
    return Candidate(type=type, spans=[Span(s, s + len(content))], cue=work.mention(c, c + len(cue)),
                     speaker_mention=work.mention(m, m + len(speaker)))


def test_pieces_on_one_cue_are_one_statement_with_a_span_each() -> None:
    work = _work()
    first = _piece(work, "Hopefully,", "said", "the president")
    second = _piece(work, "this museum can help us.", "said", "the president")
    out = _one_per_cue([second, first])
    assert out == [first]
    assert [s.slice(work.text) for s in first.spans] == ["Hopefully,", "this museum can help us."]


def test_pieces_on_different_cues_or_of_different_types_stay_apart() -> None:
    work = _work()
    a = _piece(work, "Hopefully,", "said", "the president")
    b = _piece(work, "No,", "said", "Roe", nth=1)
    c = _piece(work, "this museum can help us.", "said", "the president", type="indirect")
    assert len(_one_per_cue([a, b, c])) == 3


def test_pieces_naming_two_speakers_stay_apart() -> None:
    work = _work()
    a = _piece(work, "Hopefully,", "said", "the president")
    b = _piece(work, "this museum can help us.", "said", "Roe")
    assert len(_one_per_cue([a, b])) == 2
