"""The daily resource-gap reminder, delivered to a real SMTP server on loopback (aiosmtpd)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from santral.councils.models import Council
from santral.councils.services import membership_set_roles
from santral.events.factories import make_event
from santral.partners.models import ResourceReminder
from santral.partners.selectors.resources import event_gap, events_due_for_reminder
from santral.partners.services import pledge_add, support_request_answer, support_request_send
from santral.partners.services.resources import (
    resource_line_request_support,
    resource_line_save,
    resource_reminder_send,
)
from santral.partners.tasks import send_resource_reminders

from .conftest import give_totp_for

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}


def _gap_line(actor, event, **fields):
    fields = {"kind": "interpreters", "description": "İşaret dili tercümanı", **fields}
    return resource_line_save(
        actor=actor, event=event, quantity="2", unit="gün", unit_cost="1000", **fields
    )


@pytest.fixture
def scene(cast, ulasim, settings):
    """Council A: one event with a gap in 7 days, one fully covered, one with a gap in 30 days.
    Council B: one event with a gap in 3 days and its own admin."""
    settings.SANTRAL_RESOURCE_REMINDER_DAYS = 7
    admin_b = give_totp_for("admin_b@ornek.test")
    membership_set_roles(actor=None, council=cast.council_b, user=admin_b, roles=["council_admin"])
    gap_a = make_event(cast.council_a, title="Açığı olan etkinlik")
    _gap_line(cast.editor_a, gap_a)
    covered_a = make_event(cast.council_a, title="Hazır etkinlik")
    line = resource_line_save(
        actor=cast.editor_a,
        event=covered_a,
        kind="transport",
        description="Otobüs",
        quantity="2",
        unit_cost="4500",
        source="pledge",
        organisation=ulasim,
    )
    request = support_request_send(
        actor=cast.editor_a,
        support_request=resource_line_request_support(actor=cast.editor_a, line=line),
    )
    support_request_answer(actor=cast.editor_a, support_request=request, answer="accepted")
    pledge_add(actor=cast.editor_a, support_request=request, what="Otobüs", quantity="2")
    far_a = make_event(
        cast.council_a,
        title="Uzak etkinlik",
        start_at=timezone.now() + timedelta(days=30),
        end_at=timezone.now() + timedelta(days=30, hours=2),
    )
    _gap_line(cast.editor_a, far_a)
    soon_b = make_event(
        cast.council_b,
        title="Çukurova etkinliği",
        start_at=timezone.now() + timedelta(days=3),
        end_at=timezone.now() + timedelta(days=3, hours=2),
    )
    _gap_line(cast.editor_b, soon_b, kind="catering", description="İkram")
    return {"gap_a": gap_a, "covered_a": covered_a, "far_a": far_a, "soon_b": soon_b}


pytestmark = pytest.mark.django_db


def test_one_mail_per_event_per_day_to_that_councils_admins_only(cast, scene, smtp_server):
    assert event_gap(scene["covered_a"]).money_uncovered == Decimal("0.00")
    assert send_resource_reminders.call() == 2
    assert send_resource_reminders.call() == 0  # same day: already claimed
    assert send_resource_reminders.call() == 0
    by_subject = {str(message["Subject"]).strip(): to for to, message in smtp_server.received}
    assert len(smtp_server.received) == 2
    assert by_subject == {
        f"Kaynak açığı: Açığı olan etkinlik ({_day(scene['gap_a'])})": ["admin_a@ornek.test"],
        f"Kaynak açığı: Çukurova etkinliği ({_day(scene['soon_b'])})": ["admin_b@ornek.test"],
    }
    body = next(
        message.get_content()
        for to, message in smtp_server.received
        if to == ["admin_a@ornek.test"]
    )
    assert "2.000,00 TL" in body and "İşaret dili tercümanı" in body
    assert f"http://testserver/admin/kaynak-plani/{scene['gap_a'].pk}/" in body
    assert ResourceReminder.objects.count() == 2

    # The next day the gap is still open: one more mail each, no more.
    tomorrow = timezone.localdate() + timedelta(days=1)
    for row in events_due_for_reminder(days=7, today=tomorrow):
        resource_reminder_send(event=row.event, gap=row.gap, today=tomorrow)
        resource_reminder_send(event=row.event, gap=row.gap, today=tomorrow)
    assert len(smtp_server.received) == 4
    assert ResourceReminder.objects.filter(sent_on=tomorrow).count() == 2


def _day(event) -> str:
    return timezone.localtime(event.start_at).strftime("%d.%m.%Y")


def test_each_council_chooses_how_many_days_before_its_events_it_is_reminded(cast, scene):
    """Council A wants 40 days (its event in 30 days is now due), council B 2 days (its event
    in 3 days is not yet); without a setting the platform's 7 days apply."""
    due = {row.event.title for row in events_due_for_reminder()}
    assert due == {"Açığı olan etkinlik", "Çukurova etkinliği"}
    Council.objects.filter(pk=cast.council_a.pk).update(resource_reminder_days=40)
    Council.objects.filter(pk=cast.council_b.pk).update(resource_reminder_days=2)
    due = {row.event.title for row in events_due_for_reminder()}
    assert due == {"Açığı olan etkinlik", "Uzak etkinlik"}
    # A fixed window (the back office's "in N days" view) still applies to every council.
    assert {row.event.title for row in events_due_for_reminder(days=7)} == {
        "Açığı olan etkinlik",
        "Çukurova etkinliği",
    }


def test_no_mail_when_nothing_is_uncovered(cast, scene, smtp_server):
    for key in ("gap_a", "soon_b"):
        scene[key].resource_lines.all().delete()
    assert send_resource_reminders.call() == 0
    assert smtp_server.received == []
    assert ResourceReminder.objects.count() == 0


def test_a_failed_send_leaves_no_claim_so_a_later_run_retries(cast, scene, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(OSError):
        send_resource_reminders.call()
    assert ResourceReminder.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminder_tasks_through_the_database_queue_send_once(cast, scene, smtp_server, settings):
    settings.TASKS = DATABASE_TASKS
    call_command("send_resource_reminders", stdout=open("/dev/null", "w"))
    call_command("send_resource_reminders", stdout=open("/dev/null", "w"))
    assert smtp_server.received == []  # queued, not yet sent
    call_command(
        "db_worker",
        "--batch",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--interval",
        "0",
        "--no-reload",
        verbosity=0,
    )
    assert sorted(to for to, _message in smtp_server.received) == [
        ["admin_a@ornek.test"],
        ["admin_b@ornek.test"],
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_workers_at_once_send_exactly_one_mail(cast, scene, smtp_server):
    """Eight threads send the same event's reminder at the same moment: one mail."""
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need PostgreSQL; SQLite has one writer at a time.")
    import threading

    from django.db import connections

    event, gap = scene["gap_a"], event_gap(scene["gap_a"])
    barrier = threading.Barrier(8)
    results: list[bool] = []
    errors: list[BaseException] = []

    def send():
        try:
            barrier.wait()
            results.append(resource_reminder_send(event=event, gap=gap))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False] * 7 + [True]
    assert [to for to, _message in smtp_server.received] == [["admin_a@ornek.test"]]
