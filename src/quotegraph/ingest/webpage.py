"""HTML input: the page's main text, found by trafilatura, with its metadata.

The document text is trafilatura's main text with one paragraph a line turned
into paragraphs separated by blank lines (the dated-text convention, which the
multi-paragraph quote rules rely on). Title, date, URL and site name come from
trafilatura's metadata: the date is htmldate's publication date without its
extensive search (meta tags and marked-up dates such as "Posted 2021-08-16",
not any date found in the prose), because a wrong publication date would move
every relative date ("on Saturday").

Refused, each with its own code: a page cut off mid-way (E113: it ends inside
a tag, or mid-text or after an opening tag without ever closing ``</body>``),
since half an article gives half its statements silently; a page with no article text, only
menus and footers (E109); a page with more than ``MAX_HTML_TAGS`` tags (E104),
which would take the extractor many seconds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..errors import InputError
from ..model import Article, Warning
from .decode import check_chars, decode_bytes, warn
from .dates import read_date
from .textfile import valid_date

__all__ = ["MAX_HTML_TAGS", "html_article", "read_html_bytes", "looks_like_html"]

MAX_HTML_TAGS = 50_000
# Below this, what trafilatura finds is navigation or a caption, not an article.
_MIN_WORDS = 8
_MIN_PROSE_LINE_WORDS = 6
_WORD = re.compile(r"[^\W\d_]{2,}")
_LAST_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w-]*)[^<>]*?(?P<self>/?)>\Z")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HTML_START = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I | re.S)


def looks_like_html(head: bytes) -> bool:
    """True when ``head`` (the first bytes of an input) opens like an HTML page."""
    return _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")) is not None


def _truncation(html: str) -> str | None:
    """Why ``html`` looks cut off, or ``None``.

    HTML5 lets a page leave out ``</body></html>``, so a missing close alone
    is not enough: the page must also stop mid-text or right after an
    opening tag.
    """
    tail = html.rstrip()
    last_close = tail.rfind(">")
    if tail.rfind("<") > last_close:
        return "it ends inside a tag"
    low = tail.lower()
    if ("<html" not in low and "<body" not in low) or "</body" in low or "</html" in low:
        return None
    if tail[last_close + 1 :].strip():
        return "it stops mid-text and never closes </body> or </html>"
    last_tag = _LAST_TAG.search(tail)
    if last_tag and not last_tag["close"] and last_tag["name"].lower() not in _VOID and not last_tag["self"]:
        return f"it stops after an opening <{last_tag['name']}> and never closes </body> or </html>"
    return None


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    # trafilatura's own limits would silently cut text; ours are checked first
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _extract(html: str) -> Any:
    import trafilatura  # imported here: only HTML inputs pay for it

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
        config=_config(),
    )


def _paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _is_article(text: str) -> bool:
    if len(_WORD.findall(text)) < _MIN_WORDS:
        return False
    return any(len(line.split()) >= _MIN_PROSE_LINE_WORDS for line in text.split("\n\n"))


def html_article(html: str, *, id: str, origin: str, warnings: list[Warning] | None = None) -> Article:
    """An ``Article`` from an HTML page's markup (raises ``InputError``)."""
    warnings = list(warnings or [])
    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        raise InputError("E104", origin=origin, size=f"{tags:,} tags", limit=f"{MAX_HTML_TAGS:,} tags")
    reason = _truncation(html)
    if reason:
        raise InputError("E113", origin=origin, detail=reason)
    try:
        result = _extract(html)
    except (ValueError, TypeError, LookupError, RecursionError, AttributeError) as exc:
        # lxml and trafilatura fail in these ways on some malformed markup
        raise InputError("E116", origin=origin, detail=f"{type(exc).__name__}: {exc}") from None
    text = _paragraphs(result.text or "") if result is not None else ""
    if not _is_article(text):
        raise InputError("E109", origin=origin)
    date = result.date
    if date is not None and not valid_date(date):
        date = read_date(date)[0]
        if date is None:
            warnings.append(warn("W107", repr(result.date)))
    return Article(id=id, text=text, date=date, title=result.title or None, url=result.url or None,
                   source=result.sitename or None, origin=origin, warnings=warnings)


def read_html_bytes(data: bytes, *, id: str, origin: str, max_chars: int) -> Article:
    """Decode an HTML file's bytes and build its ``Article`` (raises ``InputError``)."""
    markup, warnings = decode_bytes(data, origin)
    # the text is rebuilt from paragraphs, so the markup's line ends do not matter
    warnings = [w for w in warnings if w.code != "W103"]
    article = html_article(markup, id=id, origin=origin, warnings=warnings)
    check_chars(article.text, max_chars, origin)
    return article
