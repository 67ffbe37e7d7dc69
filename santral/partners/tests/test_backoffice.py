from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from santral.core.models import AuditRecord
from santral.partners.factories import OrganisationFactory
from santral.partners.models import Organisation, Project, SupportRequest
from santral.partners.services import (
    pledge_add,
    support_request_answer,
    support_request_create,
    support_request_send,
)

pytestmark = pytest.mark.django_db

OUR_PREFIXES = (
    "paydaslar/",
    "paydasliklar/",
    "iletisim-kisileri/",
    "irtibat-kisileri/",
    "ortak-projeler/",
    "destek-yazilari/",
    "destek-yazisi/",
    "yazi-antetleri/",
    "ortaklik-panosu/",
    "paydas-gecmisi/",
    "acik-riza-metinleri/",
    "kaynak-plani/",
)


def assert_denied(response) -> None:
    """403, 404, or Wagtail's refusal: a redirect to the dashboard or the login page."""
    assert response.status_code in (403, 404) or (
        response.status_code == 302
        and response["Location"].startswith(("/admin/", "/accounts/login/"))
    ), response.status_code


def _request_data(council, addressee, **changes):
    data = {
        "council": council.pk,
        "organisation": addressee.pk if addressee else "",
        "body": "",
        "project": "",
        "subject": "Festival için salon desteği",
        "addressee_line": "",
        "references": "",
        "text": "Salon rica olunur.",
        "attachments": "",
        "distribution": "",
        "signatory_name": "",
        "signatory_title": "",
        "needed_by": "",
    }
    data.update(changes)
    return data


def _state():
    return (
        list(SupportRequest.objects.order_by("pk").values()),
        list(Organisation.objects.order_by("pk").values()),
        # A refused write leaves only its access.refused row (santral/core/refusals.py).
        AuditRecord.objects.exclude(action="access.refused").count(),
    )


