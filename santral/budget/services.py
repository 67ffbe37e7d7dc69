"""Writes for budget support. Each one checks permission, runs in a transaction and is audited.

Money rules enforced here (see docs/budget.md):
- ledger entries are append-only; corrections are reversals with a reason;
- an entry dated inside a closed month or year is refused;
- the author of a request never approves it; above the council's threshold two different
  treasurers must approve; approval and payment lock the rows they change, and approving
  locks the budget line, so concurrent approvals can never together exceed what is left.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.immutability import maintenance_switch
from santral.core.models import AuditRecord
from santral.core.money import MoneySum, format_amount, validate_money_bound
from santral.councils.models import Council
from santral.councils.permissions import can_manage_money, can_view_money, is_platform_admin

from .codes import code_level_error, expected_level
from .models import (
    APPROPRIATION_KINDS,
    ZERO,
    BudgetLine,
    ClassificationCode,
    ClassificationKind,
    ContributorKind,
    CouncilBudgetSettings,
    EntryKind,
    Expenditure,
    ExpenditureApproval,
    InKindContribution,
    InKindRate,
    LedgerEntry,
    PayingUnit,
    PayingUnitKind,
    PaymentRoute,
    PeriodClosure,
    Transfer,
    VerificationStatus,
)

CENT = Decimal("0.01")


def _money(value) -> Decimal:
    amount = Decimal(value)
    if amount != amount.quantize(CENT):
        raise ValidationError(_("Tutar en fazla iki ondalık basamak (kuruş) içerebilir."))
    # Larger amounts would not come back exactly from SQLite (santral/core/money.py).
    validate_money_bound(amount)
    return amount.quantize(CENT)


def _s(value: Any) -> Any:
    if isinstance(value, (Decimal, datetime.date)):
        return str(value)
    return value


def _deny_money(actor, council: Council) -> None:
    ensure(can_manage_money(actor, council), _("Bu konseyin parasını yönetme yetkiniz yok."))


# ---------------------------------------------------------------- classification codes


def code_lookup(*, kind: str, year: int, code: str, council: Council | None = None):
    """The code row valid for this year (the council's project accounts included), or None."""
    rows = ClassificationCode.objects.filter(kind=kind, year=year, code=code, is_active=True)
    if council is not None:
        from django.db.models import Q

        rows = rows.filter(Q(council__isnull=True) | Q(council=council))
    else:
        rows = rows.filter(council__isnull=True)
    return rows.first()


def validate_line_codes(
    *, council: Council, year: int, functional: str, financing: str, economic: str
) -> dict[str, str]:
    """Errors per field for a budget line's codes (empty when valid).

    Functional and economic codes must be in the year's list at level 3 or 4 (the
    shipped lists are partial: level 3 stands when no 4th level is known); the
    functional 4th level may be the council's own project account.
    """
    errors: dict[str, str] = {}
    for field, kind, code in (
        ("functional_code", ClassificationKind.FUNCTIONAL, functional),
        ("financing_code", ClassificationKind.FINANCING, financing),
        ("economic_code", ClassificationKind.ECONOMIC, economic),
    ):
        shape = code_level_error(kind, code)
        if shape:
            errors[field] = shape
            continue
        if kind != ClassificationKind.FINANCING and expected_level(code) < 3:
            errors[field] = _("“%(code)s” çok genel: en az 3. düzey bir kod girin.") % {
                "code": code
            }
            continue
        if code_lookup(kind=kind, year=year, code=code, council=council) is None:
            errors[field] = _("“%(code)s” %(year)s yılı %(list)s listesinde yok.") % {
                "code": code,
                "year": year,
                "list": ClassificationKind(kind).label,
            }
    return errors


@transaction.atomic
def project_account_create(
    *, actor, council: Council, year: int, code: str, name: str
) -> ClassificationCode:
    """A council's 4th-level functional project account under a 3rd-level code (08.2.0.xx)."""
    _deny_money(actor, council)
    code = (code or "").strip()
    if expected_level(code) != 4 or code_level_error(ClassificationKind.FUNCTIONAL, code):
        raise ValidationError(
            {"code": _("Proje hesabı 4. düzey bir fonksiyonel kod olmalı (ör. 08.2.0.01).")}
        )
    parent = code.rsplit(".", 1)[0]
    if code_lookup(kind=ClassificationKind.FUNCTIONAL, year=year, code=parent) is None:
        raise ValidationError(
            {
                "code": _("Üst kod “%(parent)s” %(year)s listesinde yok.")
                % {"parent": parent, "year": year}
            }
        )
    if code_lookup(kind=ClassificationKind.FUNCTIONAL, year=year, code=code, council=council):
        raise ValidationError({"code": _("Bu kod bu yıl için zaten tanımlı.")})
    account = ClassificationCode(
        kind=ClassificationKind.FUNCTIONAL,
        year=year,
        code=code,
        level=4,
        parent_code=parent,
        name=(name or "").strip(),
        verification_status=VerificationStatus.COUNCIL_ACCOUNT,
        council=council,
    )
    account.full_clean()
    account.save()
    audit_record(
        actor=actor,
        action="budget.project_account.create",
        target=account,
        council_id=council.pk,
        after={"year": year, "code": code, "name": account.name},
    )
    return account


@transaction.atomic
def classification_code_save(*, actor, code: ClassificationCode) -> ClassificationCode:
    """Add or correct a platform-wide code (platform admins only); audited with before/after."""
    ensure(
        is_platform_admin(actor),
        _("Sınıflandırma kodlarını yalnızca platform yöneticisi düzenler."),
    )
    if code.council_id is not None:
        raise ValidationError(
            {"council": _("Konsey proje hesapları konseyin saymanınca yönetilir.")}
        )
    code.code = code.code.strip()
    shape = code_level_error(code.kind, code.code)
    if shape:
        raise ValidationError({"code": shape})
    code.level = expected_level(code.code) if code.kind != ClassificationKind.FINANCING else 1
    code.parent_code = code.code.rsplit(".", 1)[0] if code.level > 1 else ""
    before = None
    if code.pk:
        previous = ClassificationCode.objects.select_for_update().get(pk=code.pk)
        before = {
            "code": previous.code,
            "name": previous.name,
            "status": previous.verification_status,
        }
    code.full_clean()
    code.save()
    audit_record(
        actor=actor,
        action="budget.code.save",
        target=code,
        before=before,
        after={"code": code.code, "name": code.name, "status": code.verification_status},
    )
    return code


# ---------------------------------------------------------------- settings, units, lines


def budget_settings_for(council: Council) -> CouncilBudgetSettings:
    """The council's budget settings; an unsaved default object when none were saved yet.

    Never writes, so a GET may call it.
    """
    found = CouncilBudgetSettings.objects.filter(council=council).first()
    return found or CouncilBudgetSettings(council=council)


@transaction.atomic
def budget_settings_update(*, actor, council: Council, **fields) -> CouncilBudgetSettings:
    _deny_money(actor, council)
    settings_obj, _created = CouncilBudgetSettings.objects.select_for_update().get_or_create(
        council=council
    )
    before = {name: _s(getattr(settings_obj, name)) for name in fields}
    for name, value in fields.items():
        setattr(settings_obj, name, value)
    settings_obj.full_clean()
    settings_obj.save()
    audit_record(
        actor=actor,
        action="budget.settings.update",
        target=settings_obj,
        council_id=council.pk,
        before=before,
        after={name: _s(getattr(settings_obj, name)) for name in fields},
    )
    return settings_obj


@transaction.atomic
def paying_unit_create(
    *,
    actor,
    council: Council,
    fiscal_year: int,
    name: str,
    kurumsal_code: str,
    kind: str = PayingUnitKind.UNIT,
) -> PayingUnit:
    _deny_money(actor, council)
    unit = PayingUnit(
        council=council,
        fiscal_year=fiscal_year,
        name=name.strip(),
        kurumsal_code=kurumsal_code.strip(),
        kind=kind,
    )
    expected_plate = council.province.plate
    if unit.kurumsal_code[3:5] != expected_plate and not code_level_error_kurumsal(unit):
        raise ValidationError(
            {
                "kurumsal_code": _(
                    "Kurumsal kodun 2. düzeyi konseyin il plakası (%(plate)s) olmalı."
                )
                % {"plate": expected_plate}
            }
        )
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor,
        action="budget.unit.create",
        target=unit,
        council_id=council.pk,
        after={"name": unit.name, "kurumsal_code": unit.kurumsal_code, "kind": unit.kind},
    )
    return unit


