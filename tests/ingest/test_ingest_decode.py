"""Bytes -> text for file inputs: encodings, BOMs, line ends, binary data."""

from __future__ import annotations

import pytest

from quotegraph.errors import InputError
from quotegraph.ingest.decode import decode_bytes, read_limited

CAFE = "“Café,” said Zoë."

# (bytes, expected text, expected warning codes)
DECODED = [
    (b"plain ascii", "plain ascii", []),
    (CAFE.encode("utf-8"), CAFE, []),
    (b"\xef\xbb\xbf" + CAFE.encode(), CAFE, ["W101"]),
    (b"a\r\nb\r\n", "a\nb\n", ["W103"]),
    (b"a\rb", "a\nb", ["W103"]),
    (b"\xef\xbb\xbfa\r\nb", "a\nb", ["W101", "W103"]),
    ("“Café” said Zoë".encode("utf-16"), "“Café” said Zoë", ["W101", "W102"]),
    ("Café said Zoë".encode("utf-16-le"), "Café said Zoë", ["W102"]),
    ("Café said Zoë".encode("utf-16-be"), "Café said Zoë", ["W102"]),
    ("Ünïcödé text".encode("utf-32"), "Ünïcödé text", ["W101", "W102"]),
    # mostly UTF-8 with a stray cp1252 curly quote: keep the UTF-8, fix the stray byte
    ("Zoë said ".encode() + "“yes”".encode("cp1252"), "Zoë said “yes”", ["W104"]),
    # zero-width and bidi characters are text: kept as they are
    ("a\u200bb\u202ec".encode(), "a\u200bb\u202ec", []),
    # no Unicode normalisation: a decomposed é stays decomposed
    ("Cafe\u0301".encode(), "Cafe\u0301", []),
]


@pytest.mark.parametrize("data,text,codes", DECODED)
def test_decode_table(data, text, codes):
    got, warnings = decode_bytes(data, "f.txt")
    assert got == text
    assert [w.code for w in warnings] == codes


def test_legacy_encoding_is_detected_and_named():
    data = ("The café in Zürich was naïve about the résumé, said the señora. " * 5).encode("cp1252")
    text, warnings = decode_bytes(data, "f.txt")
    assert "café" in text and "Zürich" in text
    assert [w.code for w in warnings] == ["W102"]
    assert "(" in warnings[0].message  # names the encoding used


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "iso-8859-15"])
def test_short_western_text_prefers_cp1252(encoding):
    # the detector scores cp1250/cp1257 the same on short text; they would turn ï into ď
    text, warnings = decode_bytes("Café, naïve, Zürich, résumé, he said.".encode(encoding), "f.txt")
    assert text == "Café, naïve, Zürich, résumé, he said."
    assert warnings[0].message.endswith("(cp1252)")


def test_cyrillic_legacy_text_is_not_forced_to_cp1252():
    text, _ = decode_bytes("Москва — столица России, сказал он вчера вечером.".encode("cp1251"), "f.txt")
    assert "Москва" in text


# (bytes, error code)
REJECTED = [
    (b"", "E101"),
    (b"   \n\t\n", "E111"),
    (b"\xef\xbb\xbf", "E111"),
    (b"text\x00with a NUL", "E102"),
    (bytes(range(1, 9)) * 50, "E102"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E102"),
    (b"\xff\xfe\x00\xd8", "E103"),  # UTF-16 BOM, then a lone high surrogate
]


@pytest.mark.parametrize("data,code", REJECTED)
def test_rejection_table(data, code):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "dir/f.txt")
    assert info.value.code == code
    assert "dir/f.txt" in info.value.message


def test_read_limited_refuses_huge_file_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that take no disk and would take time to read
    with pytest.raises(InputError) as info:
        read_limited(path, 1024 * 1024, str(path))
    assert info.value.code == "E104"
    assert "52,428,800 bytes" in info.value.message and "huge.txt" in info.value.message


@pytest.mark.parametrize("make,code", [(lambda p: None, "E100"), (lambda p: p.mkdir(), "E110")])
def test_read_limited_names_missing_and_directory(tmp_path, make, code):
    path = tmp_path / "x.txt"
    make(path)
    with pytest.raises(InputError) as info:
        read_limited(path, 100, str(path))
    assert info.value.code == code