def test_editor_creates_a_request_and_sends_it_from_the_back_office(client, cast, ulasim):
    client.force_login(cast.editor_a)
    response = client.post(reverse("destek-yazilari:add"), _request_data(cast.council_a, ulasim))
    assert response.status_code == 302, response.content.decode()[:3000]
    request = SupportRequest.objects.get()
    assert response["Location"] == reverse("santral_partner_request", args=[request.pk])
    detail = reverse("santral_partner_request", args=[request.pk])
    assert client.get(detail).status_code == 200
    assert client.post(detail, {"action": "send"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "sent" and request.number == 1
    pdf = client.get(reverse("santral_partner_request_pdf", args=[request.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_unknown_institution_gets_a_turkish_form_error(client, cast):
    client.force_login(cast.editor_a)
    before = _state()
    data = _request_data(cast.council_a, None, organisation="999999")
    response = client.post(reverse("destek-yazilari:add"), data)
    assert response.status_code == 200
    assert "Bilinmeyen kurum seçildi." in response.content.decode()
    assert _state() == before


def test_request_of_council_a_is_404_for_editor_of_b(client, cast, ulasim):
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    client.force_login(cast.editor_b)
    before = _state()
    edit = reverse("destek-yazilari:edit", args=[request.pk])
    assert client.get(edit).status_code == 404
    response = client.post(edit, _request_data(cast.council_a, ulasim, subject="Ele geçirildi"))
    assert response.status_code == 404
    detail = reverse("santral_partner_request", args=[request.pk])
    assert client.post(detail, {"action": "send"}).status_code == 404
    assert client.get(reverse("santral_partner_request_pdf", args=[request.pk])).status_code == 404
    assert _state() == before


def test_member_cannot_edit_requests_or_organisations(client, cast, ulasim):
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    client.force_login(cast.member_a)
    before = _state()
    assert_denied(
        client.post(
            reverse("destek-yazilari:edit", args=[request.pk]),
            _request_data(cast.council_a, ulasim, subject="X"),
        )
    )
    assert_denied(
        client.post(reverse("santral_partner_request", args=[request.pk]), {"action": "send"})
    )
    assert_denied(client.post(reverse("paydaslar:edit", args=[ulasim.pk]), {"name": "X"}))
    assert _state() == before


def test_sent_request_cannot_be_edited_in_the_back_office(client, cast, ulasim):
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    support_request_send(actor=cast.editor_a, support_request=request)
    client.force_login(cast.editor_a)
    before = _state()
    response = client.post(
        reverse("destek-yazilari:edit", args=[request.pk]),
        _request_data(cast.council_a, ulasim, subject="Yeni konu"),
    )
    assert response.status_code == 200
    assert "Gönderilmiş bir yazı değiştirilemez." in response.content.decode()
    assert _state() == before


def test_editor_registers_an_organisation_and_editor_of_b_cannot_change_it(client, cast):
    client.force_login(cast.editor_a)
    data = {
        "council": cast.council_a.pk,
        "name": "Işık Engelliler Derneği",
        "slug": "",
        "kind": "association",
        "registry_number": "01-045",
        "province": "",
        "district": "",
        "description": "",
        "website": "",
        "email": "",
        "phone": "",
        "address": "",
        "is_public": "on",
        "topic_names": "erişilebilirlik, gençlik",
    }
    response = client.post(reverse("paydaslar:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(slug="isik-engelliler-dernegi")
    assert organisation.owner_council == cast.council_a
    assert organisation.topics.count() == 2
    client.force_login(cast.editor_b)
    before = _state()
    response = client.post(
        reverse("paydaslar:edit", args=[organisation.pk]), {**data, "name": "Ele geçirildi"}
    )
    assert response.status_code == 404
    assert _state() == before


def test_back_office_lists_only_own_councils_objects(client, cast, ulasim):
    other = OrganisationFactory(name="Çukurova Özel Derneği", owner_council=cast.council_b)
    support_request_create(
        actor=cast.editor_a,
        council=cast.council_a,
        organisation=ulasim,
        subject="Seyhan talebi",
        text="T",
    )
    client.force_login(cast.editor_b)
    assert "Seyhan talebi" not in client.get(reverse("destek-yazilari:index")).content.decode()
    body = client.get(reverse("paydaslar:index")).content.decode()
    assert other.name in body and ulasim.name not in body


def test_project_created_in_the_back_office(client, cast):
    client.force_login(cast.editor_a)
    data = {
        "council": cast.council_a.pk,
        "title": "Kadın Kooperatifleri Buluşması",
        "slug": "",
        "aim": "Kooperatifleri buluşturmak.",
        "description": "",
        "status": "planned",
        "starts_on": "2026-12-01",
        "ends_on": "2026-11-01",
        "is_public": "on",
    }
    for prefix in ("partners", "milestones", "contributions", "documents"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    response = client.post(reverse("ortak-projeler:add"), data)
    assert response.status_code == 200
    assert "Bitiş tarihi başlangıçtan önce olamaz." in response.content.decode()
    assert not Project.objects.exists()
    data["ends_on"] = "2026-12-31"
    response = client.post(reverse("ortak-projeler:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Project.objects.get().slug == "kadin-kooperatifleri-bulusmasi"


def test_dashboard_shows_open_requests_and_contributions(client, cast, ulasim):
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    support_request_send(actor=cast.editor_a, support_request=request)
    support_request_answer(actor=cast.editor_a, support_request=request, answer="accepted")
    pledge = pledge_add(
        actor=cast.editor_a, support_request=request, what="Salon", quantity=1, value="2500"
    )
    client.force_login(cast.editor_a)
    detail = reverse("santral_partner_request", args=[request.pk])
    client.post(detail, {"action": "fulfilled", "pledge": pledge.pk, "delivered_value": "2.000,00"})
    response = client.get(reverse("santral_partner_dashboard", args=[cast.council_a.pk]))
    assert response.status_code == 200
    assert [row.name for row in response.context["open_rows"]] == [ulasim.name]
    assert [(row.name, row.in_kind) for row in response.context["contributions"]] == [
        (ulasim.name, Decimal("2000.00"))
    ]
    client.force_login(cast.editor_b)
    assert (
        client.get(reverse("santral_partner_dashboard", args=[cast.council_a.pk])).status_code
        == 404
    )


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def test_every_partners_backoffice_url_is_closed_to_anonymous_members_and_outsiders(
    client, cast, ulasim
):
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    routes = [
        route[len("admin/") :]
        for route in _walk(get_resolver().url_patterns)
        if route.startswith("admin/") and route[len("admin/") :].startswith(OUR_PREFIXES)
    ]
    assert len(routes) >= 20, routes
    checked = 0
    for user in (None, cast.member_a, cast.outsider):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for route in routes:
            path = "/admin/" + route.replace("^", "").replace("$", "")
            for token in ("<int:pk>", "<str:pk>", "<path:pk>"):
                path = path.replace(token, str(request.pk))
            path = path.replace("<int:council_id>", str(cast.council_a.pk))
            if "<" in path:
                continue
            response = client.get(path)
            assert response.status_code != 200, (user, path)
            assert_denied(response)
            checked += 1
    assert checked >= 45


def test_every_partners_screen_opens_for_an_editor(client, cast, ulasim, consent):
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    client.force_login(cast.editor_a)
    for name in (
        "paydaslar",
        "paydasliklar",
        "iletisim-kisileri",
        "irtibat-kisileri",
        "ortak-projeler",
        "destek-yazilari",
        "yazi-antetleri",
    ):
        for view in ("index", "add"):
            response = client.get(reverse(f"{name}:{view}"))
            assert response.status_code == 200, (name, view)
    body = client.get(reverse("iletisim-kisileri:add")).content.decode()
    assert consent.text in body
    assert client.get(reverse("paydaslar:edit", args=[ulasim.pk])).status_code == 200
    assert client.get(reverse("destek-yazilari:edit", args=[request.pk])).status_code == 200
    assert client.get(reverse("santral_partner_dashboard_index")).status_code == 302
    history = client.get(reverse("santral_partner_history", args=[ulasim.pk]))
    assert history.status_code == 200 and "S" in history.content.decode()
    client.force_login(cast.editor_b)
    assert client.get(reverse("santral_partner_history", args=[ulasim.pk])).status_code == 404


def test_request_form_offers_only_own_institutions_and_projects(client, cast, ulasim):
    from santral.partners.factories import ProjectFactory

    foreign = OrganisationFactory(name="Yalnız Çukurova Kurumu", owner_council=cast.council_b)
    foreign_project = ProjectFactory(council=cast.council_b, title="Çukurova Gizli Projesi")
    client.force_login(cast.editor_a)
    body = client.get(reverse("destek-yazilari:add")).content.decode()
    assert ulasim.name in body
    assert foreign.name not in body and foreign_project.title not in body
    before = _state()
    response = client.post(reverse("destek-yazilari:add"), _request_data(cast.council_a, foreign))
    assert "Bilinmeyen kurum seçildi." in response.content.decode()
    assert _state() == before


def test_request_workflow_through_the_back_office(client, cast, ulasim):
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    client.force_login(cast.editor_a)
    detail = reverse("santral_partner_request", args=[request.pk])
    client.post(detail, {"action": "send"})
    client.post(detail, {"action": "answer", "answer": "accepted", "note": "Olur."})
    before = _state()
    pledges_before = list(request.pledges.values())
    response = client.post(
        detail,
        {"action": "pledge", "what": "Ses sistemi", "quantity": "-3", "value": "0"},
        follow=True,
    )
    assert "Miktar sıfırdan büyük olmalıdır" in response.content.decode()
    assert list(request.pledges.values()) == pledges_before and _state() == before
    client.post(detail, {"action": "pledge", "what": "Ses sistemi", "quantity": "1", "value": "0"})
    client.post(detail, {"action": "delivered"})
    client.post(detail, {"action": "thanked"})
    request.refresh_from_db()
    assert (request.status, request.answer, request.pledges.count()) == ("thanked", "accepted", 1)
    actions = set(
        AuditRecord.objects.filter(target_id=str(request.pk)).values_list("action", flat=True)
    )
    assert {
        "support_request.send",
        "support_request.answer",
        "support_request.delivered",
        "support_request.thanked",
    } <= actions


def test_liaison_cannot_settle_pledges_or_mark_delivery(cast, ulasim):
    from django.core.exceptions import PermissionDenied

    from santral.core.factories import UserFactory
    from santral.partners.services import (
        liaison_add,
        pledge_settle,
        support_request_mark_delivered,
    )

    liaison = UserFactory(email="irtibat@kurum.test")
    liaison_add(actor=cast.editor_a, council=cast.council_a, organisation=ulasim, user=liaison)
    request = support_request_create(
        actor=cast.editor_a, council=cast.council_a, organisation=ulasim, subject="S", text="T"
    )
    support_request_send(actor=cast.editor_a, support_request=request)
    support_request_answer(actor=liaison, support_request=request, answer="accepted")
    pledge = pledge_add(actor=liaison, support_request=request, what="Salon", quantity=1)
    with pytest.raises(PermissionDenied):
        pledge_settle(actor=liaison, pledge=pledge, fulfilled=True)
    with pytest.raises(PermissionDenied):
        support_request_mark_delivered(actor=liaison, support_request=request)


def test_only_platform_admin_publishes_consent_texts(client, cast):
    from santral.partners.models import ConsentText

    client.force_login(cast.editor_a)
    assert_denied(client.post(reverse("acik-riza-metinleri:add"), {"version": "x", "text": "y"}))
    assert not ConsentText.objects.exists()
    client.force_login(cast.platform_admin)
    response = client.post(
        reverse("acik-riza-metinleri:add"), {"version": "2027-1", "text": "Yeni metin."}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("acik-riza-metinleri:add"), {"version": "2027-1", "text": "Başka metin."}
    )
    assert "Bu sürüm zaten var" in response.content.decode()
    assert list(ConsentText.objects.values_list("text", flat=True)) == ["Yeni metin."]


def test_the_shared_service_views_create_edit_and_delete_through_services(
    client, cast, ulasim, consent
):
    """Contacts, liaisons, affiliations, letterheads and projects: one helper, many models."""
    from santral.partners.models import Affiliation, ContactPerson, CouncilLetterhead, Liaison
    from santral.partners.services import project_save

    client.force_login(cast.editor_a)
    contact = {
        "council": cast.council_a.pk,
        "organisation": ulasim.pk,
        "full_name": "Deniz Işık",
        "email": "deniz@kurum.test",
    }
    response = client.post(reverse("iletisim-kisileri:add"), contact)
    assert "açık rızası" in response.content.decode()  # no consent: form error, no row
    assert not ContactPerson.objects.exists()
    client.post(reverse("iletisim-kisileri:add"), {**contact, "consent_given": "on"})
    person = ContactPerson.objects.get()
    assert person.consent_version == consent.version
    client.post(reverse("iletisim-kisileri:delete", args=[person.pk]))
    assert not ContactPerson.objects.exists()

    client.post(
        reverse("irtibat-kisileri:add"),
        {"council": cast.council_a.pk, "organisation": ulasim.pk, "email": "member_a@ornek.test"},
    )
    liaison = Liaison.objects.get()
    assert liaison.user == cast.member_a
    client.post(reverse("irtibat-kisileri:delete", args=[liaison.pk]))
    assert not Liaison.objects.exists()

    affiliation = Affiliation.objects.get(council=cast.council_a, organisation=ulasim)
    client.post(
        reverse("paydasliklar:edit", args=[affiliation.pk]),
        {"bodies": [], "since_on": "2026-01-05", "note": "Ulaşım desteği"},
    )
    affiliation.refresh_from_db()
    assert (affiliation.note, str(affiliation.since_on)) == ("Ulaşım desteği", "2026-01-05")

    client.post(
        reverse("yazi-antetleri:add"),
        {
            "council": cast.council_a.pk,
            "heading": "T.C.\nSEYHAN KENT KONSEYİ",
            "number_prefix": "SKK",
            "signatory_name": "Ayşe Yılmaz",
            "signatory_title": "Başkan",
        },
    )
    assert CouncilLetterhead.objects.get(council=cast.council_a).number_prefix == "SKK"

    project = project_save(
        actor=cast.editor_a,
        project=Project(council=cast.council_a, title="Silinecek proje", aim="Deneme"),
    )
    client.force_login(cast.editor_b)
    assert client.post(reverse("ortak-projeler:delete", args=[project.pk])).status_code == 404
    client.force_login(cast.editor_a)
    client.post(reverse("ortak-projeler:delete", args=[project.pk]))
    assert not Project.objects.filter(pk=project.pk).exists()
    actions = set(AuditRecord.objects.values_list("action", flat=True))
    assert {"contact.create", "contact.delete", "liaison.add", "liaison.remove"} <= actions
    assert {"affiliation.set", "letterhead.save", "project.delete"} <= actions
