from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from santral.core.factories import UserFactory
from santral.partners.factories import OrganisationFactory, ProjectFactory
from santral.partners.models import ContactPerson, Pledge, ProjectContribution, ProjectPartner
from santral.partners.services import (
    affiliation_set,
    liaison_add,
    support_request_create,
    support_request_send,
)

pytestmark = pytest.mark.django_db


def _sent(cast, organisation, council=None, actor=None, subject="Salon desteği"):
    council = council or cast.council_a
    actor = actor or cast.editor_a
    request = support_request_create(
        actor=actor, council=council, organisation=organisation, subject=subject, text="Rica."
    )
    return support_request_send(actor=actor, support_request=request)


# --- Public profile ------------------------------------------------------------------------


def test_public_profile_shows_only_what_the_organisation_chose(client, cast, ulasim, consent):
    ulasim.is_public = True
    ulasim.registry_number = "KÜTÜK-42"
    ulasim.show_registry_number = False
    ulasim.email = "gizli@kurum.test"
    ulasim.phone = "0322 111 22 33"
    ulasim.website = "https://kurum.example/"
    ulasim.save()
    ContactPerson.objects.create(
        council=cast.council_a,
        organisation=ulasim,
        full_name="Gizli Kişi",
        email="kisi@kurum.test",
        consent_version=consent.version,
        consent_at="2026-11-26T10:00:00+03:00",
    )
    body = client.get(ulasim.get_absolute_url()).content.decode()
    assert ulasim.name in body
    assert "https://kurum.example/" in body
    for secret in ("KÜTÜK-42", "gizli@kurum.test", "0322 111 22 33", "Gizli Kişi", "kisi@kurum"):
        assert secret not in body
    ulasim.show_registry_number = True
    ulasim.show_website = False
    ulasim.save()
    body = client.get(ulasim.get_absolute_url()).content.decode()
    assert "KÜTÜK-42" in body
    assert "https://kurum.example/" not in body


def test_private_organisation_has_no_public_page(client, cast):
    hidden = OrganisationFactory(is_public=False)
    assert client.get(f"/paydaslar/{hidden.slug}/").status_code == 404
    assert hidden.name not in client.get("/paydaslar/").content.decode()


def test_stakeholder_list_is_paginated_in_turkish_order_with_constant_queries(
    client, cast, django_assert_max_num_queries
):
    for index in range(30):
        OrganisationFactory(name=f"{'ÇIİŞ'[index % 4]}ehir Derneği {index:02d}", slug="")
    with django_assert_max_num_queries(6):
        first = client.get("/paydaslar/")
    with django_assert_max_num_queries(6):
        second = client.get("/paydaslar/?sayfa=2")
    assert first.status_code == second.status_code == 200
    names = [item.name for item in first.context["organisations"]]
    names += [item.name for item in second.context["organisations"]]
    assert len(first.context["organisations"]) == 24
    # Turkish alphabet: Ç after C, I (dotless) before İ, Ş after S.
    assert "".join(name[0] for name in names) == "Ç" * 8 + "I" * 8 + "İ" * 7 + "Ş" * 7


# --- Projects ------------------------------------------------------------------------------


def _project(cast, ulasim, **fields):
    project = ProjectFactory(council=cast.council_a, **fields)
    ProjectPartner.objects.create(project=project, organisation=ulasim, role="lead")
    ProjectContribution.objects.create(
        project=project,
        organisation=ulasim,
        kind="in_kind",
        amount=Decimal("1234.50"),
        contributed_on=date(2026, 5, 1),
    )
    return project


