"""One address scheme for a council: everything below /<slug>/, old /konseyler/<slug>/ → 301."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# url name, kwargs (slug filled in), the new path below /<slug>/
NEW_PATHS = [
    ("budget:public", {"year": 2026}, "butce/2026/"),
    ("budget:public-export", {"year": 2026, "fmt": "csv"}, "butce/2026/rapor.csv"),
    ("outreach:representation", {}, "temsil/"),
    ("outreach:representation-csv", {}, "temsil.csv"),
    ("outreach:subscribe", {}, "bulten/"),
    ("outreach:subscribe-sent", {}, "bulten/gonderildi/"),
    ("opendata:council", {}, "acik-veri/"),
    ("opendata:dataset", {"key": "etkinlikler"}, "acik-veri/etkinlikler/"),
    ("opendata:council-catalogue", {"fmt": "jsonld"}, "katalog.jsonld"),
]

SLUG_KWARG = {"budget": "slug", "opendata": "slug", "outreach": "council_slug"}


@pytest.mark.parametrize(("name", "kwargs", "tail"), NEW_PATHS)
def test_a_councils_pages_live_below_its_own_address(client, cast, name, kwargs, tail):
    slug = cast.council_a.slug
    url = reverse(name, kwargs={SLUG_KWARG[name.split(":")[0]]: slug, **kwargs})
    assert url == f"/{slug}/{tail}"
    # A dataset page needs its data (santral/opendata/tests cover it); the rest answer 200.
    expected = 404 if name == "opendata:dataset" else 200
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("prefix", ["", "/en", "/ar"])
@pytest.mark.parametrize(("name", "kwargs", "tail"), NEW_PATHS)
def test_old_addresses_answer_301_to_the_new_one(client, cast, prefix, name, kwargs, tail):
    slug = cast.council_a.slug
    response = client.get(f"{prefix}/konseyler/{slug}/{tail}")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/{slug}/{tail}"


def test_old_address_keeps_the_query_string_and_a_post_keeps_its_method(client, cast):
    slug = cast.council_a.slug
    response = client.get(f"/konseyler/{slug}/temsil/", {"donem": "2026"})
    assert response["Location"] == f"/{slug}/temsil/?donem=2026"
    response = client.post(f"/en/konseyler/{slug}/bulten/", {"email": "a@ornek.test"})
    assert response.status_code == 308
    assert response["Location"] == f"/en/{slug}/bulten/"
    # The old address of the council itself leads to its home page.
    assert client.get(f"/konseyler/{slug}/")["Location"] == f"/{slug}/"


@pytest.mark.parametrize(
    "path",
    [
        "/yok-boyle/butce/2026/",
        "/yok-boyle/butce/2026/rapor.csv",
        "/yok-boyle/temsil/",
        "/yok-boyle/bulten/",
        "/yok-boyle/acik-veri/",
        "/yok-boyle/katalog.jsonld",
        "/konseyler/yok-boyle/",
        "/konseyler/yok-boyle/butce/2026/",
        "/en/konseyler/yok-boyle/temsil/",
    ],
)
def test_a_slug_that_is_no_council_answers_404(client, cast, path):
    assert client.get(path).status_code == 404
