"""Back-office forms for budget support. They only collect input: services decide and audit."""

import json
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from santral.core.money import validate_money_bound

from .models import (
    APPROPRIATION_KINDS,
    BudgetLine,
    ContributorKind,
    EntryKind,
    InKindRate,
    InKindUnit,
    PayingUnitKind,
    PaymentRoute,
    TransparencyLevel,
)
from .selectors import lines_available
from .templatetags.budget_tags import tl

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# No max_digits here: validate_money_bound says the limit in lira, once (santral/core/money.py).
MONEY = {"max_digits": None, "decimal_places": 2, "validators": [validate_money_bound]}


def line_label(line: BudgetLine, available: Decimal | None = None) -> str:
    """How a budget line is named in pickers: "code — name", and what is left when known."""
    name = line.title or line.paying_unit.name
    label = f"{line.tertip} — {name}"
    if available is not None:
        label = _("%(line)s (kalan %(left)s TL)") % {"line": label, "left": tl(available)}
    return label


class BudgetLineChoiceField(forms.ModelChoiceField):
    """Pick a budget line by its code and name, with what is left on it.

    The remaining amounts are read once per form (two grouped queries), not per option.
    """

    def __init__(self, *args, show_year: bool = False, **kwargs):
        self.show_year = show_year
        super().__init__(*args, queryset=BudgetLine.objects.none(), **kwargs)
        self._available: dict | None = None

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.select_related("paying_unit")
        super()._set_queryset(queryset)
        self._available = None

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj) -> str:
        if self._available is None:
            self._available = lines_available(list(self.queryset))
        label = line_label(obj, self._available.get(obj.pk))
        return f"{obj.fiscal_year} · {label}" if self.show_year else label


class PayingUnitForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Birim adı"), max_length=200)
    kurumsal_code = forms.CharField(
        label=gettext_lazy("Kurumsal kod"), max_length=11, help_text="46.01.01.12"
    )
    kind = forms.ChoiceField(label=gettext_lazy("Ödeme yolu"), choices=PayingUnitKind.choices)


