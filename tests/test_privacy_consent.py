"""Consent records (issue 20): versioned notices, withdrawal as easy as giving, and what a
withdrawal or an outdated notice stops."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from santral.councils.models import Council
from santral.events.factories import make_event
from santral.events.mail import registration_message
from santral.events.services import registration_create
from santral.outreach.factories import TopicFactory
from santral.outreach.mailing import deliver_batch
from santral.outreach.models import Newsletter
from santral.outreach.services import (
    newsletter_queue,
    newsletter_save,
    subscription_confirm,
    subscription_request,
)
from santral.privacy.models import Consent, ErasureRequest, Method, PrivacyNotice, Purpose
from santral.privacy.selectors import notice_current
from santral.privacy.tasks import remind_erasure_requests

pytestmark = pytest.mark.django_db


def test_a_changed_council_text_is_the_next_version_and_the_platform_has_its_own(client, cast):
    council = cast.council_a
    first = notice_current(council)
    council.privacy_notice = "Veri sorumlusu: Seyhan Kent Konseyi. Sürüm iki."
    council.save()
    second = notice_current(council)
    assert second.version == first.version + 1 and second.text.endswith("Sürüm iki.")
    page = client.get(f"/{council.slug}/aydinlatma-metni/").content.decode()
    assert f'href="/gizlilik/metin/{second.pk}/">Sürüm {second.version}</a>' in page
    council.save()  # the same text again: no new version
    assert notice_current(council).pk == second.pk
    platform = notice_current(None)
    assert platform.council is None and platform.text_en and platform.text_ar


def test_the_notice_in_three_languages_and_the_footer_link(client, cast):
    platform = notice_current(None)
    for prefix, snippet in (("", "Veri sorumlusu"), ("/en", "Data controller"), ("/ar", "المسؤول")):
        html = client.get(f"{prefix}/gizlilik/").content.decode()
        assert snippet in html
    version = client.get(f"/gizlilik/metin/{platform.pk}/").content.decode()
    assert "Sürüm 1" in version
    assert 'href="/gizlilik/"' in client.get(f"/{cast.council_a.slug}/").content.decode()
    assert 'href="/gizlilik/"' in client.get("/accounts/signup/").content.decode()


def test_a_registration_without_consent_to_the_current_notice_is_refused(client, cast):
    council = cast.council_a
    event = make_event(council, registration_mode="onsite")
    shown = notice_current(council).pk
    page = client.get(event.url).content.decode()
    assert f'name="notice" value="{shown}"' in page
    council.privacy_notice = "Yeni metin: fotoğraflar bir yıl saklanır."
    council.save()  # a new version after the page was shown
    data = {"full_name": "Ali Veli", "email": "ali@ornek.test", "consent": "on", "notice": shown}
    response = client.post(event.url + "kayit/", data)
    assert response.status_code == 200
    assert "Aydınlatma metni güncellendi" in response.content.decode()
    assert not event.registrations.exists() and not Consent.objects.exists()
    with pytest.raises(ValidationError):
        registration_create(event=event, full_name="X", email="x@ornek.test", notice_id=None)
    # With the current version it is taken, and the consent names that version.
    current = notice_current(council)
    response = client.post(event.url + "kayit/", {**data, "notice": current.pk, "photos": "on"})
    assert response.status_code == 302
    consents = Consent.objects.filter(email_key="ali@ornek.test").order_by("purpose")
    assert [(c.purpose, c.notice_id, c.method) for c in consents] == [
        (Purpose.EVENT_PHOTOS, current.pk, Method.FORM),
        (Purpose.EVENT_REGISTRATION, current.pk, Method.FORM),
    ]


def test_the_registration_mail_carries_the_withdrawal_link_and_it_cancels_the_seat(client, cast):
    event = make_event(cast.council_a, registration_mode="onsite")
    registration = registration_create(
        event=event,
        full_name="Ayşe",
        email="ayse@ornek.test",
        notice_id=notice_current(cast.council_a).pk,
    )
    consent = Consent.objects.get(purpose=Purpose.EVENT_REGISTRATION)
    url = f"/gizlilik/riza/{consent.token}/"
    assert url in registration_message(registration).body
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert client.post(url).status_code == 302
    consent.refresh_from_db()
    registration.refresh_from_db()
    assert consent.withdrawn_at is not None and registration.status == "cancelled"
    assert client.get("/gizlilik/riza/yok-boyle/").status_code == 404


def test_a_withdrawn_newsletter_consent_stops_the_next_send(client, cast, mailoutbox):
    council = cast.council_a
    topic = TopicFactory(council=council)
    for email in ("okur@ornek.test", "kalan@ornek.test"):
        subscriber = subscription_request(
            council=council, email=email, topics=[topic], consent_given=True
        )
        subscription_confirm(council=council, token=subscriber.confirm_token)
    consent = Consent.objects.get(email_key="okur@ornek.test", purpose=Purpose.NEWSLETTER)
    assert consent.notice == notice_current(council) and consent.is_active
    newsletter = newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(council=council, topic=topic, subject="Aralık", body="Merhaba."),
    )
    newsletter_queue(actor=cast.editor_a, newsletter=newsletter)  # recipients frozen: two
    mailoutbox.clear()
    client.post(f"/gizlilik/riza/{consent.token}/")
    result = deliver_batch(newsletter_id=newsletter.pk)
    assert result.sent == 1 and result.remaining == 0
    assert [m.to for m in mailoutbox] == [["kalan@ornek.test"]]
    skipped = newsletter.deliveries.get(subscriber__email="okur@ornek.test")
    assert skipped.status == "skipped"


def test_unsubscribing_from_the_newsletter_withdraws_the_consent(client, cast):
    council = cast.council_a
    topic = TopicFactory(council=council)
    subscriber = subscription_request(
        council=council, email="okur@ornek.test", topics=[topic], consent_given=True
    )
    subscriber = subscription_confirm(council=council, token=subscriber.confirm_token)
    client.post(f"/{council.slug}/bulten/ayril/{subscriber.unsubscribe_token}/")
    assert Consent.objects.get(email_key="okur@ornek.test").withdrawn_at is not None


def test_staff_are_reminded_of_requests_near_their_deadline_once_a_day(cast, mailoutbox):
    near = ErasureRequest.objects.create(user=cast.member_a)
    ErasureRequest.objects.filter(pk=near.pk).update(due_on=near.due_on - timedelta(days=25))
    ErasureRequest.objects.create(user=cast.editor_a)  # 30 days left: not yet
    assert remind_erasure_requests.call() == 1
    [mail] = mailoutbox
    assert mail.to == [cast.platform_admin.email] and f"#{near.pk}" in mail.body
    assert remind_erasure_requests.call() == 0  # already reminded today


def test_a_notice_version_of_an_inactive_council_is_not_shown(client, cast):
    notice = PrivacyNotice.objects.filter(council=cast.council_b).first()
    Council.objects.filter(pk=cast.council_b.pk).update(status="inactive")
    assert client.get(f"/gizlilik/metin/{notice.pk}/").status_code == 404
