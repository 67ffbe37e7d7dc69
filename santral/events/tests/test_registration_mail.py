"""The registration e-mail: seat or waiting list, the event attached as .ics in Istanbul time,
replies to the council, and a mail to the person who moves up when a seat is freed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError

from santral.events.factories import make_event
from santral.events.services import registration_cancel, registration_create

pytestmark = pytest.mark.django_db


def _register(event, n, capture):
    with capture(execute=True):
        return registration_create(
            event=event,
            full_name=f"Ayşe İnce {n}",
            email=f"k{n}@ornek.test",
            notice_id=_notice(event),
        )


def test_a_seat_and_a_waiting_place_each_get_their_mail_with_the_event_attached(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    cast.council_a.email = "konsey@adana.example"
    cast.council_a.save()
    start = datetime(2027, 3, 4, 18, 30, tzinfo=ZoneInfo("Europe/Istanbul"))
    event = make_event(
        cast.council_a,
        title="Gençlik Meclisi İklim Atölyesi",
        start_at=start,
        end_at=start.replace(hour=20),
        capacity=1,
        registration_mode="onsite",
        venue="Çukurova Kültür Merkezi",
    )
    _register(event, 1, django_capture_on_commit_callbacks)
    _register(event, 2, django_capture_on_commit_callbacks)
    assert [mail.to for mail in mailoutbox] == [["k1@ornek.test"], ["k2@ornek.test"]]
    seat, waiting = mailoutbox
    assert seat.subject == "Kaydınız alındı: Gençlik Meclisi İklim Atölyesi"
    assert waiting.subject == "Bekleme listesindesiniz: Gençlik Meclisi İklim Atölyesi"
    assert "Merhaba Ayşe İnce 1" in seat.body and "Çukurova Kültür Merkezi" in seat.body
    assert "18:30" in seat.body and "bekleme listesine" in waiting.body
    assert seat.reply_to == ["konsey@adana.example"]
    [(name, content, mimetype)] = seat.attachments
    assert name == "etkinlik.ics" and mimetype.startswith("text/calendar")
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert vevent.decoded("dtstart") == start
    assert str(vevent["dtstart"].params["TZID"]) == "Europe/Istanbul"
    assert str(vevent["summary"]) == "Gençlik Meclisi İklim Atölyesi"


def test_the_person_who_moves_up_from_the_waiting_list_is_told(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(cast.council_a, title="Atölye", capacity=1, registration_mode="onsite")
    first = _register(event, 1, django_capture_on_commit_callbacks)
    _register(event, 2, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(actor=None, registration=first)
    [mail] = mailoutbox
    assert mail.to == ["k2@ornek.test"] and mail.subject == "Kaydınız alındı: Atölye"


def test_nothing_is_sent_when_the_registration_is_refused(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(cast.council_a, registration_mode="onsite")
    _register(event, 1, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        registration_create(
            event=event, full_name="Tekrar", email="k1@ornek.test", notice_id=_notice(event)
        )
    assert mailoutbox == []


def _notice(event) -> int:
    from santral.privacy.selectors import notice_current

    return notice_current(event.council).pk
