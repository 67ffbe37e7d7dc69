import pytest

from santral.search.selectors import SearchFilters, search

from .conftest import keys


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "sees_a", "sees_b"),
    [
        (None, False, False),
        ("outsider", False, False),
        ("member_a", True, False),
        ("editor_a", True, False),
        ("admin_a", True, False),
        ("treasurer_a", True, False),
        ("editor_b", False, True),
        ("platform_admin", True, True),
    ],
)
def test_internal_entries_only_for_their_council(council_corpus, persona, sees_a, sees_b):
    user = getattr(council_corpus, persona) if persona else None
    got = set(keys(search(user=user, query="bütçe")))
    assert ("internal_a" in got) is sees_a
    assert ("internal_b" in got) is sees_b


@pytest.mark.django_db
def test_internal_entries_do_not_leak_through_facets_or_counts(council_corpus):
    result = search(user=None, query="bütçe")
    assert result.count == 0
    assert result.facets == {}
    result = search(user=council_corpus.editor_b, query="bütçe")
    assert result.count == 1
    assert [value.value for value in result.facets["council"]] == ["cukurova"]


@pytest.mark.django_db
def test_facets_count_every_match(council_corpus):
    result = search(user=council_corpus.platform_admin, query="semineri")
    # "Güneş Enerjisi Semineri", "İşçi Hakları … Semineri", and the two "Sıfır Atık Semineri"
    assert result.count == 4
    facets = {name: {v.value: v.count for v in values} for name, values in result.facets.items()}
    assert facets["type"] == {"news": 4}
    assert facets["council"] == {"seyhan": 4}
    assert facets["province"] == {"01": 4}
    assert facets["scope"] == {"local": 4}
    assert facets["topic"] == {"Çevre": 1}
    assert facets["year"] == {"2024": 2, "2019": 1, "2026": 1}
    labels = {v.value: v.label for v in result.facets["province"]}
    assert labels == {"01": "Adana"}


@pytest.mark.django_db
def test_filters_narrow_results_and_facets(council_corpus):
    admin = council_corpus.platform_admin
    assert search(user=admin, query="bütçe", filters=SearchFilters(types=["event"])).count == 1
    assert search(user=admin, query="bütçe", filters=SearchFilters(councils=["seyhan"])).count == 1
    assert search(user=admin, query="semineri", filters=SearchFilters(years=[2019])).count == 1
    assert search(user=admin, query="semineri", filters=SearchFilters(topics=["Çevre"])).count == 1
    assert (
        search(user=admin, query="semineri", filters=SearchFilters(scopes=["national"])).count == 0
    )
    assert search(user=admin, query="semineri", filters=SearchFilters(provinces=["06"])).count == 0
    assert search(user=admin, query="semineri", filters=SearchFilters(provinces=["01"])).count == 4
