from decimal import Decimal

import pytest

from santral.core.registry import demo_loaders
from santral.outreach.models import Audience, CommunicationPlan, ParticipationRecord
from santral.outreach.selectors import representation_report

pytestmark = pytest.mark.django_db


def _load():
    for _name, loader in demo_loaders():
        loader()


def test_adana_demo_has_sourced_baselines_and_is_idempotent():
    _load()
    counts = (
        Audience.objects.count(),
        ParticipationRecord.objects.count(),
        CommunicationPlan.objects.count(),
    )
    _load()
    assert counts == (
        Audience.objects.count(),
        ParticipationRecord.objects.count(),
        CommunicationPlan.objects.count(),
    )
    women = Audience.objects.get(council__slug="adana-buyuksehir", slug="kadinlar")
    assert women.baseline_share == Decimal("50.0400") and women.baseline_year == 2021
    migrants = Audience.objects.get(council__slug="adana-buyuksehir", slug="gocmenler")
    assert migrants.baseline_count == 210_600 and "ADNKS" in migrants.baseline_note
    assert migrants.baseline_population == 2_280_484 + 210_600
    unsourced = Audience.objects.filter(council__slug="adana-buyuksehir").exclude(
        slug__in=["kadinlar", "gocmenler"]
    )
    assert unsourced.count() == 6
    assert all(a.baseline_share is None and a.baseline_count is None for a in unsourced)
    records = ParticipationRecord.objects.filter(council__slug="adana-buyuksehir")
    assert records.count() == 3 and all(r.is_demo and "(demo)" in r.activity_title for r in records)
    report = representation_report(council=records[0].council)
    assert report.area.total == 2_280_484 and report.area.source == "TÜİK ADNKS"
    rows = {row.audience.slug: row for row in report.rows}
    assert rows["gencler"].ratio is None  # no sourced youth share for Adana
    assert rows["gocmenler"].is_flagged  # 6 of 185 = 3.2 % vs 8.45 %


def test_demo_links_the_youth_assemblys_figures_to_its_past_event(client):
    _load()
    record = ParticipationRecord.objects.get(activity_title="Gençlik Meclisi açık oturumu (demo)")
    assert record.event is not None and record.event.slug == "genclik-meclisi-acik-oturumu"
    assert record.event.start_at.date().isoformat() == "2026-09-20"
    others = ParticipationRecord.objects.exclude(pk=record.pk)
    assert all(other.event_id is None for other in others)
