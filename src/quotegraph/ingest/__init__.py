"""Raw input to ``Article`` records: dated text, plain text, JSONL, HTML,
directories and standard input. No NLP happens here.

``read_paths`` streams one ``Article`` or ``Rejected`` per input document;
every problem is a ``Rejected`` naming the input and a coded reason (``E1xx``),
and every change made to the text on the way in is a ``Warning`` (``W1xx``,
see ``WARNINGS``).
"""

from __future__ import annotations

from .decode import WARNINGS, decode_bytes
from .jsonl import read_jsonl_stream, record_id, record_to_article
from .sources import FORMATS, file_format, read_paths, read_stream, sniff_format
from .textfile import parse_dated_header, read_text_bytes, text_article
from .webpage import MAX_HTML_TAGS, html_article, read_html_bytes

__all__ = [
    "FORMATS",
    "MAX_HTML_TAGS",
    "WARNINGS",
    "decode_bytes",
    "file_format",
    "html_article",
    "parse_dated_header",
    "read_html_bytes",
    "read_jsonl_stream",
    "read_paths",
    "read_stream",
    "read_text_bytes",
    "record_id",
    "record_to_article",
    "sniff_format",
    "text_article",
]
