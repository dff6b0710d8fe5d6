"""The Python API (issue 13): read, extract (text, dated text, a date in words), extract_many, to_frame,
and the README's five-line recipe run as a script."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import quotegraph
from quotegraph.errors import InputError
from source_tree import README

BODY = 'The group said “we will not back down”.\n\nIt left.'


def test_read_gives_articles_as_the_cli_reads_them(tmp_path):
    (tmp_path / "a.txt").write_text(f" date 16 August 2021 {BODY}", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "text": "x y z", "date": "Mon, 16 Aug 2021 10:00:00 GMT"}\n{oops\n',
                                      encoding="utf-8")
    items = list(quotegraph.read(tmp_path))
    assert [(type(i).__name__, i.id) for i in items] == [("Article", "a"), ("Article", "b1"), ("Rejected", None)]
    assert (items[0].date, items[0].text) == ("2021-08-16", BODY)
    assert items[1].date == "2021-08-16" and items[2].code == "E105"
    assert [i.id for i in quotegraph.read(str(tmp_path / "a.txt"))] == ["a"]  # one path, as a string


@pytest.mark.integration
def test_extract_honours_a_dated_text_header():
    # issue 13: extract(path.read_text()) kept the header in the text and lost the date
    doc = quotegraph.extract(f" date 2021-08-16 {BODY}")
    assert (doc.date, doc.text) == ("2021-08-16", BODY)
    given = quotegraph.extract(f" date 2021-08-16 {BODY}", date="17 August 2021")
    assert given.date == "2021-08-17" and [w.code for w in given.warnings] == ["W108"]
    assert quotegraph.extract(BODY, date="Mon, 16 Aug 2021 10:00:00 GMT").date == "2021-08-16"


def test_extract_refuses_an_unreadable_date_and_a_wrong_type():
    with pytest.raises(InputError) as info:
        quotegraph.extract(BODY, date="03/04/2021")
    assert info.value.code == "E108" and "either way round" in info.value.message
    with pytest.raises(TypeError):
        quotegraph.extract(b"bytes are not text")


@pytest.mark.integration
def test_extract_many_and_to_frame(repo_root):
    pd = pytest.importorskip("pandas")
    docs = list(quotegraph.extract_many(quotegraph.read([repo_root / "examples"]), processes=1))
    assert [d.id for d in docs] == sorted(d.id for d in docs) and all(isinstance(d, quotegraph.Document) for d in docs)
    frame = quotegraph.to_frame(docs + [quotegraph.Rejected("x", "x.txt", "E101", "empty")])
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == sum(len(d.quotes) for d in docs)
    assert list(frame.columns) == list(quotegraph.FRAME_COLUMNS)
    row = frame[frame["statement"].str.contains("proud to stand")].iloc[0]
    assert (row["speaker"], row["article"], row["date"]) == ("Ken Loach", "loach-expelled", "2021-08-16")
    saturday = frame[frame["said_on"] == "2021-08-14"]
    assert set(saturday["said_on_precision"]) == {"day"}
    assert quotegraph.to_frame([d.to_dict() for d in docs]).equals(frame)  # the JSON form too


def test_to_frame_names_the_extra_when_pandas_is_missing():
    code = ("import sys; sys.modules['pandas'] = None\n"
            "import quotegraph\n"
            "try:\n    quotegraph.to_frame([])\n"
            "except ImportError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "[E509]" in out and "quotegraph[pandas]" in out


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_readme_recipe_runs_as_written(tmp_path, repo_root):
    section = README.read_text(encoding="utf-8").split("<!-- section: python -->", 1)[1]
    recipe = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(recipe.strip().splitlines()) == 5
    script = tmp_path / "recipe.py"
    script.write_text(recipe, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], cwd=repo_root, capture_output=True, text=True, timeout=280)
    assert run.returncode == 0, run.stderr[-2000:]
    header = run.stdout.splitlines()[0].split()
    assert header[0] == "speaker" and header[-1] == "article"  # pandas may elide wide columns in the middle
    assert "Ken Loach" in run.stdout and "loach-expelled" in run.stdout
