"""Dated text and plain text files."""

from __future__ import annotations

import pytest

from quotegraph.errors import InputError
from quotegraph.ingest.textfile import parse_dated_header, read_text_bytes, valid_date

BODY = "The group said “no”.\n\nThen it left."

# (file text, expected date, expected document text, expected warning codes)
DATED = [
    (f" date 2021-08-16 {BODY}", "2021-08-16", BODY, []),  # the canonical header
    (f" date 2021-08-16 {BODY}\n\n", "2021-08-16", BODY + "\n\n", []),  # the text after the header, exactly
    (f"date 2021-08-16 {BODY}", "2021-08-16", BODY, []),
    (f"  date 2021-08-16 {BODY}", "2021-08-16", BODY, ["W105"]),
    (f"\n date 2021-08-16 {BODY}", "2021-08-16", BODY, ["W105"]),
    (f" date 2021-08-16\n{BODY}", "2021-08-16", BODY, ["W105"]),
    (f" date 2021-08-16  {BODY}", "2021-08-16", " " + BODY, []),
    (f" date\t2020-02-29 {BODY}", "2020-02-29", BODY, []),
    # dates as people and feeds write them (issue 13)
    (f" date 16 August 2021 {BODY}", "2021-08-16", BODY, []),
    (f" date August 16, 2021 {BODY}", "2021-08-16", BODY, []),
    (f" date Monday, 16 August 2021 {BODY}", "2021-08-16", BODY, []),
    (f" date Mon, 16 Aug 2021 10:00:00 GMT {BODY}", "2021-08-16", BODY, []),
    (f" date Mon, 16 Aug 2021 10:00:00 +0100 {BODY}", "2021-08-16", BODY, []),
    (f" date 16 Aug 2021 10:00 {BODY}", "2021-08-16", BODY, []),
    (f" date 2021/08/16 {BODY}", "2021-08-16", BODY, []),
    (f" date 16-08-2021 {BODY}", "2021-08-16", BODY, []),
    (f" date 16 August 2021\n{BODY}", "2021-08-16", BODY, ["W105"]),
    # a capitalised first word is not a time zone
    (f" date Mon, 16 Aug 2021 10:00:00 The group left.", "2021-08-16", "The group left.", []),
    (f" date 16 August 2021 10 people said “no”.", "2021-08-16", "10 people said “no”.", []),
]


@pytest.mark.parametrize("text,date,body,codes", DATED)
def test_dated_header_table(text, date, body, codes):
    got_date, got_body, warnings = parse_dated_header(text, "f.txt")
    assert (got_date, got_body) == (date, body)
    assert [w.code for w in warnings] == codes


@pytest.mark.parametrize("text", [BODY, "Date night: the couple said yes.", "dated 2021-08-16 x", "update 2021-08-16"])
def test_not_a_dated_header(text):
    assert parse_dated_header(text, "f.txt") is None


@pytest.mark.parametrize("value", ["2021-13-45", "2021-02-29", "0000-00-00", "03/04/2021", "31 February 2021"])
def test_unreadable_header_date_is_a_warning_and_the_article_is_kept(value):
    # issue 13: the header is still a header (taken off the text); the date is null with W109
    date, body, warnings = parse_dated_header(f" date {value} {BODY}", "f.txt")
    assert (date, body) == (None, BODY)
    assert [w.code for w in warnings] == ["W109"] and repr(value) in warnings[0].message


@pytest.mark.parametrize("value,ok", [("2021-08-16", True), ("2020-02-29", True), ("2021-02-29", False), ("2021-08-16T00", False), ("", False)])
def test_valid_date(value, ok):
    assert valid_date(value) is ok


def test_seed_layout_reads_exactly():
    # the example article's layout: one leading space, header, article, trailing blank line
    raw = f" date 2021-08-16 {BODY}\n\n".encode()
    article = read_text_bytes(raw, id="seed", origin="seed.txt", max_chars=10_000)
    assert article.date == "2021-08-16"
    assert article.text == raw.decode()[len(" date 2021-08-16 "):]
    assert article.warnings == []


def test_plain_text_has_no_date_and_keeps_text():
    article = read_text_bytes(BODY.encode(), id="p", origin="p.txt", max_chars=10_000)
    assert (article.id, article.date, article.text, article.origin) == ("p", None, BODY, "p.txt")


def test_bom_and_crlf_before_header_are_tolerated_and_reported():
    raw = b"\xef\xbb\xbf date 2021-08-16 line one\r\n\r\nline two"
    article = read_text_bytes(raw, id="d", origin="d.txt", max_chars=10_000)
    assert article.date == "2021-08-16"
    assert article.text == "line one\n\nline two"
    assert [w.code for w in article.warnings] == ["W101", "W103"]


@pytest.mark.parametrize("raw,code", [(b" date 2021-08-16 ", "E111"), (b" date 2021-08-16 \n\n  ", "E111"), (b"x" * 101, "E104")])
def test_text_file_rejections(raw, code):
    with pytest.raises(InputError) as info:
        read_text_bytes(raw, id="d", origin="d.txt", max_chars=100)
    assert info.value.code == code


def test_max_chars_counts_characters_not_bytes():
    text = "é" * 100  # 200 bytes, 100 characters
    assert read_text_bytes(text.encode(), id="d", origin="d.txt", max_chars=100).text == text