def test_project_page_shows_partners_roles_and_contributions(client, cast, ulasim):
    project = _project(cast, ulasim, title="Erişilebilir Seyhan", slug="erisilebilir-seyhan")
    response = client.get("/seyhan/projeler/erisilebilir-seyhan/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Erişilebilir Seyhan" in body and ulasim.name in body
    assert "Yürütücü" in body
    assert "1.234,50" in body
    assert project.get_absolute_url() == "/seyhan/projeler/erisilebilir-seyhan/"
    assert client.get("/en/seyhan/projeler/erisilebilir-seyhan/").status_code == 200


def test_private_project_and_other_councils_project_answer_404(client, cast, ulasim):
    _project(cast, ulasim, slug="gizli", is_public=False)
    _project(cast, ulasim, slug="acik")
    assert client.get("/seyhan/projeler/gizli/").status_code == 404
    assert client.get("/cukurova/projeler/acik/").status_code == 404
    assert client.get("/seyhan/projeler/acik/").status_code == 200


def test_project_list_has_constant_queries(client, cast, ulasim, django_assert_max_num_queries):
    for index in range(5):
        _project(cast, ulasim, slug=f"p-{index}")
    with django_assert_max_num_queries(6):
        few = client.get("/seyhan/projeler/")
    for index in range(5, 30):
        _project(cast, ulasim, slug=f"p-{index}")
    with django_assert_max_num_queries(6):
        many = client.get("/seyhan/projeler/")
    assert few.status_code == many.status_code == 200
    assert len(many.context["projects"]) == 24


def test_public_pages_write_nothing(client, cast, ulasim, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _project(cast, ulasim, slug="okuma")
    ulasim.is_public = True
    ulasim.save()
    with CaptureQueriesContext(connection) as queries:
        for url in (
            "/paydaslar/",
            ulasim.get_absolute_url(),
            "/seyhan/projeler/",
            "/seyhan/projeler/okuma/",
        ):
            assert client.get(url).status_code == 200
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []


# --- Liaison -------------------------------------------------------------------------------


def test_liaison_sees_only_requests_addressed_to_their_institution(client, cast, ulasim, dernek):
    liaison_user = UserFactory(email="irtibat@ulasim.test")
    liaison_add(actor=cast.editor_a, council=cast.council_a, organisation=ulasim, user=liaison_user)
    mine = _sent(cast, ulasim, subject="Otobüs talebi")
    other_institution = _sent(cast, dernek, subject="Afiş talebi")
    affiliation_set(actor=cast.editor_b, council=cast.council_b, organisation=ulasim)
    other_council = _sent(
        cast, ulasim, council=cast.council_b, actor=cast.editor_b, subject="Çukurova talebi"
    )
    draft = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="Taslak", text="T"
    )
    client.force_login(liaison_user)
    body = client.get("/kurum-paneli/").content.decode()
    assert "Otobüs talebi" in body
    for hidden in ("Afiş talebi", "Çukurova talebi", "Taslak"):
        assert hidden not in body
    assert client.get(f"/kurum-paneli/yazilar/{mine.pk}/").status_code == 200
    pdf = client.get(f"/kurum-paneli/yazilar/{mine.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    for request in (other_institution, other_council, draft):
        assert client.get(f"/kurum-paneli/yazilar/{request.pk}/").status_code == 404
        assert client.get(f"/kurum-paneli/yazilar/{request.pk}/pdf/").status_code == 404
        response = client.post(f"/kurum-paneli/yazilar/{request.pk}/yanit/", {"answer": "accepted"})
        assert response.status_code == 404
    request_ids = {item.pk for item in client.get("/kurum-paneli/").context["requests"]}
    assert request_ids == {mine.pk}


def test_liaison_answers_and_pledges_in_santral(client, cast, ulasim):
    liaison_user = UserFactory(email="irtibat@ulasim.test")
    liaison_add(actor=cast.editor_a, council=cast.council_a, organisation=ulasim, user=liaison_user)
    request = _sent(cast, ulasim)
    client.force_login(liaison_user)
    answer = client.post(
        f"/kurum-paneli/yazilar/{request.pk}/yanit/",
        {
            "answer": "partly",
            "note": "Bir otobüs verebiliriz.",
            "document": SimpleUploadedFile("yanit.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert answer.status_code == 302
    request.refresh_from_db()
    assert request.answer == "partly" and request.answered_by == liaison_user
    assert request.answer_document is not None
    bad = client.post(
        f"/kurum-paneli/yazilar/{request.pk}/taahhut/",
        {"what": "Otobüs", "quantity": "-1", "value": "100"},
    )
    assert bad.status_code == 400
    assert "Miktar sıfırdan büyük olmalıdır" in bad.content.decode()
    assert not Pledge.objects.exists()
    good = client.post(
        f"/kurum-paneli/yazilar/{request.pk}/taahhut/",
        {
            "what": "Otobüs",
            "quantity": "1",
            "unit": "adet",
            "value": "4.500,00",
            "due_on": "05.12.2026",
        },
    )
    assert good.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.value == Decimal("4500.00") and pledge.due_on == date(2026, 12, 5)


def test_non_liaison_has_no_institution_panel(client, cast):
    client.force_login(cast.member_a)
    assert client.get("/kurum-paneli/").status_code == 404
    client.logout()
    assert client.get("/kurum-paneli/").status_code == 302


def test_liaison_dashboard_is_paginated_with_constant_queries(
    client, cast, ulasim, django_assert_max_num_queries
):
    liaison_user = UserFactory(email="irtibat@ulasim.test")
    liaison_add(actor=cast.editor_a, council=cast.council_a, organisation=ulasim, user=liaison_user)
    client.force_login(liaison_user)
    _sent(cast, ulasim)
    with django_assert_max_num_queries(8) as few:
        assert client.get("/kurum-paneli/").status_code == 200
    for index in range(30):
        _sent(cast, ulasim, subject=f"Talep {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/kurum-paneli/")
    assert len(response.context["requests"]) == 24
