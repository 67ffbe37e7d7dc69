"""Newsletter screens: preview as the subscriber sees it, a test to oneself, edit until sent,
and labels that tell the subscription topic from the e-mail's subject."""

import pytest
from django.core import mail
from django.urls import reverse

from santral.core.models import AuditRecord
from santral.outreach.factories import SubscriberFactory, TopicFactory
from santral.outreach.forms import NewsletterForm
from santral.outreach.models import Delivery, Newsletter, NewsletterStatus
from santral.outreach.services import newsletter_queue, newsletter_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(cast):
    topic = TopicFactory(council=cast.council_a, name="Çevre ve iklim")
    return newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(
            council=cast.council_a, topic=topic, subject="Kasım bülteni", body="Merhaba komşular."
        ),
    )


def _url(name, newsletter):
    return reverse(name, args=[newsletter.council_id, newsletter.pk])


def test_preview_shows_the_mail_a_subscriber_gets(client, cast, newsletter):
    client.force_login(cast.editor_a)
    body = client.get(_url("santral_outreach_newsletter", newsletter)).content.decode()
    assert "Önizleme: abonenin göreceği e-posta" in body
    assert "<strong>Kasım bülteni</strong>" in body
    assert "Merhaba komşular." in body
    # The footer every subscriber gets: the council, the topic and the unsubscribe link.
    assert "Seyhan Kent Konseyi · Çevre ve iklim" in body
    assert "/bulten/ayril/" in body
    assert "Konu:" not in body


def test_test_send_goes_to_my_own_address_through_the_queue_and_is_audited(
    client, cast, newsletter, django_capture_on_commit_callbacks
):
    SubscriberFactory(council=cast.council_a, topics=[newsletter.topic])
    client.force_login(cast.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("santral_outreach_newsletter_test", newsletter))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [cast.editor_a.email]
    assert sent.subject == "[Deneme] Kasım bülteni"
    assert "Merhaba komşular." in sent.body
    record = AuditRecord.objects.get(action="newsletter.test_send")
    assert record.actor == cast.editor_a and record.after == {"to": cast.editor_a.email}
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT
    assert not Delivery.objects.exists()  # no subscriber got anything


def test_another_councils_editor_cannot_send_a_test(client, cast, newsletter):
    client.force_login(cast.editor_b)
    response = client.post(_url("santral_outreach_newsletter_test", newsletter))
    assert response.status_code == 404
    assert len(mail.outbox) == 0
    assert not AuditRecord.objects.filter(action="newsletter.test_send").exists()


def test_edit_until_sent_then_read_only(client, cast, newsletter):
    client.force_login(cast.editor_a)
    edit = _url("santral_outreach_newsletter_edit", newsletter)
    page = client.get(edit)
    assert page.status_code == 200
    response = client.post(
        edit, {"topic": newsletter.topic_id, "subject": "Aralık bülteni", "body": "Yeni metin."}
    )
    assert response.status_code == 302
    newsletter.refresh_from_db()
    assert newsletter.subject == "Aralık bülteni" and newsletter.body == "Yeni metin."

    newsletter_queue(actor=cast.editor_a, newsletter=newsletter)
    response = client.post(
        edit, {"topic": newsletter.topic_id, "subject": "Geç düzeltme", "body": "X"}, follow=True
    )
    assert "değiştirilemez" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.subject == "Aralık bülteni"
    body = client.get(_url("santral_outreach_newsletter", newsletter)).content.decode()
    assert edit not in body and "yalnızca okunur" in body


def test_labels_tell_the_subscription_topic_from_the_email_subject(cast):
    form = NewsletterForm(council=cast.council_a)
    assert form.fields["topic"].label == "Abonelik konusu (alıcılar)"
    assert form.fields["subject"].label == "E-posta konusu"
    assert form.fields["body"].label == "Bülten metni"
