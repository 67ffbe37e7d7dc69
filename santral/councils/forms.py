"""Forms for the council back office. Errors are written in Turkish (the source language)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from santral.core.text import turkish_slugify

from .models import (
    COUNCIL_PROFILE_FIELDS,
    Council,
    CouncilKind,
    DataLicence,
    District,
    Province,
    Role,
)


def validate_logo_size(upload) -> None:
    limit = settings.SANTRAL_LOGO_MAX_BYTES
    if upload is not None and getattr(upload, "size", 0) > limit:
        raise ValidationError(
            _("Logo en çok %(limit)s olabilir; yüklenen dosya %(size)s.")
            % {"limit": filesizeformat(limit), "size": filesizeformat(upload.size)},
            code="file_too_large",
        )


class CouncilForm(WagtailAdminModelForm):
    """The council profile form used by the back office and by tests alike."""

    error_messages = {
        "required": gettext_lazy("Bu alan zorunludur."),
    }

    class Meta:
        model = Council
        fields = list(COUNCIL_PROFILE_FIELDS)
        error_messages = {
            "name": {"required": gettext_lazy("Konsey adı boş olamaz.")},
            "slug": {
                "required": gettext_lazy("Kısa ad boş olamaz."),
                "invalid": gettext_lazy("Kısa ad yalnızca küçük harf, rakam ve tire içerebilir."),
            },
            "kind": {"required": gettext_lazy("Konsey türü seçilmelidir.")},
            "province": {
                "required": gettext_lazy("İl seçilmelidir."),
                "invalid_choice": gettext_lazy("Bilinmeyen il seçildi."),
            },
            "district": {"invalid_choice": gettext_lazy("Bilinmeyen ilçe seçildi.")},
            "logo": {
                "invalid_image": gettext_lazy(
                    "Logo bir resim dosyası olmalı (PNG, JPEG veya WebP)."
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.order_by("sort_key")
        self.fields["district"].queryset = District.objects.select_related("province").order_by(
            "province__plate", "sort_key"
        )
        # Place names are Turkish on every page ("Pazar / Rize", "Aralık / Iğdır"): marked so
        # screen readers read them in Turkish and the language check does not take a
        # district called "Aralık" for an untranslated month.
        for name in ("province", "district"):
            self.fields[name].widget.attrs["lang"] = "tr"
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Boş bırakılırsa addan üretilir (Türkçe harfler korunarak: Kadıköy → kadikoy)."
        )
        self.fields["logo"].validators.append(validate_logo_size)
        # A form sent without the field (older clients, scripts) keeps the current licence.
        self.fields["data_licence"].required = False

    def clean_name(self) -> str:
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise ValidationError(_("Konsey adı boş olamaz."), code="required")
        return name

    def clean_privacy_notice_updated_on(self):
        """A changed notice without a new date is dated today (the page shows the date)."""
        chosen = self.cleaned_data.get("privacy_notice_updated_on")
        text = (self.cleaned_data.get("privacy_notice") or "").strip()
        changed = any(
            (self.cleaned_data.get(name) or "").strip()
            != (getattr(self.instance, name) or "").strip()
            for name in ("privacy_notice", "privacy_notice_en", "privacy_notice_ar")
        )
        if text and changed and chosen in (None, self.instance.privacy_notice_updated_on):
            return timezone.localdate()
        return chosen

    def clean_data_licence(self) -> str:
        chosen = self.cleaned_data.get("data_licence")
        return chosen or self.instance.data_licence or DataLicence.CC_BY_4

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or turkish_slugify(self.data.get("name", ""))
        if not slug:
            raise ValidationError(_("Kısa ad boş olamaz."), code="required")
        return slug


class MembershipRolesForm(forms.Form):
    """Roles of one user in one council: the form behind "members and roles"."""

    email = forms.EmailField(
        label=gettext_lazy("Kullanıcının e-postası"),
        error_messages={
            "required": gettext_lazy("E-posta boş olamaz."),
            "invalid": gettext_lazy("Geçerli bir e-posta adresi girin."),
        },
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roller"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Bilinmeyen rol: %(value)s")},
    )

    def clean_email(self):
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise ValidationError(
                _("Bu e-posta ile kayıtlı bir kullanıcı yok. Önce kişinin hesap açması gerekir.")
            )
        self.cleaned_data["user"] = user
        return email


COUNCIL_KIND_CHOICES = [("", gettext_lazy("Tüm türler")), *CouncilKind.choices]


class DirectoryFilterForm(forms.Form):
    """The public directory's filters (GET): province and kind."""

    il = forms.ModelChoiceField(
        label=gettext_lazy("İl"),
        queryset=Province.objects.none(),
        required=False,
        empty_label=gettext_lazy("Tüm iller"),
        to_field_name="plate",
    )
    tur = forms.ChoiceField(label=gettext_lazy("Tür"), choices=COUNCIL_KIND_CHOICES, required=False)

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.fields["il"].queryset = provinces


class ContactForm(forms.Form):
    """A message to a council (santral/councils/views.py, contact_view). Nothing is stored."""

    name = forms.CharField(
        label=gettext_lazy("Adınız soyadınız"),
        max_length=150,
        error_messages={"required": gettext_lazy("Adınızı yazın.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("E-posta adresiniz"),
        help_text=gettext_lazy("Konsey size bu adrese yanıt verir."),
        error_messages={
            "required": gettext_lazy("E-posta adresinizi yazın."),
            "invalid": gettext_lazy("Geçerli bir e-posta adresi yazın (ör. ad@ornek.com)."),
        },
    )
    subject = forms.CharField(
        label=gettext_lazy("Konu"),
        max_length=200,
        error_messages={"required": gettext_lazy("İletinizin konusunu yazın.")},
    )
    message = forms.CharField(
        label=gettext_lazy("İletiniz"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": gettext_lazy("İletinizi yazın."),
            "max_length": gettext_lazy("İleti en çok %(limit_value)d karakter olabilir."),
        },
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "Aydınlatma metnini okudum; iletimin yanıtlanması için adımın ve e-posta adresimin "
            "konseye iletilmesini kabul ediyorum."
        ),
        error_messages={
            "required": gettext_lazy("İletinizi gönderebilmemiz için onay kutusunu işaretleyin.")
        },
    )
    # A honeypot: hidden from people (and from screen readers); bots fill every field.
    website = forms.CharField(
        label=gettext_lazy("Bu alanı boş bırakın"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_subject(self) -> str:
        # One line: a pasted line break must not reach the mail header.
        return " ".join(self.cleaned_data["subject"].split())

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())
