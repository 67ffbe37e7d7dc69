"""Invitations through a real SMTP server on loopback: one e-mail per member, a valid .ics."""

from datetime import date

import pytest
from icalendar import Calendar

from santral.core.factories import UserFactory
from santral.decisions.factories import at, make_body
from santral.decisions.invitations import meeting_send_invitations
from santral.decisions.services import meeting_create

pytestmark = pytest.mark.django_db


def test_one_email_per_member_with_a_valid_ical(cast, smtp_server):
    body = make_body(cast.council_a, name="Gençlik Meclisi", members=3, kind="assembly")
    members = list(body.members.order_by("sort_order"))
    for index, member in enumerate(members[:2]):
        member.user = UserFactory(email=f"uye{index}@ornek.test")
        member.save()
    meeting = meeting_create(
        actor=cast.editor_a,
        body=body,
        starts_at=at(date(2026, 3, 10), 18),
        place="Gençlik Merkezi",
        agenda=["Bütçe önerisi", "İlçe gençlik festivali"],
    )
    result = meeting_send_invitations(actor=cast.editor_a, meeting=meeting)
    assert result == {"sent": 2, "without_address": [members[2].full_name]}
    received = sorted(smtp_server.received, key=lambda item: item[0])
    assert [rcpt for rcpt, _m in received] == [["uye0@ornek.test"], ["uye1@ornek.test"]]
    for _rcpt, message in received:
        assert "Toplantı daveti: Gençlik Meclisi" in message["Subject"]
        attachment = next(part for part in message.iter_attachments())
        assert attachment.get_content_type() == "text/calendar"
        calendar = Calendar.from_ical(attachment.get_content())
        event = next(iter(calendar.walk("VEVENT")))
        assert str(event["summary"]).startswith("Gençlik Meclisi")
        assert event.decoded("dtstart").isoformat() == "2026-03-10T18:00:00+03:00"
        assert str(event["location"]) == "Gençlik Merkezi"
        assert "2. İlçe gençlik festivali" in str(event["description"])
