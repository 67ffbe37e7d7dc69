"""Outreach panel on the dashboard: newsletters not yet sent."""

import pytest

from santral.core.tests.panels import dashboard_panels, dashboard_queries
from santral.outreach.factories import TopicFactory
from santral.outreach.models import Newsletter, NewsletterStatus

pytestmark = pytest.mark.django_db

PANEL = "santral-newsletters-waiting"


def _newsletters(council, n, status=NewsletterStatus.DRAFT):
    topic = TopicFactory(council=council)
    return [
        Newsletter.objects.create(
            council=council, topic=topic, subject=f"Kasım bülteni {i}", body="x", status=status
        )
        for i in range(n)
    ]


def test_editor_sees_the_newsletters_not_yet_sent(client, cast):
    (draft,) = _newsletters(cast.council_a, 1)
    _newsletters(cast.council_a, 2, status=NewsletterStatus.SENT)
    _newsletters(cast.council_b, 3)

    panels = dashboard_panels(client, cast.editor_a)

    assert panels[PANEL][0] == 1
    assert draft.subject in panels[PANEL][1]
    assert f"/admin/iletisim/{cast.council_a.pk}/bultenler/{draft.pk}/" in panels[PANEL][1]
    assert dashboard_panels(client, cast.editor_b)[PANEL][0] == 3


def test_people_who_do_not_manage_outreach_see_no_newsletter_panel(client, cast):
    _newsletters(cast.council_a, 1)
    assert PANEL not in dashboard_panels(client, cast.treasurer_a)


def test_the_panel_reads_with_a_constant_number_of_queries(client, cast):
    _newsletters(cast.council_a, 1)
    one = dashboard_queries(client, cast.editor_a)
    _newsletters(cast.council_a, 6, status=NewsletterStatus.SENDING)
    assert dashboard_panels(client, cast.editor_a)[PANEL][0] == 7
    assert dashboard_queries(client, cast.editor_a) == one
