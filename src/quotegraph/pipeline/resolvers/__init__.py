"""Speaker resolution: one ordered list of small, named resolvers.

Each resolver is a pure function ``(Context, Query) -> Resolution | None``: it reads the article's
entities and the discourse so far and either names the speaker of one phrase (with its own ``rule``
name) or passes. The first that answers wins. None of them changes the document or creates an entity;
the speakers stage applies the answer.
"""

from __future__ import annotations

from .context import Context, Query, Referent, Resolution, Said
from .descriptions import author_of_document, description, organisation_noun, person_description, spokesperson
from .names import apposition, joint, named_entity, not_a_name, surname, titled_person
from .statements import pronoun, relative, statement_author

__all__ = ["RESOLVERS", "resolve", "Context", "Query", "Resolution", "Referent", "Said"]

RESOLVERS = (
    joint,
    not_a_name,
    statement_author,
    pronoun,
    relative,
    apposition,
    named_entity,
    titled_person,
    spokesperson,
    author_of_document,
    organisation_noun,
    person_description,
    description,
    surname,
)


def resolve(ctx: Context, q: Query) -> Resolution:
    """The first resolver's answer; the phrase itself when none answers."""
    for resolver in RESOLVERS:
        r = resolver(ctx, q)
        if r is not None:
            return r
    from .phrases import FUNCTION_WORDS, surface_name

    name = surface_name(q.mention.text)
    if name.lower() in FUNCTION_WORDS:
        return Resolution("not_a_name")  # "Which", "his": never a speaker's name
    return Resolution("surface", name=name, kind="unknown")
