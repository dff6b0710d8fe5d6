"""The default pipeline: which stages run, in which order."""

from __future__ import annotations

from ..errors import PipelineError
from ..settings import resolve
from .base import Pipeline, registry
from .stages import about, attribution, candidate_filter, channel, dates, entities, episodes, marks, mentions, parse, segment, signatories, speakers  # noqa: F401  (each module declares its stage)

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
    "filter",
    "episodes",
    "signatories",
    "about",
    "mentions",
)


def load_pipeline(stages: tuple[str, ...] = DEFAULT_STAGES, *, objects: dict[str, dict[str, object]] | None = None,
                  **settings: object) -> Pipeline:
    """Build the pipeline from stage names; settings as in ``quotegraph.settings``.

    Each keyword a stage declares in its ``config`` is the setting of the same
    name. ``objects`` hands a stage live objects a setting cannot name
    (``{"parse": {"nlp": language}}``: a spaCy pipeline the caller already has).
    """
    opts = resolve(**{k: v for k, v in settings.items()})
    known = registry()
    built = []
    for name in stages:
        if name not in known:
            raise PipelineError("E203", name=name, known=", ".join(sorted(known)))
        factory = known[name]
        kwargs = {key: getattr(opts, key) for key in factory.config}
        built.append(factory(**kwargs, **(objects or {}).get(name, {})))
    return Pipeline(built, time_budget=opts.time_budget, max_chars=opts.max_chars)