def code_level_error_kurumsal(unit: PayingUnit) -> bool:
    import re

    from .models import KURUMSAL_RE

    return not re.match(KURUMSAL_RE, unit.kurumsal_code)


@transaction.atomic
def budget_line_create(
    *,
    actor,
    paying_unit: PayingUnit,
    functional_code: str,
    financing_code: str,
    economic_code: str,
    title: str = "",
) -> BudgetLine:
    council = paying_unit.council
    _deny_money(actor, council)
    errors = validate_line_codes(
        council=council,
        year=paying_unit.fiscal_year,
        functional=functional_code.strip(),
        financing=financing_code.strip(),
        economic=economic_code.strip(),
    )
    if errors:
        raise ValidationError(errors)
    line = BudgetLine(
        council=council,
        fiscal_year=paying_unit.fiscal_year,
        paying_unit=paying_unit,
        functional_code=functional_code.strip(),
        financing_code=financing_code.strip(),
        economic_code=economic_code.strip(),
        title=title.strip(),
    )
    line.full_clean()
    line.save()
    audit_record(
        actor=actor,
        action="budget.line.create",
        target=line,
        council_id=council.pk,
        after={"tertip": line.tertip, "title": line.title},
    )
    return line


# ---------------------------------------------------------------- periods and the ledger


def period_is_closed(council: Council, day: datetime.date) -> bool:
    return (
        PeriodClosure.objects.filter(council=council, fiscal_year=day.year)
        .filter(month__isnull=True)
        .exists()
        or PeriodClosure.objects.filter(
            council=council, fiscal_year=day.year, month=day.month
        ).exists()
    )


def next_open_day(council: Council, day: datetime.date) -> datetime.date:
    """The first day of the first open month after `day` (for the error message)."""
    year, month = day.year, day.month
    for _step in range(36):
        month += 1
        if month == 13:
            year, month = year + 1, 1
        candidate = datetime.date(year, month, 1)
        if not period_is_closed(council, candidate):
            return candidate
    return datetime.date(year, month, 1)


def _ensure_open(council: Council, day: datetime.date) -> None:
    if period_is_closed(council, day):
        raise ValidationError(
            {
                "entry_on": _(
                    "%(day)s tarihli dönem kapalı; kayıt ancak açık bir döneme "
                    "(en erken %(next)s) yapılabilir."
                )
                % {
                    "day": day.strftime("%d.%m.%Y"),
                    "next": next_open_day(council, day).strftime("%d.%m.%Y"),
                }
            }
        )


