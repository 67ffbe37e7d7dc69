import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from santral.budget.factories import make_line, make_unit
from santral.budget.models import ClassificationCode, Expenditure, LedgerEntry
from santral.budget.services import (
    appropriation_post,
    budget_line_create,
    budget_settings_update,
    entry_reverse,
    expenditure_approve,
    expenditure_commit,
    expenditure_decline,
    expenditure_pay,
    expenditure_payment_reverse,
    expenditure_request,
    line_available,
    line_totals,
    period_close,
    project_account_create,
)
from santral.core.factories import UserFactory, give_totp
from santral.core.models import AuditRecord
from santral.councils.services import membership_set_roles

D = Decimal
DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def second_treasurer(cast):
    user = UserFactory(email="treasurer2_a@ornek.test")
    give_totp(user)
    membership_set_roles(actor=None, council=cast.council_a, user=user, roles=["treasurer"])
    return user


def _request(cast, line, amount="1000.00", author=None):
    return expenditure_request(
        actor=author or cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=line,
        title="Panel afiş baskısı",
        estimated_amount=D(amount),
        project_ref="proje:kadin-paneli",
        project_label="Kadın paneli",
    )


def _commit(cast, exp, amount="900.00"):
    return expenditure_commit(
        actor=cast.treasurer_a,
        expenditure=exp,
        supplier_name="Örnek Matbaa Ltd.",
        contract_no="SIP-2026/14",
        amount=D(amount),
        committed_on=DAY,
    )


def test_reference_codes_loaded_as_text_with_status(db):
    code = ClassificationCode.objects.get(kind="economic", year=2026, code="03.2.1.01")
    assert code.name == "Kırtasiye Alımları"
    assert code.verification_status == "verified"
    assert ClassificationCode.objects.get(kind="functional", year=2026, code="01").level == 1
    assert ClassificationCode.objects.filter(kind="financing", year=2026, code="5").exists()


def test_line_codes_validated_against_year_lists(cast):
    unit = make_unit(cast.treasurer_a, cast.council_a)
    with pytest.raises(ValidationError) as error:
        budget_line_create(
            actor=cast.treasurer_a,
            paying_unit=unit,
            functional_code="08.2.0.77",
            financing_code="9",
            economic_code="3.2.1.1",
        )
    assert set(error.value.message_dict) == {"functional_code", "financing_code", "economic_code"}


def test_project_account_is_a_4th_level_under_its_parent(cast):
    account = project_account_create(
        actor=cast.treasurer_a,
        council=cast.council_a,
        year=2026,
        code="08.2.0.01",
        name="Kent Konseyi Proje Hesabı",
    )
    assert account.parent_code == "08.2.0" and account.level == 4
    line = make_line(cast.treasurer_a, cast.council_a, functional="08.2.0.01")
    assert line.tertip == "46.01.01.12 - 08.2.0.01 - 5 - 03.2.1.01"
    with pytest.raises(PermissionDenied):
        project_account_create(
            actor=cast.editor_a, council=cast.council_a, year=2026, code="08.2.0.02", name="x"
        )
    with pytest.raises(ValidationError):
        project_account_create(
            actor=cast.treasurer_a, council=cast.council_a, year=2026, code="08.9.7.01", name="x"
        )
    # Council B cannot use council A's project account.
    with pytest.raises(ValidationError):
        from santral.budget.services import validate_line_codes

        errors = validate_line_codes(
            council=cast.council_b,
            year=2026,
            functional="08.2.0.01",
            financing="5",
            economic="03.2.1.01",
        )
        raise ValidationError(errors) if errors else AssertionError("accepted")


def test_full_workflow_posts_ledger_and_audits(cast):
    line = make_line(cast.treasurer_a, cast.council_a)
    exp = _request(cast, line)
    assert exp.vat_amount == D("166.67")  # 1000 × 20 / 120
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    exp.refresh_from_db()
    assert exp.status == "approved"
    assert line_available(line) == D("9000.00")
    _commit(cast, exp)
    expenditure_pay(
        actor=cast.treasurer_a,
        expenditure=exp,
        payment_order_no="ÖEB-77",
        paid_on=datetime.date(2026, 4, 2),
        amount=D("880.00"),
    )
    exp.refresh_from_db()
    assert exp.status == "paid" and exp.vat_amount == D("146.67")
    sums = line_totals(line)
    assert sums["commitment"] == D("0.00") and sums["payment"] == D("880.00")
    assert line_available(line) == D("9120.00")
    actions = set(
        AuditRecord.objects.filter(council_id=cast.council_a.pk).values_list("action", flat=True)
    )
    assert {
        "budget.expenditure.request",
        "budget.expenditure.approve",
        "budget.expenditure.commit",
        "budget.expenditure.pay",
        "budget.entry.post",
        "budget.line.create",
    } <= actions


def test_author_cannot_approve_own_request(cast):
    line = make_line(cast.treasurer_a, cast.council_a)
    exp = _request(cast, line, author=cast.treasurer_a)
    with pytest.raises(ValidationError, match="Kendi talebinizi"):
        expenditure_approve(actor=cast.treasurer_a, expenditure=exp)


