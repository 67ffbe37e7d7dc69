"""Who may create and publish what, where; drafts and archived items in public places."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from santral.content.factories import home_of, make_document_page, make_news, make_publication
from santral.content.models import DocumentPage, InfoPage, NewsPage, PublicationPage
from santral.content.services import (
    content_archive,
    content_page_create,
    content_page_publish,
    council_moderation_set,
)
from santral.events.factories import make_event
from santral.events.models import EventPage

pytestmark = pytest.mark.django_db

PAGE_BUILDERS = {
    "news": lambda: NewsPage(title="Yeni haber", slug="yeni-haber"),
    "page": lambda: InfoPage(title="Hakkımızda", slug="hakkimizda"),
    "document": lambda: DocumentPage(
        title="Karar", slug="karar", document_type="decision", document_date=date(2026, 1, 5)
    ),
    "publication": lambda: PublicationPage(
        title="Broşür", slug="brosur", publication_kind="brochure"
    ),
    "event": lambda: EventPage(
        title="Toplantı",
        slug="toplanti",
        start_at="2026-12-01T10:00+03:00",
        end_at="2026-12-01T12:00+03:00",
        venue="Salon",
    ),
}
MAKERS = {
    "news": make_news,
    "document": make_document_page,
    "publication": make_publication,
    "event": make_event,
}
LIST_URLS = {
    "news": "haberler",
    "document": "belgeler",
    "publication": "yayinlar",
    "event": "etkinlikler",
}
API_URLS = {
    "news": "news",
    "document": "documents",
    "publication": "publications",
    "event": "events",
}


@pytest.mark.parametrize("kind", sorted(PAGE_BUILDERS))
def test_editor_of_a_cannot_create_or_publish_in_b(cast, kind):
    with pytest.raises(PermissionDenied):
        content_page_create(
            actor=cast.editor_a,
            parent=home_of(cast.council_b),
            page=PAGE_BUILDERS[kind](),
            publish=True,
        )
    with pytest.raises(PermissionDenied):
        content_page_create(
            actor=cast.editor_a, parent=home_of(cast.council_b), page=PAGE_BUILDERS[kind]()
        )


@pytest.mark.parametrize("kind", sorted(PAGE_BUILDERS))
def test_editor_of_a_creates_and_publishes_in_a(cast, kind):
    page = content_page_create(
        actor=cast.editor_a,
        parent=home_of(cast.council_a),
        page=PAGE_BUILDERS[kind](),
        publish=True,
    )
    assert page.live
    assert page.council == cast.council_a


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_editor_of_a_cannot_publish_a_draft_of_b(cast, kind):
    draft = MAKERS[kind](cast.council_b, publish=False)
    with pytest.raises(PermissionDenied):
        content_page_publish(actor=cast.editor_a, page=draft)
    draft.refresh_from_db()
    assert not draft.live


@pytest.mark.parametrize("user", ["member_a", "treasurer_a", "outsider"])
def test_people_without_the_capability_cannot_create(cast, user):
    with pytest.raises(PermissionDenied):
        content_page_create(
            actor=getattr(cast, user), parent=home_of(cast.council_a), page=PAGE_BUILDERS["news"]()
        )


def test_only_platform_admins_write_platform_material(cast):
    with pytest.raises(PermissionDenied):
        content_page_create(actor=cast.admin_a, parent=home_of(None), page=PAGE_BUILDERS["news"]())
    page = content_page_create(
        actor=cast.platform_admin, parent=home_of(None), page=PAGE_BUILDERS["news"](), publish=True
    )
    assert page.council is None and page.live


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_drafts_are_invisible_to_the_public_and_the_api(client, cast, kind):
    draft = MAKERS[kind](cast.council_a, publish=False, title=f"Gizli taslak {kind}")
    assert client.get(draft.url or f"/seyhan/{draft.slug}/").status_code == 404
    for url in (f"/{LIST_URLS[kind]}/", f"/seyhan/{LIST_URLS[kind]}/"):
        assert "Gizli taslak" not in client.get(url).content.decode()
    rows = client.get(f"/api/v1/{API_URLS[kind]}/").json()["results"]
    assert all(row["title"] != draft.title for row in rows)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_archived_items_leave_lists_but_keep_their_url(client, cast, kind):
    page = MAKERS[kind](cast.council_a, title=f"Eski içerik {kind}")
    assert "Eski içerik" in client.get(f"/{LIST_URLS[kind]}/").content.decode()
    content_archive(actor=cast.editor_a, page=page)
    for url in (f"/{LIST_URLS[kind]}/", f"/seyhan/{LIST_URLS[kind]}/"):
        assert "Eski içerik" not in client.get(url).content.decode()
    rows = client.get(f"/api/v1/{API_URLS[kind]}/").json()["results"]
    assert all(row["title"] != page.title for row in rows)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "arşivlendi" in response.content.decode()


def test_editor_of_b_cannot_archive_a_item(cast):
    page = make_news(cast.council_a)
    with pytest.raises(PermissionDenied):
        content_archive(actor=cast.editor_b, page=page)


def test_two_step_moderation_stops_editors_but_not_admins(cast):
    council_moderation_set(actor=cast.admin_a, council=cast.council_a, enabled=True)
    with pytest.raises(PermissionDenied):
        content_page_create(
            actor=cast.editor_a,
            parent=home_of(cast.council_a),
            page=PAGE_BUILDERS["news"](),
            publish=True,
        )
    draft = content_page_create(
        actor=cast.editor_a, parent=home_of(cast.council_a), page=PAGE_BUILDERS["news"]()
    )
    with pytest.raises(PermissionDenied):
        content_page_publish(actor=cast.editor_a, page=draft)
    assert content_page_publish(actor=cast.admin_a, page=draft).live
    with pytest.raises(PermissionDenied):
        council_moderation_set(actor=cast.editor_a, council=cast.council_a, enabled=False)


def test_moderation_attaches_a_wagtail_workflow_for_the_admins(cast):
    from wagtail.models import WorkflowPage

    council_moderation_set(actor=cast.admin_a, council=cast.council_a, enabled=True)
    workflow = WorkflowPage.objects.get(page=home_of(cast.council_a)).workflow
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == [
        f"santral:council:{cast.council_a.pk}:council_admin"
    ]
    council_moderation_set(actor=cast.admin_a, council=cast.council_a, enabled=False)
    assert not WorkflowPage.objects.filter(page=home_of(cast.council_a)).exists()


def test_backoffice_refuses_adding_a_page_under_another_council(client, cast):
    client.force_login(cast.editor_a)
    home_b = home_of(cast.council_b)
    response = client.get(f"/admin/pages/add/content/newspage/{home_b.pk}/")
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/pages/add/content/newspage/{home_b.pk}/",
        {"title": "Sızma", "slug": "sizma", "action-publish": "1"},
    )
    assert response.status_code in (302, 403)
    assert not NewsPage.objects.filter(slug="sizma").exists()
    home_a = home_of(cast.council_a)
    assert client.get(f"/admin/pages/add/content/newspage/{home_a.pk}/").status_code == 200


def test_backoffice_refuses_editing_another_councils_page(client, cast):
    page = make_news(cast.council_b)
    client.force_login(cast.editor_a)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_unpublished_items_leave_lists(client, cast, kind):
    page = MAKERS[kind](cast.council_a, title=f"Geri çekilen {kind}")
    assert "Geri çekilen" in client.get(f"/{LIST_URLS[kind]}/").content.decode()
    page.unpublish()
    assert "Geri çekilen" not in client.get(f"/{LIST_URLS[kind]}/").content.decode()
    rows = client.get(f"/api/v1/{API_URLS[kind]}/").json()["results"]
    assert all(row["title"] != page.title for row in rows)


def test_backoffice_search_and_explorer_show_only_own_council(client, cast):
    own = make_news(cast.council_a, title="Seyhan gizli başlık")
    other = make_news(cast.council_b, title="Çukurova gizli başlık")
    client.force_login(cast.editor_a)
    html = client.get("/admin/pages/search/", {"q": "gizli"}).content.decode()
    assert own.title in html
    assert other.title not in html
    explorer = client.get(f"/admin/pages/{home_of(cast.council_b).pk}/")
    assert other.title not in explorer.content.decode()
