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