def test_only_treasurers_approve_and_pay(cast):
    line = make_line(cast.treasurer_a, cast.council_a)
    exp = _request(cast, line)
    for person in (cast.editor_a, cast.admin_a, cast.member_a, cast.editor_b, cast.outsider):
        with pytest.raises(PermissionDenied):
            expenditure_approve(actor=person, expenditure=exp)
        with pytest.raises(PermissionDenied):
            appropriation_post(
                actor=person, line=line, kind="addition", amount=D("5"), entry_on=DAY
            )
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    with pytest.raises(PermissionDenied):
        expenditure_commit(
            actor=cast.editor_a,
            expenditure=exp,
            supplier_name="x",
            contract_no="1",
            amount=D("1"),
            committed_on=DAY,
        )
    _commit(cast, exp)
    with pytest.raises(PermissionDenied):
        expenditure_pay(
            actor=cast.editor_a, expenditure=exp, payment_order_no="1", paid_on=DAY, amount=D("1")
        )


def test_treasurer_of_a_cannot_touch_council_b(cast):
    treasurer_b = UserFactory(email="treasurer_b@ornek.test")
    give_totp(treasurer_b)
    membership_set_roles(actor=None, council=cast.council_b, user=treasurer_b, roles=["treasurer"])
    line_b = make_line(treasurer_b, cast.council_b)
    with pytest.raises(PermissionDenied):
        appropriation_post(
            actor=cast.treasurer_a, line=line_b, kind="addition", amount=D("5"), entry_on=DAY
        )
    with pytest.raises(PermissionDenied):
        make_unit(cast.treasurer_a, cast.council_b, code="46.01.02.02")


def test_member_cannot_even_request(cast):
    with pytest.raises(PermissionDenied):
        _request(cast, None, author=cast.member_a)


def test_second_approver_above_threshold(cast, second_treasurer):
    budget_settings_update(
        actor=cast.treasurer_a, council=cast.council_a, second_approval_threshold=D("500.00")
    )
    line = make_line(cast.treasurer_a, cast.council_a)
    exp = _request(cast, line, amount="600.00")
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    exp.refresh_from_db()
    assert exp.status == "requested"
    with pytest.raises(ValidationError, match="zaten onayladınız"):
        expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    expenditure_approve(actor=second_treasurer, expenditure=exp)
    exp.refresh_from_db()
    assert exp.status == "approved"
    with pytest.raises(ValidationError, match="onay beklemiyor"):
        expenditure_approve(actor=second_treasurer, expenditure=exp)


def test_no_double_payment_and_decline(cast):
    line = make_line(cast.treasurer_a, cast.council_a)
    exp = _request(cast, line)
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    _commit(cast, exp)
    expenditure_pay(
        actor=cast.treasurer_a,
        expenditure=exp,
        payment_order_no="ÖEB-1",
        paid_on=DAY,
        amount=D("900.00"),
    )
    with pytest.raises(ValidationError, match="çift ödeme"):
        expenditure_pay(
            actor=cast.treasurer_a,
            expenditure=exp,
            payment_order_no="ÖEB-2",
            paid_on=DAY,
            amount=D("900.00"),
        )
    assert LedgerEntry.objects.filter(expenditure=exp, kind="payment").count() == 1
    other = _request(cast, line)
    with pytest.raises(ValidationError):
        expenditure_decline(actor=cast.treasurer_a, expenditure=other, reason=" ")
    expenditure_decline(actor=cast.treasurer_a, expenditure=other, reason="Bütçe dışı.")
    other.refresh_from_db()
    assert other.status == Expenditure.Status.DECLINED and other.decline_reason == "Bütçe dışı."


def test_request_exceeding_line_is_refused(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial="1000.00")
    first = _request(cast, line, amount="700.00")
    expenditure_approve(actor=cast.treasurer_a, expenditure=first)
    second = _request(cast, line, amount="400.00")
    with pytest.raises(ValidationError, match="aşıyor") as refused:
        expenditure_approve(actor=cast.treasurer_a, expenditure=second)
    # Amounts in the message as everywhere else in the back office (not "400.00 TL").
    assert "Talep (400,00 TL) satırda kalan tutarı (300,00 TL)" in refused.value.messages[0]
    initial = LedgerEntry.objects.get(line=line, kind="initial")
    assert str(initial).endswith(" 1.000,00 TL")  # the entry as the admin lists it


def test_entries_are_immutable_and_corrected_by_reversal(cast):
    line = make_line(cast.treasurer_a, cast.council_a)
    entry = LedgerEntry.objects.get(line=line)
    entry.amount = D("1")
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    entry.refresh_from_db()
    with pytest.raises(ValidationError):
        entry_reverse(actor=cast.treasurer_a, entry=entry, reason="")
    reversal = entry_reverse(
        actor=cast.treasurer_a,
        entry=entry,
        reason="Yanlış satır",
        entry_on=datetime.date(2026, 2, 1),
    )
    assert reversal.amount == D("-10000.00") and reversal.reverses == entry
    assert line_totals(line)["initial"] == D("0.00")
    with pytest.raises(ValidationError, match="zaten"):
        entry_reverse(actor=cast.treasurer_a, entry=entry, reason="tekrar")
    with pytest.raises(PermissionDenied):
        entry_reverse(actor=cast.editor_a, entry=entry, reason="x")
    assert LedgerEntry.objects.filter(line=line).count() == 2


