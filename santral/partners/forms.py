"""Forms of the public side (liaison answers) and of the back office. Errors in Turkish."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from santral.budget.forms import BudgetLineChoiceField
from santral.budget.models import BudgetLine
from santral.councils.models import Body
from santral.councils.permissions import Capability, councils_with_capability

from .models import (
    AnswerKind,
    ContactPerson,
    Organisation,
    Project,
    ResourceKind,
    ResourceSource,
    SupportRequest,
)

REQUIRED = {"required": gettext_lazy("Bu alan zorunludur.")}


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("Yanıtınız"),
        choices=AnswerKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            **REQUIRED,
            "invalid_choice": gettext_lazy("Yanıt kabul, kısmen kabul ya da ret olmalıdır."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Açıklama"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    document = forms.FileField(
        label=gettext_lazy("Yanıt yazısı (PDF, isteğe bağlı)"),
        required=False,
        error_messages={"invalid": gettext_lazy("Geçerli bir dosya seçin.")},
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload is not None:
            if not upload.name.lower().endswith(".pdf"):
                raise ValidationError(_("Yanıt yazısı PDF olmalıdır."))
            if upload.size > 10 * 1024 * 1024:
                raise ValidationError(_("Yanıt yazısı en çok 10 MB olabilir."))
        return upload


class PledgeForm(forms.Form):
    what = forms.CharField(label=gettext_lazy("Ne"), max_length=255, error_messages=REQUIRED)
    quantity = forms.CharField(label=gettext_lazy("Miktar"), max_length=32, error_messages=REQUIRED)
    unit = forms.CharField(label=gettext_lazy("Birim"), max_length=32, required=False)
    value = forms.CharField(
        label=gettext_lazy("Tahmini değer (TL)"), max_length=32, required=False, initial="0"
    )
    due_on = forms.DateField(
        label=gettext_lazy("Teslim tarihi"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Tarih GG.AA.YYYY biçiminde olmalıdır.")},
    )


class OrganisationForm(WagtailAdminModelForm):
    """The shared record of an organisation; topics as a comma-separated list."""

    topic_names = forms.CharField(
        label=gettext_lazy("Konular"),
        required=False,
        help_text=gettext_lazy("Virgülle ayırın: gençlik, erişilebilirlik, kültür ve sanat"),
    )
    council = forms.ModelChoiceField(
        label=gettext_lazy("Kaydı tutan konsey"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("Boş: platform geneli (yalnızca platform yöneticisi)."),
        error_messages={"invalid_choice": gettext_lazy("Bu konsey için yetkiniz yok.")},
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "kind",
            "registry_number",
            "province",
            "district",
            "description",
            "website",
            "email",
            "phone",
            "address",
            "is_public",
            "show_registry_number",
            "show_website",
            "show_location",
            "show_topics",
            "show_councils",
            "show_projects",
            "show_contributions",
        ]
        error_messages = {
            "name": REQUIRED,
            "kind": {**REQUIRED, "invalid_choice": gettext_lazy("Bilinmeyen kurum türü.")},
            "province": {"invalid_choice": gettext_lazy("Bilinmeyen il seçildi.")},
            "district": {"invalid_choice": gettext_lazy("Bilinmeyen ilçe seçildi.")},
            "website": {"invalid": gettext_lazy("Geçerli bir web adresi girin.")},
            "email": {"invalid": gettext_lazy("Geçerli bir e-posta adresi girin.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        for name in ("province", "district"):  # Turkish place names (councils/forms.py)
            self.fields[name].widget.attrs["lang"] = "tr"
        councils = councils_with_capability(self.for_user, Capability.MANAGE_PARTNERS)
        self.fields["council"].queryset = councils
        if self.instance.pk:
            self.fields["council"].initial = self.instance.owner_council_id
            self.fields["council"].disabled = True
            self.fields["topic_names"].initial = ", ".join(
                self.instance.topics.values_list("name", flat=True)
            )
        elif councils.count() == 1:
            self.fields["council"].initial = councils.first().pk

    def topic_list(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data.get("topic_names", "").split(",")]


class ContactForm(WagtailAdminModelForm):
    consent_given = forms.BooleanField(
        label=gettext_lazy("Kişi KVKK aydınlatma metnini okudu ve açık rıza verdi"),
        required=False,
    )

    class Meta:
        model = ContactPerson
        fields = ["council", "organisation", "full_name", "title", "email", "phone"]
        error_messages = {
            "full_name": REQUIRED,
            "organisation": {
                **REQUIRED,
                "invalid_choice": gettext_lazy("Bilinmeyen kurum seçildi."),
            },
            "email": {"invalid": gettext_lazy("Geçerli bir e-posta adresi girin.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = councils_with_capability(self.for_user, Capability.MANAGE_PARTNERS)
        self.fields["council"].queryset = councils
        self.fields["organisation"].queryset = Organisation.objects.filter(
            affiliations__council__in=councils
        ).distinct()
        if self.instance.pk:
            self.fields["council"].disabled = True
        from .services import current_consent_text

        consent = current_consent_text()
        self.fields["consent_given"].help_text = (
            _("Açık rıza metni (sürüm %(version)s): %(text)s")
            % {"version": consent.version, "text": consent.text}
            if consent
            else _("Henüz bir açık rıza metni tanımlanmadı.")
        )


class SupportRequestForm(WagtailAdminModelForm):
    class Meta:
        model = SupportRequest
        fields = [
            "council",
            "organisation",
            "body",
            "project",
            "subject",
            "addressee_line",
            "references",
            "text",
            "attachments",
            "distribution",
            "signatory_name",
            "signatory_title",
            "needed_by",
        ]
        error_messages = {
            "subject": {
                **REQUIRED,
                "max_length": gettext_lazy("Konu en çok 200 karakter olabilir."),
            },
            "text": REQUIRED,
            "organisation": {
                **REQUIRED,
                "invalid_choice": gettext_lazy("Bilinmeyen kurum seçildi."),
            },
            "council": {**REQUIRED, "invalid_choice": gettext_lazy("Bu konsey için yetkiniz yok.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = councils_with_capability(self.for_user, Capability.MANAGE_PARTNERS)
        self.fields["council"].queryset = councils
        self.fields["organisation"].queryset = Organisation.objects.filter(
            affiliations__council__in=councils
        ).distinct()
        self.fields["body"].queryset = Body.objects.filter(council__in=councils)
        self.fields["project"].queryset = Project.objects.filter(council__in=councils)
        if self.instance.pk:
            self.fields["council"].disabled = True


class ResourceLineForm(forms.Form):
    """A line of an event's resource plan. Numbers are read the Turkish way by the service."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kalem türü"),
        choices=ResourceKind.choices,
        error_messages={**REQUIRED, "invalid_choice": gettext_lazy("Kalem türü geçersiz.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Açıklama"), max_length=255, error_messages=REQUIRED
    )
    quantity = forms.CharField(label=gettext_lazy("Miktar"), max_length=32, error_messages=REQUIRED)
    unit = forms.CharField(label=gettext_lazy("Birim"), max_length=32, required=False)
    unit_cost = forms.CharField(
        label=gettext_lazy("Tahmini birim maliyet (TL)"), max_length=32, required=False, initial="0"
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Karşılanma yolu"),
        choices=ResourceSource.choices,
        initial=ResourceSource.UNCOVERED,
        error_messages={**REQUIRED, "invalid_choice": gettext_lazy("Karşılanma yolu geçersiz.")},
    )
    budget_line = BudgetLineChoiceField(
        label=gettext_lazy("Bütçe satırı (bütçeden karşılanacaksa)"),
        required=False,
        show_year=True,
        error_messages={"invalid_choice": gettext_lazy("Bilinmeyen bütçe satırı.")},
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Destek verecek kurum (ayni destekse)"),
        queryset=Organisation.objects.none(),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Bilinmeyen kurum seçildi.")},
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(council=council)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            affiliations__council=council
        ).order_by("sort_key")

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["unit_cost"] = data.get("unit_cost") or "0"
        return data


class ResourceActualForm(forms.Form):
    actual_cost = forms.CharField(
        label=gettext_lazy("Gerçekleşen maliyet (TL)"), max_length=32, required=False
    )
    delivered_quantity = forms.CharField(
        label=gettext_lazy("Gerçekleşen miktar"), max_length=32, required=False
    )


class ResourcePlanCopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Planı kopyalanacak etkinlik"),
        queryset=Organisation.objects.none(),
        error_messages={
            **REQUIRED,
            "invalid_choice": gettext_lazy("Bu konseyin bir etkinliğini seçin."),
        },
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = events


class RequestSupportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Yazının gideceği kurum"),
        queryset=Organisation.objects.none(),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Bilinmeyen kurum seçildi.")},
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            affiliations__council=council
        ).order_by("sort_key")
