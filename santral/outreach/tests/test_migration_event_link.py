"""The data migration that turns the stored `event_id` numbers into event links."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from santral.events.factories import make_event

BEFORE = [("outreach", "0001_initial")]
AFTER = [("outreach", "0002_participation_record_event")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stored_event_numbers_become_links(cast):
    own = make_event(cast.council_a, start_at=timezone.now() - timedelta(days=1))
    foreign = make_event(cast.council_b, start_at=timezone.now() - timedelta(days=1))
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("outreach", "ParticipationRecord")
    common = {"council_id": cast.council_a.pk, "held_on": date(2026, 1, 5), "total_participants": 9}
    linked = old.objects.create(activity_title="A", event_id=own.pk, **common).pk
    wrong_council = old.objects.create(activity_title="B", event_id=foreign.pk, **common).pk
    missing = old.objects.create(activity_title="C", event_id=999_999, notes="not", **common).pk
    plain = old.objects.create(activity_title="D", **common).pk

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("outreach", "ParticipationRecord")
    rows = {row.pk: row for row in new.objects.all()}
    assert rows[linked].event_id == own.pk
    assert rows[wrong_council].event_id is None
    assert f"Eski etkinlik no {foreign.pk}" in rows[wrong_council].notes
    assert rows[missing].event_id is None
    assert rows[missing].notes.startswith("not\n") and "999999" in rows[missing].notes
    assert rows[plain].event_id is None and rows[plain].notes == ""
