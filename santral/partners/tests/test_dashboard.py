"""Partner panels on the dashboard: events with a resource gap, requests awaiting answer."""

import pytest

from santral.core.tests.panels import dashboard_panels, dashboard_queries
from santral.events.factories import make_event
from santral.partners.services import support_request_create, support_request_send
from santral.partners.services.resources import resource_line_save

pytestmark = pytest.mark.django_db

GAP, ANSWER = "santral-events-with-gap", "santral-requests-awaiting-answer"


def _gap(cast, event):
    return resource_line_save(
        actor=cast.editor_a, event=event, kind="venue", description="Salon", quantity="1"
    )


def _sent_request(cast, organisation, subject="Salon desteği"):
    return support_request_send(
        actor=cast.editor_a,
        support_request=support_request_create(
            actor=cast.editor_a,
            council=cast.council_a,
            organisation=organisation,
            subject=subject,
            text="Forum için salon rica olunur.",
        ),
    )


def test_editor_sees_events_with_a_gap_and_requests_awaiting_answer(client, cast, event_a, ulasim):
    _gap(cast, event_a)
    make_event(cast.council_a, title="Planı olmayan etkinlik")
    sent = _sent_request(cast, ulasim)
    support_request_create(  # a draft waits for nobody's answer
        actor=cast.editor_a,
        council=cast.council_a,
        organisation=ulasim,
        subject="Taslak yazı",
        text="Taslak.",
    )

    panels = dashboard_panels(client, cast.editor_a)

    assert panels[GAP][0] == 1
    assert "Engelsiz Kent Forumu" in panels[GAP][1]
    assert f"/admin/kaynak-plani/{event_a.pk}/" in panels[GAP][1]
    assert panels[ANSWER][0] == 1
    assert sent.subject in panels[ANSWER][1] and "Taslak yazı" not in panels[ANSWER][1]
    assert f"/admin/destek-yazisi/{sent.pk}/" in panels[ANSWER][1]


def test_another_council_sees_none_of_it(client, cast, event_a, ulasim):
    _gap(cast, event_a)
    _sent_request(cast, ulasim)
    panels = dashboard_panels(client, cast.editor_b)
    assert panels[GAP][0] == 0 and panels[ANSWER][0] == 0


@pytest.mark.parametrize("persona", ["treasurer_a"])
def test_people_who_do_not_manage_partners_see_no_partner_panel(client, cast, event_a, persona):
    _gap(cast, event_a)
    panels = dashboard_panels(client, getattr(cast, persona))
    assert GAP not in panels and ANSWER not in panels


def test_the_panels_read_with_a_constant_number_of_queries(client, cast, event_a, ulasim):
    _gap(cast, event_a)
    _sent_request(cast, ulasim)
    one = dashboard_queries(client, cast.admin_a)
    for n in range(5):
        _gap(cast, make_event(cast.council_a, title=f"Forum {n}"))
        _sent_request(cast, ulasim, subject=f"Destek {n}")
    panels = dashboard_panels(client, cast.admin_a)
    assert panels[GAP][0] == 6 and panels[ANSWER][0] == 6
    assert dashboard_queries(client, cast.admin_a) == one