class BudgetLineForm(forms.Form):
    paying_unit = forms.ModelChoiceField(label=gettext_lazy("Ödeyen birim"), queryset=None)
    functional_code = forms.CharField(label=gettext_lazy("Fonksiyonel kod"), max_length=20)
    financing_code = forms.CharField(label=gettext_lazy("Finansman tipi"), max_length=2)
    economic_code = forms.CharField(label=gettext_lazy("Ekonomik kod"), max_length=20)
    title = forms.CharField(label=gettext_lazy("Açıklama"), max_length=255, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paying_unit"].queryset = units


class AppropriationForm(forms.Form):
    line = BudgetLineChoiceField(label=gettext_lazy("Bütçe satırı"))
    kind = forms.ChoiceField(
        label=gettext_lazy("Tür"),
        choices=[
            (k.value, k.label)
            for k in EntryKind
            if k in APPROPRIATION_KINDS and k != EntryKind.TRANSFER
        ],
        help_text=gettext_lazy("Düşülen ödenek pozitif yazılır; aktarma için “Aktarma” formu."),
    )
    amount = forms.DecimalField(label=gettext_lazy("Tutar (TL)"), **MONEY)
    entry_on = forms.DateField(label=gettext_lazy("Tarih"), widget=DATE_INPUT)
    description = forms.CharField(label=gettext_lazy("Açıklama"), required=False)
    document_no = forms.CharField(label=gettext_lazy("Belge no"), required=False)

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines


def _posting_date(label=None):
    """The accounting date of a posting: today unless the treasurer enters another."""
    return forms.DateField(
        label=label or gettext_lazy("Kayıt tarihi"),
        widget=DATE_INPUT,
        required=False,
        help_text=gettext_lazy("Boş bırakılırsa bugün."),
    )


class ReverseForm(forms.Form):
    entry_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Gerekçe"), max_length=255)
    entry_on = _posting_date()


class TransferForm(forms.Form):
    from_line = BudgetLineChoiceField(label=gettext_lazy("Aktarılan satır (çıkış)"))
    to_line = BudgetLineChoiceField(label=gettext_lazy("Aktarma yapılan satır (giriş)"))
    amount = forms.DecimalField(label=gettext_lazy("Tutar (TL)"), **MONEY)
    transfer_on = forms.DateField(label=gettext_lazy("Tarih"), widget=DATE_INPUT)
    decision_ref = forms.CharField(
        label=gettext_lazy("Karar / onay belgesi no"),
        max_length=120,
        help_text=gettext_lazy("ör. meclis kararı MK-2026/45 ya da başkanlık oluru"),
    )
    description = forms.CharField(label=gettext_lazy("Açıklama"), required=False)

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_line"].queryset = lines
        self.fields["to_line"].queryset = lines


class TransferReverseForm(forms.Form):
    transfer_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Gerekçe"), max_length=255)
    entry_on = _posting_date()


class RouteForm(forms.Form):
    line = BudgetLineChoiceField(label=gettext_lazy("Bütçe satırı"))
    route = forms.ChoiceField(
        label=gettext_lazy("Ödeme yolu"),
        choices=[("", gettext_lazy("Kodlardan çıkarılsın")), *PaymentRoute.choices],
        required=False,
    )
    reason = forms.CharField(label=gettext_lazy("Gerekçe"), max_length=255, required=False)

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Taahhüt iptal gerekçesi"), max_length=500)
    entry_on = _posting_date(gettext_lazy("İptal tarihi"))


class PeriodCloseForm(forms.Form):
    month = forms.IntegerField(
        label=gettext_lazy("Ay (boş: bütün yıl)"), min_value=1, max_value=12, required=False
    )


class ExpenditureRequestForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Ne için"), max_length=200)
    purpose = forms.CharField(label=gettext_lazy("Gerekçe"), widget=forms.Textarea, required=False)
    project_label = forms.CharField(
        label=gettext_lazy("Etkinlik / proje"), max_length=200, required=False
    )
    project_ref = forms.CharField(
        label=gettext_lazy("Etkinlik/proje anahtarı"),
        max_length=80,
        required=False,
        help_text=gettext_lazy("ör. events.event:42 ya da proje:iklim-forumu"),
    )
    line = BudgetLineChoiceField(label=gettext_lazy("Bütçe satırı"), required=False)
    estimated_amount = forms.DecimalField(
        label=gettext_lazy("Tahmini tutar (KDV dahil, TL)"), **MONEY
    )
    vat_rate = forms.DecimalField(
        label=gettext_lazy("KDV oranı (%)"), max_digits=5, decimal_places=2, initial=20
    )

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Ret gerekçesi"), max_length=500)


class PaymentReverseForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Gerekçe"), max_length=500)
    entry_on = _posting_date(gettext_lazy("Ters kayıt tarihi"))


class CommitForm(forms.Form):
    supplier_name = forms.CharField(label=gettext_lazy("Tedarikçi"), max_length=200)
    supplier_is_individual = forms.BooleanField(
        label=gettext_lazy("Tedarikçi gerçek kişi"), required=False
    )
    contract_no = forms.CharField(label=gettext_lazy("Sözleşme / sipariş no"), max_length=80)
    amount = forms.DecimalField(label=gettext_lazy("Taahhüt tutarı (TL)"), **MONEY)
    committed_on = forms.DateField(label=gettext_lazy("Taahhüt tarihi"), widget=DATE_INPUT)


class PayForm(forms.Form):
    payment_order_no = forms.CharField(label=gettext_lazy("Ödeme emri belgesi no"), max_length=80)
    paid_on = forms.DateField(label=gettext_lazy("Ödeme tarihi"), widget=DATE_INPUT)
    amount = forms.DecimalField(label=gettext_lazy("Ödenen tutar (TL)"), **MONEY)
    vat_amount = forms.DecimalField(
        label=gettext_lazy("KDV tutarı (boş: orandan hesapla)"), required=False, **MONEY
    )
    receipt = forms.FileField(label=gettext_lazy("Fatura / makbuz"), required=False)


class InKindRateForm(forms.Form):
    category = forms.CharField(label=gettext_lazy("Kalem"), max_length=120)
    unit = forms.ChoiceField(label=gettext_lazy("Birim"), choices=InKindUnit.choices)
    rate = forms.DecimalField(label=gettext_lazy("Birim değer (TL)"), **MONEY)


class InKindForm(forms.Form):
    rate = forms.ModelChoiceField(label=gettext_lazy("Kalem"), queryset=InKindRate.objects.none())
    contributor_name = forms.CharField(label=gettext_lazy("Katkı veren"), max_length=200)
    contributor_kind = forms.ChoiceField(
        label=gettext_lazy("Katkı veren türü"), choices=ContributorKind.choices
    )
    quantity = forms.DecimalField(label=gettext_lazy("Miktar"), max_digits=12, decimal_places=2)
    received_on = forms.DateField(label=gettext_lazy("Tarih"), widget=DATE_INPUT)
    description = forms.CharField(label=gettext_lazy("Açıklama"), required=False)
    project_label = forms.CharField(label=gettext_lazy("Etkinlik / proje"), required=False)

    def __init__(self, *args, rates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rate"].queryset = rates


class ProjectAccountForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("4. düzey fonksiyonel kod"), max_length=20, help_text="08.2.0.01"
    )
    name = forms.CharField(label=gettext_lazy("Ad"), max_length=255)


class SettingsForm(forms.Form):
    second_approval_threshold = forms.DecimalField(
        label=gettext_lazy("İkinci onay eşiği (TL)"), **MONEY
    )
    transparency = forms.ChoiceField(
        label=gettext_lazy("Kamuya açıklık"), choices=TransparencyLevel.choices
    )
    publish_in_kind = forms.BooleanField(
        label=gettext_lazy("Ayni katkı toplamlarını yayımla"), required=False
    )


class ImportRemapForm(forms.Form):
    """Maps columns the preview did not use (e.g. a payer's name) to fields, then previews
    the staged file again with the extended mapping."""

    token = forms.RegexField(regex=r"^[0-9a-f]{64}$")
    filename = forms.CharField(max_length=255, required=False)
    mapping = forms.CharField(required=False)

    def clean_mapping(self):
        return _mapping_from_text(self.cleaned_data["mapping"])

    def extended_mapping(self, post) -> dict:
        """The mapping plus every `remap-<n>` choice (`remap-header-<n>` names the column)."""
        from .imports import FIELDS

        mapping = dict(self.cleaned_data.get("mapping") or {})
        columns = dict(mapping.get("columns") or {})
        for key in post:
            if not key.startswith("remap-header-"):
                continue
            number = key.removeprefix("remap-header-")
            target = post.get(f"remap-{number}", "")
            if target in FIELDS:
                columns[post[key]] = target
        mapping["columns"] = columns
        return mapping


class StagedImportForm(forms.Form):
    """Confirms a previewed import: the staged file's token, its name and the same mapping."""

    token = forms.RegexField(regex=r"^[0-9a-f]{64}$")
    filename = forms.CharField(max_length=255, required=False)
    mapping = forms.CharField(required=False)

    def clean_mapping(self):
        return _mapping_from_text(self.cleaned_data["mapping"])


def _mapping_from_text(text: str):
    text = (text or "").strip()
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ValidationError(_("Eşleme geçerli bir JSON değil.")) from error
    if not isinstance(data, dict):
        raise ValidationError(_("Eşleme bir JSON nesnesi olmalı."))
    return data


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV ya da XLSX dosyası"))
    mapping = forms.CharField(
        label=gettext_lazy("Sütun eşleme (JSON, isteğe bağlı)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("Biçim: docs/budget-import.md"),
    )
    commit = forms.BooleanField(
        label=gettext_lazy("Önizleme temizse içe aktar (işaretlemezseniz yalnızca önizlenir)"),
        required=False,
    )

    def clean_file(self):
        """Refuse an oversized upload before its bytes are read (SANTRAL_IMPORT_MAX_BYTES)."""
        from .imports import file_size_error

        upload = self.cleaned_data["file"]
        message = file_size_error(upload.size or 0)
        if message:
            raise ValidationError(message)
        return upload

    def clean_mapping(self):
        return _mapping_from_text(self.cleaned_data["mapping"])


class CodeImportForm(ImportForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Liste"),
        choices=[
            ("functional", gettext_lazy("Fonksiyonel")),
            ("economic", gettext_lazy("Ekonomik (gider)")),
            ("financing", gettext_lazy("Finansman tipi")),
        ],
    )
    year = forms.IntegerField(label=gettext_lazy("Bütçe yılı"), min_value=2000, max_value=2100)
