"""Properties: any Document survives the Arrow tables exactly; partitioning never changes the rows."""

from __future__ import annotations

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batch_helpers import articles, hand_document, hand_loader, write_jsonl
from quotegraph.batch.run import run_batch
from quotegraph.batch.tables import TABLES, from_tables, to_tables
from quotegraph.ingest import read_paths
from quotegraph.model import QUOTE_TYPES, SPEAKER_KINDS, Document, Entity, Mention, Quotation, Rejected, Span, Speaker, Warning

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
MAYBE = st.none() | TEXT
# said_on as the contract gives it: a day, a month or a year (a real date column in Parquet)
SAID_ON = st.none() | st.dates().flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]]))


@st.composite
def mentions(draw, text: str):
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Mention.of(text, start, end)


@st.composite
def documents(draw):
    text = draw(TEXT)
    maybe_mention = st.none() | mentions(text)
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        bounds = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
        spans = [Span(a, b) for a, b in zip(bounds[::2], bounds[1::2])]
        speaker = draw(st.none() | st.builds(Speaker, TEXT, st.sampled_from(SPEAKER_KINDS), maybe_mention))
        quotes.append(Quotation(
            draw(st.sampled_from(QUOTE_TYPES)), spans, draw(TEXT), speaker, draw(maybe_mention), draw(MAYBE),
            draw(maybe_mention), draw(SAID_ON), draw(maybe_mention), draw(st.lists(TEXT, max_size=3)),
            draw(st.lists(TEXT, max_size=3)), draw(st.floats(0, 1)),
        ))
    entities = [Entity(draw(TEXT), draw(st.sampled_from(SPEAKER_KINDS)), draw(st.lists(mentions(text), max_size=3)))
                for _ in range(draw(st.integers(0, 3)))]
    warnings = draw(st.lists(st.builds(Warning, TEXT, TEXT, st.none() | st.integers(0, 9), st.none() | st.integers(0, 9)),
                             max_size=2))
    return Document(draw(TEXT), text, draw(MAYBE), draw(MAYBE), draw(MAYBE), draw(MAYBE), quotes, entities, warnings)


RESULTS = documents() | st.builds(Rejected, MAYBE, TEXT, st.sampled_from(["E105", "E202", "E501"]), TEXT)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RESULTS, max_size=5))
def test_any_result_round_trips_through_the_tables(results):
    back = list(from_tables(to_tables([None] * len(results), results)))
    assert [r.to_dict() for r in back] == [r.to_dict() for r in results]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(1, 14), processes=st.sampled_from([1, 2]))
def test_partition_size_and_processes_never_change_the_rows(tmp_path_factory, size, processes):
    root = tmp_path_factory.mktemp("prop")
    src = write_jsonl(root / "in.jsonl", articles(13))
    run_batch([src], root / "out", partition_size=size, processes=processes, loader=hand_loader)
    assert len(list((root / "out" / "documents").iterdir())) == -(-13 // size)
    items = list(read_paths([src]))
    expected = to_tables(items, [hand_document(a) for a in items])
    for table in TABLES:
        got = pq.read_table(root / "out" / table).drop_columns(["doc_index"])
        want = expected[table].drop_columns(["doc_index"])
        assert got.to_pylist() == want.to_pylist(), table


def test_every_document_and_rejection_field_has_a_documents_column():
    # a field added to Document or Rejected becomes a column of the documents table (a list of records that
    # has a table of its own becomes a count), without a hand-written schema entry
    from quotegraph.batch.tables import SCHEMAS
    from quotegraph.model.record import fields_of

    names = set(SCHEMAS["documents"].names)
    counted = {"quotes": "n_quotes", "entities": "n_entities"}
    missing = [n for n, _ in [*fields_of(Document), *fields_of(Rejected)] if counted.get(n, n) not in names]
    assert not missing, f"fields without a documents column: {missing}"
    assert SCHEMAS["documents"].field("text").type == "large_string"
