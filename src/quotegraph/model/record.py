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
from typing import Any, Callable, TypeVar

__all__ = ["Record", "RECORD_CONFIG", "Before", "Serialise", "Describe", "adapter", "json_schema", "fields_of",
           "plain_type", "Column", "columns"]

T = TypeVar("T")

# Attribute docstrings are the field descriptions; unknown keys in input are ignored;
# the schema of what ``to_dict`` writes requires every field (fields are never omitted).
RECORD_CONFIG: dict[str, Any] = {"use_attribute_docstrings": True, "extra": "ignore",
                                 "json_schema_serialization_defaults_required": True}


@cache
def adapter(cls: type) -> Any:
    """The (cached) pydantic ``TypeAdapter`` of one record class.

    pydantic is imported here, on first use, not when the model is: ``import
    quotegraph`` and the pipeline's record building never pay for it.
    """
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


# Field markers, used as ``Annotated[type, marker]``. pydantic reads them through its
# schema hooks when an adapter is built; defining them needs nothing from pydantic.

class Before:
    """Normalise a field's value when a record is read (``from_dict``)."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.fn, handler(source))


class Serialise:
    """Normalise a field's value when a record is written (``to_dict``); the schema stays the field's type."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        schema = handler(source)
        return {**schema, "serialization": core_schema.plain_serializer_function_ser_schema(self.fn)}


class Describe:
    """Extra JSON Schema keywords of a field's type (a date's ``pattern``)."""

    def __init__(self, **keywords: Any) -> None:
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        out = handler(schema)
        out.update(self.keywords)
        return out


def json_schema(cls: type, *, mode: str = "serialization") -> dict[str, Any]:
    """The JSON Schema of ``cls`` as ``to_dict`` writes it (``$defs`` for nested records)."""
    return adapter(cls).json_schema(mode=mode, ref_template="#/components/schemas/{model}")


class Record:
    """Mixin of every record class: one generic ``to_dict``/``from_dict`` pair.

    A record class may name ``__computed__``: properties written after a field
    (``{"said_on_precision": ("said_on", str | None, "description")}``),
    ``__omit_none__``: fields written only when they have a value, and
    ``__order__``: the order of the written keys when it is not the fields'
    (the constructor's positional order and the output's may differ).
    """

    __slots__ = ()
    __pydantic_config__ = RECORD_CONFIG
    __computed__: dict[str, tuple[str, Any, str]] = {}
    __omit_none__: tuple[str, ...] = ()
    __order__: tuple[str, ...] = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        schema = handler(source)
        if not cls.__computed__ and not cls.__omit_none__ and not cls.__order__:
            return schema
        from pydantic_core import core_schema

        computed, omit, order = cls.__computed__, cls.__omit_none__, cls.__order__

        def write(value: Any, default: Any) -> Any:
            data = default(value)
            if not isinstance(data, dict):
                return data
            for name in omit:
                if data.get(name, 0) is None:
                    del data[name]
            if order:
                data = _ordered(data, order)
            return _with_computed(data, value, computed) if computed else data

        return {**schema, "serialization": core_schema.wrap_serializer_function_ser_schema(write)}

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        out = handler(schema)
        target = handler.resolve_ref_schema(out)
        for name in cls.__omit_none__:
            target["required"] = [r for r in target.get("required", []) if r != name]
        if cls.__computed__ and handler.mode == "serialization":
            target["properties"] = _with_computed(
                target.get("properties", {}), None, {n: (after, _schema_of(tp, d), d) for n, (after, tp, d) in
                                                     cls.__computed__.items()})
            target.setdefault("required", []).extend(cls.__computed__)
        if cls.__order__ and "properties" in target:
            target["properties"] = _ordered(target["properties"], cls.__order__)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of this record (the output contract)."""
        return adapter(type(self)).dump_python(self)

    @classmethod
    def from_dict(cls: type[T], data: Any) -> T:
        """A record read back from its ``to_dict`` form (ValueError when it does not fit)."""
        return adapter(cls).validate_python(data)


def _schema_of(tp: Any, description: str) -> dict[str, Any]:
    return {**adapter(tp).json_schema(), "description": description}


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """``data`` with the keys in ``order`` first, in that order, then the rest."""
    return {**{k: data[k] for k in order if k in data}, **data}


def _with_computed(data: dict[str, Any], value: Any, computed: dict[str, tuple[str, Any, Any]]) -> dict[str, Any]:
    """``data`` with each computed entry right after the field it derives from (its value, or its schema)."""
    after = {field: name for name, (field, _, _) in computed.items()}
    out: dict[str, Any] = {}
    for key, item in data.items():
        out[key] = item
        if key in after:
            name = after[key]
            out[name] = getattr(value, name) if value is not None else computed[name][1]
    return out


def fields_of(cls: type) -> list[tuple[str, Any]]:
    """``(name, type)`` of each init field of a record class, in order (read from the hints: no pydantic)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init]


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
    """One flat column of a record: its name, the path of fields to its value, and its type."""

    name: str
    path: tuple[str, ...]
    type: Any

    @property
    def nested(self) -> bool:
        """Whether the value is a list or a record (JSON text in SQLite)."""
        tp = plain_type(self.type)
        return typing.get_origin(tp) is list or (isinstance(tp, type) and issubclass(tp, Record))


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
    for name, tp in fields_of(cls):
        inner = _record_type(tp)
        if inner is not None and inner in flatten:
            out += columns(inner, flatten=flatten, prefix=f"{prefix}{name}_", path=(*path, name))
        else:
            out.append(Column(prefix + name, (*path, name), tp))
    return out
