"""Forms of outreach. Errors are in Turkish (the source language)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from santral.core.i18n import user_content_html
from santral.councils.models import Body, Council, District
from santral.events.models import EventPage

from .models import (
    Audience,
    Channel,
    CommunicationPlan,
    GatewayMessage,
    KpiKind,
    Newsletter,
    NewsletterTopic,
    PlanAction,
    RecordSource,
)

REQUIRED = {"required": _("Bu alan zorunludur.")}
AREA_ROWS = 5  # district/neighbourhood rows on the participation form


class DashboardFilterForm(forms.Form):
    """Period, body and threshold of the representation dashboard (GET)."""

    baslangic = forms.DateField(
        label=_("Başlangıç"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    bitis = forms.DateField(
        label=_("Bitiş"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kurul = forms.ModelChoiceField(
        label=_("Kurul"),
        queryset=Body.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Tüm kurullar"),
    )
    etkinlik = forms.ModelChoiceField(
        label=_("Etkinlik"),
        queryset=EventPage.objects.none(),
        required=False,
        empty_label=_("Tüm etkinlikler ve çalışmalar"),
    )
    esik = forms.DecimalField(
        label=_("Eşik (temsil oranı)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        decimal_places=2,
        error_messages={
            "min_value": _("Eşik 0,01 ile 1 arasında olmalı."),
            "max_value": _("Eşik 0,01 ile 1 arasında olmalı."),
            "invalid": _("Eşik bir sayı olmalı (ör. 0,5)."),
        },
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kurul"].queryset = Body.objects.filter(council=council, is_active=True)
        # Only public, published events with figures: the dashboard is public.
        self.fields["etkinlik"].queryset = (
            EventPage.objects.filter(
                council=council, is_listed=True, is_public=True, participation_records__isnull=False
            )
            .distinct()
            .order_by("-start_at")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("baslangic"), data.get("bitis")
        if start and end and end < start:
            raise forms.ValidationError(_("Bitiş tarihi başlangıçtan önce olamaz."))
        return data


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-posta adresiniz"),
        error_messages={**REQUIRED, "invalid": _("Geçerli bir e-posta adresi yazın.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Konular"),
        queryset=NewsletterTopic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("En az bir konu seçin.")},
    )
    phone = forms.RegexField(
        label=_("Cep telefonu (isteğe bağlı)"),
        regex=r"^\+?[0-9 ]{10,16}$",
        required=False,
        error_messages={"invalid": _("Telefonu yalnızca rakamlarla yazın (ör. 0532 000 00 00).")},
    )
    wants_sms = forms.BooleanField(
        label=_("Duyuruları SMS veya WhatsApp ile de almak istiyorum"), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "Aydınlatma metnini okudum; e-posta adresimin bülten gönderimi için "
            "işlenmesine açık rıza veriyorum."
        ),
        error_messages={"required": _("Abone olmak için aydınlatma metnini onaylayın.")},
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics

    def clean(self):
        data = super().clean()
        if data.get("wants_sms") and not data.get("phone"):
            self.add_error("phone", _("SMS/WhatsApp için telefon numaranızı yazın."))
        return data


class ShareField(forms.DecimalField):
    """A percentage typed the Turkish way (50,04) or the dotted way (50.04).

    A share is at most 100, so it never has a thousands separator: exactly one comma
    or dot is the decimal mark. Anything else is refused rather than guessed.
    """

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().replace(" ", "").lstrip("%")
            if text.count(",") + text.count(".") > 1:
                raise forms.ValidationError(
                    _("Payı tek bir ondalık ayırıcıyla yazın (ör. 50,04)."), code="invalid"
                )
            value = text.replace(",", ".")
        return super().to_python(value)


class AudienceForm(forms.ModelForm):
    baseline_share = ShareField(
        label=_("Nüfustaki payı (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=7,
        decimal_places=4,
        error_messages={
            "invalid": _("Payı sayı olarak yazın (ör. 50,04)."),
            "max_value": _("Pay 100'den büyük olamaz."),
            "min_value": _("Pay sıfırdan küçük olamaz."),
        },
    )

    class Meta:
        model = Audience
        fields = [
            "name",
            "kind",
            "slug",
            "description",
            "baseline_share",
            "baseline_count",
            "baseline_population",
            "baseline_source",
            "baseline_year",
            "baseline_note",
            "sort_order",
            "is_active",
        ]


class AreaPopulationForm(forms.Form):
    total = forms.IntegerField(label=_("Toplam nüfus"), min_value=1, error_messages=REQUIRED)
    source = forms.CharField(label=_("Kaynak"), max_length=200, error_messages=REQUIRED)
    year = forms.IntegerField(
        label=_("Yıl"), min_value=1927, max_value=2100, error_messages=REQUIRED
    )
    note = forms.CharField(label=_("Not"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ParticipationForm(forms.Form):
    """An activity's aggregate figures; one count field per audience is added at run time."""

    activity_title = forms.CharField(
        label=_("Etkinlik adı"), max_length=200, error_messages=REQUIRED
    )
    held_on = forms.DateField(
        label=_("Tarih"), widget=forms.DateInput(attrs={"type": "date"}), error_messages=REQUIRED
    )
    body = forms.ModelChoiceField(label=_("Kurul"), queryset=Body.objects.none(), required=False)
    event = forms.ModelChoiceField(
        label=_("Etkinlik"),
        queryset=EventPage.objects.none(),
        required=False,
        empty_label=_("Santral'da etkinliği olmayan bir çalışma"),
        help_text=_("Yalnızca bu konseyin başlamış etkinlikleri listelenir."),
    )
    source = forms.ChoiceField(label=_("Kaynak"), choices=RecordSource.choices)
    total_participants = forms.IntegerField(
        label=_("Toplam katılımcı"), min_value=0, error_messages=REQUIRED
    )
    notes = forms.CharField(
        label=_("Notlar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, council: Council, audiences, **kwargs):
        super().__init__(*args, **kwargs)
        self.audiences = list(audiences)
        self.fields["body"].queryset = Body.objects.filter(council=council)
        self.fields["event"].queryset = EventPage.objects.filter(
            council=council, start_at__lte=timezone.now()
        ).order_by("-start_at")
        districts = District.objects.filter(province=council.province_id)
        for row in range(1, AREA_ROWS + 1):
            self.fields[f"district_{row}"] = forms.ModelChoiceField(
                label=_("İlçe %(row)s") % {"row": row}, queryset=districts, required=False
            )
            self.fields[f"neighbourhood_{row}"] = forms.CharField(
                label=_("Mahalle %(row)s (isteğe bağlı)") % {"row": row},
                max_length=120,
                required=False,
            )
            self.fields[f"area_count_{row}"] = forms.IntegerField(
                label=_("Katılımcı %(row)s") % {"row": row}, min_value=0, required=False
            )
        for audience in self.audiences:
            self.fields[f"audience_{audience.pk}"] = forms.IntegerField(
                label=audience.name,
                min_value=0,
                required=False,
                help_text=_("Sayılmadıysa boş bırakın (sıfır yazmayın)."),
            )

    def audience_counts(self) -> dict[Audience, int]:
        return {
            audience: self.cleaned_data[f"audience_{audience.pk}"]
            for audience in self.audiences
            if self.cleaned_data.get(f"audience_{audience.pk}") is not None
        }

    def area_counts(self) -> list[tuple[District, str, int]]:
        rows = []
        for row in range(1, AREA_ROWS + 1):
            district = self.cleaned_data.get(f"district_{row}")
            if district is not None:
                rows.append(
                    (
                        district,
                        self.cleaned_data.get(f"neighbourhood_{row}", ""),
                        self.cleaned_data[f"area_count_{row}"],
                    )
                )
        return rows

    def clean(self):
        data = super().clean()
        seen = set()
        for row in range(1, AREA_ROWS + 1):
            district = data.get(f"district_{row}")
            count = data.get(f"area_count_{row}")
            if district is None and count is not None:
                self.add_error(f"district_{row}", _("Sayının hangi ilçeye ait olduğunu seçin."))
            if district is not None and count is None:
                self.add_error(f"area_count_{row}", _("Seçilen ilçeden kaç kişi geldiğini yazın."))
            key = (district, (data.get(f"neighbourhood_{row}") or "").strip())
            if district is not None and key in seen:
                self.add_error(f"district_{row}", _("Aynı ilçe ve mahalle iki kez girildi."))
            seen.add(key)
        return data


class AudienceChoiceField(forms.ModelMultipleChoiceField):
    """A council's audiences by their names, which the council wrote in Turkish: marked as
    Turkish user content on English and Arabic pages."""

    def label_from_instance(self, obj) -> str:
        return user_content_html(obj.name)


class PlanForm(forms.ModelForm):
    class Meta:
        model = CommunicationPlan
        fields = ["title", "body", "starts_on", "ends_on", "objectives", "audiences"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "audiences": forms.CheckboxSelectMultiple,
        }
        field_classes = {"audiences": AudienceChoiceField}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["body"].queryset = Body.objects.filter(council=council)
        self.fields["audiences"].queryset = Audience.objects.filter(council=council)


class PlanActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["title", "channel", "audience", "owner", "due_on", "status", "cost"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = Audience.objects.filter(council=council)
        self.fields["audience"].widget.attrs["lang"] = "tr"  # the council's own names


class PlanMessageForm(forms.Form):
    channel = forms.ChoiceField(label=_("Kanal"), choices=Channel.choices)
    audience = forms.ModelChoiceField(
        label=_("Hedef kitle"), queryset=Audience.objects.none(), required=False
    )
    text = forms.CharField(
        label=_("Mesaj"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = Audience.objects.filter(council=council)


class PlanKpiForm(forms.Form):
    kind = forms.ChoiceField(label=_("Gösterge"), choices=KpiKind.choices)
    audience = forms.ModelChoiceField(
        label=_("Hedef kitle"), queryset=Audience.objects.none(), required=False
    )
    target = forms.DecimalField(label=_("Hedef"), min_value=0, max_digits=12, decimal_places=2)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = Audience.objects.filter(council=council)


class NewsletterForm(forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["topic", "subject", "body"]
        # "Konu" alone named both the list and the e-mail's subject line (docs/staff-screens.md).
        labels = {
            "topic": _("Abonelik konusu (alıcılar)"),
            "subject": _("E-posta konusu"),
            "body": _("Bülten metni"),
        }
        help_texts = {
            "topic": _("Bülten, bu konuya abone olup aboneliğini onaylamış kişilere gider."),
            "subject": _("Abonelerin gelen kutusunda göreceği başlık."),
        }

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["topic"].queryset = NewsletterTopic.objects.filter(council=council)


class TopicForm(forms.ModelForm):
    class Meta:
        model = NewsletterTopic
        fields = ["name", "slug", "description", "is_active"]

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council


class GatewayMessageForm(forms.Form):
    channel = forms.ChoiceField(label=_("Kanal"), choices=GatewayMessage.GatewayChannel.choices)
    topic = forms.ModelChoiceField(
        label=_("Abonelik konusu (alıcılar)"), queryset=NewsletterTopic.objects.none()
    )
    text = forms.CharField(
        label=_("Mesaj"),
        max_length=918,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={**REQUIRED, "max_length": _("Mesaj en çok 918 karakter olabilir (6 SMS).")},
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = NewsletterTopic.objects.filter(council=council)
