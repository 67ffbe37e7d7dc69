from datetime import date
from decimal import Decimal

import pytest

from santral.partners.factories import OrganisationFactory, ProjectFactory
from santral.partners.models import ProjectContribution, ProjectPartner

pytestmark = pytest.mark.django_db


def test_stakeholder_api_hides_contact_details_and_unchosen_fields(client, cast, ulasim):
    ulasim.is_public = True
    ulasim.email = "gizli@kurum.test"
    ulasim.phone = "0322 111 22 33"
    ulasim.address = "Gizli adres"
    ulasim.registry_number = "42"
    ulasim.show_registry_number = False
    ulasim.save()
    OrganisationFactory(is_public=False, name="Gizli Kurum")
    data = client.get("/api/v1/stakeholders/").json()
    assert [item["name"] for item in data["results"]] == [ulasim.name]
    item = data["results"][0]
    assert item["registry_number"] is None
    text = client.get(f"/api/v1/stakeholders/{ulasim.slug}/").content.decode()
    for secret in ("gizli@kurum.test", "0322 111 22 33", "Gizli adres", "email", "phone"):
        assert secret not in text
    detail = client.get(f"/api/v1/stakeholders/{ulasim.slug}/").json()
    assert detail["councils"] == [{"slug": "seyhan", "name": "Seyhan Kent Konseyi", "bodies": []}]


def test_private_stakeholder_is_404(client, cast):
    hidden = OrganisationFactory(is_public=False)
    assert client.get(f"/api/v1/stakeholders/{hidden.slug}/").status_code == 404


def test_project_api_lists_public_projects_of_one_council(
    client, cast, ulasim, django_assert_max_num_queries
):
    for index in range(12):
        project = ProjectFactory(council=cast.council_a, slug=f"p-{index}")
        ProjectPartner.objects.create(project=project, organisation=ulasim, role="funder")
    ProjectFactory(council=cast.council_a, slug="gizli", is_public=False)
    ProjectFactory(council=cast.council_b, slug="baska")
    ProjectContribution.objects.create(
        project=project,
        organisation=ulasim,
        kind="cash",
        amount=Decimal("99.90"),
        contributed_on=date(2026, 3, 1),
    )
    with django_assert_max_num_queries(5):
        data = client.get("/api/v1/councils/seyhan/projects/").json()
    assert data["count"] == 12
    assert {item["council"] for item in data["results"]} == {"seyhan"}
    assert data["results"][0]["partners"][0]["role"] == "funder"
    detail = client.get("/api/v1/councils/seyhan/projects/p-11/").json()
    assert detail["contributions"][0]["amount"] == "99.90"
    assert client.get("/api/v1/councils/seyhan/projects/gizli/").status_code == 404
    assert client.get("/api/v1/councils/seyhan/projects/baska/").status_code == 404


def test_partner_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/stakeholders/",
        "/api/v1/stakeholders/{slug}/",
        "/api/v1/councils/{council_slug}/projects/",
        "/api/v1/councils/{council_slug}/projects/{slug}/",
    ):
        assert path in schema["paths"], path


def test_resource_plan_api_shows_upcoming_public_events_with_their_gap(
    client, cast, ulasim, django_assert_max_num_queries
):
    from santral.events.factories import make_event
    from santral.partners.models import ResourceSource
    from santral.partners.services.resources import resource_line_save

    events = [make_event(cast.council_a, title=f"Forum {n}") for n in range(3)]
    hidden = make_event(cast.council_a, title="İç toplantı", is_public=False)
    other = make_event(cast.council_b, title="Çukurova forumu")
    for event in [*events, hidden, other]:
        resource_line_save(
            actor=cast.editor_b if event is other else cast.editor_a,
            event=event,
            kind="transport",
            description="Otobüs",
            quantity="3",
            unit="araç",
            unit_cost="4500",
            source="pledge" if event is not other else "uncovered",
            organisation=ulasim if event is not other else None,
        )
    with django_assert_max_num_queries(12):
        data = client.get("/api/v1/councils/seyhan/resource-plans/").json()
    assert [item["title"] for item in data["results"]] == ["Forum 0", "Forum 1", "Forum 2"]
    item = data["results"][0]
    assert item["readiness"] == "not_ready"
    assert item["money_uncovered"] == "13500.00"
    assert item["items_uncovered"] == 1
    assert item["lines"][0]["institution"] == ulasim.name
    assert item["lines"][0]["uncovered_quantity"] == "3.00"
    assert item["lines"][0]["source"] == "pledge"
    assert item["lines"][0]["source_label"] == str(ResourceSource.PLEDGE.label)
    text = client.get("/api/v1/councils/seyhan/resource-plans/").content.decode()
    assert "Çukurova forumu" not in text and "İç toplantı" not in text
    assert client.get("/api/v1/councils/yok/resource-plans/").status_code == 404
    ulasim.is_public = False
    ulasim.save()
    data = client.get("/api/v1/councils/seyhan/resource-plans/").json()
    assert data["results"][0]["lines"][0]["institution"] is None  # no public profile