def _post(
    *,
    actor,
    council: Council,
    fiscal_year: int,
    line: BudgetLine | None,
    kind: str,
    amount: Decimal,
    entry_on: datetime.date,
    description: str = "",
    document_no: str = "",
    expenditure: Expenditure | None = None,
    project_label: str = "",
    reverses: LedgerEntry | None = None,
    reason: str = "",
    source_key: str = "",
    transfer: Transfer | None = None,
    audit: bool = True,
) -> LedgerEntry:
    _ensure_open(council, entry_on)
    if entry_on.year != fiscal_year:
        raise ValidationError(
            {"entry_on": _("Tarih %(year)s bütçe yılı içinde olmalı.") % {"year": fiscal_year}}
        )
    entry = LedgerEntry(
        council=council,
        fiscal_year=fiscal_year,
        line=line,
        kind=kind,
        amount=_money(amount),
        entry_on=entry_on,
        description=description[:255],
        document_no=document_no,
        expenditure=expenditure,
        project_label=project_label,
        reverses=reverses,
        reason=reason,
        source_key=source_key,
        transfer=transfer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    entry.save()
    if audit:
        audit_record(
            actor=actor,
            action="budget.entry.post" if reverses is None else "budget.entry.reverse",
            target=entry,
            council_id=council.pk,
            after={
                "kind": kind,
                "amount": str(entry.amount),
                "entry_on": str(entry_on),
                "line": line.tertip if line else None,
                "reverses": reverses.pk if reverses else None,
                "reason": reason,
            },
        )
    return entry


@transaction.atomic
def appropriation_post(
    *,
    actor,
    line: BudgetLine,
    kind: str,
    amount: Decimal,
    entry_on: datetime.date,
    description: str = "",
    document_no: str = "",
) -> LedgerEntry:
    """Post a başlangıç ödeneği, ek ödenek or düşülen ödenek to a line.

    A reduction is given as a positive amount and stored negative; it may not take more
    than is available on the line. An aktarma touches two lines: `transfer_post`.
    """
    _deny_money(actor, line.council)
    if kind == EntryKind.TRANSFER:
        raise ValidationError(
            {"kind": _("Aktarma iki satır arasında tek bir işlemdir; “Aktarma” formunu kullanın.")}
        )
    if kind not in APPROPRIATION_KINDS:
        raise ValidationError({"kind": _("Ödenek kaydı türü geçersiz.")})
    amount = _money(amount)
    if amount <= ZERO:
        raise ValidationError({"amount": _("Ödenek tutarı sıfırdan büyük olmalı.")})
    locked = BudgetLine.objects.select_for_update().get(pk=line.pk)
    if kind == EntryKind.REDUCTION:
        available = line_available(locked)
        if amount > available:
            raise ValidationError(
                {
                    "amount": _(
                        "Satırdan %(amount)s TL düşülemez: kullanılabilir tutar %(left)s TL."
                    )
                    % {"amount": format_amount(amount), "left": format_amount(available)}
                }
            )
        amount = -amount
    return _post(
        actor=actor,
        council=locked.council,
        fiscal_year=locked.fiscal_year,
        line=locked,
        kind=kind,
        amount=amount,
        entry_on=entry_on,
        description=description,
        document_no=document_no,
    )


@transaction.atomic
def transfer_post(
    *,
    actor,
    from_line: BudgetLine,
    to_line: BudgetLine,
    amount: Decimal,
    transfer_on: datetime.date,
    decision_ref: str,
    description: str = "",
) -> Transfer:
    """An aktarma as one act: − on `from_line`, + on `to_line`, both or neither.

    Both lines are locked (in id order, so two opposite transfers cannot deadlock) and the
    amount may not exceed what is available on `from_line`.
    """
    council = from_line.council
    _deny_money(actor, council)
    amount = _money(amount)
    if amount <= ZERO:
        raise ValidationError({"amount": _("Aktarma tutarı sıfırdan büyük olmalı.")})
    if from_line.pk == to_line.pk:
        raise ValidationError({"to_line": _("Aktarma iki ayrı satır arasında yapılır.")})
    if to_line.council_id != from_line.council_id or to_line.fiscal_year != from_line.fiscal_year:
        raise ValidationError(
            {"to_line": _("İki satır aynı konseyin aynı bütçe yılına ait olmalı.")}
        )
    if not (decision_ref or "").strip():
        raise ValidationError(
            {"decision_ref": _("Aktarmanın karar ya da onay belgesi numarasını yazın.")}
        )
    locked = {
        line.pk: line
        for line in BudgetLine.objects.select_for_update()
        .filter(pk__in=[from_line.pk, to_line.pk])
        .order_by("pk")
    }
    source, target = locked[from_line.pk], locked[to_line.pk]
    available = line_available(source)
    if amount > available:
        raise ValidationError(
            {
                "amount": _("Satırdan %(amount)s TL aktarılamaz: kullanılabilir tutar %(left)s TL.")
                % {"amount": format_amount(amount), "left": format_amount(available)}
            }
        )
    _ensure_open(council, transfer_on)
    transfer = Transfer(
        council=council,
        fiscal_year=source.fiscal_year,
        from_line=source,
        to_line=target,
        amount=amount,
        transfer_on=transfer_on,
        decision_ref=decision_ref.strip(),
        description=(description or "").strip()[:255],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transfer.full_clean()
    transfer.save()
    text = transfer.description or _("Aktarma %(ref)s") % {"ref": transfer.decision_ref}
    for line, signed in ((source, -amount), (target, amount)):
        _post(
            actor=actor,
            council=council,
            fiscal_year=transfer.fiscal_year,
            line=line,
            kind=EntryKind.TRANSFER,
            amount=signed,
            entry_on=transfer_on,
            description=text,
            document_no=transfer.decision_ref,
            transfer=transfer,
            audit=False,
        )
    audit_record(
        actor=actor,
        action="budget.transfer.post",
        target=transfer,
        council_id=council.pk,
        after={
            "from": source.tertip,
            "to": target.tertip,
            "amount": str(amount),
            "transfer_on": str(transfer_on),
            "decision_ref": transfer.decision_ref,
        },
    )
    return transfer


def transfer_is_reversed(transfer: Transfer) -> bool:
    return LedgerEntry.objects.filter(transfer=transfer, reverses__isnull=False).exists()


@transaction.atomic
def transfer_reverse(
    *, actor, transfer: Transfer, reason: str, entry_on: datetime.date | None = None
) -> list[LedgerEntry]:
    """Reverse both legs of an aktarma at once (dated `entry_on`, default today).

    Refused when the receiving line no longer has the amount available (it was spent or
    promised): reversing then would leave that line below zero.
    """
    _deny_money(actor, transfer.council)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ters kayıt için gerekçe yazın.")})
    locked = Transfer.objects.select_for_update().get(pk=transfer.pk)
    lines = {
        line.pk: line
        for line in BudgetLine.objects.select_for_update()
        .filter(pk__in=[locked.from_line_id, locked.to_line_id])
        .order_by("pk")
    }
    legs = list(
        LedgerEntry.objects.select_for_update()
        .filter(transfer=locked, reverses__isnull=True)
        .order_by("pk")
    )
    if transfer_is_reversed(locked):
        raise ValidationError(_("Bu aktarma zaten ters çevrilmiş."))
    target = lines[locked.to_line_id]
    available = line_available(target)
    if locked.amount > available:
        raise ValidationError(
            _(
                "Aktarma ters çevrilemez: alan satırda kullanılabilir tutar %(left)s TL, "
                "aktarılan %(amount)s TL."
            )
            % {"left": format_amount(available), "amount": format_amount(locked.amount)}
        )
    day = _default_day(entry_on, locked.fiscal_year)
    reversals = [
        _post(
            actor=actor,
            council=locked.council,
            fiscal_year=locked.fiscal_year,
            line=lines[leg.line_id],
            kind=leg.kind,
            amount=-leg.amount,
            entry_on=day,
            description=_("Ters kayıt: %(description)s") % {"description": leg.description},
            document_no=leg.document_no,
            reverses=leg,
            reason=reason.strip(),
            transfer=locked,
            audit=False,
        )
        for leg in legs
    ]
    audit_record(
        actor=actor,
        action="budget.transfer.reverse",
        target=locked,
        council_id=locked.council_id,
        after={"reason": reason.strip(), "entry_on": str(day), "amount": str(locked.amount)},
    )
    return reversals


def _default_day(entry_on: datetime.date | None, fiscal_year: int) -> datetime.date:
    """The posting date: the one given, else today (the year's last day for a past year)."""
    if entry_on is not None:
        return entry_on
    day = timezone.localdate()
    if day.year > fiscal_year:
        return datetime.date(fiscal_year, 12, 31)
    return day


@transaction.atomic
def entry_reverse(
    *, actor, entry: LedgerEntry, reason: str, entry_on: datetime.date | None = None
) -> LedgerEntry:
    """Cancel an entry by posting its opposite (dated today or `entry_on`, in an open period).

    Entries made by the expenditure workflow are corrected through that workflow.
    """
    _deny_money(actor, entry.council)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ters kayıt için gerekçe yazın.")})
    locked = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.reverses_id is not None:
        raise ValidationError(_("Bir ters kaydın kendisi ters çevrilemez."))
    if LedgerEntry.objects.filter(reverses=locked).exists():
        raise ValidationError(_("Bu kayıt zaten ters çevrilmiş."))
    if locked.expenditure_id is not None:
        raise ValidationError(_("Harcamaya bağlı kayıtlar harcama üzerinden düzeltilir."))
    if locked.transfer_id is not None:
        # One leg of an aktarma is never reversed alone: both go back together.
        reversals = transfer_reverse(
            actor=actor, transfer=locked.transfer, reason=reason, entry_on=entry_on
        )
        return next(r for r in reversals if r.reverses_id == locked.pk)
    day = _default_day(entry_on, locked.fiscal_year)
    if (
        locked.line_id is not None
        and locked.amount > ZERO
        and locked.kind in (EntryKind.INITIAL, EntryKind.ADDITION)
    ):
        # Taking appropriation back may not leave the line below what is promised.
        line = BudgetLine.objects.select_for_update().get(pk=locked.line_id)
        available = line_available(line)
        if locked.amount > available:
            raise ValidationError(
                _(
                    "Kayıt ters çevrilemez: satırda kullanılabilir tutar %(left)s TL, "
                    "kayıt %(amount)s TL."
                )
                % {"left": format_amount(available), "amount": format_amount(locked.amount)}
            )
    return _post(
        actor=actor,
        council=locked.council,
        fiscal_year=locked.fiscal_year,
        line=locked.line,
        kind=locked.kind,
        amount=-locked.amount,
        entry_on=day,
        description=_("Ters kayıt: %(description)s") % {"description": locked.description},
        document_no=locked.document_no,
        project_label=locked.project_label,
        reverses=locked,
        reason=reason.strip(),
    )


@transaction.atomic
def period_close(*, actor, council: Council, fiscal_year: int, month: int | None = None):
    """Close a month (1–12) or the whole year (month=None). Closing is final."""
    _deny_money(actor, council)
    if month is not None and not 1 <= month <= 12:
        raise ValidationError({"month": _("Ay 1 ile 12 arasında olmalı.")})
    closure, created = PeriodClosure.objects.get_or_create(
        council=council,
        fiscal_year=fiscal_year,
        month=month,
        defaults={"closed_by": actor if getattr(actor, "is_authenticated", False) else None},
    )
    if not created:
        raise ValidationError(_("Bu dönem zaten kapalı."))
    audit_record(
        actor=actor,
        action="budget.period.close",
        target=closure,
        council_id=council.pk,
        after={"fiscal_year": fiscal_year, "month": month},
    )
    return closure


# ---------------------------------------------------------------- line arithmetic


def line_totals(line: BudgetLine) -> dict[str, Decimal]:
    """Sums per entry kind for one line (reversals included, so they net out)."""
    sums = {kind: ZERO for kind in EntryKind.values}
    for row in (
        LedgerEntry.objects.filter(line=line).values("kind").annotate(total=MoneySum("amount"))
    ):
        sums[row["kind"]] = row["total"] or ZERO
    return sums


def line_figures_of(line: BudgetLine, *, exclude: Expenditure | None = None):
    """The line's `Figures` from the one selector (selectors.line_figures)."""
    from .selectors import Figures, line_figures

    return line_figures(line_ids=[line.pk], exclude=exclude).get(line.pk, Figures())


def line_reserved(line: BudgetLine, *, exclude: Expenditure | None = None) -> Decimal:
    """Estimates of approved requests that are not yet committed: money already promised."""
    return line_figures_of(line, exclude=exclude).reserved


def line_available(line: BudgetLine, *, exclude: Expenditure | None = None) -> Decimal:
    """Available (kullanılabilir ödenek) = revised − open commitments − paid − reserved."""
    return line_figures_of(line, exclude=exclude).available


# ---------------------------------------------------------------- expenditure workflow


def _exp_snapshot(expenditure: Expenditure) -> dict[str, Any]:
    return {
        "status": expenditure.status,
        "estimated_amount": str(expenditure.estimated_amount),
        "committed_amount": _s(expenditure.committed_amount),
        "paid_amount": _s(expenditure.paid_amount),
        "line": expenditure.line.tertip if expenditure.line_id else None,
    }


def vat_of(gross: Decimal, rate: Decimal) -> Decimal:
    """KDV inside a VAT-inclusive amount: gross × rate / (100 + rate), to the kuruş."""
    from decimal import ROUND_HALF_UP

    if rate <= ZERO:
        return ZERO
    return (gross * rate / (Decimal(100) + rate)).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def expenditure_request(
    *,
    actor,
    council: Council,
    fiscal_year: int,
    title: str,
    estimated_amount: Decimal,
    line: BudgetLine | None = None,
    purpose: str = "",
    project_ref: str = "",
    project_label: str = "",
    vat_rate: Decimal = Decimal("20.00"),
) -> Expenditure:
    """File a request. Anyone who may see the council's money may ask; nothing is reserved yet."""
    ensure(can_view_money(actor, council), _("Bu konsey için harcama talep etme yetkiniz yok."))
    amount = _money(estimated_amount)
    if amount <= ZERO:
        raise ValidationError({"estimated_amount": _("Tahmini tutar sıfırdan büyük olmalı.")})
    if line is not None and (line.council_id != council.pk or line.fiscal_year != fiscal_year):
        raise ValidationError({"line": _("Bütçe satırı bu konseye ve yıla ait değil.")})
    vat_rate = Decimal(vat_rate)
    if not ZERO <= vat_rate <= Decimal(100):
        raise ValidationError({"vat_rate": _("KDV oranı 0 ile 100 arasında olmalı.")})
    expenditure = Expenditure(
        council=council,
        fiscal_year=fiscal_year,
        line=line,
        title=title.strip(),
        purpose=purpose.strip(),
        project_ref=project_ref.strip(),
        project_label=project_label.strip(),
        estimated_amount=amount,
        vat_rate=vat_rate,
        vat_amount=vat_of(amount, vat_rate),
        author=actor,
    )
    expenditure.full_clean(exclude=["receipt"])
    expenditure.save()
    audit_record(
        actor=actor,
        action="budget.expenditure.request",
        target=expenditure,
        council_id=council.pk,
        after=_exp_snapshot(expenditure),
    )
    return expenditure


def _lock_expenditure(expenditure: Expenditure) -> Expenditure:
    # Lock only the request row (not the joined council), so approvals of different requests
    # meet at the budget line's lock, which is the one that guards the money left.
    return (
        Expenditure.objects.select_for_update(of=("self",))
        .select_related("council")
        .get(pk=expenditure.pk)
    )


@transaction.atomic
def expenditure_approve(*, actor, expenditure: Expenditure) -> Expenditure:
    """Record a treasurer's approval; the request becomes approved when enough have approved.

    Locks the request, then its budget line, so two approvals on the same line are
    serialised and together can never exceed what is left on it.
    """
    _deny_money(actor, expenditure.council)
    locked = _lock_expenditure(expenditure)
    if locked.status != Expenditure.Status.REQUESTED:
        raise ValidationError(
            _("Bu talep onay beklemiyor (durumu: %(status)s).")
            % {"status": locked.get_status_display()}
        )
    if locked.author_id == actor.pk:
        raise ValidationError(_("Kendi talebinizi onaylayamazsınız."))
    if ExpenditureApproval.objects.filter(expenditure=locked, approver=actor).exists():
        raise ValidationError(
            _("Bu talebi zaten onayladınız; ikinci onay başka bir saymandan gelmeli.")
        )
    if locked.line_id is not None:
        line = BudgetLine.objects.select_for_update().get(pk=locked.line_id)
        available = line_available(line, exclude=locked)
        if locked.estimated_amount > available:
            raise ValidationError(
                _(
                    "Talep (%(amount)s TL) satırda kalan tutarı (%(left)s TL) aşıyor; "
                    "ek ödenek ya da aktarma gerekli."
                )
                % {
                    "amount": format_amount(locked.estimated_amount),
                    "left": format_amount(available),
                }
            )
    before = _exp_snapshot(locked)
    ExpenditureApproval.objects.create(expenditure=locked, approver=actor)
    threshold = budget_settings_for(locked.council).second_approval_threshold
    needed = 2 if locked.estimated_amount > threshold else 1
    if locked.approvals.count() >= needed:
        locked.status = Expenditure.Status.APPROVED
        locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="budget.expenditure.approve",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={**_exp_snapshot(locked), "approvals": locked.approvals.count(), "needed": needed},
    )
    return locked


@transaction.atomic
def expenditure_decline(*, actor, expenditure: Expenditure, reason: str) -> Expenditure:
    _deny_money(actor, expenditure.council)
    if not (reason or "").strip():
        raise ValidationError({"decline_reason": _("Ret gerekçesi yazın.")})
    locked = _lock_expenditure(expenditure)
    if locked.status not in (Expenditure.Status.REQUESTED, Expenditure.Status.APPROVED):
        raise ValidationError(
            _("Yalnızca bekleyen ya da onaylanmış (taahhüt edilmemiş) talep reddedilir.")
        )
    before = _exp_snapshot(locked)
    locked.status = Expenditure.Status.DECLINED
    locked.decline_reason = reason.strip()
    locked.save(update_fields=["status", "decline_reason"])
    audit_record(
        actor=actor,
        action="budget.expenditure.decline",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={**_exp_snapshot(locked), "reason": locked.decline_reason},
    )
    return locked


@transaction.atomic
def expenditure_commit(
    *,
    actor,
    expenditure: Expenditure,
    supplier_name: str,
    contract_no: str,
    amount: Decimal,
    committed_on: datetime.date,
    supplier_is_individual: bool = False,
) -> Expenditure:
    """Record the commitment (taahhüt) and post it to the ledger."""
    _deny_money(actor, expenditure.council)
    locked = _lock_expenditure(expenditure)
    if locked.status != Expenditure.Status.APPROVED:
        raise ValidationError(_("Yalnızca onaylanmış talep taahhüt edilir."))
    amount = _money(amount)
    if amount <= ZERO:
        raise ValidationError({"amount": _("Taahhüt tutarı sıfırdan büyük olmalı.")})
    if not supplier_name.strip():
        raise ValidationError({"supplier_name": _("Tedarikçiyi yazın.")})
    line = None
    if locked.line_id is not None:
        line = BudgetLine.objects.select_for_update().get(pk=locked.line_id)
        available = line_available(line, exclude=locked)
        if amount > available:
            raise ValidationError(
                {
                    "amount": _("Taahhüt (%(amount)s TL) satırda kalanı (%(left)s TL) aşıyor.")
                    % {"amount": format_amount(amount), "left": format_amount(available)}
                }
            )
    before = _exp_snapshot(locked)
    locked.status = Expenditure.Status.COMMITTED
    locked.supplier_name = supplier_name.strip()
    locked.supplier_is_individual = supplier_is_individual
    locked.contract_no = contract_no.strip()
    locked.committed_amount = amount
    locked.committed_on = committed_on
    locked.save()
    _post(
        actor=actor,
        council=locked.council,
        fiscal_year=locked.fiscal_year,
        line=line,
        kind=EntryKind.COMMITMENT,
        amount=amount,
        entry_on=committed_on,
        description=locked.title,
        document_no=locked.contract_no,
        expenditure=locked,
        project_label=locked.project_label,
        audit=False,
    )
    audit_record(
        actor=actor,
        action="budget.expenditure.commit",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={**_exp_snapshot(locked), "contract_no": locked.contract_no},
    )
    return locked


@transaction.atomic
def expenditure_pay(
    *,
    actor,
    expenditure: Expenditure,
    payment_order_no: str,
    paid_on: datetime.date,
    amount: Decimal,
    vat_amount: Decimal | None = None,
    receipt=None,
) -> Expenditure:
    """Record the payment (ödeme emri belgesi): release the commitment, post the payment."""
    _deny_money(actor, expenditure.council)
    locked = _lock_expenditure(expenditure)
    if locked.status != Expenditure.Status.COMMITTED:
        raise ValidationError(_("Yalnızca taahhüt edilmiş harcama ödenir (çift ödeme engellendi)."))
    amount = _money(amount)
    if amount <= ZERO:
        raise ValidationError({"amount": _("Ödenen tutar sıfırdan büyük olmalı.")})
    if not payment_order_no.strip():
        raise ValidationError({"payment_order_no": _("Ödeme emri belgesi numarasını yazın.")})
    line = None
    if locked.line_id is not None:
        line = BudgetLine.objects.select_for_update().get(pk=locked.line_id)
        available = line_available(line, exclude=locked) + locked.committed_amount
        if amount > available:
            raise ValidationError(
                {
                    "amount": _("Ödeme (%(amount)s TL) satırda kalanı (%(left)s TL) aşıyor.")
                    % {"amount": format_amount(amount), "left": format_amount(available)}
                }
            )
    before = _exp_snapshot(locked)
    locked.status = Expenditure.Status.PAID
    locked.payment_order_no = payment_order_no.strip()
    locked.paid_on = paid_on
    locked.paid_amount = amount
    locked.vat_amount = (
        _money(vat_amount) if vat_amount is not None else vat_of(amount, locked.vat_rate)
    )
    if receipt is not None:
        locked.receipt = receipt
    locked.save()
    common = {
        "actor": actor,
        "council": locked.council,
        "fiscal_year": locked.fiscal_year,
        "line": line,
        "entry_on": paid_on,
        "description": locked.title,
        "expenditure": locked,
        "project_label": locked.project_label,
        "audit": False,
    }
    _post(
        kind=EntryKind.COMMITMENT,
        amount=-locked.committed_amount,
        document_no=locked.contract_no,
        **common,
    )
    _post(kind=EntryKind.PAYMENT, amount=amount, document_no=locked.payment_order_no, **common)
    audit_record(
        actor=actor,
        action="budget.expenditure.pay",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={**_exp_snapshot(locked), "payment_order_no": locked.payment_order_no},
    )
    return locked


@transaction.atomic
def expenditure_payment_reverse(
    *, actor, expenditure: Expenditure, reason: str, entry_on: datetime.date | None = None
) -> Expenditure:
    """Undo a wrong payment: post its opposite and restore the commitment it released.

    The request goes back to "committed" and can be paid again with the right figures;
    the wrong payment and its reversal stay in the ledger (posted entries are never edited).
    """
    _deny_money(actor, expenditure.council)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ters kayıt için gerekçe yazın.")})
    locked = _lock_expenditure(expenditure)
    if locked.status != Expenditure.Status.PAID:
        raise ValidationError(_("Yalnızca ödenmiş bir harcamanın ödemesi ters çevrilir."))
    entries = LedgerEntry.objects.select_for_update().filter(
        expenditure=locked, reverses__isnull=True
    )
    reversed_ids = set(
        LedgerEntry.objects.filter(expenditure=locked, reverses__isnull=False).values_list(
            "reverses_id", flat=True
        )
    )
    # The newest payment and the commitment release posted with it, not reversed yet.
    payment = (
        entries.filter(kind=EntryKind.PAYMENT).exclude(pk__in=reversed_ids).order_by("-pk").first()
    )
    release = (
        entries.filter(kind=EntryKind.COMMITMENT, amount__lt=0)
        .exclude(pk__in=reversed_ids)
        .order_by("-pk")
        .first()
    )
    if payment is None or release is None:
        raise ValidationError(_("Bu harcamanın ters çevrilecek bir ödeme kaydı yok."))
    day = _default_day(entry_on, locked.fiscal_year)
    line = BudgetLine.objects.select_for_update().get(pk=locked.line_id) if locked.line_id else None
    if line is not None:
        # Back to "committed" holds the commitment again: when it was larger than the
        # payment, the difference must still be available on the line.
        needed = -release.amount - payment.amount
        available = line_available(line)
        if needed > available:
            raise ValidationError(
                _(
                    "Ödeme ters çevrilemez: taahhüt yeniden %(needed)s TL daha tutacak, satırda "
                    "kullanılabilir %(left)s TL var. Önce ek ödenek ya da aktarma gerekli."
                )
                % {"needed": format_amount(needed), "left": format_amount(available)}
            )
    before = {**_exp_snapshot(locked), "payment_order_no": locked.payment_order_no}
    for entry in (payment, release):
        _post(
            actor=actor,
            council=locked.council,
            fiscal_year=locked.fiscal_year,
            line=line,
            kind=entry.kind,
            amount=-entry.amount,
            entry_on=day,
            description=_("Ters kayıt: %(description)s") % {"description": entry.description},
            document_no=entry.document_no,
            expenditure=locked,
            project_label=entry.project_label,
            reverses=entry,
            reason=reason.strip(),
            audit=False,
        )
    locked.status = Expenditure.Status.COMMITTED
    locked.payment_order_no = ""
    locked.paid_on = None
    locked.paid_amount = None
    locked.vat_amount = vat_of(locked.committed_amount, locked.vat_rate)
    locked.save()
    audit_record(
        actor=actor,
        action="budget.expenditure.payment_reverse",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={**_exp_snapshot(locked), "reason": reason.strip()},
    )
    return locked


@transaction.atomic
def expenditure_cancel(
    *, actor, expenditure: Expenditure, reason: str, entry_on: datetime.date | None = None
) -> Expenditure:
    """Taahhüt iptali: cancel an open commitment and release its appropriation.

    Only a committed (unpaid) expenditure: a paid one is first reversed with
    `expenditure_payment_reverse`, then cancelled here. Posts the opposite of the original
    commitment entry (dated `entry_on`, default today); the expenditure ends "cancelled",
    so its ledger sums (commitment 0, payment 0) agree with its status.
    """
    _deny_money(actor, expenditure.council)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Taahhüt iptali için gerekçe yazın.")})
    locked = _lock_expenditure(expenditure)
    if locked.status == Expenditure.Status.PAID:
        raise ValidationError(
            _("Ödenmiş harcamanın taahhüdü iptal edilemez: önce ödemeyi ters çevirin.")
        )
    if locked.status != Expenditure.Status.COMMITTED:
        raise ValidationError(
            _("Yalnızca taahhüt edilmiş (ödenmemiş) harcamanın taahhüdü iptal edilir.")
        )
    reversed_ids = set(
        LedgerEntry.objects.filter(expenditure=locked, reverses__isnull=False).values_list(
            "reverses_id", flat=True
        )
    )
    original = (
        LedgerEntry.objects.select_for_update()
        .filter(
            expenditure=locked,
            kind=EntryKind.COMMITMENT,
            amount__gt=0,
            reverses__isnull=True,
        )
        .exclude(pk__in=reversed_ids)
        .order_by("-pk")
        .first()
    )
    day = _default_day(entry_on, locked.fiscal_year)
    line = BudgetLine.objects.select_for_update().get(pk=locked.line_id) if locked.line_id else None
    before = _exp_snapshot(locked)
    if original is not None:
        _post(
            actor=actor,
            council=locked.council,
            fiscal_year=locked.fiscal_year,
            line=line,
            kind=EntryKind.COMMITMENT,
            amount=-original.amount,
            entry_on=day,
            description=_("Taahhüt iptali: %(description)s")
            % {"description": original.description},
            document_no=original.document_no,
            expenditure=locked,
            project_label=original.project_label,
            reverses=original,
            reason=reason.strip(),
            audit=False,
        )
    else:
        _ensure_open(locked.council, day)
    locked.status = Expenditure.Status.CANCELLED
    locked.cancelled_on = day
    locked.cancel_reason = reason.strip()
    locked.save(update_fields=["status", "cancelled_on", "cancel_reason"])
    audit_record(
        actor=actor,
        action="budget.expenditure.cancel",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={**_exp_snapshot(locked), "reason": locked.cancel_reason, "entry_on": str(day)},
    )
    return locked


@transaction.atomic
def budget_line_route_set(*, actor, line: BudgetLine, route: str, reason: str) -> BudgetLine:
    """Override the payment route derived from the line's codes; "" returns to the derived.

    Overriding needs a reason; both are audited with the route before and after.
    """
    from .selectors import line_route, project_account_codes

    _deny_money(actor, line.council)
    if route and route not in PaymentRoute.values:
        raise ValidationError({"route": _("Ödeme yolu geçersiz.")})
    reason = (reason or "").strip()
    if route and not reason:
        raise ValidationError({"reason": _("Ödeme yolunu elle değiştirmek için gerekçe yazın.")})
    locked = BudgetLine.objects.select_for_update().select_related("paying_unit").get(pk=line.pk)
    codes = project_account_codes(locked.council, locked.fiscal_year)
    before = {
        "route": line_route(locked, codes),
        "override": locked.route_override,
        "reason": locked.route_override_reason,
    }
    locked.route_override = route
    locked.route_override_reason = reason if route else ""
    locked.save(update_fields=["route_override", "route_override_reason"])
    audit_record(
        actor=actor,
        action="budget.line.route",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={
            "route": line_route(locked, codes),
            "override": locked.route_override,
            "reason": reason,
        },
    )
    return locked


# ---------------------------------------------------------------- in-kind contributions


@transaction.atomic
def in_kind_rate_save(
    *, actor, council: Council, fiscal_year: int, category: str, unit: str, rate: Decimal
) -> InKindRate:
    """Create or change a unit rate; recorded contributions keep the rate they were valued at."""
    _deny_money(actor, council)
    existing = (
        InKindRate.objects.select_for_update()
        .filter(council=council, fiscal_year=fiscal_year, category=category.strip())
        .first()
    )
    before = {"unit": existing.unit, "rate": str(existing.rate)} if existing else None
    item = existing or InKindRate(
        council=council, fiscal_year=fiscal_year, category=category.strip()
    )
    item.unit = unit
    item.rate = _money(rate)
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="budget.in_kind_rate.save",
        target=item,
        council_id=council.pk,
        before=before,
        after={"unit": item.unit, "rate": str(item.rate)},
    )
    return item


