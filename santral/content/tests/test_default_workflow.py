"""With moderation off a council's pages have no workflow; with it on, the council's own."""

import pytest
from wagtail.models import Workflow

from santral.content.factories import make_news
from santral.content.services import council_moderation_set

pytestmark = pytest.mark.django_db


def test_wagtails_default_workflow_reaches_no_page(cast):
    news = make_news(cast.council_a, title="Onaysız haber")
    # Wagtail's "Moderators approval" sent pages to a group no Santral role is in.
    assert news.get_workflow() is None
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


def test_the_councils_moderation_setting_gives_its_pages_the_councils_workflow(cast):
    council_moderation_set(actor=None, council=cast.council_a, enabled=True)
    news = make_news(cast.council_a, title="Onaylı haber")
    # Editors read its name on their "submit" button: the council's, not a key.
    assert news.get_workflow().name == f"{cast.council_a.name}: konsey yöneticisi onayı"
    council_moderation_set(actor=None, council=cast.council_a, enabled=True)  # again: no twin
    assert Workflow.objects.filter(name__endswith="konsey yöneticisi onayı").count() == 1
    council_moderation_set(actor=None, council=cast.council_a, enabled=False)
    assert news.get_workflow() is None
