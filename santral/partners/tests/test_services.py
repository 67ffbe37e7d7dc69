from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from santral.core.models import AuditRecord
from santral.councils.factories import BodyFactory
from santral.partners.factories import OrganisationFactory, ProjectFactory
from santral.partners.models import (
    ContactPerson,
    LetterCounter,
    Organisation,
    Pledge,
    PledgeStatus,
    Project,
    ProjectContribution,
    ProjectPartner,
    SupportRequest,
)
from santral.partners.selectors import (
    council_contributions_by_partner,
    council_open_requests_by_institution,
    organisation_contribution_totals,
)
from santral.partners.services import (
    contact_save,
    organisation_create,
    organisation_update,
    pledge_add,
    pledge_settle,
    project_save,
    support_request_answer,
    support_request_create,
    support_request_mark_delivered,
    support_request_mark_thanked,
    support_request_send,
    support_request_update,
)

pytestmark = pytest.mark.django_db


def _state():
    """Everything partners can write, to prove that a refused call wrote nothing."""
    return (
        list(Organisation.objects.order_by("pk").values()),
        list(SupportRequest.objects.order_by("pk").values()),
        list(Pledge.objects.order_by("pk").values()),
        list(ContactPerson.objects.order_by("pk").values()),
        list(LetterCounter.objects.order_by("pk").values()),
        AuditRecord.objects.count(),
    )


def _draft(cast, organisation, **fields):
    return support_request_create(
        actor=cast.editor_a,
        council=cast.council_a,
        organisation=organisation,
        subject=fields.pop("subject", "Salon desteği"),
        text=fields.pop("text", "Salon rica olunur."),
        **fields,
    )


def _sent(cast, organisation, **fields):
    return support_request_send(
        actor=cast.editor_a, support_request=_draft(cast, organisation, **fields)
    )


# --- Organisations -------------------------------------------------------------------------


def test_editor_registers_organisation_with_turkish_slug_and_link(cast):
    body = BodyFactory(council=cast.council_a)
    organisation = organisation_create(
        actor=cast.editor_a,
        council=cast.council_a,
        name="Işıklı Gençlik Derneği",
        kind="association",
        registry_number="01-123-045",
        topics=["Gençlik", "erişilebilirlik", "Gençlik"],
        bodies=[body],
    )
    assert organisation.slug == "isikli-genclik-dernegi"
    assert organisation.owner_council == cast.council_a
    assert list(organisation.topics.values_list("name", flat=True)) == [
        "erişilebilirlik",
        "Gençlik",
    ]
    affiliation = organisation.affiliations.get()
    assert list(affiliation.bodies.all()) == [body]
    assert AuditRecord.objects.filter(action="organisation.create").count() == 1


def test_organisations_sort_in_turkish_order(cast):
    for name in ["Zeytin Derneği", "Çevre Vakfı", "Ilgaz Derneği", "İnsan Hakları Derneği", "Cam"]:
        OrganisationFactory(name=name, slug="")
    names = list(Organisation.objects.values_list("name", flat=True))
    assert names == [
        "Cam",
        "Çevre Vakfı",
        "Ilgaz Derneği",
        "İnsan Hakları Derneği",
        "Zeytin Derneği",
    ]


def test_editor_of_b_cannot_edit_organisation_kept_by_a(cast, dernek):
    before = _state()
    with pytest.raises(PermissionDenied):
        organisation_update(actor=cast.editor_b, organisation=dernek, name="Ele geçirildi")
    assert _state() == before


def test_member_cannot_register_organisation(cast):
    before = _state()
    with pytest.raises(PermissionDenied):
        organisation_create(actor=cast.member_a, council=cast.council_a, name="X", kind="ngo")
    assert _state() == before


def test_district_must_belong_to_province(cast):
    from santral.councils.models import District, Province

    with pytest.raises(ValidationError) as error:
        organisation_create(
            actor=cast.editor_a,
            council=cast.council_a,
            name="Yanlış Yer Derneği",
            kind="association",
            province=Province.objects.get(plate="01"),
            district=District.objects.get(province__plate="06", name="Çankaya"),
        )
    assert "Seçilen ilçe, seçilen ile bağlı değil." in str(error.value)
    assert not Organisation.objects.filter(name="Yanlış Yer Derneği").exists()


# --- Contacts and KVKK ---------------------------------------------------------------------


def test_contact_needs_consent_and_records_version_and_time(cast, ulasim, consent):
    contact = ContactPerson(
        council=cast.council_a, organisation=ulasim, full_name="Şükrü Öztürk", email="s@ornek.test"
    )
    before = _state()
    with pytest.raises(ValidationError) as error:
        contact_save(actor=cast.editor_a, contact=contact)
    assert "KVKK açık rızası" in str(error.value)
    assert _state() == before
    saved = contact_save(actor=cast.editor_a, contact=contact, consent_given=True)
    assert saved.consent_version == consent.version
    assert abs((timezone.now() - saved.consent_at).total_seconds()) < 60