@transaction.atomic
def in_kind_record(
    *,
    actor,
    rate: InKindRate,
    contributor_name: str,
    contributor_kind: str,
    quantity: Decimal,
    received_on: datetime.date,
    description: str = "",
    project_label: str = "",
) -> InKindContribution:
    council = rate.council
    _deny_money(actor, council)
    _ensure_open(council, received_on)
    quantity = Decimal(quantity)
    if quantity <= 0:
        raise ValidationError({"quantity": _("Miktar sıfırdan büyük olmalı.")})
    if contributor_kind not in ContributorKind.values:
        raise ValidationError({"contributor_kind": _("Katkı veren türü geçersiz.")})
    if received_on.year != rate.fiscal_year:
        raise ValidationError({"received_on": _("Tarih birim değerinin yılı içinde olmalı.")})
    item = InKindContribution(
        council=council,
        fiscal_year=rate.fiscal_year,
        contributor_name=contributor_name.strip(),
        contributor_kind=contributor_kind,
        rate=rate,
        quantity=quantity,
        unit_rate=rate.rate,
        value=_money((quantity * rate.rate).quantize(CENT)),
        received_on=received_on,
        description=description.strip(),
        project_label=project_label.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="budget.in_kind.record",
        target=item,
        council_id=council.pk,
        after={"value": str(item.value), "quantity": str(quantity), "rate": str(rate.rate)},
    )
    return item


