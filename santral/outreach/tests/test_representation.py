"""Representation arithmetic on a hand-computed fixture, flags at the threshold, filters,
the dashboard page, its CSV and a constant number of queries."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from santral.councils.factories import BodyFactory
from santral.outreach.factories import AudienceFactory
from santral.outreach.models import AreaPopulation
from santral.outreach.selectors import population_share, representation_report
from santral.outreach.services import participation_record_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    """Area of 1 000 000 people.
    women: 50 % (share); youth: 250 000 people (count over the area) = 25 %;
    elderly: no source.
    R1 (body X, 15.01.2026) total 100: women 40, youth 10, elderly 7
    R2 (body X, 10.04.2026) total  50: women 20 (youth not counted)
    R3 (body Y, 05.05.2026) total 200: women 50, youth 25
    """
    council = cast.council_a
    AreaPopulation.objects.create(council=council, total=1_000_000, source="Test", year=2024)
    women = AudienceFactory(
        council=council,
        slug="kadin",
        name="Kadınlar",
        sort_order=1,
        baseline_share=Decimal("50"),
        baseline_source="Test",
        baseline_year=2021,
    )
    youth = AudienceFactory(
        council=council,
        slug="genc",
        name="Gençler",
        sort_order=2,
        baseline_count=250_000,
        baseline_source="Test",
        baseline_year=2024,
    )
    elderly = AudienceFactory(council=council, slug="yasli", name="Yaşlılar", sort_order=3)
    body_x = BodyFactory(council=council, slug="x")
    body_y = BodyFactory(council=council, slug="y")
    save = participation_record_save
    save(
        actor=cast.editor_a,
        council=council,
        activity_title="R1",
        held_on=date(2026, 1, 15),
        total_participants=100,
        audience_counts={women: 40, youth: 10, elderly: 7},
        body=body_x,
    )
    save(
        actor=cast.editor_a,
        council=council,
        activity_title="R2",
        held_on=date(2026, 4, 10),
        total_participants=50,
        audience_counts={women: 20},
        body=body_x,
    )
    save(
        actor=cast.editor_a,
        council=council,
        activity_title="R3",
        held_on=date(2026, 5, 5),
        total_participants=200,
        audience_counts={women: 50, youth: 25},
        body=body_y,
    )
    return {
        "council": council,
        "women": women,
        "youth": youth,
        "elderly": elderly,
        "x": body_x,
        "y": body_y,
    }


def _rows(report):
    return {row.audience.slug: row for row in report.rows}


def test_hand_computed_ratios_for_the_whole_council(world):
    report = representation_report(council=world["council"])
    rows = _rows(report)
    assert report.activities == 3 and report.total_participants == 350
    # women: 110 of 350 = 31.428571…% ; ratio 0.628571…
    assert rows["kadin"].participants == 110 and rows["kadin"].counted_total == 350
    assert rows["kadin"].ratio.quantize(Decimal("0.0001")) == Decimal("0.6286")
    assert rows["kadin"].is_flagged is False
    # youth counted only at R1 and R3: 35 of 300 = 11.67 % of a 25 % share: ratio 0.4667
    assert rows["genc"].participants == 35 and rows["genc"].counted_total == 300
    assert rows["genc"].population_share == Decimal(25)
    assert rows["genc"].ratio.quantize(Decimal("0.0001")) == Decimal("0.4667")
    assert rows["genc"].is_flagged is True
    # elderly: counted, but no sourced baseline -> no ratio, never flagged
    assert rows["yasli"].population_share is None and rows["yasli"].ratio is None
    assert rows["yasli"].participation_share == Decimal(7)
    assert not rows["yasli"].is_flagged
    assert [row.audience.slug for row in report.flagged] == ["genc"]


def test_filters_by_body_and_period(world):
    rows = _rows(representation_report(council=world["council"], body=world["x"]))
    # women 60/150 = 40 % -> 0.8 ; youth 10/100 = 10 % -> 0.4
    assert rows["kadin"].ratio == Decimal("0.8")
    assert rows["genc"].ratio == Decimal("0.4")
    rows = _rows(
        representation_report(
            council=world["council"], starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 30)
        )
    )
    assert rows["kadin"].ratio == Decimal("0.8")  # 20/50 = 40 %
    assert rows["genc"].counted_total == 0 and rows["genc"].ratio is None


def test_flag_is_strictly_below_the_threshold(world):
    # body Y alone: youth 25/200 = 12.5 % of 25 % -> exactly 0.5
    report = representation_report(council=world["council"], body=world["y"])
    youth = _rows(report)["genc"]
    assert youth.ratio == Decimal("0.5")
    assert youth.is_flagged is False
    report = representation_report(
        council=world["council"], body=world["y"], threshold=Decimal("0.51")
    )
    assert _rows(report)["genc"].is_flagged is True


def test_trend_by_quarter(world):
    report = representation_report(council=world["council"])
    assert [period.label for period in report.periods] == ["Oca–Mar 2026", "Nis–Haz 2026"]
    with translation.override("en"):
        assert [period.label for period in report.periods] == ["Jan–Mar 2026", "Apr–Jun 2026"]
    trend = {row.audience.slug: row.ratios for row in report.trend}
    assert trend["kadin"] == [Decimal("0.8"), Decimal("0.56")]  # 40/100 ; 70/250 = 28 %
    assert trend["genc"] == [Decimal("0.4"), Decimal("0.5")]
    assert trend["yasli"] == [None, None]


def test_share_from_count_uses_its_own_reference_population(world):
    migrants = AudienceFactory(
        council=world["council"],
        baseline_count=210_600,
        baseline_population=2_491_084,
        baseline_source="Göç İdaresi",
        baseline_year=2025,
    )
    share = population_share(migrants, None)
    assert share.quantize(Decimal("0.01")) == Decimal("8.45")


def test_dashboard_page_shows_figures_no_source_and_flags(client, world):
    url = reverse("outreach:representation", kwargs={"council_slug": "seyhan"})
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "henüz kaynak yok" in html
    assert "eşiğin altında" in html
    assert "<svg" in html and 'role="img"' in html and "<table" in html
    assert "style=" not in html


def test_dashboard_threshold_form_error_in_turkish(client, world):
    url = reverse("outreach:representation", kwargs={"council_slug": "seyhan"})
    response = client.get(url, {"esik": "3"})
    assert "Eşik 0,01 ile 1 arasında olmalı." in response.content.decode()
    response = client.get(url, {"baslangic": "2026-05-01", "bitis": "2026-01-01"})
    assert "Bitiş tarihi başlangıçtan önce olamaz." in response.content.decode()


def test_dashboard_threshold_can_be_raised(client, world):
    url = reverse("outreach:representation", kwargs={"council_slug": "seyhan"})
    response = client.get(url, {"esik": "0.7"})
    assert response.context["report"].threshold == Decimal("0.7")
    assert {row.audience.slug for row in response.context["report"].flagged} == {"kadin", "genc"}


def test_csv_export(client, world):
    url = reverse("outreach:representation-csv", kwargs={"council_slug": "seyhan"})
    response = client.get(url, {"kurul": "x"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Kadınlar"][7] == "0.80"
    assert by_name["Gençler"][7] == "0.40" and by_name["Gençler"][8] == "evet"
    assert by_name["Yaşlılar"][1] == "henüz kaynak yok"


def test_dashboard_queries_do_not_grow_with_records(client, world, django_assert_max_num_queries):
    url = reverse("outreach:representation", kwargs={"council_slug": "seyhan"})
    with django_assert_max_num_queries(12) as captured:
        client.get(url)
    before = len(captured)
    from santral.outreach.models import AudienceCount, ParticipationRecord

    for day in range(1, 20):
        record = ParticipationRecord.objects.create(
            council=world["council"],
            activity_title=f"E{day}",
            held_on=date(2026, 7, day),
            total_participants=10,
        )
        AudienceCount.objects.create(record=record, audience=world["women"], count=5)
    with django_assert_max_num_queries(before):
        client.get(url)


def test_csv_with_a_bad_filter_is_refused_in_turkish(client, world):
    url = reverse("outreach:representation-csv", kwargs={"council_slug": "seyhan"})
    response = client.get(url, {"esik": "abc"})
    assert response.status_code == 400
    assert "Eşik bir sayı olmalı (ör. 0,5)." in response.content.decode()
