"""Budget support of a council: classification codes, paying units, budget lines, the ledger,
expenditure requests and in-kind contributions.

A city council has no budget of its own (5393 md. 76): the municipality spends on its behalf
from lines in its units' budgets. These models follow that money line by line.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from santral.core.fields import NameField
from santral.core.money import (
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
    format_money,
    validate_money_bound,
)
from santral.councils.models import Council

ZERO = Decimal("0.00")


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    # 15 digits: the most SQLite gives back exactly (santral/core/money.py, docs/budget.md).
    validators = [validate_money_bound, *kwargs.pop("validators", [])]
    return models.DecimalField(
        verbose_name,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        validators=validators,
        **kwargs,
    )


KURUMSAL_RE = r"^46\.\d{2}\.\d{2}\.\d{2}$"
kurumsal_validator = RegexValidator(
    KURUMSAL_RE,
    _("Kurumsal kod 46.PP.II.BB biçiminde olmalı (ör. 46.01.01.02)."),
)


class ClassificationKind(models.TextChoices):
    FUNCTIONAL = "functional", _("Fonksiyonel sınıflandırma")
    ECONOMIC = "economic", _("Ekonomik sınıflandırma (gider)")
    FINANCING = "financing", _("Finansman tipi")


class VerificationStatus(models.TextChoices):
    VERIFIED = "verified", _("Doğrulandı")
    VERIFIED_TYPO_FIXED = "verified_typo_fixed", _("Doğrulandı (yazım düzeltildi)")
    NAME_VERIFIED_CODE_INFERRED = "name_verified_code_inferred", _("Ad doğrulandı, kod çıkarıldı")
    NAME_UNVERIFIED = "name_unverified", _("Ad doğrulanmadı")
    STANDARD_UNVERIFIED = "standard_unverified", _("Standart, doğrulanmadı")
    OFFICIAL_IMPORT = "official_import", _("Resmî listeden içe aktarıldı")
    ADMIN_ENTERED = "admin_entered", _("Yönetici girdi")
    COUNCIL_ACCOUNT = "council_account", _("Konsey proje hesabı")


class ClassificationCode(models.Model):
    """One code of the analytic budget classification, valid for one budget year.

    Codes are text (`03.2.1.01`): leading zeros and dots matter. A row with a council is
    that council's 4th-level functional project account; rows without one are the
    platform-wide lists loaded from `santral/budget/data/` or added by platform admins.
    """

    kind = models.CharField(_("tür"), max_length=16, choices=ClassificationKind.choices)
    year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    code = models.CharField(_("kod"), max_length=20)
    level = models.PositiveSmallIntegerField(_("düzey"))
    parent_code = models.CharField(_("üst kod"), max_length=20, blank=True)
    name = models.CharField(_("ad"), max_length=255)
    verification_status = models.CharField(
        _("doğrulama durumu"), max_length=32, choices=VerificationStatus.choices
    )
    evidence = models.TextField(_("kaynak / kanıt"), blank=True)
    council = models.ForeignKey(
        Council,
        verbose_name=_("konsey (proje hesabı)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="project_accounts",
    )
    is_active = models.BooleanField(_("kullanımda"), default=True)

    class Meta:
        ordering = ["kind", "year", "code"]
        verbose_name = _("sınıflandırma kodu")
        verbose_name_plural = _("sınıflandırma kodları")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "code"],
                condition=Q(council__isnull=True),
                name="budget_code_unique_global",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "code", "council"],
                condition=Q(council__isnull=False),
                name="budget_code_unique_per_council",
            ),
        ]
        indexes = [models.Index(fields=["kind", "year", "parent_code"], name="budget_code_parent")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_verified(self) -> bool:
        return self.verification_status in {
            VerificationStatus.VERIFIED,
            VerificationStatus.VERIFIED_TYPO_FIXED,
            VerificationStatus.OFFICIAL_IMPORT,
        }


class TransparencyLevel(models.TextChoices):
    NONE = "none", _("Yayımlama")
    TOTALS = "totals", _("Yalnızca kod ve etkinlik toplamları")
    LINES = "lines", _("Bütçe satırları ve harcama amaçları")


class CouncilBudgetSettings(models.Model):
    """Per-council rules: the second-approval threshold and what the public may see."""

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="budget_settings"
    )
    second_approval_threshold = money_field(
        _("ikinci onay eşiği (TL)"),
        default=Decimal("50000.00"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("Bu tutarı aşan talepler iki ayrı saymanın onayını gerektirir."),
    )
    transparency = models.CharField(
        _("kamuya açıklık"),
        max_length=16,
        choices=TransparencyLevel.choices,
        default=TransparencyLevel.TOTALS,
    )
    publish_in_kind = models.BooleanField(_("ayni katkı toplamlarını yayımla"), default=True)

    class Meta:
        verbose_name = _("bütçe ayarları")
        verbose_name_plural = _("bütçe ayarları")

    def __str__(self) -> str:
        return str(self.council)


class PayingUnitKind(models.TextChoices):
    UNIT = "unit", _("İlgili belediye birimi")
    PRIVATE_OFFICE = "private_office", _("Özel Kalem Müdürlüğü")
    OTHER = "other", _("Diğer")


class PaymentRoute(models.TextChoices):
    """The three ways of paying for a council (docs/budget.md), as a report dimension."""

    UNIT = "unit", _("İlgili belediye birimi")
    PRIVATE_OFFICE = "private_office", _("Özel Kalem Müdürlüğü")
    PROJECT_ACCOUNT = "project_account", _("Konsey proje hesabı")
    OTHER = "other", _("Diğer")


# Financing type 8 (Bağış ve Yardımlar): grants and donations booked for the council.
GRANT_FINANCING_CODE = "8"


class PayingUnit(models.Model):
    """A municipal spending unit that pays for the council in a budget year."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="paying_units")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    name = NameField(_("birim adı"), max_length=200)
    kurumsal_code = models.CharField(
        _("kurumsal kod"), max_length=11, validators=[kurumsal_validator]
    )
    kind = models.CharField(
        _("ödeme yolu"), max_length=16, choices=PayingUnitKind.choices, default=PayingUnitKind.UNIT
    )

    class Meta:
        ordering = ["fiscal_year", "kurumsal_code"]
        verbose_name = _("ödeyen birim")
        verbose_name_plural = _("ödeyen birimler")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "fiscal_year", "kurumsal_code"],
                name="budget_unit_unique_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kurumsal_code} {self.name}"


