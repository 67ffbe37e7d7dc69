"""Two-step moderation where people work: the editor's notice and pages, the admin's queue."""

import pytest

from santral.content.dashboard import content_panels
from santral.content.factories import make_news
from santral.content.services import council_moderation_set
from santral.core.tests.panels import dashboard_panels, panel_queries

pytestmark = pytest.mark.django_db

MINE, TO_APPROVE = "santral-my-pages-in-moderation", "santral-pages-to-approve"
NOTICE = "Yayımlamak için yönetici onayı gerekir"


def _submitted(council, user, n=1):
    pages = []
    for _i in range(n):
        page = make_news(council, publish=False)
        page.get_workflow().start(page, user)
        pages.append(page)
    return pages


@pytest.fixture
def moderated(cast):
    council_moderation_set(actor=cast.admin_a, council=cast.council_a, enabled=True)


def test_editor_sees_the_notice_and_own_pages_awaiting_approval(client, cast, moderated):
    (mine,) = _submitted(cast.council_a, cast.editor_a)
    _submitted(cast.council_a, cast.admin_a)  # not the editor's

    panels = dashboard_panels(client, cast.editor_a)

    count, html = panels[MINE]
    assert count == 1
    assert NOTICE in html and cast.council_a.name in html
    assert f"/admin/pages/{mine.pk}/edit/" in html
    assert TO_APPROVE not in panels


def test_admin_sees_every_page_of_their_council_awaiting_approval(client, cast, moderated):
    pages = _submitted(cast.council_a, cast.editor_a, n=2)
    panels = dashboard_panels(client, cast.admin_a)
    assert panels[TO_APPROVE][0] == 2
    assert all(f"/admin/pages/{page.pk}/edit/" in panels[TO_APPROVE][1] for page in pages)
    assert MINE not in panels  # an admin publishes, nobody approves for them


def test_nothing_is_shown_without_moderation(client, cast):
    make_news(cast.council_a, publish=False)
    for persona in (cast.editor_a, cast.admin_a):
        panels = dashboard_panels(client, persona)
        assert MINE not in panels and TO_APPROVE not in panels


def test_another_council_sees_none_of_it(client, cast, moderated):
    council_moderation_set(actor=None, council=cast.council_b, enabled=True)
    _submitted(cast.council_a, cast.editor_a)
    panels = dashboard_panels(client, cast.editor_b)
    assert panels[MINE][0] == 0 and cast.council_a.name not in panels[MINE][1]
    assert TO_APPROVE not in panels


def test_the_page_editor_tells_the_editor_who_publishes(client, cast, moderated):
    page = make_news(cast.council_a, publish=False)
    client.force_login(cast.editor_a)
    assert NOTICE in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    client.force_login(cast.admin_a)
    assert NOTICE not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_the_panels_read_with_a_constant_number_of_queries(client, cast, moderated):
    _submitted(cast.council_a, cast.editor_a)
    editor_one = panel_queries(content_panels, cast.editor_a)
    admin_one = panel_queries(content_panels, cast.admin_a)
    _submitted(cast.council_a, cast.editor_a, n=5)
    assert dashboard_panels(client, cast.admin_a)[TO_APPROVE][0] == 6
    assert panel_queries(content_panels, cast.editor_a) == editor_one
    assert panel_queries(content_panels, cast.admin_a) == admin_one


def test_a_page_counts_as_mine_only_while_my_own_submission_waits(client, cast, moderated):
    (page,) = _submitted(cast.council_a, cast.editor_a)
    page.current_workflow_state.cancel(user=cast.editor_a)
    page.get_workflow().start(page, cast.admin_a)  # now waiting on the admin's submission

    assert dashboard_panels(client, cast.editor_a)[MINE][0] == 0
    assert dashboard_panels(client, cast.admin_a)[TO_APPROVE][0] == 1