def test_negative_appropriation_refused(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial=None)
    with pytest.raises(ValidationError):
        appropriation_post(
            actor=cast.treasurer_a, line=line, kind="initial", amount=D("-5.00"), entry_on=DAY
        )
    with pytest.raises(ValidationError, match="kuruş"):
        appropriation_post(
            actor=cast.treasurer_a, line=line, kind="initial", amount=D("5.001"), entry_on=DAY
        )


def test_closed_periods_refuse_entries(cast):
    line = make_line(cast.treasurer_a, cast.council_a)
    period_close(actor=cast.treasurer_a, council=cast.council_a, fiscal_year=2026, month=3)
    with pytest.raises(ValidationError, match=r"01\.04\.2026"):
        appropriation_post(
            actor=cast.treasurer_a, line=line, kind="addition", amount=D("5.00"), entry_on=DAY
        )
    appropriation_post(
        actor=cast.treasurer_a,
        line=line,
        kind="addition",
        amount=D("5.00"),
        entry_on=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError):
        period_close(actor=cast.treasurer_a, council=cast.council_a, fiscal_year=2026, month=3)
    with pytest.raises(PermissionDenied):
        period_close(actor=cast.editor_a, council=cast.council_a, fiscal_year=2026, month=4)
    period_close(actor=cast.treasurer_a, council=cast.council_a, fiscal_year=2026)
    with pytest.raises(ValidationError, match="kapalı"):
        appropriation_post(
            actor=cast.treasurer_a,
            line=line,
            kind="addition",
            amount=D("5.00"),
            entry_on=datetime.date(2026, 11, 2),
        )


def test_commit_without_line_is_allowed_and_flagged(cast):
    exp = _request(cast, None)
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    _commit(cast, exp)
    entry = LedgerEntry.objects.get(expenditure=exp)
    assert entry.line is None and entry.kind == "commitment"


def test_a_wrong_payment_is_reversed_and_paid_again(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial="5000.00")
    exp = _request(cast, line)
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    _commit(cast, exp, amount="900.00")
    before_payment = line_totals(line)
    expenditure_pay(
        actor=cast.treasurer_a,
        expenditure=exp,
        payment_order_no="ÖEB-9",
        paid_on=DAY,
        amount=D("90.00"),  # typed one zero short
    )
    with pytest.raises(ValidationError, match="gerekçe"):
        expenditure_payment_reverse(actor=cast.treasurer_a, expenditure=exp, reason="  ")
    with pytest.raises(PermissionDenied):
        expenditure_payment_reverse(actor=cast.editor_a, expenditure=exp, reason="Yanlış tutar")
    entries_before = LedgerEntry.objects.count()

    expenditure_payment_reverse(
        actor=cast.treasurer_a, expenditure=exp, reason="Tutar eksik yazıldı", entry_on=DAY
    )
    exp.refresh_from_db()
    assert exp.status == Expenditure.Status.COMMITTED
    assert exp.paid_amount is None and exp.payment_order_no == ""
    # Two new entries, the old ones untouched: the payment and the release are cancelled.
    assert LedgerEntry.objects.count() == entries_before + 2
    assert line_totals(line) == before_payment
    reversals = LedgerEntry.objects.filter(expenditure=exp, reverses__isnull=False)
    assert sorted(e.amount for e in reversals) == [D("-90.00"), D("900.00")]
    assert AuditRecord.objects.filter(action="budget.expenditure.payment_reverse").count() == 1

    with pytest.raises(ValidationError, match="ödenmiş"):
        expenditure_payment_reverse(actor=cast.treasurer_a, expenditure=exp, reason="yine")
    expenditure_pay(
        actor=cast.treasurer_a,
        expenditure=exp,
        payment_order_no="ÖEB-10",
        paid_on=DAY,
        amount=D("900.00"),
    )
    totals = line_totals(line)
    assert totals["payment"] == D("900.00")
    assert totals["commitment"] == D("0.00")
    # The second payment can be reversed too; the first one is not reversed twice.
    expenditure_payment_reverse(actor=cast.treasurer_a, expenditure=exp, reason="deneme")
    assert line_totals(line) == before_payment
    assert LedgerEntry.objects.filter(expenditure=exp, reverses__isnull=False).count() == 4


def test_workflow_payment_reversal_refuses_other_councils(cast):
    line = make_line(cast.treasurer_a, cast.council_a)
    exp = _request(cast, line)
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    _commit(cast, exp)
    expenditure_pay(
        actor=cast.treasurer_a,
        expenditure=exp,
        payment_order_no="ÖEB-1",
        paid_on=DAY,
        amount=D("900.00"),
    )
    count = LedgerEntry.objects.count()
    with pytest.raises(PermissionDenied):
        expenditure_payment_reverse(actor=cast.editor_b, expenditure=exp, reason="Başka konsey")
    assert LedgerEntry.objects.count() == count
