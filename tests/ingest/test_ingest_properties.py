"""Property tests over every reader: any input gives an Article or a coded
rejection, never another exception; text is preserved; one output per input."""

from __future__ import annotations

import io
import json
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotegraph.errors import ERRORS, InputError
from quotegraph.ingest import read_paths
from quotegraph.ingest.decode import decode_bytes
from quotegraph.ingest.jsonl import read_jsonl_stream
from quotegraph.ingest.textfile import read_text_bytes
from quotegraph.ingest.webpage import html_article
from quotegraph.model import Article, Rejected

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text as articles carry it: anything but C0 controls (other than TAB/LF) and surrogates.
ARTICLE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    chr(c) for c in range(32) if chr(c) not in "\t\n") + "\x7f\r")
article_text = st.text(ARTICLE_CHARS, min_size=1, max_size=300).filter(lambda t: t.strip() and not t.startswith("\ufeff"))


def _coded(exc: InputError) -> bool:
    return exc.code in ERRORS and exc.code.startswith("E1")


@FAST
@given(st.binary(max_size=2000))
def test_decode_any_bytes(data):
    try:
        text, warnings = decode_bytes(data, "f.txt")
    except InputError as exc:
        assert _coded(exc)
        return
    assert "\r" not in text and not text.startswith("\ufeff") and text.strip()
    assert all(w.code.startswith("W1") for w in warnings)


@FAST
@given(st.binary(max_size=2000))
def test_text_reader_any_bytes(data):
    try:
        article = read_text_bytes(data, id="x", origin="f.txt", max_chars=10_000)
    except InputError as exc:
        assert _coded(exc)
        return
    assert isinstance(article, Article) and article.text.strip()


@FAST
@given(article_text)
def test_plain_utf8_text_is_kept_exactly(text):
    article = read_text_bytes(text.encode("utf-8"), id="x", origin="f.txt", max_chars=10_000)
    if article.date is None:
        assert article.text == text and article.warnings == []


@FAST
@given(article_text, st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10))
def test_dated_text_is_the_text_after_the_header(body, day):
    article = read_text_bytes(f" date {day} {body}".encode(), id="x", origin="f.txt", max_chars=10_000)
    assert (article.date, article.text) == (day, body)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=10)
records = st.fixed_dictionaries({"id": st.text(string.ascii_letters, min_size=1, max_size=10), "text": article_text},
                                optional={"date": st.none() | st.just("2021-08-16"), "title": st.none() | st.text(max_size=20),
                                          "meta": json_values})
# A line: a real record, any JSON value, or any text; never blank, never containing a line end.
lines = st.one_of(records.map(lambda r: json.dumps(r, ensure_ascii=False)), json_values.map(json.dumps),
                  st.text(max_size=80)).map(lambda s: s.replace("\n", " ").replace("\r", " ")).filter(lambda s: s.strip(" \t\x0b\x0c"))


@FAST
@given(st.lists(lines, max_size=20))
def test_jsonl_one_output_per_line_and_text_exact(raw_lines):
    data = "\n".join(raw_lines).encode("utf-8", "surrogatepass")
    items = list(read_jsonl_stream(io.BytesIO(data), origin="in.jsonl", max_chars=10_000, max_line_bytes=100_000))
    if not raw_lines:
        assert [(i.code, i.origin) for i in items] == [("E101", "in.jsonl")]
        return
    assert len(items) == len(raw_lines)
    for n, (line, item) in enumerate(zip(raw_lines, items), start=1):
        assert item.origin == f"in.jsonl:{n}"
        if isinstance(item, Rejected):
            assert item.code in ERRORS and item.reason.startswith(f"in.jsonl:{n}: ")
        else:
            assert item.text == json.loads(line)["text"]


markup = st.lists(st.one_of(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<html>", "</html>", "<body>", "</body>",
                                             "<script>", "</script>", "<table><tr><td>", "<!--", "-->", "<a href='", "'>", "<"]),
                            st.text(max_size=40)), max_size=40).map("".join)


@FAST
@given(markup)
def test_html_reader_any_markup(html):
    try:
        article = html_article(html, id="x", origin="p.html")
    except InputError as exc:
        assert _coded(exc)
        return
    assert article.text.strip() and "\n\n\n" not in article.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([".txt", ".html", ".jsonl", ".htm", ".dat"]), st.binary(max_size=500)), min_size=1, max_size=6))
def test_directory_of_anything(tmp_path_factory, files):
    root: Path = tmp_path_factory.mktemp("any")
    for i, (suffix, data) in enumerate(files):
        (root / f"f{i}{suffix}").write_bytes(data)
    items = list(read_paths([root]))
    assert all(isinstance(i, (Article, Rejected)) for i in items)
    supported = [suffix for suffix, _ in files if suffix != ".dat"]
    if not supported:
        assert [i.code for i in items] == ["E110"]
    else:  # one output per text or HTML file, at least one per JSONL file
        assert len(items) >= len(supported)
        assert len(items) - supported.count(".jsonl") <= len(supported) + sum(d.count(b"\n") for s, d in files if s == ".jsonl")
    assert len({i.id for i in items if isinstance(i, Article)}) == sum(isinstance(i, Article) for i in items)
