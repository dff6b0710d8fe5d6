"""``quotegraph extract``: formats, stdout/stderr separation, summary, exit codes.

Tests that run the real model are marked ``integration``; the rest build
documents by hand or use inputs that fail before the model is needed.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotegraph.cli import main
from quotegraph.cli._common import Tally
from quotegraph.cli.extract import _JsonArray, _JsonLines, _Table
from quotegraph.model import Document, Mention, Quotation, Rejected, Span, Speaker

TEXT = "“We will win,” she said on Saturday.\n\nThe Socialist Campaign Group said the party must act."


def hand_document(id: str = "d1", text: str = TEXT) -> Document:
    speaker = Speaker("Jane Doe", "person", Mention.of(text, 15, 18))
    quote = Quotation("direct", [Span(1, 13)], text[1:13], speaker, Mention.of(text, 19, 23),
                      channel="statement", said_on="2021-08-14", said_on_evidence=Mention.of(text, 24, 35))
    return Document(id=id, text=text, date="2021-08-16", quotes=[quote])


def run(args, input=None):
    return CliRunner().invoke(main, ["extract", *args], input=input, catch_exceptions=False)


# ---- writers and tally, with documents built by hand --------------------------------------

@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_array_writer_is_valid_json_and_round_trips(count):
    out = io.BytesIO()
    writer = _JsonArray(out)
    docs = [hand_document(f"d{i}") for i in range(count)]
    for doc in docs:
        writer.write(doc)
    writer.close()
    data = json.loads(out.getvalue().decode("utf-8"))
    assert [Document.from_dict(d).to_dict() for d in data] == [d.to_dict() for d in docs]


def test_jsonl_writer_one_document_a_line_utf8():
    out = io.BytesIO()
    writer = _JsonLines(out)
    writer.write(hand_document("a"))
    writer.write(hand_document("b"))
    lines = out.getvalue().decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]
    assert "“We will win,”" in lines[0]  # not \u-escaped


def test_table_writer_rows_and_sanitising():
    hostile = "\u202e“evil\x1b[2J text\u200b here,” she said."
    doc = hand_document(text=TEXT)
    doc.quotes.append(Quotation("indirect", [Span(0, 10)], hostile, None))
    out = io.BytesIO()
    _Table(out).write(doc)
    shown = out.getvalue().decode("utf-8")
    assert "\x1b" not in shown and "\u202e" not in shown and "\u200b" not in shown
    rows = shown.splitlines()
    assert rows[0].startswith("# d1") and "2 statements" in rows[0]
    assert rows[1].split() == ["SPEAKER", "TYPE", "CHANNEL", "DATE", "TEXT"]
    assert re.match(r"Jane Doe\s+direct\s+statement\s+2021-08-14\s+We will win,", rows[2])
    assert re.match(r"-\s+indirect\s+-\s+-\s+“evil \[2J text here", rows[3])


def test_tally_summary_and_exit_code():
    tally = Tally()
    tally.add(hand_document())
    assert (tally.summary(), tally.exit_code) == ("1 document, 1 statement, 0 failed", 0)
    for i in range(25):
        tally.add(Rejected(f"r{i}", f"in.jsonl:{i}", "E105" if i % 2 else "E106", "bad"))
    summary = tally.summary()
    assert summary.startswith("1 document, 1 statement, 25 failed (E105 x12, E106 x13): in.jsonl:0, in.jsonl:1")
    assert summary.endswith("and 5 more") and tally.exit_code == 1


# ---- the command, on inputs that fail before the model is loaded ---------------------------

def test_all_inputs_rejected(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    result = run([str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stdout == "[]\n"  # stdout stays the clean contract
    assert "rejected [E102]" in result.stderr and "bin.txt" in result.stderr
    assert "rejected [E101]" in result.stderr and "rejected [E100]" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("extract: 0 documents, 0 statements, 3 failed (E100 x1, E101 x1, E102 x1): ")


@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_other_formats_print_nothing_for_rejections(tmp_path, fmt):
    (tmp_path / "x.jsonl").write_text('{"text": "no id"}\n{oops\n')
    result = run(["--format", fmt, str(tmp_path / "x.jsonl")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert "x.jsonl:1: record is missing required field 'id'" in result.stderr
    assert "x.jsonl:2: invalid JSON" in result.stderr


def test_output_file_written_whole_and_nothing_left_behind(tmp_path):
    target = tmp_path / "out.json"
    result = run(["-o", str(target), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and result.stdout == ""
    assert target.read_text() == "[]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize("flag,shown", [("--progress", True), ("--no-progress", False), (None, False)])
def test_progress_goes_to_stderr_only_when_asked_or_on_a_terminal(tmp_path, flag, shown):
    args = [flag] if flag else []
    result = run([*args, str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.stdout == "[]\n"
    assert ("2/s" in result.stderr or "2doc" in result.stderr or "2 doc" in result.stderr) is shown, result.stderr


@pytest.mark.parametrize("args", [[], ["--format", "xml", "x.txt"], ["--processes", "many", "x.txt"]])
def test_usage_errors_exit_2(args):
    result = CliRunner().invoke(main, ["extract", *args])
    assert result.exit_code == 2


def test_readme_contract_example_is_a_valid_document():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: contract -->")[1].split("<!-- /section: contract -->")[0]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    assert block, "the README contract section has no JSON example"
    data = json.loads(block.group(1))
    doc = Document.from_dict(data)
    assert doc.to_dict() == data  # every field of the contract, and nothing else
    for quote in doc.quotes:
        assert [doc.text[s.start:s.end] for s in quote.spans] and quote.text.startswith(doc.text[quote.spans[0].start:quote.spans[0].end][:5])
        for mention in (quote.cue, quote.speaker.mention if quote.speaker else None, quote.said_on_evidence):
            if mention:
                assert doc.text[mention.start:mention.end] == mention.text
    for entity in doc.entities:
        assert all(doc.text[m.start:m.end] == m.text for m in entity.mentions)


# ---- with the real model ------------------------------------------------------------------

def render_example(value, level: int = 0, width: int = 110) -> str:
    """JSON laid out for reading: small objects on one line, larger ones spread out."""
    compact = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or not value or len(compact) + 2 * level <= width:
        return compact
    pad = "  " * (level + 1)
    if isinstance(value, dict):
        rows = [f"{pad}{json.dumps(k)}: {render_example(v, level + 1, width)}" for k, v in value.items()]
        return "{\n" + ",\n".join(rows) + "\n" + "  " * level + "}"
    rows = [pad + render_example(v, level + 1, width) for v in value]
    return "[\n" + ",\n".join(rows) + "\n" + "  " * level + "]"


@pytest.mark.integration
def test_readme_contract_example_is_the_real_output(repo_root, update_snapshots):
    """Snapshot: the README shows what ``quotegraph extract`` prints for the bundled example
    (``pytest -m integration --update-snapshots tests/cli/test_extract.py`` refreshes it).

    This is a record of the engine's output, not an annotation: the example's
    expected statements are judged by ``tests/pipeline/test_golden_example.py``."""
    result = run(["--processes", "1", str(repo_root / "examples" / "loach-expelled.txt")])
    [doc] = json.loads(result.stdout)
    block = "```json\n" + render_example(doc) + "\n```"
    readme_path = repo_root / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    current = re.search(r"```json\n.*?\n```", readme.split("<!-- section: contract -->")[1], re.S).group(0)
    if update_snapshots:
        head, tail = readme.split("<!-- section: contract -->")
        readme_path.write_text(head + "<!-- section: contract -->" + tail.replace(current, block, 1), encoding="utf-8")
        return
    assert current == block, "README contract example is stale: rerun this test with --update-snapshots"

GOOD = " date 2021-08-16 “We will not back down,” the minister said on Saturday.\n\nCritics called for an inquiry, according to a statement.\n"


def _spans_slice(doc: dict) -> None:
    for quote in doc["quotes"]:
        for span in quote["spans"]:
            assert 0 <= span["start"] <= span["end"] <= len(doc["text"])
        for key in ("cue", "channel_evidence", "said_on_evidence"):
            if quote[key]:
                assert doc["text"][quote[key]["start"]:quote[key]["end"]] == quote[key]["text"]


@pytest.mark.integration
def test_seed_article_json(shared_dir):
    seed = shared_dir / "seeds" / "000_174c10d32bd3942e.txt"
    result = run(["--processes", "1", str(seed)])
    assert result.exit_code == 0, result.stderr
    [doc] = json.loads(result.stdout)
    assert (doc["schema_version"], doc["id"], doc["date"]) == (1, "000_174c10d32bd3942e", "2021-08-16")
    assert doc["text"] == seed.read_text(encoding="utf-8")[len(" date 2021-08-16 "):]
    assert len(doc["quotes"]) >= 5
    _spans_slice(doc)
    assert re.search(r"extract: 1 document, \d+ statements, 0 failed$", result.stderr.strip())


@pytest.mark.integration
def test_directory_with_one_broken_file(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(GOOD)
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run(["--processes", "1", "--format", "jsonl", str(tmp_path)])
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b", "c"]
    assert all(d["quotes"] for d in docs)
    assert f"rejected [E102] {tmp_path / 'broken.txt'}" in result.stderr
    assert result.stderr.strip().endswith(f"1 failed (E102 x1): {tmp_path / 'broken.txt'}")


@pytest.mark.integration
def test_formats_agree(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    as_json = json.loads(run(["--processes", "1", str(tmp_path / "a.txt")]).stdout)
    as_jsonl = [json.loads(line) for line in run(["--processes", "1", "--format", "jsonl", str(tmp_path / "a.txt")]).stdout.splitlines()]
    table = run(["--processes", "1", "--format", "table", str(tmp_path / "a.txt")]).stdout
    assert as_json == as_jsonl
    rows = [line for line in table.splitlines() if line and not line.startswith(("#", "SPEAKER"))]
    assert len(rows) == len(as_json[0]["quotes"]) > 0


@pytest.mark.integration
def test_stdin_and_processes_give_the_same_documents(tmp_path):
    lines = "".join(json.dumps({"id": f"r{i}", "text": GOOD[17:], "date": "2021-08-16"}) + "\n" for i in range(6))
    (tmp_path / "in.jsonl").write_text(lines)
    one = run(["--processes", "1", "--format", "jsonl", "-"], input=lines)
    two = run(["--processes", "2", "--format", "jsonl", str(tmp_path / "in.jsonl")])
    assert one.exit_code == two.exit_code == 0
    strip = lambda out: [{k: v for k, v in json.loads(x).items()} for x in out.splitlines()]
    assert strip(one.stdout) == strip(two.stdout) and len(strip(one.stdout)) == 6


@pytest.mark.integration
def test_hostile_corpus_through_extract(tmp_path):
    from hostile import write_corpus

    # small sizes: the pipeline's own bounds on pathological text are tested with the pipeline
    _, inputs = write_corpus(tmp_path / "in", 60, seed=7, max_size=3000)
    result = run(["--processes", "1", "--format", "jsonl", str(tmp_path / "in")])
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    failed = int(re.search(r"(\d+) failed", result.stderr).group(1))
    assert len(docs) + failed == inputs
    assert result.exit_code == (1 if failed else 0)
    for doc in docs:
        _spans_slice(doc)
