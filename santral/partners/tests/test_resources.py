"""Event resource plans: lines, coverage, the gap and readiness, actuals, copying a plan."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from santral.budget.models import Expenditure
from santral.budget.services import expenditure_approve, expenditure_decline
from santral.core.models import AuditRecord
from santral.events.factories import make_event
from santral.events.models import EventPage
from santral.partners.letters import render_letter_pdf
from santral.partners.models import Pledge, ResourceLine, SupportRequest
from santral.partners.selectors.resources import Readiness, event_gap, events_readiness
from santral.partners.services import (
    pledge_add,
    pledge_settle,
    support_request_answer,
    support_request_send,
)
from santral.partners.services.resources import (
    resource_line_delete,
    resource_line_record_actual,
    resource_line_request_support,
    resource_line_save,
    resource_plan_copy,
)

pytestmark = pytest.mark.django_db


def _state():
    """Everything the resource plan can write, to prove a refused call wrote nothing."""
    return (
        list(ResourceLine.objects.order_by("pk").values()),
        list(SupportRequest.objects.order_by("pk").values()),
        list(Pledge.objects.order_by("pk").values()),
        list(Expenditure.objects.order_by("pk").values()),
        AuditRecord.objects.count(),
    )


def _line(cast, event, **fields):
    return resource_line_save(actor=cast.editor_a, event=event, **fields)


def _pledged(cast, line, quantity, *, answer="accepted"):
    """Request support for the line, send it, answer it and record a pledge."""
    request = resource_line_request_support(actor=cast.editor_a, line=line)
    request = support_request_send(actor=cast.editor_a, support_request=request)
    if answer:
        support_request_answer(actor=cast.editor_a, support_request=request, answer=answer)
    pledge = pledge_add(
        actor=cast.editor_a,
        support_request=request,
        what=line.description,
        quantity=quantity,
        unit=line.unit,
    )
    return request, pledge


@pytest.fixture
def plan(cast, event_a, ulasim, dernek, budget_line_a):
    """The hand-computed fixture of docs/partners.md.

    | line         | source  | qty × unit cost       | total      | covered                 |
    |--------------|---------|-----------------------|------------|-------------------------|
    | venue        | budget  | 1 × 12 000,00         | 12 000,00  | request filed (pending) |
    | transport    | pledge  | 3 × 4 500,00 (bus)    | 13 500,00  | 2 pledged, accepted     |
    | interpreters | none    | 2 × 3 250,50 (day)    |  6 501,00  | nothing                 |
    | printing     | pledge  | 500 × 1,25 (copy)     |    625,00  | 500 pledged, no answer  |
    """
    venue = _line(
        cast,
        event_a,
        kind="venue",
        description="Salon kirası",
        quantity="1",
        unit="gün",
        unit_cost="12000.00",
        source="budget",
        budget_line=budget_line_a,
    )
    transport = _line(
        cast,
        event_a,
        kind="transport",
        description="Otobüs (şoförüyle)",
        quantity="3",
        unit="araç",
        unit_cost="4500.00",
        source="pledge",
        organisation=ulasim,
    )
    interpreters = _line(
        cast,
        event_a,
        kind="interpreters",
        description="İşaret dili tercümanı",
        quantity="2",
        unit="gün",
        unit_cost="3250,50",
        source="uncovered",
    )
    printing = _line(
        cast,
        event_a,
        kind="printing",
        description="Broşür",
        quantity="500",
        unit="adet",
        unit_cost="1.25",
        source="pledge",
        organisation=dernek,
    )
    transport_request, transport_pledge = _pledged(cast, transport, "2")
    printing_request, _printing_pledge = _pledged(cast, printing, "500", answer=None)
    return {
        "venue": venue,
        "transport": transport,
        "interpreters": interpreters,
        "printing": printing,
        "transport_request": transport_request,
        "transport_pledge": transport_pledge,
        "printing_request": printing_request,
    }


def test_gap_arithmetic_on_the_hand_computed_fixture(cast, event_a, plan):
    venue = ResourceLine.objects.get(pk=plan["venue"].pk)
    assert venue.expenditure.status == Expenditure.Status.REQUESTED
    assert venue.expenditure.estimated_amount == Decimal("12000.00")
    assert venue.expenditure.project_ref == f"events.event:{event_a.pk}"

    gap = event_gap(event_a)
    assert gap.estimated_total == Decimal("32626.00")
    # Money: 1 bus × 4 500,00 + 2 days × 3 250,50 = 11 001,00.
    assert gap.money_uncovered == Decimal("11001.00")
    # Items: transport misses 1 bus, interpreters miss 2 days.
    assert gap.items_uncovered == 2
    assert {row.line.kind: row.uncovered for row in gap.uncovered_lines} == {
        "transport": Decimal("1"),
        "interpreters": Decimal("2"),
    }
    # Not confirmed: the venue request (12 000,00) and the unanswered brochure pledge (625,00).
    assert gap.money_unconfirmed == Decimal("12625.00")
    assert gap.pledges_unconfirmed == 1
    assert gap.readiness == Readiness.NOT_READY

    # The treasurer approves the venue; the missing bus and the interpreters are found.
    expenditure_approve(actor=cast.treasurer_a, expenditure=venue.expenditure)
    _pledged(cast, plan["transport"], "1")
    resource_line_save(
        actor=cast.editor_a,
        event=event_a,
        line=plan["interpreters"],
        source="pledge",
        organisation=plan["transport"].organisation,
    )
    _pledged(cast, ResourceLine.objects.get(pk=plan["interpreters"].pk), "2")
    gap = event_gap(event_a)
    assert (gap.money_uncovered, gap.items_uncovered) == (Decimal("0.00"), 0)
    assert gap.money_unconfirmed == Decimal("625.00")
    assert gap.readiness == Readiness.AT_RISK

    support_request_answer(
        actor=cast.editor_a, support_request=plan["printing_request"], answer="partly"
    )
    assert event_gap(event_a).readiness == Readiness.READY


def test_a_declined_pledge_reopens_the_gap(cast, event_a, plan):
    assert event_gap(event_a).money_uncovered == Decimal("11001.00")
    support_request_answer(
        actor=cast.editor_a, support_request=plan["printing_request"], answer="declined"
    )
    gap = event_gap(event_a)
    assert gap.money_uncovered == Decimal("11626.00")
    assert gap.items_uncovered == 3
    # A pledge the institution did not keep reopens it too (2 buses × 4 500,00 more).
    pledge_settle(actor=cast.editor_a, pledge=plan["transport_pledge"], fulfilled=False)
    gap = event_gap(event_a)
    assert gap.money_uncovered == Decimal("20626.00")
    assert {row.line.kind: row.uncovered for row in gap.uncovered_lines}["transport"] == 3


def test_a_declined_expenditure_reopens_the_gap_and_a_new_save_files_a_new_request(
    cast, event_a, plan
):
    venue = ResourceLine.objects.get(pk=plan["venue"].pk)
    expenditure_decline(actor=cast.treasurer_a, expenditure=venue.expenditure, reason="Ödenek yok")
    assert event_gap(event_a).money_uncovered == Decimal("23001.00")
    resource_line_save(actor=cast.editor_a, event=event_a, line=venue, unit_cost="11000")
    venue.refresh_from_db()
    assert venue.expenditure.status == Expenditure.Status.REQUESTED
    assert venue.expenditure.estimated_amount == Decimal("11000.00")
    assert Expenditure.objects.count() == 2


def test_request_from_a_line_is_prefilled_and_its_letter_is_a_valid_pdf(cast, event_a, plan):
    from io import BytesIO

    from pypdf import PdfReader

    request = plan["transport_request"]
    assert request.resource_line_id == plan["transport"].pk
    assert request.organisation == plan["transport"].organisation
    assert "Engelsiz Kent Forumu" in request.subject and "ulaşım" in request.subject
    assert "3 araç Otobüs (şoförüyle)" in request.text
    assert request.needed_by == timezone.localtime(event_a.start_at).date()
    assert plan["transport_pledge"].resource_line_id == plan["transport"].pk
    text = "".join(
        page.extract_text() for page in PdfReader(BytesIO(render_letter_pdf(request))).pages
    )
    assert request.reference in text
    assert request.letter_date.strftime("%d.%m.%Y") in text
    assert "Engelsiz Kent Forumu" in text
    assert "BAŞKANLIĞINA" in text


def test_readiness_of_a_page_of_events_takes_a_constant_number_of_queries(
    cast, event_a, plan, django_assert_max_num_queries
):
    others = [make_event(cast.council_a) for _ in range(3)]
    for event in others:
        _line(cast, event, kind="catering", description="İkram", quantity="40", unit_cost="50")
    events = list(EventPage.objects.filter(pk__in=[event_a.pk, *[e.pk for e in others]]))
    with django_assert_max_num_queries(5):
        rows = events_readiness(events)
        totals = {row.event.pk: row.gap.money_uncovered for row in rows}
    assert totals[event_a.pk] == Decimal("11001.00")
    assert all(totals[event.pk] == Decimal("2000.00") for event in others)


# --- After the event and copying a plan --------------------------------------------------------


def _move_to_past(event):
    start = timezone.now() - timedelta(days=3)
    EventPage.objects.filter(pk=event.pk).update(start_at=start, end_at=start + timedelta(hours=2))
    event.refresh_from_db()


def test_actuals_after_the_event_and_copy_into_a_new_event(cast, event_a, plan):
    with pytest.raises(ValidationError, match="etkinlik başladıktan sonra"):
        resource_line_record_actual(actor=cast.editor_a, line=plan["venue"], actual_cost="1")
    _move_to_past(event_a)
    resource_line_record_actual(
        actor=cast.editor_a, line=plan["venue"], actual_cost="11.750,00", delivered_quantity="1"
    )
    resource_line_record_actual(
        actor=cast.editor_a, line=plan["transport"], actual_cost="0", delivered_quantity="2"
    )
    gap = event_gap(event_a)
    assert gap.actual_total == Decimal("11750.00")
    rows = {row.line.kind: row.line for row in gap.lines}
    assert rows["transport"].delivered_quantity == Decimal("2")
    assert rows["transport"].quantity == Decimal("3")

    new_event = make_event(cast.council_a, title="Engelsiz Kent Forumu 2027")
    copies = resource_plan_copy(actor=cast.editor_a, source=event_a, target=new_event)
    assert [(c.kind, c.quantity, c.unit_cost, c.source) for c in copies] == [
        ("venue", Decimal("1.00"), Decimal("12000.00"), "uncovered"),
        ("transport", Decimal("3.00"), Decimal("4500.00"), "pledge"),
        ("interpreters", Decimal("2.00"), Decimal("3250.50"), "uncovered"),
        ("printing", Decimal("500.00"), Decimal("1.25"), "pledge"),
    ]
    assert all(c.actual_cost is None and c.expenditure_id is None for c in copies)
    assert copies[1].organisation == plan["transport"].organisation
    new_gap = event_gap(new_event)
    assert new_gap.money_uncovered == new_gap.estimated_total == Decimal("32626.00")
    # A second copy into the same event is refused: it already has a plan.
    before = _state()
    with pytest.raises(ValidationError, match="zaten bir kaynak planı"):
        resource_plan_copy(actor=cast.editor_a, source=event_a, target=new_event)
    assert _state() == before


def test_copy_from_another_councils_event_is_refused(cast, event_a, plan):
    other = make_event(cast.council_b)
    before = _state()
    with pytest.raises(PermissionDenied):
        resource_plan_copy(actor=cast.editor_b, source=event_a, target=other)
    assert _state() == before


# --- Bad input: clear Turkish errors, nothing written ------------------------------------------


def test_a_pledge_for_a_past_event_is_refused(cast, event_a, ulasim):
    line = _line(
        cast,
        event_a,
        kind="transport",
        description="Otobüs",
        quantity="2",
        unit_cost="100",
        source="pledge",
        organisation=ulasim,
    )
    request = resource_line_request_support(actor=cast.editor_a, line=line)
    request = support_request_send(actor=cast.editor_a, support_request=request)
    _move_to_past(event_a)
    before = _state()
    with pytest.raises(ValidationError, match="Sona ermiş bir etkinlik için taahhüt eklenemez"):
        pledge_add(actor=cast.editor_a, support_request=request, what="Otobüs", quantity="2")
    assert _state() == before
    with pytest.raises(ValidationError, match="Sona ermiş bir etkinliğin planına kalem"):
        _line(cast, event_a, kind="other", description="Geç", quantity="1")
    assert _state() == before


@pytest.mark.parametrize("quantity", ["-2", "0", "-0,5"])
def test_a_negative_or_zero_quantity_is_refused(cast, event_a, quantity):
    before = _state()
    with pytest.raises(ValidationError) as caught:
        _line(cast, event_a, kind="catering", description="İkram", quantity=quantity)
    assert "eksi miktar kabul edilmez" in caught.value.message_dict["quantity"][0]
    assert _state() == before


def test_an_unknown_institution_is_refused(cast, event_a, ulasim):
    before = _state()
    with pytest.raises(ValidationError) as caught:
        _line(
            cast,
            event_a,
            kind="transport",
            description="Otobüs",
            quantity="1",
            source="pledge",
            organisation=987654,
        )
    assert "Bilinmeyen kurum" in caught.value.message_dict["organisation"][0]
    line = _line(cast, event_a, kind="transport", description="Otobüs", quantity="1")
    before = _state()
    with pytest.raises(ValidationError, match="Bilinmeyen kurum"):
        resource_line_request_support(actor=cast.editor_a, line=line, organisation="yok")
    assert _state() == before


def test_an_institution_that_is_not_a_partner_is_refused(cast, event_a):
    from santral.partners.factories import OrganisationFactory

    stranger = OrganisationFactory()
    before = _state()
    with pytest.raises(ValidationError, match="paydaşları arasında değil"):
        _line(
            cast,
            event_a,
            kind="venue",
            description="Salon",
            quantity="1",
            source="pledge",
            organisation=stranger,
        )
    assert _state() == before


def test_a_plan_edited_by_an_editor_of_another_council_is_refused(cast, event_a, plan):
    before = _state()
    with pytest.raises(PermissionDenied):
        resource_line_save(
            actor=cast.editor_b, event=event_a, kind="other", description="Sızma", quantity="1"
        )
    with pytest.raises(PermissionDenied):
        resource_line_save(
            actor=cast.editor_b, event=event_a, line=plan["interpreters"], quantity="9"
        )
    with pytest.raises(PermissionDenied):
        resource_line_delete(actor=cast.editor_b, line=plan["interpreters"])
    with pytest.raises(PermissionDenied):
        resource_line_request_support(actor=cast.editor_b, line=plan["interpreters"])
    for member in (cast.member_a, cast.outsider):
        with pytest.raises(PermissionDenied):
            resource_line_save(
                actor=member, event=event_a, kind="other", description="Üye", quantity="1"
            )
    assert _state() == before


def test_a_budget_line_of_another_council_is_refused(cast, event_a):
    from santral.budget.factories import make_line
    from santral.councils.services import membership_set_roles

    from .conftest import give_totp_for

    treasurer_b = give_totp_for("treasurer_b@ornek.test")
    membership_set_roles(actor=None, council=cast.council_b, user=treasurer_b, roles=["treasurer"])
    line_b = make_line(treasurer_b, cast.council_b)
    before = _state()
    with pytest.raises(ValidationError, match="Bütçe satırı bu konseye ait değil"):
        _line(
            cast,
            event_a,
            kind="venue",
            description="Salon",
            quantity="1",
            unit_cost="10",
            source="budget",
            budget_line=line_b,
        )
    assert _state() == before


def test_a_line_with_a_sent_request_cannot_be_deleted(cast, event_a, plan):
    before = _state()
    with pytest.raises(ValidationError, match="silinemez"):
        resource_line_delete(actor=cast.editor_a, line=plan["transport"])
    assert _state() == before
    resource_line_delete(actor=cast.editor_a, line=plan["interpreters"])
    assert not ResourceLine.objects.filter(pk=plan["interpreters"].pk).exists()


def test_a_fulfilled_pledge_is_booked_in_the_in_kind_ledger_at_the_councils_rate(
    cast, event_a, plan
):
    from santral.budget.models import InKindContribution
    from santral.budget.services import in_kind_rate_save
    from santral.partners.services import pledge_book_in_kind

    year = timezone.localdate().year
    bus_day = in_kind_rate_save(
        actor=cast.treasurer_a,
        council=cast.council_a,
        fiscal_year=year,
        category="Otobüs (şoförüyle)",
        unit="vehicle_day",
        rate=Decimal("4200.50"),
    )
    other_council = in_kind_rate_save(
        actor=cast.platform_admin,
        council=cast.council_b,
        fiscal_year=year,
        category="Otobüs",
        unit="vehicle_day",
        rate=Decimal("1.00"),
    )
    pledge = plan["transport_pledge"]
    with pytest.raises(ValidationError, match="yerine getirilmiş"):
        pledge_book_in_kind(actor=cast.treasurer_a, pledge=pledge, rate=bus_day)
    pledge_settle(actor=cast.editor_a, pledge=pledge, fulfilled=True)
    before = InKindContribution.objects.count()
    # The partners editor settles pledges but does not manage money; another council's
    # rate is refused; nothing is written either way.
    with pytest.raises(PermissionDenied):
        pledge_book_in_kind(actor=cast.editor_a, pledge=pledge, rate=bus_day)
    with pytest.raises(ValidationError, match="konseyin değil"):
        pledge_book_in_kind(actor=cast.treasurer_a, pledge=pledge, rate=other_council)
    assert InKindContribution.objects.count() == before

    booked = pledge_book_in_kind(actor=cast.treasurer_a, pledge=pledge, rate=bus_day)
    # 2 buses × 4 200,50 = 8 401,00, from the Ulaşım Dairesi (a municipal unit), for the event.
    assert booked.value == Decimal("8401.00")
    assert booked.contributor_kind == "municipal_unit"
    assert booked.contributor_name.startswith("Adana Büyükşehir Belediyesi Ulaşım")
    assert booked.project_label == "Engelsiz Kent Forumu"
    pledge.refresh_from_db()
    assert pledge.in_kind_id == booked.pk and pledge.delivered_value == Decimal("8401.00")
    assert AuditRecord.objects.filter(action="pledge.in_kind").count() == 1
    with pytest.raises(ValidationError, match="zaten"):
        pledge_book_in_kind(actor=cast.treasurer_a, pledge=pledge, rate=bus_day)
    assert InKindContribution.objects.count() == before + 1


def test_back_office_books_a_fulfilled_pledge_for_those_who_manage_money(
    client, cast, event_a, plan
):
    from django.urls import reverse

    from santral.budget.models import InKindContribution
    from santral.budget.services import in_kind_rate_save

    rate = in_kind_rate_save(
        actor=cast.treasurer_a,
        council=cast.council_a,
        fiscal_year=timezone.localdate().year,
        category="Otobüs (şoförüyle)",
        unit="vehicle_day",
        rate=Decimal("4000.00"),
    )
    pledge = plan["transport_pledge"]
    pledge_settle(actor=cast.editor_a, pledge=pledge, fulfilled=True)
    url = reverse("santral_partner_request", args=[plan["transport_request"].pk])
    client.force_login(cast.editor_a)  # settles pledges, does not manage money
    assert "Ayni katkı defterine işle" not in client.get(url).content.decode()
    client.post(url, {"action": "book_in_kind", "pledge": pledge.pk, "rate": rate.pk})
    assert not InKindContribution.objects.exists()
    client.force_login(cast.platform_admin)
    assert "Ayni katkı defterine işle" in client.get(url).content.decode()
    response = client.post(
        url, {"action": "book_in_kind", "pledge": pledge.pk, "rate": rate.pk}, follow=True
    )
    assert "Ayni katkı defterinde" in response.content.decode()
    assert InKindContribution.objects.get().value == Decimal("8000.00")
