"""The resource-plan back office: editing a plan, requesting support, actuals, the dashboard."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from santral.core.models import AuditRecord
from santral.events.factories import make_event
from santral.events.models import EventPage
from santral.partners.models import ResourceLine, SupportRequest
from santral.partners.services.resources import resource_line_save

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(ResourceLine.objects.order_by("pk").values()),
        SupportRequest.objects.count(),
        # A refused write leaves only its access.refused row (santral/core/refusals.py).
        AuditRecord.objects.exclude(action="access.refused").count(),
    )


def _add(client, event, **fields):
    data = {
        "action": "add",
        "kind": "interpreters",
        "description": "İşaret dili tercümanı",
        "quantity": "2",
        "unit": "gün",
        "unit_cost": "3.250,50",
        "source": "uncovered",
        **fields,
    }
    return client.post(reverse("santral_resource_plan", args=[event.pk]), data)


def test_editor_builds_a_plan_and_requests_support_for_a_line(client, cast, event_a, ulasim):
    client.force_login(cast.editor_a)
    plan_url = reverse("santral_resource_plan", args=[event_a.pk])
    assert client.get(plan_url).status_code == 200
    assert _add(client, event_a).status_code == 302
    response = _add(
        client,
        event_a,
        kind="transport",
        description="Otobüs",
        quantity="3",
        unit_cost="4500",
        source="pledge",
        organisation=ulasim.pk,
    )
    assert response.status_code == 302
    page = client.get(plan_url)
    gap = page.context["gap"]
    assert gap.money_uncovered == Decimal("20001.00")
    assert gap.readiness == "not_ready"
    assert "Hazır değil" in page.content.decode()

    transport = ResourceLine.objects.get(event=event_a, kind="transport")
    response = client.post(plan_url, {"action": "request", "line": transport.pk})
    draft = SupportRequest.objects.get(resource_line=transport)
    assert response.status_code == 302
    assert response["Location"] == reverse("santral_partner_request", args=[draft.pk])
    assert draft.organisation == ulasim and draft.is_draft
    detail = client.get(response["Location"]).content.decode()
    assert plan_url in detail  # the letter links back to the event's plan

    edit = reverse("santral_resource_line_edit", args=[transport.pk])
    assert client.get(edit).status_code == 200
    data = {
        "kind": "transport",
        "description": "Otobüs (şoförüyle)",
        "quantity": "4",
        "unit_cost": "4500",
        "source": "pledge",
        "organisation": ulasim.pk,
    }
    assert client.post(edit, data).status_code == 302
    transport.refresh_from_db()
    assert (transport.quantity, transport.estimated_total) == (Decimal("4"), Decimal("18000.00"))


def test_bad_input_in_the_back_office_gives_turkish_errors_and_writes_nothing(
    client, cast, event_a
):
    client.force_login(cast.editor_a)
    before = _state()
    response = _add(client, event_a, quantity="-3")
    assert response.status_code == 200
    assert "eksi miktar kabul edilmez" in response.content.decode()
    response = _add(client, event_a, source="pledge", organisation="987654")
    assert "Bilinmeyen kurum seçildi." in response.content.decode()
    assert _state() == before


def test_a_plan_of_council_a_is_404_for_the_editor_of_b(client, cast, event_a, plan_line):
    client.force_login(cast.editor_b)
    before = _state()
    plan_url = reverse("santral_resource_plan", args=[event_a.pk])
    assert client.get(plan_url).status_code == 404
    assert _add(client, event_a).status_code == 404
    assert client.post(plan_url, {"action": "delete", "line": plan_line.pk}).status_code == 404
    edit = reverse("santral_resource_line_edit", args=[plan_line.pk])
    assert client.get(edit).status_code == 404
    assert (
        client.post(edit, {"kind": "other", "description": "X", "quantity": "1"}).status_code == 404
    )
    assert _state() == before
    index = client.get(reverse("santral_resource_plans"))
    assert event_a.title not in index.content.decode()


def test_actuals_and_copy_in_the_back_office(client, cast, event_a, plan_line):
    client.force_login(cast.editor_a)
    start = timezone.now() - timedelta(days=2)
    EventPage.objects.filter(pk=event_a.pk).update(
        start_at=start, end_at=start + timedelta(hours=3)
    )
    plan_url = reverse("santral_resource_plan", args=[event_a.pk])
    response = client.post(
        plan_url,
        {
            "action": "actual",
            "line": plan_line.pk,
            "actual_cost": "1.900,00",
            "delivered_quantity": "38",
        },
    )
    assert response.status_code == 302
    plan_line.refresh_from_db()
    assert (plan_line.actual_cost, plan_line.delivered_quantity) == (
        Decimal("1900.00"),
        Decimal("38"),
    )
    new_event = make_event(cast.council_a, title="Yeni forum")
    new_url = reverse("santral_resource_plan", args=[new_event.pk])
    assert client.post(new_url, {"action": "copy", "source": event_a.pk}).status_code == 302
    assert [line.description for line in ResourceLine.objects.filter(event=new_event)] == ["İkram"]


def test_dashboard_lists_upcoming_events_with_readiness_and_warns_about_gaps(
    client, cast, event_a, plan_line
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.admin_a)
    url = reverse("santral_partner_dashboard", args=[cast.council_a.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one_event:
        client.get(url)
    others = [make_event(cast.council_a) for _n in range(3)]
    for other in others:
        resource_line_save(
            actor=cast.editor_a, event=other, kind="venue", description="Salon", quantity="1"
        )
    with CaptureQueriesContext(connection) as four_events:
        response = client.get(url)
    # The readiness of a page of events costs the same queries whatever the number of events.
    assert len(four_events) == len(one_event)
    assert response.status_code == 200
    rows = response.context["readiness"]
    assert rows[0].event == event_a and rows[0].gap.money_uncovered == Decimal("2000.00")
    assert [row.event for row in response.context["warnings"]] == [event_a, *others]
    assert "kaynak açığı olan etkinlikler" in response.content.decode()


@pytest.fixture
def plan_line(cast, event_a):
    return resource_line_save(
        actor=cast.editor_a,
        event=event_a,
        kind="catering",
        description="İkram",
        quantity="40",
        unit="kişi",
        unit_cost="50",
    )


def test_support_is_offered_only_for_items_not_yet_covered(client, cast, event_a, ulasim):
    """A covered item offers no "ask for support"; the form folds so the column stays narrow."""
    from santral.partners.services import pledge_add, support_request_answer, support_request_send
    from santral.partners.services.resources import resource_line_request_support

    covered = resource_line_save(
        actor=cast.editor_a,
        event=event_a,
        kind="transport",
        description="Otobüs",
        quantity="2",
        source="pledge",
        organisation=ulasim,
    )
    open_line = resource_line_save(
        actor=cast.editor_a, event=event_a, kind="catering", description="İkram", quantity="1"
    )
    request = resource_line_request_support(actor=cast.editor_a, line=covered)
    request = support_request_send(actor=cast.editor_a, support_request=request)
    support_request_answer(actor=cast.editor_a, support_request=request, answer="accepted")
    pledge_add(actor=cast.editor_a, support_request=request, what="Otobüs", quantity="2")

    client.force_login(cast.editor_a)
    body = client.get(reverse("santral_resource_plan", args=[event_a.pk])).content.decode()
    assert f'id="org-{open_line.pk}"' in body
    assert f'id="org-{covered.pk}"' not in body
    assert '<details class="resource-request">' in body
