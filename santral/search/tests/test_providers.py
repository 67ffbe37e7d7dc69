import pytest
from django.core.management import call_command

from santral.councils.factories import BodyFactory, CouncilFactory
from santral.councils.services import council_update
from santral.search.models import SearchDocument
from santral.search.selectors import search


def _titles(query, user=None):
    return [hit.document.title for hit in search(user=user, query=query).hits]


@pytest.mark.django_db
def test_councils_and_bodies_are_indexed_on_save(cast):
    council_hit = search(user=None, query="seyhan").hits[0]
    assert council_hit.document.title == "Seyhan Kent Konseyi"
    assert council_hit.document.url == cast.council_a.get_absolute_url() != ""
    BodyFactory(council=cast.council_a, name="Kadın Meclisi", slug="kadin-meclisi", kind="assembly")
    hits = search(user=None, query="kadin meclisi").hits
    assert [hit.document.title for hit in hits] == ["Kadın Meclisi"]
    assert hits[0].document.url.endswith("/kurullar/kadin-meclisi/")
    assert hits[0].document.council == cast.council_a


@pytest.mark.django_db
def test_council_rename_reindexes_council_and_bodies(cast):
    body = BodyFactory(council=cast.council_a, name="Çevre Çalışma Grubu", slug="cevre")
    council_update(
        actor=cast.platform_admin, council=cast.council_a, name="Yeni Seyhan Kent Konseyi"
    )
    assert _titles("yeni seyhan") == ["Yeni Seyhan Kent Konseyi", "Çevre Çalışma Grubu"]
    body_doc = SearchDocument.objects.get(source=f"councils.body:{body.pk}")
    assert "Yeni Seyhan" in body_doc.body


@pytest.mark.django_db
def test_inactive_bodies_and_councils_leave_the_index(cast):
    body = BodyFactory(council=cast.council_a, name="Afet Çalışma Grubu", slug="afet")
    assert _titles("afet") == ["Afet Çalışma Grubu"]
    body.is_active = False
    body.save()
    assert _titles("afet") == []
    body.is_active = True
    body.save()
    council_update(actor=cast.platform_admin, council=cast.council_a, status="inactive")
    assert _titles("afet") == []
    assert _titles("seyhan") == []


@pytest.mark.django_db
def test_delete_removes_entries(cast):
    body = BodyFactory(council=cast.council_b, name="Engelliler Meclisi", slug="engelliler")
    assert _titles("engelliler") == ["Engelliler Meclisi"]
    body.delete()
    assert _titles("engelliler") == []


@pytest.mark.django_db
def test_rebuild_command_recreates_the_same_index(cast, corpus):
    BodyFactory(council=cast.council_a, name="Gençlik Meclisi", slug="genclik", kind="assembly")
    before = sorted(
        SearchDocument.objects.exclude(source__startswith="test:").values_list("source", "title")
    )
    call_command("search_rebuild", verbosity=0)
    after = sorted(SearchDocument.objects.values_list("source", "title"))
    # Test-only entries have no provider, so a rebuild drops them; provider entries come back.
    assert after == before
    assert _titles("gençlik meclisi") == ["Gençlik Meclisi"]


@pytest.mark.django_db
def test_failed_save_leaves_index_unchanged(cast):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BodyFactory(council=cast.council_a, name="Kooperatif Grubu", slug="koop")
        BodyFactory(council=cast.council_a, name="Kooperatif İkinci", slug="koop")
    assert _titles("kooperatif") == []


@pytest.mark.django_db
def test_new_council_is_found_without_turkish_letters(db):
    council = CouncilFactory(name="Karataş Kent Konseyi", slug="karatas-kk")
    assert council.pk
    assert "Karataş Kent Konseyi" in _titles("karatas")
