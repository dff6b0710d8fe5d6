"""The model is a setting (issue 13): any installed spaCy English pipeline, by name or directory."""

from __future__ import annotations

import json

import pytest

from quotegraph.errors import PipelineError
from quotegraph.nlp.model import MODEL_PACKAGE, load_model
from quotegraph.settings import resolve

pytestmark = pytest.mark.integration

TEXT = " date 2021-08-16 “We will not back down,” the minister said on Saturday.\n\nCritics called for an inquiry.\n"


def test_the_default_is_the_pinned_small_model():
    assert resolve().model == MODEL_PACKAGE


@pytest.mark.parametrize("name, detail", [("/no/such/model", "/no/such/model"), ("json", "json"),
                                          ("no_such_pipeline_package", "no_such_pipeline_package")])
def test_a_name_that_is_no_spacy_pipeline_is_e204(name, detail):
    with pytest.raises(PipelineError) as info:
        load_model(name)
    assert info.value.code == "E204" and detail in info.value.message


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The pinned model saved to a directory, and a copy without its parser."""
    import spacy

    root = tmp_path_factory.mktemp("models")
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.to_disk(root / "full")
    nlp.remove_pipe("parser")
    nlp.to_disk(root / "no-parser")
    return root


def test_a_directory_gives_the_same_statements(saved, tmp_path):
    from click.testing import CliRunner

    from quotegraph.cli import main

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    default = runner.invoke(main, ["extract", str(article), "--processes", "1"])
    chosen = runner.invoke(main, ["extract", str(article), "--processes", "1", "--model", str(saved / "full")])
    assert default.exit_code == chosen.exit_code == 0, chosen.output
    quotes = json.loads(chosen.stdout)[0]["quotes"]
    assert quotes and json.loads(default.stdout) == json.loads(chosen.stdout)


def test_a_pipeline_without_a_parser_is_refused(saved):
    with pytest.raises(PipelineError) as info:
        load_model(str(saved / "no-parser"))
    assert info.value.code == "E204" and "parser" in info.value.message