@transaction.atomic
def in_kind_reverse(
    *,
    actor,
    contribution: InKindContribution,
    reason: str,
    entry_on: datetime.date | None = None,
) -> InKindContribution:
    """Cancel a contribution with an opposite row (negative quantity and value), dated
    `entry_on` (default today) in an open period."""
    _deny_money(actor, contribution.council)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ters kayıt için gerekçe yazın.")})
    locked = InKindContribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.reverses_id or InKindContribution.objects.filter(reverses=locked).exists():
        raise ValidationError(_("Bu katkı zaten ters çevrilmiş ya da bir ters kayıttır."))
    day = _default_day(entry_on, locked.fiscal_year)
    if day.year != locked.fiscal_year:
        raise ValidationError(
            {
                "entry_on": _("Tarih %(year)s bütçe yılı içinde olmalı.")
                % {"year": locked.fiscal_year}
            }
        )
    _ensure_open(locked.council, day)
    reversal = InKindContribution.objects.create(
        council=locked.council,
        fiscal_year=locked.fiscal_year,
        contributor_name=locked.contributor_name,
        contributor_kind=locked.contributor_kind,
        rate=locked.rate,
        quantity=-locked.quantity,
        unit_rate=locked.unit_rate,
        value=-locked.value,
        received_on=day,
        description=locked.description,
        project_label=locked.project_label,
        reverses=locked,
        reason=reason.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="budget.in_kind.reverse",
        target=reversal,
        council_id=locked.council_id,
        after={"reverses": locked.pk, "value": str(reversal.value), "reason": reversal.reason},
    )
    return reversal