def test_contact_only_for_organisations_of_the_council(cast, consent):
    stranger = OrganisationFactory()
    contact = ContactPerson(council=cast.council_a, organisation=stranger, full_name="Ali Veli")
    with pytest.raises(ValidationError) as error:
        contact_save(actor=cast.editor_a, contact=contact, consent_given=True)
    assert "paydaşları arasında değil" in str(error.value)
    assert not ContactPerson.objects.exists()


# --- Support requests ----------------------------------------------------------------------


def test_unknown_institution_is_refused_in_turkish(cast):
    before = _state()
    with pytest.raises(ValidationError) as error:
        support_request_create(
            actor=cast.editor_a,
            council=cast.council_a,
            organisation=987654,
            subject="Salon",
            text="Metin",
        )
    assert "Bilinmeyen kurum" in str(error.value)
    assert _state() == before


def test_request_edited_by_editor_of_another_council_is_refused(cast, ulasim):
    request = _draft(cast, ulasim)
    before = _state()
    with pytest.raises(PermissionDenied) as error:
        support_request_update(actor=cast.editor_b, support_request=request, subject="Değişti")
    assert "yetkiniz yok" in str(error.value)
    with pytest.raises(PermissionDenied):
        support_request_send(actor=cast.editor_b, support_request=request)
    assert _state() == before


