"""Bulk loading (rebuild, benchmarks) writes the same index as one-by-one indexing."""

import pytest
from django.db import connection

from santral.search.backends import MAX_POSITION, TSVECTOR_OID, _TsvectorDumper, tsvector_binary
from santral.search.indexing import bulk_index, clear_index, index_entries
from santral.search.selectors import search

from .conftest import _corpus_items, keys

QUERIES = ["istanbul", "İstanbul", "ılık", "kadin", "konsey", '"bisiklet yolları"', "climate"]
QUERIES += ["deklerasyonu", "bisiklte"]


def _stored() -> list[tuple]:
    """Every document's source with its full-text part as the database stores it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT source, vector::text, title_vector::text FROM search_searchdocument "
                "ORDER BY source"
            )
        else:
            cursor.execute(
                "SELECT d.source, f.title_a, f.title_t, f.body_a, f.body_t "
                "FROM search_fts f JOIN search_searchdocument d ON d.id = f.rowid % 10000000000 "
                "ORDER BY d.source"
            )
        return cursor.fetchall()


def _vocabulary() -> list[tuple]:
    """The typo vocabulary: each word with its counts, and every word's dictionary keys."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, count, public FROM search_searchword ORDER BY word")
        words = cursor.fetchall()
        cursor.execute(
            "SELECT k.key, w.word FROM search_searchwordkey k "
            "JOIN search_searchword w ON w.id = k.word_id ORDER BY k.key, w.word"
        )
        return words + cursor.fetchall()


def _answers() -> dict[str, list[str]]:
    return {query: keys(search(user=None, query=query)) for query in QUERIES}


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [0, 2])
def test_bulk_index_stores_what_index_entries_stores(workers):
    index_entries(_corpus_items())
    expected_rows, expected_answers, vocabulary = _stored(), _answers(), _vocabulary()
    assert ("deklarasyonu", 1, 1) in vocabulary
    assert len(expected_rows) == len(_corpus_items())
    assert expected_answers["ılık"] == ["ilik_warm"]

    clear_index()
    written = bulk_index(_corpus_items(), batch_size=7, workers=workers)

    assert written == len(expected_rows)
    assert _stored() == expected_rows
    assert _vocabulary() == vocabulary
    assert _answers() == expected_answers


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="tsvector is PostgreSQL's type")
def test_binary_tsvector_positions_are_to_tsvector_s():
    words = ["kent", "konseyi"] * 300 + [f"w{n}" for n in range(MAX_POSITION + 50)] + ["son"]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE vectors (built tsvector, text text)")
        cursor.cursor.adapters.register_dumper(None, _TsvectorDumper)
        with cursor.cursor.copy("COPY vectors FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types([TSVECTOR_OID, "text"])
            copy.write_row([tsvector_binary(words, set()), " ".join(words)])
        cursor.execute("SELECT built = to_tsvector('simple', text) FROM vectors")
        assert cursor.fetchone() == (True,)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="tsvector is PostgreSQL's type")
def test_extras_share_a_position_past_the_words_and_make_no_phrase():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE vectors (built tsvector)")
        cursor.cursor.adapters.register_dumper(None, _TsvectorDumper)
        with cursor.cursor.copy("COPY vectors FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types([TSVECTOR_OID])
            copy.write_row([tsvector_binary(["kent", "konseyi"], {"konsey", "0kent", "kent"})])
        cursor.execute(
            "SELECT built::text, built @@ 'kent <-> konseyi'::tsquery, "
            "built @@ 'konsey <-> kent'::tsquery, built @@ 'konsey & ''0kent'''::tsquery "
            "FROM vectors"
        )
        text, phrase, extras_phrase, extras = cursor.fetchone()
    assert text == f"'0kent':{MAX_POSITION} 'kent':1 'konsey':{MAX_POSITION} 'konseyi':2"
    assert (phrase, extras_phrase, extras) == (True, False, True)
