"""JSONL records: text exactly as given, one output per non-blank line."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from quotegraph.ingest.ids import IdRegistry
from quotegraph.ingest.jsonl import read_jsonl_stream
from quotegraph.model import Article, Rejected


def read(data: bytes, *, max_chars: int = 10_000, max_line_bytes: int = 100_000, ids: IdRegistry | None = None):
    return list(read_jsonl_stream(io.BytesIO(data), origin="in.jsonl", max_chars=max_chars,
                                  max_line_bytes=max_line_bytes, ids=ids))


def line(**record) -> str:
    return json.dumps(record, ensure_ascii=False)


# (one JSONL line, expected (id, text, date, title, url, source) or error code)
RECORDS = [
    (line(id="a", text="He said “yes”."), ("a", "He said “yes”.", None, None, None, None)),
    (line(id="a", text="t", date="2021-08-16", title="T", url="https://x", source="s"),
     ("a", "t", "2021-08-16", "T", "https://x", "s")),
    (line(id=7, text="t"), ("7", "t", None, None, None, None)),
    (line(id="a", text="t", date="2021-08-16T09:30:00Z"), ("a", "t", "2021-08-16", None, None, None)),
    (line(id="a", text="t", meta={"title": "From meta"}), ("a", "t", None, "From meta", None, None)),
    (line(id="a", text="t", quotes=[{"start": 0}], extra=1), ("a", "t", None, None, None, None)),
    # the text is never altered: CRLF, BOM, zero-width, bidi, decomposed accents, padding all stay
    (line(id="a", text="\ufeff a\r\nb\u200b\u202ec\u0301 \n"), ("a", "\ufeff a\r\nb\u200b\u202ec\u0301 \n", None, None, None, None)),
    (line(id="a", text="😀 “x”"), ("a", "😀 “x”", None, None, None, None)),
    ('{"id": "a", "text": "t"', "E105"),
    ("not json", "E105"),
    ("[1, 2]", "E105"),
    ('"just a string"', "E105"),
    ("[" * 20_000 + "]" * 20_000, "E105"),
    ('{"id": "a", "text": 1' + "0" * 5000 + "}", "E105"),
    (line(text="no id"), "E106"),
    (line(id="", text="t"), "E106"),
    (line(id="  ", text="t"), "E106"),
    (line(id=None, text="t"), "E106"),
    (line(id="a"), "E106"),
    (line(id="a", text=None), "E106"),
    (line(id=["a"], text="t"), "E107"),
    (line(id=True, text="t"), "E107"),
    (line(id="a", text=["t"]), "E107"),
    (line(id="a", text="t", title=3), "E107"),
    (line(id="a", text="t", url={"u": 1}), "E107"),
    (line(id="a", text="t", date="16 August 2021"), ("a", "t", "2021-08-16", None, None, None)),
    (line(id="a", text="t", date="Mon, 16 Aug 2021 10:00:00 GMT"), ("a", "t", "2021-08-16", None, None, None)),
    (line(id="a", text="t", date="2021-02-30"), ("a", "t", None, None, None, None)),
    (line(id="a", text="  \n "), "E111"),
    (line(id="a", text=""), "E111"),
    ('{"id": "a", "text": "bad \\udc00 surrogate"}', "E115"),
    ('{"id": "\\ud800", "text": "t"}', "E115"),
    (line(id="a", text="x" * 10_001), "E104"),
]


@pytest.mark.parametrize("record,expected", RECORDS, ids=[f"r{i}" for i in range(len(RECORDS))])
def test_record_table(record, expected):
    [item] = read(record.encode("utf-8") + b"\n")
    if isinstance(expected, str):
        assert isinstance(item, Rejected), item
        assert (item.code, item.origin) == (expected, "in.jsonl:1")
        assert item.reason.startswith("in.jsonl:1: ")
    else:
        assert isinstance(item, Article), item
        assert (item.id, item.text, item.date, item.title, item.url, item.source) == expected
        assert item.origin == "in.jsonl:1"


@pytest.mark.parametrize("value", ["2021-02-30", "August 2021", "03/04/2021", "soon"])
def test_unreadable_date_is_a_warning_and_the_article_is_kept(value):
    # issue 13: a date the reader cannot read used to reject the whole article (E108)
    [item] = read(line(id="a", text="t", date=value).encode())
    assert isinstance(item, Article) and item.date is None
    assert [w.code for w in item.warnings] == ["W109"] and repr(value) in item.warnings[0].message


def test_bad_lines_do_not_stop_the_others():
    data = "\n".join([line(id="a", text="one"), "{oops", "", "   ", line(id="b", text="two"), line(text="x"), line(id="c", text="three")])
    items = read(data.encode())
    assert [(type(i).__name__, i.origin) for i in items] == [
        ("Article", "in.jsonl:1"), ("Rejected", "in.jsonl:2"), ("Article", "in.jsonl:5"),
        ("Rejected", "in.jsonl:6"), ("Article", "in.jsonl:7")]


def test_duplicate_ids_are_rejected_naming_the_first():
    items = read((line(id="a", text="one") + "\n" + line(id="a", text="two") + "\n").encode())
    assert isinstance(items[0], Article)
    assert (items[1].code, items[1].id) == ("E112", "a") and "in.jsonl:1" in items[1].reason


def test_ids_are_unique_across_streams_sharing_a_registry():
    ids = IdRegistry()
    read(line(id="a", text="one").encode(), ids=ids)
    [again] = read(line(id="a", text="one").encode(), ids=ids)
    assert again.code == "E112"


def test_line_over_the_byte_limit_is_rejected_and_reading_goes_on():
    data = (line(id="big", text="x" * 5000) + "\n" + line(id="ok", text="fine") + "\n").encode()
    items = read(data, max_line_bytes=1000)
    assert (items[0].code, items[0].origin) == ("E104", "in.jsonl:1")
    assert (items[1].id, items[1].origin) == ("ok", "in.jsonl:2")


def test_bom_before_first_record_and_crlf_line_ends():
    data = b"\xef\xbb\xbf" + line(id="a", text="one").encode() + b"\r\n" + line(id="b", text="two").encode() + b"\r\n"
    items = read(data)
    assert [(i.id, i.text) for i in items] == [("a", "one"), ("b", "two")]


def test_non_utf8_line_is_decoded_with_a_warning():
    data = '{"id": "a", "text": "Zoë said “yes”"}'.encode("cp1252") + b"\n"
    [item] = read(data)
    assert item.text == "Zoë said “yes”"
    assert [w.code for w in item.warnings] in (["W102"], ["W104"])


def test_truncated_gzip_is_a_rejection_not_a_crash():
    blob = gzip.compress(("\n".join(line(id=f"r{i}", text="t " * 50) for i in range(200)) + "\n").encode())
    stream = gzip.GzipFile(fileobj=io.BytesIO(blob[: len(blob) // 2]))
    items = list(read_jsonl_stream(stream, origin="c.jsonl.gz", max_chars=10_000, max_line_bytes=100_000))
    assert isinstance(items[-1], Rejected) and items[-1].code == "E103"
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 1


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", gzip.decompress(gzip.compress(b""))])
def test_file_without_records_is_reported_empty(data):
    assert [(i.code, i.origin) for i in read(data)] == [("E101", "in.jsonl")]
