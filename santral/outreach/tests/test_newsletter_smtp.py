"""Newsletter acceptance against a real SMTP server on loopback (aiosmtpd):
double opt-in, one-click unsubscribe, retry after a refusal, council isolation."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from santral.outreach.factories import SubscriberFactory, TopicFactory
from santral.outreach.mailing import deliver_batch
from santral.outreach.models import (
    Delivery,
    DeliveryStatus,
    Newsletter,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from santral.outreach.services import newsletter_queue, newsletter_save

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return urlparse(url).path


def _send(cast, council, topic, subject, capture, actor=None):
    actor = actor or (cast.editor_a if council == cast.council_a else cast.editor_b)
    newsletter = newsletter_save(
        actor=actor,
        newsletter=Newsletter(council=council, topic=topic, subject=subject, body="Merhaba."),
    )
    with capture(execute=True):
        newsletter_queue(actor=actor, newsletter=newsletter)
    newsletter.refresh_from_db()
    return newsletter


def test_double_opt_in(client, cast, smtp_server, django_capture_on_commit_callbacks):
    topic = TopicFactory(council=cast.council_a, name="Duyurular")
    url = reverse("outreach:subscribe", kwargs={"council_slug": "seyhan"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "Ayse@Ornek.test", "topics": [topic.pk], "consent": "on"}
        )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(council=cast.council_a)
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.consent_text_version and subscriber.consent_at is not None
    assert list(subscriber.topics.all()) == []  # nothing until confirmed

    [mail] = smtp_server.to("Ayse@Ornek.test")
    assert "onaylayın" in mail.message["Subject"]
    [link] = [link for link in mail.links() if "/bulten/onay/" in link]

    # A newsletter before confirmation does not reach the address.
    _send(cast, cast.council_a, topic, "Erken bülten", django_capture_on_commit_callbacks)
    assert [
        m for m in smtp_server.to("Ayse@Ornek.test") if m.message["Subject"] == "Erken bülten"
    ] == []

    # Opening the link (GET) changes nothing: mail scanners follow links.
    assert client.get(_path(link)).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    # Pressing the button confirms; the link is single-use.
    response = client.post(_path(link))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert list(subscriber.topics.all()) == [topic]
    assert client.post(_path(link)).status_code == 404

    _send(cast, cast.council_a, topic, "Kasım bülteni", django_capture_on_commit_callbacks)
    got = [m for m in smtp_server.to("Ayse@Ornek.test") if m.message["Subject"] == "Kasım bülteni"]
    assert len(got) == 1


def test_subscribe_errors_are_turkish_and_nothing_is_written(client, cast, smtp_server):
    TopicFactory(council=cast.council_a)
    url = reverse("outreach:subscribe", kwargs={"council_slug": "seyhan"})
    response = client.post(url, {"email": "yanlis", "topics": []})
    html = response.content.decode()
    assert "Geçerli bir e-posta adresi yazın." in html
    assert "En az bir konu seçin." in html
    assert "Abone olmak için aydınlatma metnini onaylayın." in html
    assert Subscriber.objects.count() == 0 and smtp_server.received == []


def test_one_click_unsubscribe_and_nothing_after(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    topic = TopicFactory(council=cast.council_a)
    SubscriberFactory(council=cast.council_a, email="kalan@ornek.test", topics=[topic])
    leaver = SubscriberFactory(council=cast.council_a, email="giden@ornek.test", topics=[topic])
    _send(cast, cast.council_a, topic, "Birinci", django_capture_on_commit_callbacks)
    [mail] = smtp_server.to("giden@ornek.test")
    header = str(mail.message["List-Unsubscribe"]).strip()
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.startswith("<http") and leaver.unsubscribe_token in header
    unsubscribe = _path(header.strip("<>"))

    # RFC 8058: the mail client POSTs this body, with no cookie and no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    leaver.refresh_from_db()
    assert leaver.status == SubscriberStatus.UNSUBSCRIBED and leaver.unsubscribed_at

    _send(cast, cast.council_a, topic, "İkinci", django_capture_on_commit_callbacks)
    assert [m.message["Subject"] for m in smtp_server.to("giden@ornek.test")] == ["Birinci"]
    assert [m.message["Subject"] for m in smtp_server.to("kalan@ornek.test")] == [
        "Birinci",
        "İkinci",
    ]


def test_unsubscribing_after_queueing_skips_the_delivery(client, cast, smtp_server):
    topic = TopicFactory(council=cast.council_a)
    leaver = SubscriberFactory(council=cast.council_a, email="giden@ornek.test", topics=[topic])
    newsletter = newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(council=cast.council_a, topic=topic, subject="S", body="B"),
    )
    newsletter_queue(actor=cast.editor_a, newsletter=newsletter)  # the task has not run yet
    client.post(
        reverse(
            "outreach:unsubscribe",
            kwargs={"council_slug": "seyhan", "token": leaver.unsubscribe_token},
        )
    )
    result = deliver_batch(newsletter_id=newsletter.pk)
    assert result.sent == 0
    assert smtp_server.received == []
    assert Delivery.objects.get(newsletter=newsletter).status == DeliveryStatus.SKIPPED


def test_retry_after_a_refusal(cast, smtp_server, django_capture_on_commit_callbacks):
    topic = TopicFactory(council=cast.council_a)
    SubscriberFactory(council=cast.council_a, email="sabir@ornek.test", topics=[topic])
    smtp_server.refuse_next = 1  # 451 once, then 250
    newsletter = _send(cast, cast.council_a, topic, "Yeniden", django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(newsletter=newsletter)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert len(smtp_server.to("sabir@ornek.test")) == 1
    assert newsletter.status == NewsletterStatus.SENT


def test_gives_up_after_the_last_attempt(
    cast, smtp_server, django_capture_on_commit_callbacks, settings
):
    topic = TopicFactory(council=cast.council_a)
    SubscriberFactory(council=cast.council_a, email="sabir@ornek.test", topics=[topic])
    smtp_server.refuse_next = 99
    newsletter = _send(cast, cast.council_a, topic, "Olmayacak", django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(newsletter=newsletter)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == len(settings.SANTRAL_NEWSLETTER_RETRY_SECONDS) + 1
    assert "451" in delivery.last_error
    assert smtp_server.received == []


def test_permanent_refusal_is_not_retried(cast, smtp_server, django_capture_on_commit_callbacks):
    topic = TopicFactory(council=cast.council_a)
    SubscriberFactory(council=cast.council_a, email="yok@ornek.test", topics=[topic])
    smtp_server.refuse_next = 1
    smtp_server.refusal = "554 5.7.1 Reddedildi"
    newsletter = _send(cast, cast.council_a, topic, "Ret", django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(newsletter=newsletter)
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 1


def test_subscriber_of_council_a_never_gets_council_b_letter(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    topic_a = TopicFactory(council=cast.council_a)
    other_topic_a = TopicFactory(council=cast.council_a)
    topic_b = TopicFactory(council=cast.council_b)
    SubscriberFactory(council=cast.council_a, email="a@ornek.test", topics=[topic_a])
    SubscriberFactory(council=cast.council_a, email="baska-konu@ornek.test", topics=[other_topic_a])
    SubscriberFactory(council=cast.council_b, email="b@ornek.test", topics=[topic_b])
    # the same address subscribed to B only
    SubscriberFactory(council=cast.council_b, email="ikisi@ornek.test", topics=[topic_b])
    SubscriberFactory(council=cast.council_a, email="ikisi@ornek.test", topics=[other_topic_a])

    _send(cast, cast.council_b, topic_b, "B bülteni", django_capture_on_commit_callbacks)
    _send(cast, cast.council_a, topic_a, "A bülteni", django_capture_on_commit_callbacks)
    subjects = {
        address: [m.message["Subject"] for m in smtp_server.to(address)]
        for address in ["a@ornek.test", "baska-konu@ornek.test", "b@ornek.test", "ikisi@ornek.test"]
    }
    assert subjects == {
        "a@ornek.test": ["A bülteni"],
        "baska-konu@ornek.test": [],
        "b@ornek.test": ["B bülteni"],
        "ikisi@ornek.test": ["B bülteni"],
    }


def test_confirmation_mail_is_retried_after_a_refusal(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    from santral.outreach.services import subscription_request

    topic = TopicFactory(council=cast.council_a)
    smtp_server.refuse_next = 1
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscription_request(
            council=cast.council_a, email="tekrar@ornek.test", topics=[topic], consent_given=True
        )
    [mail] = smtp_server.to("tekrar@ornek.test")
    assert subscriber.confirm_token in mail.text
