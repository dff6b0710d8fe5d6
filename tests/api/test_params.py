"""Query parameters are checked as the parameter records declare them (types, bounds, choices, case)."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Annotated, Literal

import pytest

from quotegraph.errors import QueryError
from quotegraph.model.dates import PartialDate
from quotegraph.model.record import Describe, Record
from quotegraph.model.views import Folded, Repeatable, SearchParams, SpeakerListParams
from quotegraph.service import _check, _rule
from quotegraph.store.queries import SPEAKER_SORTS
from quotegraph.store.query import SORTS


@dataclass(slots=True)
class Probe(Record):
    """A parameter record of every kind of field, with bounds no real record has."""

    n: Annotated[int, Describe(minimum=2, maximum=5)] | None = None
    share: Annotated[float, Describe(minimum=0.5, maximum=0.75)] | None = None
    word: Annotated[str, Describe(maxLength=3)] | None = None
    day: PartialDate | None = None
    mode: Literal["fast", "slow"] = "fast"
    order: Annotated[Literal["up", "down", "flat"] | None, Folded()] = None
    tags: Annotated[str | None, Repeatable(("a", "b"), every="any")] = None
    strict: bool = False


def _error(name: str, value, **kw) -> str:
    with pytest.raises(QueryError) as err:
        _check(Probe, name, value, **kw)
    assert err.value.code == "E601" and f"'{name}'" in err.value.message
    return err.value.message.split(": ", 1)[1]


@pytest.mark.parametrize("name,value,detail", [
    ("n", "1", "must be between 2 and 5"), ("n", "6", "must be between 2 and 5"), ("n", "x", "'x' is not a whole number"),
    ("share", "0.8", "must be between 0.5 and 0.75"), ("share", "y", "'y' is not a number"),
    ("word", " abcd ", "longer than 3 characters"), ("day", "2021-13", "'2021-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("mode", "Fast", "must be 'fast' or 'slow'"), ("order", "sideways", "must be one of up, down, flat"),
    ("tags", "a,c", "'c' is not one of a, b"),
])
def test_each_declaration_is_its_check(name, value, detail):
    assert _error(name, value) == detail


def test_values_that_fit_come_back_normalised():
    assert _check(Probe, "n", " 3 ") == 3 and _check(Probe, "share", "0.5") == 0.5
    assert _check(Probe, "word", " ab ") == "ab" and _check(Probe, "word", "  ") is None
    assert _check(Probe, "day", "2021-02") == "2021-02" and _check(Probe, "mode", "slow") == "slow"
    assert _check(Probe, "order", " DOWN ") == "down" and _check(Probe, "order", "", default="up") == "up"
    assert _check(Probe, "tags", "B, a,b") == ("b", "a") and _check(Probe, "tags", " ANY ") is None
    assert _check(Probe, "tags", None, default=("a",)) == ("a",) and _check(Probe, "strict", 1) is True


def test_a_bound_left_to_the_server_is_given_by_the_caller():
    assert _check(Probe, "n", "9", high=10) == 9
    assert _error("n", "11", high=10) == "must be between 2 and 10"


@pytest.mark.parametrize("spec", [SearchParams, SpeakerListParams])
def test_every_field_of_the_real_records_has_a_check(spec):
    kinds = {f.name: _rule(spec, f.name).kind for f in dataclasses.fields(spec)}
    assert set(kinds.values()) <= {"text", "int", "float", "date", "choice", "many", "bool"}
    assert kinds["limit"] == kinds["offset"] == "int" and kinds["sort"] == "choice" and kinds["kind"] == "many"


def test_the_records_choices_are_the_ones_the_store_can_run():
    # a sort the record allows but the store cannot order by would be a 500, not an E601
    assert _rule(SearchParams, "sort").choices == SORTS
    assert set(_rule(SpeakerListParams, "sort").choices) == set(SPEAKER_SORTS)
    assert typing.get_args(typing.get_type_hints(SearchParams)["scope"]) == _rule(SearchParams, "scope").choices