def test_member_cannot_create_or_send_requests(cast, ulasim):
    request = _draft(cast, ulasim)
    before = _state()
    for call in (
        lambda: support_request_create(
            actor=cast.member_a, council=cast.council_a, organisation=ulasim, subject="X", text="Y"
        ),
        lambda: support_request_send(actor=cast.member_a, support_request=request),
        lambda: support_request_update(actor=cast.member_a, support_request=request, text="Z"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _state() == before


def test_body_of_another_council_is_refused(cast, ulasim):
    other_body = BodyFactory(council=cast.council_b)
    with pytest.raises(ValidationError) as error:
        _draft(cast, ulasim, body=other_body)
    assert "Seçilen kurul bu konseye ait değil." in str(error.value)
    assert not SupportRequest.objects.exists()


def test_sent_letter_is_frozen(cast, ulasim):
    request = _sent(cast, ulasim)
    with pytest.raises(ValidationError) as error:
        support_request_update(actor=cast.editor_a, support_request=request, subject="Yeni")
    assert "Gönderilmiş bir yazı değiştirilemez." in str(error.value)


def test_letter_numbers_are_consecutive_per_council_and_year(cast, ulasim, dernek):
    first = _sent(cast, ulasim)
    second = _sent(cast, dernek)
    draft = _draft(cast, ulasim)
    third = _sent(cast, ulasim)
    other = support_request_send(
        actor=cast.editor_b,
        support_request=support_request_create(
            actor=cast.editor_b, council=cast.council_b, organisation=dernek, subject="S", text="T"
        ),
    )
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert other.number == 1
    draft.refresh_from_db()
    assert draft.number is None and draft.reference == ""
    assert first.letter_date == timezone.localdate()


def test_full_request_lifecycle_feeds_history_and_dashboards(cast, ulasim):
    request = _sent(cast, ulasim)
    support_request_answer(actor=cast.editor_a, support_request=request, answer="partly")
    pledge = pledge_add(
        actor=cast.editor_a,
        support_request=request,
        what="Otobüs",
        quantity="2",
        unit="adet",
        value="1.234,50",
        due_on=date(2026, 12, 5),
    )
    assert pledge.value == Decimal("1234.50")
    other = pledge_add(actor=cast.editor_a, support_request=request, what="Şoför", quantity=1)
    support_request_mark_delivered(actor=cast.editor_a, support_request=request)
    support_request_mark_thanked(actor=cast.editor_a, support_request=request)
    pledge_settle(actor=cast.editor_a, pledge=pledge, fulfilled=True, delivered_value="1000")
    pledge_settle(actor=cast.editor_a, pledge=other, fulfilled=False)
    request.refresh_from_db()
    assert request.status == "thanked"
    year = timezone.localdate().year
    totals = organisation_contribution_totals(organisation=ulasim, year=year)
    assert totals.in_kind == Decimal("1000.00")
    assert totals.pledges_fulfilled == 1
    assert totals.pledges_not_fulfilled == 1
    rows = council_contributions_by_partner(council=cast.council_a, year=year)
    assert [(row.name, row.cash, row.in_kind) for row in rows] == [
        (ulasim.name, Decimal("0"), Decimal("1000.00"))
    ]
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.FULFILLED


def test_pledge_with_negative_quantity_is_refused_and_nothing_written(cast, ulasim):
    request = _sent(cast, ulasim)
    before = _state()
    with pytest.raises(ValidationError) as error:
        pledge_add(actor=cast.editor_a, support_request=request, what="Otobüs", quantity="-2")
    assert "Miktar sıfırdan büyük olmalıdır" in str(error.value)
    with pytest.raises(ValidationError) as error:
        pledge_add(actor=cast.editor_a, support_request=request, what="Otobüs", quantity="iki")
    assert "Miktar bir sayı olmalıdır." in str(error.value)
    with pytest.raises(ValidationError) as error:
        pledge_add(
            actor=cast.editor_a, support_request=request, what="Otobüs", quantity=1, value="-5"
        )
    assert "Değer eksi olamaz." in str(error.value)
    assert _state() == before


def test_no_pledge_on_a_declined_or_draft_request(cast, ulasim):
    draft = _draft(cast, ulasim)
    with pytest.raises(ValidationError) as error:
        pledge_add(actor=cast.editor_a, support_request=draft, what="Salon", quantity=1)
    assert "Gönderilmemiş bir yazıya taahhüt eklenemez." in str(error.value)
    declined = _sent(cast, ulasim)
    support_request_answer(actor=cast.editor_a, support_request=declined, answer="declined")
    with pytest.raises(ValidationError):
        pledge_add(actor=cast.editor_a, support_request=declined, what="Salon", quantity=1)
    with pytest.raises(ValidationError):
        support_request_mark_delivered(actor=cast.editor_a, support_request=declined)
    assert not Pledge.objects.exists()


def test_open_requests_by_institution_and_age(cast, ulasim, dernek):
    old = _sent(cast, ulasim)
    SupportRequest.objects.filter(pk=old.pk).update(letter_date=date(2026, 10, 1))
    _sent(cast, ulasim)
    declined = _sent(cast, dernek)
    support_request_answer(actor=cast.editor_a, support_request=declined, answer="declined")
    rows = council_open_requests_by_institution(council=cast.council_a, today=date(2026, 11, 26))
    assert [(row.name, row.total) for row in rows] == [(ulasim.name, 2)]
    assert rows[0].buckets["31+"] == 1
    assert rows[0].oldest_days == 56


# --- Projects ------------------------------------------------------------------------------


def test_project_with_partners_and_contributions(cast, ulasim, dernek):
    project = ProjectFactory.build(council=cast.council_a, slug="", title="Erişilebilir Kent")
    project.partners = [
        ProjectPartner(organisation=ulasim, role="lead"),
        ProjectPartner(organisation=dernek, role="funder"),
    ]
    project.contributions = [
        ProjectContribution(
            organisation=dernek,
            kind="cash",
            amount=Decimal("1500.25"),
            contributed_on=timezone.localdate(),
            budget_line_code="46.01.xx.02 – 08.2.0.01 – 5 – 03.2.1.01",
        )
    ]
    saved = project_save(actor=cast.editor_a, project=project)
    assert saved.slug == "erisilebilir-kent"
    rows = council_contributions_by_partner(council=cast.council_a, year=timezone.localdate().year)
    assert [(row.name, row.cash) for row in rows] == [(dernek.name, Decimal("1500.25"))]


def test_contribution_of_a_non_partner_is_refused(cast, ulasim, dernek):
    project = ProjectFactory.build(council=cast.council_a)
    project.partners = [ProjectPartner(organisation=ulasim, role="lead")]
    project.contributions = [
        ProjectContribution(
            organisation=dernek, kind="cash", amount=Decimal("10"), contributed_on=date(2026, 1, 1)
        )
    ]
    with pytest.raises(ValidationError) as error:
        project_save(actor=cast.editor_a, project=project)
    assert "projenin ortakları arasında değil" in str(error.value)
    assert not Project.objects.exists()


def test_editor_of_b_cannot_touch_project_of_a(cast):
    project = ProjectFactory(council=cast.council_a)
    project.title = "Ele geçirildi"
    with pytest.raises(PermissionDenied):
        project_save(actor=cast.editor_b, project=project)
    assert Project.objects.get(pk=project.pk).title != "Ele geçirildi"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_letter_numbers_under_concurrency_have_no_gaps_or_duplicates(cast, ulasim):
    """Eight threads send eight drafts at once: numbers are exactly 1..8."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks (SELECT … FOR UPDATE) exist only on PostgreSQL; SQLite has one writer."
        )
    import threading

    from django.db import connections

    drafts = [_draft(cast, ulasim, subject=f"Talep {n}") for n in range(8)]
    barrier = threading.Barrier(len(drafts))
    errors: list[BaseException] = []

    def send(request):
        try:
            barrier.wait()
            support_request_send(actor=cast.editor_a, support_request=request)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(SupportRequest.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 9))


def test_erased_contact_leaves_no_name_in_the_audit_trail(cast, ulasim, consent):
    from santral.partners.services import contact_delete

    contact = contact_save(
        actor=cast.editor_a,
        contact=ContactPerson(council=cast.council_a, organisation=ulasim, full_name="Şule Işık"),
        consent_given=True,
    )
    contact_delete(actor=cast.editor_a, contact=contact)
    assert not ContactPerson.objects.exists()
    rows = AuditRecord.objects.filter(action__startswith="contact.")
    assert rows.count() == 2
    assert all("Şule" not in f"{row.target_repr} {row.before} {row.after}" for row in rows)
