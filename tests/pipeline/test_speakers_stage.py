"""The speakers stage's own bookkeeping, without the model."""

from __future__ import annotations


def test_a_he_gives_a_gender_only_to_someone_of_none() -> None:
    from quotegraph.pipeline.resolvers.context import Profile
    from quotegraph.pipeline.stages.speakers import learn_gender

    unknown, known, disputed = Profile(), Profile(), Profile()
    known.give_gender("f")
    disputed.give_gender("f")
    disputed.give_gender("m")
    for p in (unknown, known, disputed):
        learn_gender(p, "he")
    assert (unknown.gender, known.gender, disputed.gender) == ("m", "f", None)
    learn_gender(unknown, "they")
    assert unknown.gender == "m"
