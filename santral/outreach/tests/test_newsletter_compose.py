"""Newsletter composition from recent content: only the council's own live items, the
period since the last sent newsletter, a constant number of queries, the list the body
gets, and the same list arriving through the task queue on a real SMTP server."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from santral.content.factories import make_document_page, make_news, make_publication
from santral.content.models import NewsPage
from santral.events.factories import make_event
from santral.outreach.factories import SubscriberFactory, TopicFactory
from santral.outreach.models import Newsletter, NewsletterStatus
from santral.outreach.selectors import recent_items
from santral.outreach.services import newsletter_add_items, newsletter_queue, newsletter_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://konsey.example.org"
    return settings.WAGTAILADMIN_BASE_URL


@pytest.fixture
def content(cast):
    a, b = cast.council_a, cast.council_b
    items = {
        "news": make_news(a, title="Park açıldı", intro="Yeni park hizmette."),
        "document": make_document_page(a, title="Genel kurul kararı"),
        "publication": make_publication(a, title="Faaliyet raporu", intro="2026 raporu."),
        "event": make_event(a, title="Gençlik buluşması", intro="Cumartesi."),
        "draft": make_news(a, title="Taslak haber", publish=False),
        "archived": make_news(a, title="Arşiv haberi", is_archived=True),
        "internal": make_event(a, title="İç toplantı", is_public=False),
        "old": make_news(a, title="Eski haber"),
        "foreign": make_news(b, title="Çukurova haberi"),
    }
    NewsPage.objects.filter(pk=items["old"].pk).update(
        first_published_at=timezone.now() - timedelta(days=90)
    )
    return items


def _newsletter(cast, council=None, body="Merhaba."):
    council = council or cast.council_a
    actor = cast.editor_a if council == cast.council_a else cast.editor_b
    topic = TopicFactory(council=council)
    return newsletter_save(
        actor=actor,
        newsletter=Newsletter(council=council, topic=topic, subject="Kasım", body=body),
    )


def test_only_the_councils_own_live_items_since_the_date(cast, content, site_url):
    since = timezone.now() - timedelta(days=30)
    titles = [item.title for item in recent_items(council=cast.council_a, since=since)]
    assert sorted(titles) == sorted(
        ["Park açıldı", "Genel kurul kararı", "Faaliyet raporu", "Gençlik buluşması"]
    )
    older = recent_items(council=cast.council_a, since=timezone.now() - timedelta(days=100))
    assert "Eski haber" in [item.title for item in older]
    [news] = [item for item in older if item.title == "Park açıldı"]
    assert news.url == f"{site_url}/{cast.council_a.slug}/{content['news'].slug}/"
    assert news.summary == "Yeni park hizmette."


def test_recent_items_take_a_constant_number_of_queries(cast, content):
    since = timezone.now() - timedelta(days=30)
    recent_items(council=cast.council_a, since=since)  # warm the site-root cache
    with CaptureQueriesContext(connection) as few:
        first = recent_items(council=cast.council_a, since=since)
    for number in range(6):
        make_news(cast.council_a, title=f"Ek haber {number}")
        make_event(cast.council_a, title=f"Ek etkinlik {number}")
    with CaptureQueriesContext(connection) as many:
        second = recent_items(council=cast.council_a, since=since)
    assert len(second) == len(first) + 12
    assert len(many.captured_queries) == len(few.captured_queries) <= 5


def test_the_body_gets_titles_summaries_and_absolute_links(cast, content, site_url):
    newsletter = _newsletter(cast)
    chosen = [content["news"].pk, content["event"].pk]
    updated = newsletter_add_items(actor=cast.editor_a, newsletter=newsletter, page_ids=chosen)
    body = updated.body
    assert body.startswith("Merhaba.\n\nSon içerikler\n")
    assert "• Park açıldı (Haber," in body and "  Yeni park hizmette." in body
    assert f"  {site_url}/{cast.council_a.slug}/{content['news'].slug}/" in body
    assert "Gençlik buluşması" in body and "Faaliyet raporu" not in body
    newsletter.refresh_from_db()
    assert newsletter.body == body


@pytest.mark.parametrize("which", ["draft", "archived", "internal", "foreign"])
def test_items_that_are_not_the_councils_live_content_are_refused(cast, content, which):
    newsletter = _newsletter(cast)
    with pytest.raises(ValidationError) as caught:
        newsletter_add_items(
            actor=cast.editor_a,
            newsletter=newsletter,
            page_ids=[content["news"].pk, content[which].pk],
        )
    assert "bu konseyin yayımlanmış içeriği değil" in caught.value.messages[0]
    newsletter.refresh_from_db()
    assert newsletter.body == "Merhaba."


def test_another_councils_editor_and_a_sent_newsletter_are_refused(cast, content):
    newsletter = _newsletter(cast)
    with pytest.raises(PermissionDenied):
        newsletter_add_items(
            actor=cast.editor_b, newsletter=newsletter, page_ids=[content["news"].pk]
        )
    Newsletter.objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.SENT)
    with pytest.raises(ValidationError):
        newsletter_add_items(
            actor=cast.editor_a, newsletter=newsletter, page_ids=[content["news"].pk]
        )
    newsletter.refresh_from_db()
    assert newsletter.body == "Merhaba."


def test_back_office_lists_items_since_the_last_sent_newsletter(client, cast, content):
    sent = _newsletter(cast)
    Newsletter.objects.filter(pk=sent.pk).update(
        status=NewsletterStatus.SENT, queued_at=timezone.now() - timedelta(days=1)
    )
    NewsPage.objects.filter(pk=content["news"].pk).update(
        first_published_at=timezone.now() - timedelta(days=2)
    )
    draft = _newsletter(cast)
    url = reverse("santral_outreach_newsletter", args=[cast.council_a.pk, draft.pk])
    client.force_login(cast.editor_a)
    titles = [item.title for item in client.get(url).context["recent"]]
    assert "Park açıldı" not in titles and "Genel kurul kararı" in titles
    titles = [item.title for item in client.get(url, {"gun": 7}).context["recent"]]
    assert "Park açıldı" in titles and "Eski haber" not in titles
    post = reverse("santral_outreach_newsletter_items", args=[cast.council_a.pk, draft.pk])
    response = client.post(post, {"items": [content["publication"].pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert "Faaliyet raporu" in draft.body
    assert client.get(post).status_code == 405  # a GET never writes


def test_back_office_of_another_council_answers_404(client, cast, content):
    draft = _newsletter(cast)
    client.force_login(cast.editor_b)
    post = reverse("santral_outreach_newsletter_items", args=[cast.council_a.pk, draft.pk])
    assert client.post(post, {"items": [content["news"].pk]}).status_code == 404
    draft.refresh_from_db()
    assert draft.body == "Merhaba."


def test_composed_newsletter_reaches_subscribers_with_its_links(
    cast, content, smtp_server, django_capture_on_commit_callbacks
):
    newsletter = _newsletter(cast)
    SubscriberFactory(council=cast.council_a, email="okur@ornek.test", topics=[newsletter.topic])
    newsletter_add_items(
        actor=cast.editor_a, newsletter=newsletter, page_ids=[content["publication"].pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_queue(actor=cast.editor_a, newsletter=newsletter)
    [mail] = smtp_server.to("okur@ornek.test")
    link = f"http://testserver/{cast.council_a.slug}/{content['publication'].slug}/"
    assert link in mail.links()
    newsletter.refresh_from_db()
    assert newsletter.deliveries.get().status == "sent"
