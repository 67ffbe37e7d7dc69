"""The contact form per council (issue 19, item 7): honeypot, rate limit, consent, e-mail."""

from email.header import decode_header, make_header
from email.utils import parseaddr
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from santral.councils import tasks
from santral.councils.models import Council

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def council(cast):
    Council.objects.filter(pk=cast.council_a.pk).update(email="iletisim@seyhan.example")
    cast.council_a.refresh_from_db()
    return cast.council_a


def _data(**changes):
    data = {
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.com",
        "subject": "Park önerisi",
        "message": "Mahallemize bir park yapılmasını öneriyorum.",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def _url(council):
    return f"/{council.slug}/iletisim/"


def test_get_shows_the_form_with_a_link_to_the_notice_and_writes_nothing(client, council):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(council))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="consent"' in html and f'href="/{council.slug}/aydinlatma-metni/"' in html
    assert "<div hidden>" in html and 'name="website"' in html  # the honeypot
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []


def test_a_message_goes_to_the_councils_address_with_reply_to_the_sender(client, council):
    response = client.post(_url(council), _data(subject="Park\r\nBcc: x@example.com"))
    assert response.status_code == 302
    assert response["Location"] == f"/{council.slug}/iletisim/gonderildi/"
    (message,) = mail.outbox
    assert message.to == ["iletisim@seyhan.example"]
    (reply_to,) = message.reply_to
    assert parseaddr(reply_to)[1] == "ayse@example.com"
    header = message.message()["Reply-To"]
    assert str(make_header(decode_header(str(header)))) == "Ayşe Yılmaz <ayse@example.com>"
    assert message.subject == "[Santral iletişim] Park Bcc: x@example.com"
    assert "Mahallemize bir park" in message.body and "ayse@example.com" in message.body
    assert "Teşekkürler" in client.get(response["Location"]).content.decode()


def test_the_message_is_sent_through_the_email_task(client, council, monkeypatch):
    assert tasks.send_contact_message.queue_name == "email"
    queued = []
    fake = SimpleNamespace(enqueue=lambda *args: queued.append(args))
    monkeypatch.setattr(tasks, "send_contact_message", fake)
    client.post(_url(council), _data())
    ((council_id, _name, email, subject, _message, page_url),) = queued
    assert council_id == council.pk and email == "ayse@example.com" and subject == "Park önerisi"
    assert page_url == f"http://testserver/{council.slug}/iletisim/"
    assert mail.outbox == []


def test_the_task_mails_nothing_when_the_council_has_no_address(council):
    Council.objects.filter(pk=council.pk).update(email="")
    assert tasks.send_contact_message.call(council.pk, "A", "a@example.com", "K", "M", "") is False
    assert mail.outbox == []


def test_consent_is_required_with_a_turkish_error(client, council):
    data = _data()
    del data["consent"]
    response = client.post(_url(council), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "İletinizi gönderebilmemiz için onay kutusunu işaretleyin." in html
    assert mail.outbox == []


def test_missing_fields_get_turkish_errors(client, council):
    response = client.post(_url(council), _data(name="", email="yanlis", message=""))
    html = response.content.decode()
    assert "Adınızı yazın." in html and "Geçerli bir e-posta adresi yazın" in html
    assert "İletinizi yazın." in html and mail.outbox == []


def test_the_honeypot_is_rejected_silently(client, council):
    response = client.post(_url(council), _data(website="http://spam.example"))
    assert response.status_code == 302  # the bot is thanked ...
    assert mail.outbox == []  # ... and nothing is sent


def test_the_sixth_message_in_an_hour_is_refused(client, council):
    for _ in range(5):
        assert client.post(_url(council), _data()).status_code == 302
    response = client.post(_url(council), _data())
    assert response.status_code == 429
    assert "bir saat sonra yeniden deneyin" in response.content.decode()
    assert len(mail.outbox) == 5
    # Another address still reaches the council.
    other = client.post(_url(council), _data(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302 and len(mail.outbox) == 6


def test_the_counters_hold_no_address(client, council):
    client.post(_url(council), _data(), REMOTE_ADDR="198.51.100.7")
    keys = list(cache._cache.keys())  # locmem in tests
    assert keys and not any("198.51.100.7" in key for key in keys)


def test_without_a_council_address_the_page_says_how_to_reach_it(client, cast):
    Council.objects.filter(pk=cast.council_a.pk).update(
        email="", phone="0322 111 22 33", address="Atatürk Cd. 5"
    )
    response = client.get(f"/{cast.council_a.slug}/iletisim/")
    html = response.content.decode()
    assert 'name="consent"' not in html and 'name="message"' not in html
    assert "0322 111 22 33" in html and "Atatürk Cd. 5" in html
    assert client.post(f"/{cast.council_a.slug}/iletisim/", _data()).status_code == 200
    assert mail.outbox == []


def test_unknown_council_has_no_contact_page(client, cast):
    assert client.get("/yok-boyle/iletisim/").status_code == 404
