"""The member area /hesabim/: my registrations, my subscriptions, my data; where members land."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from santral.events.factories import make_event
from santral.events.models import Registration, RegistrationStatus
from santral.outreach.factories import SubscriberFactory, TopicFactory

pytestmark = pytest.mark.django_db

PASSWORD = "parola-123"


def _register(event, email, name="Ayşe Yılmaz"):
    return Registration.objects.create(
        event=event,
        full_name=name,
        email=email,
        status=RegistrationStatus.CONFIRMED,
        consent_text="KVKK",
    )


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("core:account"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_member_sees_registrations_subscriptions_and_data_and_a_get_writes_nothing(client, cast):
    member = cast.member_a
    event = make_event(cast.council_a, title="İklim forumu")
    mine = _register(event, member.email.upper())  # the address as typed, any case
    other = make_event(cast.council_a, title="Başkasının etkinliği")
    _register(other, "baskasi@ornek.test")
    topic = TopicFactory(council=cast.council_a, name="Çevre")
    sub = SubscriberFactory(council=cast.council_a, email=member.email, topics=[topic])
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:account"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "İklim forumu" in body and "Başkasının etkinliği" not in body
    assert reverse("events:account_registration_cancel", args=[mine.pk]) in body
    assert "Çevre" in body
    unsubscribe = reverse("outreach:unsubscribe", args=[cast.council_a.slug, sub.unsubscribe_token])
    assert unsubscribe in body
    assert "Seyhan Kent Konseyi" in body and member.email in body
    assert reverse("core:sessions") in body and "KVKK" in body
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []


def test_member_cancels_own_registration_only(client, cast):
    event = make_event(cast.council_a)
    mine = _register(event, cast.member_a.email)
    theirs = _register(event, cast.editor_a.email)
    client.force_login(cast.member_a)
    url = reverse("events:account_registration_cancel", args=[theirs.pk])
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED
    response = client.post(reverse("events:account_registration_cancel", args=[mine.pk]))
    assert response.status_code == 302 and response.url == reverse("core:account")
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED


def test_member_lands_in_the_member_area_not_on_no_access(client, cast):
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": cast.member_a.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("core:account")
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": cast.member_a.email, "password": PASSWORD}
    )
    assert response.url == reverse("core:account")
    # Signed in, sent to the back office again (Wagtail's answer): still the member area.
    response = client.get(reverse("account_login") + "?next=/admin/")
    assert response.url == reverse("core:account")


def test_staff_still_go_where_they_asked(client, cast):
    response = client.post(
        reverse("account_login") + "?next=/admin/pages/",
        {"login": cast.editor_a.email, "password": PASSWORD},
    )
    assert response.url == "/admin/pages/"


def test_header_links_to_my_account_and_to_the_back_office_for_staff(client, cast):
    client.force_login(cast.member_a)
    body = client.get(reverse("core:account")).content.decode()
    assert 'href="/hesabim/"' in body and "Yönetim paneli" not in body
    client.force_login(cast.editor_a)
    body = client.get(reverse("core:account")).content.decode()
    assert 'href="/hesabim/"' in body and 'href="/admin/">Yönetim paneli' in body
