"""WARC and WARC.gz input: HTML responses become articles, other records pass or are rejected one by one."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotegraph.ingest import read_paths
from quotegraph.ingest.warc import capture_date, url_id
from quotegraph.model import Article, Rejected

PAGE = """<!doctype html><html><head><title>Council vote {n}</title></head><body><article>
<h1>Council vote {n}</h1>
<p>The council met on Tuesday to decide the budget for the coming year, after weeks of argument.</p>
<p>"We will not cut the libraries," said Maria Lopez, the council leader, speaking after the vote {n}.</p>
<p>Opposition members said the plan relied on reserves that would run out within two years.</p>
</article></body></html>"""


def generated_pages(n: int = 3) -> list[tuple[str, bytes]]:
    return [(f"page-{i}.html", PAGE.format(n=i).encode("utf-8")) for i in range(n)]


def pages(shared: Path | None) -> list[tuple[str, bytes]]:
    """The realnews pages when ../shared has them, else small generated pages."""
    folder = shared / "corpora" / "realnews" / "pages" if shared else None
    if folder and folder.is_dir():
        return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.html"))]
    return generated_pages()


def write_warc(path: Path, items: list[tuple[str, bytes]], *, gz: bool = True, extra=None) -> Path:
    """A crawl file: a request and a response record per page, as crawlers write them."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for name, body in items:
            url = f"https://www.example.org/news/{name}"
            req = StatusAndHeaders("GET /news/{name} HTTP/1.1", [("Host", "www.example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                          warc_headers_dict={"WARC-Date": "2021-08-16T09:30:00Z"}))
        for url, status, ctype, body in extra or ():
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return path


def test_capture_date_and_url_id():
    assert capture_date("2021-08-16T09:30:00Z") == "2021-08-16"
    assert capture_date("yesterday") is None and capture_date(None) is None
    assert url_id("https://www.bbc.co.uk/news/uk-politics-58234.html?x=1") == "bbc.co.uk/news/uk-politics-58234"
    assert url_id("http://example.org/") == "example.org"


@pytest.mark.parametrize("gz", [True, False])
def test_responses_become_the_same_articles_as_the_pages(tmp_path, gz):
    items = generated_pages(3)
    for name, body in items:
        (tmp_path / name).write_bytes(body)
    warc = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), items, gz=gz)
    direct = [a for a in read_paths([tmp_path / n for n, _ in items])]
    crawled = list(read_paths([warc]))
    assert [type(a) for a in crawled] == [Article] * 3
    assert [a.text for a in crawled] == [a.text for a in direct]
    assert [a.url for a in crawled] == [f"https://www.example.org/news/{n}" for n, _ in items]
    assert [a.date for a in crawled] == ["2021-08-16"] * 3  # the pages carry no date: the capture date
    assert crawled[0].id == "example.org/news/page-0" and crawled[0].origin.startswith(f"{warc}@")


def test_bad_records_are_rejected_one_by_one(tmp_path):
    extra = [("https://example.org/missing", "404 Not Found", "text/html", b"<html><body>gone</body></html>"),
             ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50),
             ("https://example.org/empty", "200 OK", "text/html", b"<html><body><nav>Home</nav></body></html>")]
    warc = write_warc(tmp_path / "crawl.warc.gz", generated_pages(2), extra=extra)
    items = list(read_paths([warc]))
    assert [type(i) for i in items] == [Article, Article, Rejected, Rejected, Rejected]
    codes = [(r.code, r.reason) for r in items[2:]]
    assert codes[0][0] == "E110" and "HTTP status 404" in codes[0][1]
    assert codes[1][0] == "E110" and "image/png is not an HTML page" in codes[1][1]
    assert codes[2][0] == "E109"
    assert all(r.origin.startswith(f"{warc}@") for r in items[2:])


def test_a_crawl_cut_off_mid_record_keeps_the_records_before(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc", generated_pages(3), gz=False)
    data = warc.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    items = list(read_paths([cut]))
    assert [type(i) for i in items] == [Article, Article, Rejected]
    assert items[-1].code == "E114" and "breaks off" in items[-1].reason and "@" in items[-1].origin


def test_directory_walk_and_sniffing_find_crawls(tmp_path):
    write_warc(tmp_path / "a.warc.gz", generated_pages(2))
    write_warc(tmp_path / "noname", generated_pages(1), gz=False)
    found = list(read_paths([tmp_path]))
    assert len(found) == 2  # "noname" has no suffix: directories take only known suffixes
    assert [type(a) for a in read_paths([tmp_path / "noname"])] == [Article]


@pytest.mark.integration
def test_batch_over_a_crawl_gives_the_statements_of_the_pages(tmp_path, repo_root):
    # batch output needs the `batch` extra; a plain `pip install .` has no pyarrow
    pytest.importorskip("pyarrow", reason="needs the batch extra (pip install 'quotegraph[batch]')")
    from quotegraph.batch.parquet import read_documents
    from quotegraph.batch.run import run_batch
    from quotegraph import load_pipeline

    shared = repo_root.parent / "shared"
    items = pages(shared if shared.is_dir() else None)[:4]
    for name, body in items:
        (tmp_path / name).write_bytes(body)
    warc = write_warc(tmp_path / "crawl.warc.gz", items)
    out = tmp_path / "out"
    report = run_batch([warc], out, processes=1, partition_size=2)
    assert not report.failed
    batch = [d for d in read_documents(out)]
    pipe = load_pipeline()
    direct = [pipe(a) if isinstance(a, Article) else a for a in read_paths([tmp_path / n for n, _ in items])]

    def statements(doc):
        return [(q.type, q.text, q.speaker.name if q.speaker else None, [s.to_dict() for s in q.spans]) for q in doc.quotes]

    assert len(batch) == len(direct)
    for b, d in zip(batch, direct):
        assert type(b) is type(d)
        if not isinstance(d, Rejected):
            assert b.text == d.text and statements(b) == statements(d)
    assert sum(len(d.quotes) for d in batch if not isinstance(d, Rejected)) > 0
