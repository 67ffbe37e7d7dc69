"""New entries of a fetched page are stored in one batch (santral.federation.bulk).

The pages a batch writes must be the pages the per-item path writes: a sound tree,
the same derived fields, in lists, search, the sitemap and the back office's editor.
"""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from santral.content.models import NewsPage, Topic
from santral.federation.factories import entry, make_source, page_of
from santral.federation.models import HarvestedItem, HarvestRun
from santral.federation.storing import harvest_entries

pytestmark = pytest.mark.django_db

# Derived per page whatever the path; everything else must be equal.
OWN_FIELDS = {
    "id",
    "page_ptr_id",
    "path",
    "slug",
    "title",
    "draft_title",
    "url_path",
    "translation_key",
    "first_published_at",
    "last_published_at",
    "search_text",
    "original_url",
}


def _run(source, entries) -> tuple[HarvestRun, list]:
    run = HarvestRun.objects.create(source=source)
    with CaptureQueriesContext(connection) as queries:
        harvest_entries(source, [page_of(*entries)], run)
    return run, queries.captured_queries


def _row(page: NewsPage) -> dict:
    return {
        field.attname: getattr(page, field.attname)
        for field in NewsPage._meta.concrete_fields
        if field.attname not in OWN_FIELDS
    }


def test_a_batch_makes_sound_pages_found_everywhere_in_constant_queries(cast, client):
    topic = Topic.objects.create(name="Gençlik")
    source = make_source(cast.council_a, topic_rules={"gençlik": "genclik"})
    # One new entry alone takes the per-item path (Wagtail's add_child): the reference.
    run, _queries = _run(source, [entry("tek", title="Tek gençlik haberi")])
    assert run.created == 1
    reference = NewsPage.objects.get()

    tens = [entry(f"on-{n}", title=f"Gençlik haberi {n}") for n in range(10)]
    run, ten_queries = _run(source, tens)
    assert (run.created, run.errors) == (10, 0)
    fifties = [entry(f"elli-{n}", title=f"Kıyı temizliği {n}") for n in range(50)]
    run, fifty_queries = _run(source, fifties)
    assert (run.created, run.errors) == (50, 0)
    assert len(fifty_queries) <= len(ten_queries) < 40  # per batch, not per entry

    assert not any(Page.find_problems())  # paths, depths, numchild: a sound tree
    home = Page.objects.get(pk=reference.get_parent().pk)
    assert home.numchild == home.get_children().count()
    assert NewsPage.objects.filter(is_harvested=True).count() == 61
    assert HarvestedItem.objects.filter(source=source).count() == 61

    batched = NewsPage.objects.get(title="Gençlik haberi 3")
    assert _row(batched) == _row(reference)  # council, is_listed, scope, locale, type …
    assert batched.url_path == f"{home.url_path}{batched.slug}/"
    assert batched.draft_title == batched.title and batched.search_text.startswith(batched.title)
    assert batched.get_parent().pk == home.pk and batched.live and batched.is_listed
    assert list(batched.topics.all()) == [topic]
    assert batched.first_published_at == datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    assert Page.objects.get(pk=batched.pk).specific_class is NewsPage

    listed = client.get("/seyhan/haberler/").content.decode()
    assert "Kıyı temizliği 49" in listed
    assert client.get(batched.url).status_code == 200
    assert (
        batched.url.removeprefix("http://localhost") in client.get("/sitemap.xml").content.decode()
    )
    found = client.get("/api/v1/search/", {"q": "kıyı temizliği"}).json()
    assert found["count"] == 50
    found = client.get("/api/v1/search/", {"q": "gençlik haberi 3"}).json()
    assert "Gençlik haberi 3" in [hit["title"] for hit in found["results"]]

    # The back office opens and publishes a batched page like any other.
    client.force_login(cast.editor_a)
    assert client.get(f"/admin/pages/{batched.pk}/edit/").status_code == 200
    batched.title = "Gençlik haberi 3 (düzeltildi)"
    batched.save_revision().publish()
    assert not any(Page.find_problems())
    assert NewsPage.objects.get(pk=batched.pk).title == "Gençlik haberi 3 (düzeltildi)"


def test_a_batch_beside_slugs_already_taken_stores_those_one_by_one(cast):
    source = make_source(cast.council_a)
    _run(source, [entry("a", title="Aynı başlık")])
    other = make_source(cast.council_a)  # another source, the same GUID: the same slug
    run, _queries = _run(other, [entry("a", title="Aynı başlık"), entry("b"), entry("c")])
    assert (run.created, run.errors) == (2, 1)  # Wagtail refuses the repeated slug
    assert run.last_error.startswith("Öğe «Aynı başlık» (a) kaydedilemedi:")
    assert not any(Page.find_problems())


def test_one_by_one_after_a_batch_in_the_same_run_takes_the_next_path(cast):
    source = make_source(cast.council_b)
    run = HarvestRun.objects.create(source=source)
    state = harvest_entries(source, [page_of(entry("1"), entry("2")), page_of(entry("3"))], run)
    assert (run.created, run.errors) == (3, 0)
    assert not any(Page.find_problems())
    # add_child (entry 3 and any later one by one) trusts the in-memory parent's numchild.
    assert state.parent.numchild == Page.objects.get(pk=state.parent.pk).numchild