# ---------------------------------------------------------------- maintenance (platform admin)

# What the maintenance path may rewrite: text that can carry a mistake or personal data
# (KVKK erasure). Amounts, kinds, dates and links are corrected with reversing entries only.
MAINTENANCE_FIELDS = ("description", "document_no", "project_label", "reason")


def _entry_snapshot(entry: LedgerEntry) -> dict[str, Any]:
    return {
        field.attname: _s(getattr(entry, field.attname))
        for field in LedgerEntry._meta.concrete_fields
        if field.attname != "created_at"
    }


@transaction.atomic
def ledger_entry_maintain(
    *,
    actor,
    entry_id: int,
    reason: str,
    changes: dict[str, str] | None = None,
    delete: bool = False,
) -> AuditRecord:
    """Change or remove a posted entry past its triggers: platform admin, reason, audit row.

    The one documented way around the append-only rule (docs/security.md, Money). Changes and
    the audit record (full before, after) commit together or not at all.
    """
    ensure(is_platform_admin(actor), _("Bu bakım işlemini yalnızca platform yöneticisi yapabilir."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Bakım işlemi için gerekçe yazın."))
    changes = changes or {}
    if delete == bool(changes):
        raise ValidationError(
            _("Ya alan değişikliği ya da silme isteyin (ikisinden yalnızca biri).")
        )
    unknown = sorted(set(changes) - set(MAINTENANCE_FIELDS))
    if unknown:
        raise ValidationError(
            _("Bu alanlar bakımla değiştirilemez (ters kayıt yapın): %(fields)s")
            % {"fields": ", ".join(unknown)}
        )
    entry = LedgerEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None:
        raise ValidationError(_("Defter kaydı bulunamadı."))
    for name, value in changes.items():
        LedgerEntry._meta.get_field(name).clean(value, entry)
    before = _entry_snapshot(entry)
    with maintenance_switch(reason=f"ledger_maintenance: {reason}"):
        rows = LedgerEntry.objects.filter(pk=entry.pk)
        if delete:
            try:
                rows.delete()
            except ProtectedError as error:
                raise ValidationError(
                    _("Bu kayda bağlı kayıtlar var (ör. ters kaydı); silinemez.")
                ) from error
            after = None
        else:
            rows.update(**changes)
            after = _entry_snapshot(LedgerEntry.objects.get(pk=entry.pk))
    return audit_record(
        actor=actor,
        action="budget.entry.maintenance_delete" if delete else "budget.entry.maintenance_update",
        target=entry,
        council_id=entry.council_id,
        before={**before, "maintenance_reason": reason},
        after=after,
    )
