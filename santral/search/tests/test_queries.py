"""Turkish and English queries and their expected results, run on SQLite and PostgreSQL."""

import pytest

from santral.search.selectors import search

from .conftest import keys

# (query, must find, must not find, must be first or None)
QUERIES = [
    # İ / I
    ("İSTANBUL", {"ist_dotted", "ist_plain"}, set(), None),
    ("istanbul", {"ist_dotted", "ist_plain"}, set(), None),
    ("Istanbul", {"ist_dotted", "ist_plain"}, set(), None),
    ("İstanbul", {"ist_dotted", "ist_plain"}, set(), None),
    ("ıstanbul", {"ist_plain"}, {"ist_dotted"}, None),
    ("ISPARTA", {"isparta"}, set(), None),
    ("ısparta", {"isparta"}, set(), None),
    ("isparta", {"isparta"}, set(), None),
    ("İsparta", {"isparta"}, set(), None),
    ("ılık", {"ilik_warm"}, {"ilik_title", "ilik_lower"}, None),
    ("ilik", {"ilik_title", "ilik_lower", "ilik_warm"}, set(), None),
    ("İlik", {"ilik_title", "ilik_lower"}, {"ilik_warm"}, None),
    ("ILIK", {"ilik_title", "ilik_lower", "ilik_warm"}, set(), None),
    ("DİYARBAKIR", {"diyarbakir"}, set(), "diyarbakir"),
    ("ığdır", {"igdir"}, set(), "igdir"),
    ("IĞDIR", {"igdir"}, set(), "igdir"),
    # typed without Turkish letters
    ("kadin", {"kadin"}, set(), "kadin"),
    ("KADIN", {"kadin"}, set(), "kadin"),
    ("sagligi", {"saglik"}, set(), "saglik"),
    ("cevre", {"cevre"}, set(), "cevre"),
    ("gunes", {"gunes"}, set(), "gunes"),
    ("isci", {"isci"}, set(), "isci"),
    ("ogrenci", {"ogrenci"}, set(), "ogrenci"),
    ("odenek", {"odenek"}, set(), "odenek"),
    ("sehir", {"sehir"}, set(), "sehir"),
    ("igdir", {"igdir"}, set(), "igdir"),
    ("gonullu", {"sehir", "cevre"}, set(), None),
    # typed with Turkish letters
    ("kadın", {"kadin"}, set(), "kadin"),
    ("çevre", {"cevre"}, set(), "cevre"),
    ("işçi", {"isci"}, set(), "isci"),
    ("güneş", {"gunes"}, set(), "gunes"),
    # suffixes
    ("konseylerimizin", {"konsey"}, set(), "konsey"),
    ("konsey", {"konsey", "isparta", "diyarbakir", "igdir", "ist_dotted"}, set(), None),
    ("öğrencilerin", {"ogrenci"}, set(), "ogrenci"),
    ("kadınlar", {"kadin"}, set(), "kadin"),
    ("kadinlar", {"kadin"}, set(), "kadin"),
    ("engellilerin", {"engelli"}, set(), "engelli"),
    ("sağlık", {"saglik"}, set(), "saglik"),
    ("konseyler", {"ist_dotted"}, set(), None),
    # phrases
    ('"gençlik meclisi"', {"genclik"}, {"genclik_apart"}, "genclik"),
    ("gençlik meclisi", {"genclik", "genclik_apart"}, set(), None),
    ('"meclis gündemi"', {"genclik_apart"}, {"genclik"}, "genclik_apart"),
    ('"sıfır atık semineri"', {"waste_old", "waste_new"}, set(), None),
    # prefixes (search as you type)
    ("genç", {"genclik", "genclik_apart"}, set(), None),
    ("bisik", {"bike_title", "bike_body", "ilik_warm"}, set(), None),
    ("kons", {"konsey", "isparta"}, set(), None),
    ("deklar", {"konsey"}, set(), "konsey"),
    ("ist", {"ist_dotted", "ist_plain"}, set(), None),
    # English, stemmed as English
    ("meeting", {"english"}, set(), "english"),
    ("council", {"english"}, set(), "english"),
    ("climate adapting", {"english"}, set(), "english"),
    ("flood", {"english"}, set(), "english"),
    # several words are ANDed
    ("kent konseyi isparta", {"isparta"}, {"diyarbakir", "igdir"}, "isparta"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found", "absent", "first"), QUERIES, ids=[q[0] for q in QUERIES]
)
def test_query(corpus, query, found, absent, first):
    result = search(user=None, query=query, page_size=100)
    got = keys(result)
    assert found <= set(got), f"{query!r}: missing {found - set(got)} in {got}"
    assert not (absent & set(got)), f"{query!r}: should not find {absent & set(got)}"
    if first:
        assert got[0] == first, f"{query!r}: {got}"
    assert result.count == len(got)


def test_there_are_at_least_forty_queries():
    assert len(QUERIES) >= 40


@pytest.mark.django_db
def test_exact_form_ranks_first(corpus):
    # "ilik" matches İlik and Ilık; the form typed (dotted i) comes first.
    got = keys(search(user=None, query="ilik"))
    assert got.index("ilik_warm") > max(got.index("ilik_title"), got.index("ilik_lower"))
    # ASCII "ISTANBUL" reads as ıstanbul: it finds both spellings, ISTANBUL first.
    assert keys(search(user=None, query="ISTANBUL"))[0] == "ist_plain"
    assert set(keys(search(user=None, query="ISTANBUL"))) == {"ist_plain", "ist_dotted"}


@pytest.mark.django_db
def test_title_ranks_over_body(corpus):
    got = keys(search(user=None, query="bisiklet yolları"))
    assert got[:2] == ["bike_title", "bike_body"]


@pytest.mark.django_db
def test_recent_items_slightly_ahead(corpus):
    got = keys(search(user=None, query="sıfır atık"))
    assert got.index("waste_new") < got.index("waste_old")


@pytest.mark.django_db
def test_typo_is_corrected_from_title_words(corpus):
    result = search(user=None, query="deklerasyonu")
    assert result.corrected_query == "deklarasyonu"
    assert keys(result) == ["konsey"]
    assert search(user=None, query="zzzzqqq").count == 0
