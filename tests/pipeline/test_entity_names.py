"""Canonical names and entity kinds (no model)."""

from __future__ import annotations

import pytest

from quotegraph.pipeline.stages.entities import clean_name, kind_of


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jane Smith", "Jane Smith"),
        ("Mr Smith", "Smith"),
        ("Mr. Smith", "Smith"),
        ("Sir Keir Starmer", "Keir Starmer"),
        ("Sir Keir Starmer’s", "Keir Starmer"),
        ("Starmer's", "Starmer"),
        ("Jones’", "Jones"),
        ("Former President Barack Obama", "Barack Obama"),
        ("the Labour Party", "Labour Party"),
        ("  Jane \n  Smith ,", "Jane Smith"),
        ("Rebecca Long-Bailey", "Rebecca Long-Bailey"),
        ("Mr", "Mr"),  # a title alone is kept rather than emptied
        ("Ed's", "Ed"),
        ("Labour", "Labour"),
    ],
)
def test_clean_name(text: str, expected: str) -> None:
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    "label, name, expected",
    [
        ("PERSON", "Ken Loach", "person"),
        ("ORG", "Labour", "organisation"),
        ("ORG", "Socialist Campaign Group", "group"),
        ("ORG", "Labour Against the Witchhunt", "organisation"),
        ("NORP", "Conservatives", "group"),
        ("GPE", "France", "organisation"),
        ("DATE", "Monday", "unknown"),
    ],
)
def test_kind_of(label: str, name: str, expected: str) -> None:
    assert kind_of(label, name) == expected


@pytest.mark.parametrize("names", [
    ("Ken Loach", "Unite"),  # every name capitalised: only capitalised words are looked at
    ("Ken Loach", "Unite", "de Villiers"),  # one is not: every word is
])
def test_known_names_the_recogniser_missed_are_linked_outside_quotations(names) -> None:
    from pipeline_helpers import segmented

    from quotegraph.model import Mention
    from quotegraph.pipeline.stages.entities import _link_known_names
    from quotegraph.pipeline.work import Clause, Cluster

    text = ("Ken Loach spoke to Unite and de Villiers. Later Loach left; de Villiers stayed, and "
            "AUnite_ was no Unite_ word. “Loach was wrong,” said Unite.")
    work = segmented(text)
    work.clauses = [Clause(s, work.paragraph_of(s.start), []) for s in work.sentences]
    clusters = {n: Cluster(n, "person" if n != "Unite" else "organisation",
                           [Mention.of(text, text.index(n), text.index(n) + len(n))]) for n in names}
    work.clusters = list(clusters.values())
    _link_known_names(work)
    found = {n: [m.start for m in c.mentions] for n, c in clusters.items()}
    assert found["Ken Loach"] == [0, text.index("Loach left")]  # the surname alone, not inside the quotation
    assert found["Unite"] == [text.index("Unite"), text.rindex("Unite.")]  # whole words only
    if "de Villiers" in found:
        assert found["de Villiers"] == [text.index("de Villiers"), text.index("de Villiers stayed")]


def test_occurrences_of_a_name_elsewhere_are_whole_words() -> None:
    from quotegraph.pipeline.stages.entities import Occurrences

    text = "Clinton Plan for Taxes. Clintons met. Mrs. Clinton said the plan, Clinton Planners aside."
    occ = Occurrences(text)
    assert occ.elsewhere("Clinton", 0)  # "Mrs. Clinton"
    assert not occ.elsewhere("Clinton Plan", 0)  # "Clinton Planners" is no whole-word match
    assert not occ.elsewhere("Clintons", text.index("Clintons"))
    assert occ.elsewhere("Clinton", text.index("Mrs. Clinton") + 5)
    assert not Occurrences("Ana").elsewhere("Ana", 0)
