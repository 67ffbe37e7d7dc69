import datetime
from dataclasses import dataclass

import pytest

from santral.budget.factories import make_line
from santral.budget.services import budget_settings_update
from santral.budget.tests.conftest import fixture_budget  # noqa: F401  (a fixture)
from santral.content.factories import make_publication
from santral.councils.factories import CouncilFactory
from santral.councils.services import council_update
from santral.events.factories import make_event
from santral.outreach.factories import AudienceFactory
from santral.outreach.services import participation_record_save

BASE = "http://testserver"


def dataset_iri(slug: str, key: str) -> str:
    return f"{BASE}/{slug}/acik-veri/{key}/"


@dataclass
class OpenDataWorld:
    cast: object
    inactive: object
    events_a: list
    # The datasets the fixture must publish, written out by hand (not by the selector).
    expected: set


def add_council_with_data(actor, name: str, slug: str, *, status: str = "active"):
    """A council with one ledger year (transparency "lines"), an event and a publication."""
    council = CouncilFactory(name=name, slug=slug, status=status)
    budget_settings_update(actor=actor, council=council, transparency="lines")
    make_line(actor, council, initial="500.00")
    make_event(council, title=f"{name} forumu")
    make_publication(council, title=f"{name} raporu")
    return council


@pytest.fixture
def open_data(cast, fixture_budget):  # noqa: F811
    """Council A: ledger 2026 (transparency "lines"), two public events, one internal and
    one unpublished event, a publication, a participation record. Council B: CC0 licence,
    a ledger year with totals-only transparency, one event. An inactive council with data."""
    a, b, admin = cast.council_a, cast.council_b, cast.platform_admin
    budget_settings_update(actor=admin, council=a, transparency="lines")
    start = datetime.datetime(2026, 3, 10, 18, 0, tzinfo=datetime.UTC)
    events_a = [
        make_event(a, title="Kadın meclisi toplantısı", start_at=start, end_at=start),
        make_event(
            a,
            title='=HYPERLINK("http://x","y")',
            start_at=start + datetime.timedelta(days=30),
            end_at=start + datetime.timedelta(days=30, hours=2),
        ),
    ]
    make_event(a, title="Yürütme kurulu (iç)", is_public=False)
    make_event(a, title="Taslak etkinlik", publish=False)
    make_publication(a, title="Kent konseyi faaliyet raporu 2025")
    audience = AudienceFactory(council=a, name="Gençler")
    participation_record_save(
        actor=admin,
        council=a,
        activity_title="Gençlik forumu",
        held_on=datetime.date(2026, 2, 14),
        total_participants=40,
        audience_counts={audience: 25},
    )
    council_update(actor=None, council=b, data_licence="CC0-1.0")
    make_line(admin, b, initial="750.00")
    make_event(b, title="Çukurova mahalle buluşması")
    inactive = add_council_with_data(admin, "Kapalı Kent Konseyi", "kapali", status="inactive")
    expected = {
        dataset_iri("seyhan", "butce-raporu-2026"),
        dataset_iri("seyhan", "butce-defteri-2026"),
        dataset_iri("seyhan", "etkinlikler"),
        dataset_iri("seyhan", "yayinlar"),
        dataset_iri("seyhan", "temsil"),
        dataset_iri("cukurova", "butce-raporu-2026"),
        dataset_iri("cukurova", "etkinlikler"),
    }
    return OpenDataWorld(cast=cast, inactive=inactive, events_a=events_a, expected=expected)