class BudgetLine(models.Model):
    """A budget line (bütçe tertibi) a unit opened for the council in one year."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="budget_lines")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    paying_unit = models.ForeignKey(
        PayingUnit, verbose_name=_("ödeyen birim"), on_delete=models.PROTECT, related_name="lines"
    )
    functional_code = models.CharField(_("fonksiyonel kod"), max_length=20)
    financing_code = models.CharField(_("finansman tipi"), max_length=2)
    economic_code = models.CharField(_("ekonomik kod"), max_length=20)
    title = NameField(_("açıklama"), max_length=255, blank=True)
    # The route is derived from the codes (selectors.line_route); a treasurer may override
    # it with a reason (services.budget_line_route_set, audited).
    route_override = models.CharField(
        _("ödeme yolu (elle)"), max_length=16, choices=PaymentRoute.choices, blank=True
    )
    route_override_reason = models.CharField(_("ödeme yolu gerekçesi"), max_length=255, blank=True)

    class Meta:
        ordering = ["fiscal_year", "paying_unit__kurumsal_code", "functional_code", "economic_code"]
        verbose_name = _("bütçe satırı")
        verbose_name_plural = _("bütçe satırları")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "council",
                    "fiscal_year",
                    "paying_unit",
                    "functional_code",
                    "financing_code",
                    "economic_code",
                ],
                name="budget_line_unique_tertip",
            )
        ]
        indexes = [models.Index(fields=["council", "fiscal_year"], name="budget_line_cy")]

    def __str__(self) -> str:
        return self.tertip

    @property
    def tertip(self) -> str:
        """The line's full address: kurumsal - fonksiyonel - finansman - ekonomik."""
        return (
            f"{self.paying_unit.kurumsal_code} - {self.functional_code} - "
            f"{self.financing_code} - {self.economic_code}"
        )


