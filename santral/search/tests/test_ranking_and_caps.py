"""Ranking levels read in recency order, paging, and the capped count (on SQLite and PostgreSQL)."""

import random
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from santral.search import selectors
from santral.search.indexing import index_entries
from santral.search.providers import IndexEntry
from santral.search.selectors import search

# For the query "kadin yol":
TITLES = [
    ("Kadin Yol Haritası", 4),  # every word as typed
    ("Kadın Yol Haritası", 3),  # every word in full
    ("Kadın Yolu Üzerine", 2),  # every word, "yol" only as a prefix
    ("Kadın Turu Düzenlendi", 1),  # one word of two in the title
    ("Haftalık Bülten", 0),  # body only
]
BODY = "Bu hafta kadın yolu ve kadin yol haritası konuşuldu."
QUERY = "kadin yol"


def _items(count: int, seed: int) -> list[tuple[str, IndexEntry, int, object]]:
    rng = random.Random(seed)
    start = timezone.make_aware(datetime(2020, 1, 1, 12, 0))
    items = []
    for number in range(count):
        title, level = rng.choice(TITLES)
        # Some share a day (ties: higher id first), some have no date (last in their level).
        when = None if number % 9 == 0 else start + timedelta(days=rng.randrange(0, 30))
        entry = IndexEntry(kind="news", title=title, url=f"/{number}/", body=BODY, date=when)
        items.append((f"test:{number}", entry, level, when))
    return items


@pytest.mark.django_db
def test_pages_follow_levels_then_recency_then_id():
    items = _items(60, seed=4)
    index_entries([(source, entry) for source, entry, _, _ in items])
    whole = search(user=None, query=QUERY, page_size=100)
    assert whole.count == 60 and not whole.count_is_capped
    from santral.search.models import SearchDocument

    ids = dict(SearchDocument.objects.values_list("source", "pk"))
    expected = sorted(
        items,
        key=lambda item: (
            item[2],
            item[3] is not None,
            (item[3].date() if item[3] else None) or 0,
            ids[item[0]],
        ),
        reverse=True,
    )
    got = [hit.document.source for hit in whole.hits]
    assert got == [source for source, *_ in expected]
    # Small pages, each read with its own bounded per-level lists, give the same order.
    paged = []
    for page in range(1, 8):
        paged += [
            hit.document.source
            for hit in search(user=None, query=QUERY, page=page, page_size=9).hits
        ]
    assert paged == got


@pytest.mark.django_db
def test_count_is_capped_and_facets_count_the_newest(monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    items = _items(12, seed=7)
    index_entries([(source, entry) for source, entry, _, _ in items])
    result = search(user=None, query="kadin")
    assert result.count == 5
    assert result.count_is_capped
    assert result.page_count == 1
    assert sum(value.count for value in result.facets["type"]) == 5
    newest_years = sorted(
        (when.year if when else None for *_, when in items),
        key=lambda year: (year is not None, year or 0),
        reverse=True,
    )
    assert sum(value.count for value in result.facets["year"]) == sum(
        1 for year in newest_years[:5] if year is not None
    )
    assert not search(user=None, query="bülten").count_is_capped


@pytest.mark.django_db
def test_capped_count_on_the_page_and_api(client, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    index_entries([(source, entry) for source, entry, _, _ in _items(12, seed=7)])
    page = client.get("/arama/", {"q": "kadin"})
    assert "5&#x27;den fazla sonuç" in page.content.decode() or "5'den fazla sonuç" in (
        page.content.decode()
    )
    assert "Sayılar en yeni 5 sonuca göre." in page.content.decode()
    api = client.get("/api/v1/search/", {"q": "kadin"}).json()
    assert api["count"] == 5
    assert api["count_is_capped"] is True
