"""The secretary's back office: record a meeting with attendance and a recommendation, refer
it, record the assembly's outcome; other councils' staff and members are refused."""

from datetime import date

import pytest

from santral.decisions.factories import at, make_body
from santral.decisions.models import Meeting, Recommendation
from santral.decisions.services import meeting_create

pytestmark = pytest.mark.django_db


def test_secretary_records_the_whole_flow(client, cast):
    body = make_body(cast.council_a, name="Kadın Meclisi", members=3, kind="assembly")
    client.force_login(cast.editor_a)
    assert client.get("/admin/toplantilar/").status_code == 200
    response = client.post(
        "/admin/toplantilar/yeni/",
        {
            "body": body.pk,
            "starts_at": "2026-03-10T18:00",
            "place": "Kent Konseyi Salonu",
            "is_public": "on",
            "agenda": "Kadın durakları\nBilgilendirme",
        },
    )
    meeting = Meeting.objects.get(body=body)
    assert response.status_code == 302 and response["Location"].endswith(f"/{meeting.pk}/")
    url = f"/admin/toplantilar/{meeting.pk}/"
    members = list(body.members.order_by("sort_order"))
    attendance = {f"m{m.pk}": "present" for m in members[:2]} | {f"m{members[2].pk}": "excused"}
    client.post(url, {"action": "attendance", "guest_count": "4", **attendance})
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.has_quorum, meeting.guest_count) == (2, True, 4)
    first = meeting.agenda_items.get(number=1)
    client.post(
        url,
        {
            "action": "decision",
            "item": first.pk,
            "text": "Durak önerisi kabul edildi.",
            "votes_for": "2",
            "votes_against": "0",
            "abstentions": "0",
        },
    )
    first.refresh_from_db()
    response = client.post(
        url,
        {
            "action": "recommendation",
            "decision": first.decision.pk,
            "title": "Kadın durakları",
            "text": "Gece durakları aydınlatılsın.",
            "addressed_unit": "Ulaşım Dairesi Başkanlığı",
        },
    )
    rec = Recommendation.objects.get(decision=first.decision)
    rec_url = f"/admin/tavsiyeler/{rec.pk}/"
    assert response["Location"].endswith(rec_url)
    # an illegal move shows the service's Turkish message and writes nothing
    page = client.post(
        rec_url, {"action": "outcome", "outcome": "accepted", "on": "2026-04-06"}, follow=True
    )
    assert "gönderilmeden meclis kararı kaydedilemez" in page.content.decode()
    client.post(rec_url, {"action": "refer", "on": "2026-03-12"})
    client.post(rec_url, {"action": "agenda", "on": "2026-04-06", "agenda_number": "7"})
    client.post(
        rec_url,
        {
            "action": "outcome",
            "outcome": "accepted",
            "on": "2026-04-06",
            "assembly_decision_number": "2026/55",
        },
    )
    rec.refresh_from_db()
    assert (rec.state, rec.outcome, rec.assembly_decision_number) == (
        "decided",
        "accepted",
        "2026/55",
    )
    public = client.get(f"/seyhan/kararlar/{rec.pk}/").content.decode()
    assert "Meclis kararı" in public and "2026/55" in public


def test_other_councils_and_members_are_refused(client, cast):
    body = make_body(cast.council_a, name="Gençlik Meclisi", members=1, kind="assembly")
    meeting = meeting_create(
        actor=cast.editor_a,
        body=body,
        starts_at=at(date(2026, 3, 1)),
        place="S",
    )
    client.force_login(cast.editor_b)
    assert client.get(f"/admin/toplantilar/{meeting.pk}/").status_code == 404
    response = client.post(
        "/admin/toplantilar/yeni/", {"body": body.pk, "starts_at": "2026-03-10T18:00", "place": "X"}
    )
    assert response.status_code == 200  # A's body is not among B's choices: the form refuses it
    assert Meeting.objects.count() == 1
    client.force_login(cast.member_a)
    assert client.get("/admin/toplantilar/").status_code in (302, 403)
