"""PostgreSQL: every way a part of a search can read its rows gives the same answer.

The test corpus is small, so by default every part reads from the GIN index (the
bitmap way). These tests force the other ways: a walk of the newest rows that is
long enough, one too short (the gated bitmap finishes), and the sampled count.
"""

import time

import pytest
from django.db import connection

from santral.search import backends, postgres_plans
from santral.search.analysis import parse_query
from santral.search.selectors import COUNT_CAP, search

from .conftest import keys

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="plans are PostgreSQL's (SQLite has one way)"
)

QUERIES = [
    "kent",
    "tutanak",
    "istanbul",
    "İstanbul",
    "ılık",
    "ilik",
    "kadin",
    "konsey",
    "kent konseyi isparta",
    "gençlik meclisi",
    '"bisiklet yolları"',
    "sem",
    "climate",
    "yokboylebirkelime",
]


def _answers() -> dict[str, tuple[list[str], int]]:
    answers = {}
    for query in QUERIES:
        result = search(user=None, query=query, page_size=5)
        answers[query] = (keys(result), result.count)
    return answers


def _walk_always(monkeypatch, rows: tuple[int, int]) -> None:
    monkeypatch.setattr(backends, "BITMAP_ROWS", -1)
    monkeypatch.setattr(backends, "walk_is_cheaper", lambda *args: True)
    monkeypatch.setattr(backends, "TITLE_WALK_ROWS", rows)
    monkeypatch.setattr(backends, "BODY_WALK_ROWS", rows)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [(1, 1), (1_000_000, 1_000_000)], ids=["short", "whole"])
def test_walks_short_or_whole_give_the_bitmap_answers(corpus, monkeypatch, rows):
    expected = _answers()
    assert expected["ılık"][0] == ["ilik_warm"]
    assert expected["kent konseyi isparta"][0][0] == "isparta"

    _walk_always(monkeypatch, rows)
    walked = backends.PostgresBackend().newest(
        backends.Part(parse_query("kent"), backends.BODY, "1 = 1", [], 5, "d.id", "probe")
    )

    assert walked.ctes  # the parts walk
    assert _answers() == expected


@pytest.mark.django_db
def test_a_short_walk_is_finished_by_the_bitmap(corpus, monkeypatch):
    _walk_always(monkeypatch, (1, 1))
    statement_parts = []
    real = backends.PostgresBackend.newest

    def spy(self, *args, **kwargs):
        part = real(self, *args, **kwargs)
        statement_parts.append(part)
        return part

    monkeypatch.setattr(backends.PostgresBackend, "newest", spy)
    result = search(user=None, query="tutanak", page_size=5)

    assert len(result.hits) == 5  # a walk of 5 rows could not have found them all
    assert all(part.ctes and "rest_" in part.sql for part in statement_parts)


@pytest.mark.django_db
def test_a_sample_full_of_matches_counts_more_than_the_cap(corpus, monkeypatch):
    exact = search(user=None, query="tutanak", page_size=5)
    assert 0 < exact.count < COUNT_CAP and not exact.count_is_capped

    # As if the table held a million rows like these: the sample proves "more than the cap".
    big = postgres_plans.TableStats(rows=1_000_000.0, columns={}, read_at=time.monotonic())
    monkeypatch.setattr(backends, "table_stats", lambda: big)
    monkeypatch.setattr(backends, "SAMPLE_ROWS", 1_000_000)
    monkeypatch.setattr(backends, "SAMPLE_MATCHES", 1)
    sampled = search(user=None, query="tutanak", page_size=5)

    assert sampled.count_is_capped and sampled.count == COUNT_CAP
    assert keys(sampled) == keys(exact)

    # Too few matches in the sample: they are counted, exactly.
    monkeypatch.setattr(backends, "SAMPLE_MATCHES", 10_000)
    assert search(user=None, query="tutanak", page_size=5).count == exact.count


def test_estimates_from_lexeme_frequencies():
    stats = postgres_plans.ColumnStats(
        lexemes=["kadin", "kadinlar", "kent", "konsey"],
        frequencies=[0.2, 0.05, 0.5, 0.3],
        floor=0.01,
    )
    option = postgres_plans.Option
    assert stats.frequency(option("kent")) == 0.5
    assert stats.frequency(option("yok")) == 0.005  # outside the list: half its floor
    assert stats.frequency(option("kadin", prefix=True)) == pytest.approx(0.255)
    low, high = stats.density([[option("kent")], [option("konsey"), option("kent")]])
    assert (low, high) == (pytest.approx(0.25), 0.5)
    assert postgres_plans.walk_rows(10, 0.5, (50, 3_000)) == 120
    assert postgres_plans.walk_rows(10, 1e-9, (50, 3_000)) == 3_000
    assert postgres_plans.walk_rows(500, 0.9, (50, 3_000)) == 3_334
    assert postgres_plans.walk_rows(5_000, 0.001, (50, 3_000)) == 20_000
    assert postgres_plans.walk_is_cheaper(10, 0.5, 1_000_000, 25.0)
    assert not postgres_plans.walk_is_cheaper(10, 0.0001, 1_000_000, 25.0)
    assert not postgres_plans.walk_is_cheaper(1_000, 0.05, 1_000_000, 25.0)
