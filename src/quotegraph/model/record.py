"""How a record class becomes JSON, a JSON Schema and flat columns.

The record classes of ``document.py`` are plain (slotted) dataclasses, so the
pipeline builds and changes them at dataclass speed; pydantic's
``TypeAdapter`` reads their type hints once, per class, and from then on
serialises (``to_dict``), reads (``from_dict``) and describes them
(``json_schema``) in compiled code. Field meanings are the attribute
docstrings under each field: they become the JSON Schema ``description``,
hence the OpenAPI document and the README contract table.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter

__all__ = ["Record", "RECORD_CONFIG", "adapter", "json_schema", "fields_of", "plain_type", "Column", "columns"]

T = TypeVar("T")

# Attribute docstrings are the field descriptions; unknown keys in input are ignored;
# the schema of what ``to_dict`` writes requires every field (fields are never omitted).
RECORD_CONFIG: dict[str, Any] = {"use_attribute_docstrings": True, "extra": "ignore",
                                 "json_schema_serialization_defaults_required": True}


@cache
def adapter(cls: type) -> TypeAdapter:
    """The (cached) pydantic adapter of one record class."""
    return TypeAdapter(cls)


def json_schema(cls: type, *, mode: str = "serialization") -> dict[str, Any]:
    """The JSON Schema of ``cls`` as ``to_dict`` writes it (``$defs`` for nested records)."""
    return adapter(cls).json_schema(mode=mode, ref_template="#/components/schemas/{model}")


class Record:
    """Mixin of every record class: one generic ``to_dict``/``from_dict`` pair."""

    __slots__ = ()
    __pydantic_config__ = RECORD_CONFIG

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of this record (the output contract)."""
        return adapter(type(self)).dump_python(self)

    @classmethod
    def from_dict(cls: type[T], data: Any) -> T:
        """A record read back from its ``to_dict`` form (ValueError when it does not fit)."""
        return adapter(cls).validate_python(data)


def fields_of(cls: type) -> list[tuple[str, Any, str]]:
    """``(name, type, description)`` of each init field of a record class, in order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    properties = json_schema(cls).get("properties", {})
    return [(f.name, hints[f.name], properties.get(f.name, {}).get("description", ""))
            for f in dataclasses.fields(cls) if f.init]


def plain_type(tp: Any) -> Any:
    """``tp`` without ``| None`` and ``Annotated[...]`` (``Annotated[str, ...] | None`` -> ``str``)."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        return plain_type(args[0])
    if typing.get_origin(tp) is typing.Annotated:
        return plain_type(args[0])
    return tp


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """One flat column of a record: its name, the path of attributes to its value, and its type."""

    name: str
    path: tuple[str, ...]
    type: Any
    description: str

    @property
    def nested(self) -> bool:
        """Whether the value is a list or a record (JSON text in SQLite)."""
        tp = plain_type(self.type)
        return typing.get_origin(tp) is list or (isinstance(tp, type) and issubclass(tp, Record))

    def get(self, record: Any) -> Any:
        """The value of this column for ``record`` (``None`` when a step on the way is ``None``)."""
        value = record
        for step in self.path:
            if value is None:
                return None
            value = getattr(value, step)
        return value


def _record_type(tp: Any) -> type | None:
    """The record class inside ``tp`` (``Speaker | None`` -> ``Speaker``), or None."""
    for arg in (tp, *typing.get_args(tp)):
        arg = typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
        if isinstance(arg, type) and issubclass(arg, Record):
            return arg
    return None


def columns(cls: type, *, flatten: tuple[type, ...] = (), prefix: str = "", path: tuple[str, ...] = ()) -> list[Column]:
    """The flat columns of ``cls``: fields of the record types in ``flatten`` become ``<field>_<sub>`` columns.

    A speaker (``flatten=(Speaker,)``) gives ``speaker_name``, ``speaker_kind``,
    ``speaker_mention``, ``speaker_rule`` ...; other nested records stay one
    column each (JSON text in SQLite, a struct or three columns in Arrow).
    """
    out = []
    for name, tp, description in fields_of(cls):
        inner = _record_type(tp)
        if inner is not None and inner in flatten:
            out += columns(inner, flatten=flatten, prefix=f"{prefix}{name}_", path=(*path, name))
        else:
            out.append(Column(prefix + name, (*path, name), tp, description))
    return out
