"""HTML pages: main text through trafilatura, metadata, clear refusals."""

from __future__ import annotations

import pytest

from quotegraph.errors import InputError
from quotegraph.ingest.webpage import MAX_HTML_TAGS, html_article, looks_like_html, read_html_bytes

PARAS = [
    "The minister said on Monday that the plan would go ahead despite the protests outside parliament.",
    "“We will not be moved by threats,” she told reporters at a press conference in the capital.",
    "Critics called for an inquiry into the decision, according to a statement released by the group.",
]
HEAD = ('<head><title>Plan goes ahead</title><meta property="article:published_time" content="2021-08-16T10:00:00Z">'
        '<link rel="canonical" href="https://news.example/plan"><meta property="og:site_name" content="Example News"></head>')


def page(body: str, head: str = HEAD) -> str:
    return f"<!DOCTYPE html><html>{head}<body>{body}</body></html>"


ARTICLE = "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</article><footer>© Example</footer>"


def test_main_text_metadata_and_paragraphs():
    article = html_article(page(ARTICLE), id="p", origin="p.html")
    assert article.text == "\n\n".join(PARAS)
    assert (article.date, article.title, article.url, article.source) == ("2021-08-16", "Plan goes ahead", "https://news.example/plan", "Example News")
    assert "Home" not in article.text and "©" not in article.text


def test_metadata_date_wins_over_dates_in_the_body():
    body = "<article>" + "".join(f"<p>{p} Posted 2019-03-04.</p>" for p in PARAS) + "</article>"
    assert html_article(page(body), id="p", origin="p.html").date == "2021-08-16"


def test_no_date_when_the_page_has_none():
    body = "<article>" + "".join(f"<p>{p} It happened in 2019, he said.</p>" for p in PARAS) + "</article>"
    assert html_article(page(body, head="<head><title>x</title></head>"), id="p", origin="p.html").date is None


def test_script_and_style_content_are_not_text():
    body = ARTICLE + "<script>var s = '“injected,” he said';</script><style>p{}</style>"
    text = html_article(page(body), id="p", origin="p.html").text
    assert "injected" not in text and "p{}" not in text


# (markup, error code)
REFUSED = [
    (page("<nav><a href='/'>Home</a> | <a href='/about'>About</a></nav><footer>© 2021</footer>"), "E109"),
    (page("<p>Just one short line.</p>"), "E109"),
    (page(""), "E109"),
    (page(ARTICLE)[:-30], "E113"),  # cut before </body>
    (page(ARTICLE)[:200] + "<p class=", "E113"),  # cut inside a tag
    (page(ARTICLE).split("</article>")[0][:-40], "E113"),  # cut mid-text
    (page(ARTICLE).split("</article>")[0] + "<p>", "E113"),  # cut after an opening tag
    (page("<p>x</p>" * (MAX_HTML_TAGS // 2 + 10)), "E104"),
]


@pytest.mark.parametrize("markup,code", REFUSED, ids=["boilerplate", "too-short", "empty-body", "truncated", "cut-in-tag", "cut-mid-text", "cut-after-open", "too-many-tags"])
def test_refusal_table(markup, code):
    with pytest.raises(InputError) as info:
        html_article(markup, id="p", origin="dir/p.html")
    assert info.value.code == code and "dir/p.html" in info.value.message


@pytest.mark.parametrize("end", ["</article>", "</article><footer>© Example</footer>", "</article><img src=x>", "</article><br/>"])
def test_html5_page_without_closing_body_is_accepted(end):
    markup = f"<!DOCTYPE html><html>{HEAD}<body>" + ARTICLE.split("</article>")[0] + end
    assert html_article(markup, id="p", origin="p.html").text == "\n\n".join(PARAS)


def test_fragment_without_html_element_is_accepted():
    article = html_article("".join(f"<p>{p}</p>" for p in PARAS), id="p", origin="p.html")
    assert article.text == "\n\n".join(PARAS)


def test_bytes_in_legacy_encoding_and_crlf():
    markup = page(ARTICLE.replace("the capital", "the café")).replace("“", '"').replace("”", '"').replace("©", "(c)")
    article = read_html_bytes(markup.replace("\n", "\r\n").encode("cp1252"), id="p", origin="p.html", max_chars=100_000)
    assert "the café" in article.text
    assert "W103" not in [w.code for w in article.warnings]  # markup line ends do not reach the text


def test_main_text_over_max_chars():
    with pytest.raises(InputError) as info:
        read_html_bytes(page(ARTICLE).encode(), id="p", origin="p.html", max_chars=50)
    assert info.value.code == "E104"


@pytest.mark.parametrize("head,is_html", [
    (b"<!DOCTYPE html><html>", True), (b"\n  <html lang=en>", True), (b"<!-- c --><div>x</div>", True),
    (b"\xef\xbb\xbf<html>", True), (b"<p>para</p>", True), (b" date 2021-08-16 text", False),
    (b"He said <b>", False), (b"{\"id\": 1}", False), (b"<3 love", False)])
def test_looks_like_html(head, is_html):
    assert looks_like_html(head) is is_html
