"""Overdue recommendations: the secretariat is reminded once, through the real SMTP server."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from santral.decisions.factories import adopted_recommendation, make_body
from santral.decisions.services import recommendation_put_on_agenda, recommendation_refer

pytestmark = pytest.mark.django_db


def test_overdue_recommendations_are_reminded_once(cast, smtp_server):
    body = make_body(cast.council_a, name="Çevre Çalışma Grubu", members=3)
    late = adopted_recommendation(
        cast.editor_a, body, day=date(2026, 3, 10), title="Geç", unit="Park"
    )
    done = adopted_recommendation(
        cast.editor_a, body, day=date(2026, 3, 10), title="Tamam", unit="Park"
    )
    for r in (late, done):
        recommendation_refer(actor=cast.editor_a, recommendation=r, on=date(2026, 3, 12))
    recommendation_put_on_agenda(actor=cast.editor_a, recommendation=done, on=date(2026, 4, 6))
    call_command("send_overdue_recommendation_reminders", "--now", stdout=io.StringIO())
    assert len(smtp_server.received) == 1
    recipients, message = smtp_server.received[0]
    assert recipients == ["admin_a@ornek.test", "editor_a@ornek.test"]
    text = message.get_body().get_content()
    assert "Geç (Çevre Çalışma Grubu), ilk toplantı: 06.04.2026" in text and "Tamam" not in text
    call_command("send_overdue_recommendation_reminders", "--now", stdout=io.StringIO())
    assert len(smtp_server.received) == 1