class PeriodClosure(models.Model):
    """A closed month (1–12) or a closed year (month empty): no new entries dated inside it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="closed_periods")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    month = models.PositiveSmallIntegerField(_("ay"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kapanış zamanı"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["fiscal_year", "month"]
        verbose_name = _("kapalı dönem")
        verbose_name_plural = _("kapalı dönemler")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "fiscal_year", "month"], name="budget_period_unique"
            ),
            models.UniqueConstraint(
                fields=["council", "fiscal_year"],
                condition=Q(month__isnull=True),
                name="budget_year_closure_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:02d}.{self.fiscal_year}" if self.month else str(self.fiscal_year)


class EntryKind(models.TextChoices):
    INITIAL = "initial", _("Başlangıç ödeneği")
    ADDITION = "addition", _("Ek ödenek")
    REDUCTION = "reduction", _("Düşülen ödenek")
    TRANSFER = "transfer", _("Aktarma")
    COMMITMENT = "commitment", _("Taahhüt")
    PAYMENT = "payment", _("Ödeme")


APPROPRIATION_KINDS = (
    EntryKind.INITIAL,
    EntryKind.ADDITION,
    EntryKind.REDUCTION,
    EntryKind.TRANSFER,
)


class Expenditure(models.Model):
    """An expenditure request and its way through approval, commitment and payment."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Talep edildi")
        APPROVED = "approved", _("Onaylandı")
        DECLINED = "declined", _("Reddedildi")
        COMMITTED = "committed", _("Taahhüt edildi")
        PAID = "paid", _("Ödendi")
        CANCELLED = "cancelled", _("Taahhüt iptal edildi")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="expenditures")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("bütçe satırı"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expenditures",
    )
    title = NameField(_("ne için"), max_length=200)
    purpose = models.TextField(_("gerekçe"), blank=True)
    # A loose link to "the event or project" this serves: `events.event:<id>` once the
    # events app exists, or any short key such as `proje:iklim-forumu`. Documented in
    # docs/budget.md; reports group by project_label.
    project_ref = models.CharField(_("etkinlik/proje anahtarı"), max_length=80, blank=True)
    project_label = models.CharField(_("etkinlik/proje"), max_length=200, blank=True)
    estimated_amount = money_field(_("tahmini tutar (KDV dahil)"))
    vat_rate = models.DecimalField(
        _("KDV oranı (%)"), max_digits=5, decimal_places=2, default=Decimal("20.00")
    )
    vat_amount = money_field(_("KDV tutarı"), default=ZERO)
    status = models.CharField(
        _("durum"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("talep eden"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("talep zamanı"), auto_now_add=True)
    decline_reason = models.TextField(_("ret gerekçesi"), blank=True)
    supplier_name = models.CharField(_("tedarikçi"), max_length=200, blank=True)
    supplier_is_individual = models.BooleanField(
        _("tedarikçi gerçek kişi"),
        default=False,
        help_text=_("Gerçek kişilerin adı hiçbir zaman kamuya gösterilmez (KVKK)."),
    )
    contract_no = models.CharField(_("sözleşme / sipariş no"), max_length=80, blank=True)
    committed_amount = money_field(_("taahhüt tutarı"), null=True, blank=True)
    committed_on = models.DateField(_("taahhüt tarihi"), null=True, blank=True)
    payment_order_no = models.CharField(_("ödeme emri belgesi no"), max_length=80, blank=True)
    paid_on = models.DateField(_("ödeme tarihi"), null=True, blank=True)
    paid_amount = money_field(_("ödenen tutar"), null=True, blank=True)
    receipt = models.FileField(_("fatura / makbuz"), upload_to="budget/receipts/%Y/", blank=True)
    cancelled_on = models.DateField(_("taahhüt iptal tarihi"), null=True, blank=True)
    cancel_reason = models.TextField(_("taahhüt iptal gerekçesi"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("harcama")
        verbose_name_plural = _("harcamalar")
        indexes = [models.Index(fields=["council", "fiscal_year", "status"], name="budget_exp_cys")]

    def __str__(self) -> str:
        return self.title

    @property
    def payee_public_name(self) -> str:
        return "" if self.supplier_is_individual else self.supplier_name


class ExpenditureApproval(models.Model):
    """One treasurer's approval of a request; a person approves a request at most once."""

    expenditure = models.ForeignKey(Expenditure, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(
                fields=["expenditure", "approver"], name="budget_approval_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expenditure_id} / {self.approver_id}"


class Transfer(models.Model):
    """An aktarma as one act: from one line to another, both legs posted together.

    The two ledger entries (− on `from_line`, + on `to_line`) point here; reversing the
    transfer reverses both legs at once (services.transfer_reverse).
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="transfers")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    from_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("aktarılan satır"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("aktarma yapılan satır"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    amount = money_field(_("tutar"))
    transfer_on = models.DateField(_("tarih"))
    decision_ref = models.CharField(_("karar / onay belgesi"), max_length=120)
    description = models.CharField(_("açıklama"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["transfer_on", "id"]
        verbose_name = _("aktarma")
        verbose_name_plural = _("aktarmalar")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="budget_transfer_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(from_line=models.F("to_line")), name="budget_transfer_two_lines"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.transfer_on:%d.%m.%Y} {self.decision_ref} {format_money(self.amount)}"


class LedgerEntry(models.Model):
    """One dated, immutable money movement. Corrections are reversing entries.

    An entry exists only once posted (there is no draft state), so every row is immutable:
    save()/delete() refuse here, and database triggers refuse QuerySet.update()/.delete() and
    raw SQL (santral/core/immutability.py; registered in BudgetConfig.ready).

    Signs: appropriations (initial, addition) are positive, a reduction (düşülen ödenek) is
    negative, a transfer is positive into a line and negative out of it (both legs of one
    aktarma point at its `Transfer`); a commitment is positive when made and negative when
    released at payment or cancelled; a payment is positive. A reversal has the opposite
    amount of the entry it reverses and points at it.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="ledger_entries")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("bütçe satırı"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    kind = models.CharField(_("tür"), max_length=16, choices=EntryKind.choices)
    amount = money_field(_("tutar"))
    entry_on = models.DateField(_("tarih"))
    description = models.CharField(_("açıklama"), max_length=255, blank=True)
    document_no = models.CharField(_("belge no"), max_length=80, blank=True)
    expenditure = models.ForeignKey(
        Expenditure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    project_label = models.CharField(_("etkinlik/proje"), max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("ters kaydı yapılan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    reason = models.CharField(_("gerekçe"), max_length=255, blank=True)
    # Both legs of an aktarma (and their reversals) point at the one act they belong to.
    transfer = models.ForeignKey(
        Transfer,
        verbose_name=_("aktarma"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    # Idempotent imports: a hash of the source row (and its occurrence number in the file).
    source_key = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry_on", "id"]
        verbose_name = _("defter kaydı")
        verbose_name_plural = _("defter kayıtları")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "source_key"],
                condition=~Q(source_key=""),
                name="budget_entry_source_unique",
            )
        ]
        indexes = [
            models.Index(fields=["council", "fiscal_year", "line"], name="budget_entry_cyl"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_on:%d.%m.%Y} {self.get_kind_display()} {format_money(self.amount)}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Defter kayıtları değiştirilemez; ters kayıt yapın."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Defter kayıtları silinemez; ters kayıt yapın."))


class InKindUnit(models.TextChoices):
    M2_MONTH = "m2_month", _("m² × ay")
    VEHICLE_DAY = "vehicle_day", _("araç × gün")
    HOUR = "hour", _("saat")
    DAY = "day", _("gün")
    ITEM = "item", _("adet")
    PAGE = "page", _("sayfa / baskı")
    USE = "use", _("kullanım")


class InKindRate(models.Model):
    """A unit rate for valuing in-kind help in a year (e.g. staff hour, vehicle day)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="in_kind_rates")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    category = models.CharField(_("kalem"), max_length=120)
    unit = models.CharField(_("birim"), max_length=16, choices=InKindUnit.choices)
    rate = money_field(_("birim değer (TL)"), validators=[MinValueValidator(ZERO)])

    class Meta:
        ordering = ["fiscal_year", "category"]
        verbose_name = _("ayni katkı birim değeri")
        verbose_name_plural = _("ayni katkı birim değerleri")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "fiscal_year", "category"], name="budget_rate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.get_unit_display()}): {format_money(self.rate)}"


class ContributorKind(models.TextChoices):
    MUNICIPAL_UNIT = "municipal_unit", _("Belediye birimi")
    PUBLIC_INSTITUTION = "public_institution", _("Kamu kurumu / il müdürlüğü")
    NGO = "ngo", _("Sivil toplum kuruluşu")
    COMPANY = "company", _("Şirket")
    VOLUNTEER = "volunteer", _("Gönüllü (gerçek kişi)")


class InKindContribution(models.Model):
    """In-kind help (ayni katkı) received, valued at the year's rate when recorded."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="in_kind")
    fiscal_year = models.PositiveSmallIntegerField(_("bütçe yılı"))
    contributor_name = models.CharField(_("katkı veren"), max_length=200)
    contributor_kind = models.CharField(
        _("katkı veren türü"), max_length=24, choices=ContributorKind.choices
    )
    rate = models.ForeignKey(
        InKindRate, verbose_name=_("kalem"), on_delete=models.PROTECT, related_name="uses"
    )
    quantity = models.DecimalField(_("miktar"), max_digits=12, decimal_places=2)
    unit_rate = money_field(_("uygulanan birim değer"))
    value = money_field(_("değer (TL)"))
    received_on = models.DateField(_("tarih"))
    description = models.CharField(_("açıklama"), max_length=255, blank=True)
    project_label = models.CharField(_("etkinlik/proje"), max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(_("gerekçe"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("ayni katkı")
        verbose_name_plural = _("ayni katkılar")

    def __str__(self) -> str:
        return f"{self.contributor_name}: {self.rate.category} × {self.quantity}"

    @property
    def contributor_public_name(self) -> str:
        return "" if self.contributor_kind == ContributorKind.VOLUNTEER else self.contributor_name
