from datetime import date
from decimal import Decimal

import pytest

from santral.outreach.factories import AudienceFactory
from santral.outreach.services import participation_record_save

pytestmark = pytest.mark.django_db


def test_representation_endpoint(client, cast):
    women = AudienceFactory(
        council=cast.council_a,
        slug="kadin",
        baseline_share=Decimal("50"),
        baseline_source="Test",
        baseline_year=2021,
    )
    AudienceFactory(council=cast.council_a, slug="yasli")
    participation_record_save(
        actor=cast.editor_a,
        council=cast.council_a,
        activity_title="T",
        held_on=date(2026, 2, 2),
        total_participants=20,
        audience_counts={women: 4},
    )
    data = client.get("/api/v1/councils/seyhan/representation/").json()
    assert data["total_participants"] == 20 and data["threshold"] == "0.50"
    rows = {row["slug"]: row for row in data["audiences"]}
    assert rows["kadin"]["ratio"] == "0.4000" and rows["kadin"]["is_flagged"] is True
    assert rows["yasli"]["population_share"] is None and rows["yasli"]["ratio"] is None
    assert "email" not in str(data)
    # A code travels with its label (docs/budget.md, "Public figures").
    assert rows["kadin"]["kind_label"] == str(women.get_kind_display())
    assert rows["kadin"]["kind_label"] != rows["kadin"]["kind"]


def test_representation_endpoint_errors_and_schema(client, cast):
    response = client.get("/api/v1/councils/seyhan/representation/", {"esik": "5"})
    assert response.status_code == 400
    assert "Eşik 0,01 ile 1 arasında olmalı." in response.content.decode()
    assert client.get("/api/v1/councils/yok/representation/").status_code == 404
    assert client.post("/api/v1/councils/seyhan/representation/").status_code in (403, 405)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/councils/{slug}/representation/" in schema
