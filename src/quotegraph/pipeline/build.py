"""The default pipeline: which stages run, in which order."""

from __future__ import annotations

from ..settings import resolve
from .base import Pipeline, registry
from .stages import about, attribution, channel, dates, entities, episodes, marks, mentions, parse, segment, signatories, speakers  # noqa: F401  (register)

__all__ = ["DEFAULT_STAGES", "load_pipeline"]

DEFAULT_STAGES = (
    "paragraphs",
    "quote_marks",
    "sentences",
    "parse",
    "entities",
    "attribution",
    "channel",
    "dates",
    "speakers",
    "episodes",
    "signatories",
    "about",
    "mentions",
)


def load_pipeline(stages: tuple[str, ...] = DEFAULT_STAGES, **settings: object) -> Pipeline:
    """Build the pipeline from stage names; settings as in ``quotegraph.settings``."""
    opts = resolve(**{k: v for k, v in settings.items()})
    known = registry()
    built = []
    for name in stages:
        if name not in known:
            from ..errors import PipelineError

            raise PipelineError("E203", name=name, known=", ".join(sorted(known)))
        factory = known[name]
        built.append(factory(batch_size=opts.batch_size, model=opts.model) if name == "parse" else factory())
    return Pipeline(built, time_budget=opts.time_budget, max_chars=opts.max_chars)
