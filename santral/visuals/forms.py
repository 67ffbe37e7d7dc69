from django import forms
from django.utils.translation import gettext_lazy as _

from .bundles import SHIPPED_ROOT, SLUG, bundle_archive_check, max_archive_bytes
from .models import BrandKit
from .services import brand_kit_contrast_errors


class BrandKitForm(forms.ModelForm):
    """The brand kit as staff edit it; contrast is checked by the same rule as the service."""

    class Meta:
        model = BrandKit
        fields = ["short_name", "primary_color", "on_primary_color", "accent_color", "typeface"]
        widgets = {
            "primary_color": forms.TextInput(attrs={"type": "color"}),
            "on_primary_color": forms.TextInput(attrs={"type": "color"}),
            "accent_color": forms.TextInput(attrs={"type": "color"}),
        }

    def clean(self):
        data = super().clean()
        colours = [data.get(k) for k in ("primary_color", "on_primary_color", "accent_color")]
        if all(colours):
            for field, message in brand_kit_contrast_errors(
                primary_color=colours[0], on_primary_color=colours[1], accent_color=colours[2]
            ).items():
                self.add_error(field, message)
        return data


class BundleUploadForm(forms.Form):
    """A platform admin's template bundle upload; `clean` runs the same checks as the
    service (bundles.bundle_archive_check) so the errors appear beside the field. The view
    calls services.bundle_install with `slug` and `archive_bytes`."""

    slug = forms.SlugField(
        label=_("Kısa ad"),
        max_length=60,
        help_text=_("Küçük harf, rakam ve tire; örneğin afis-yesil."),
    )
    archive = forms.FileField(
        label=_("Şablon paketi (zip)"),
        help_text=_(
            "HTML, CSS, JSON, PNG, JPG, SVG, WOFF2 ve TTF dosyaları; betik ve uzak adres yok."
        ),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not SLUG.match(slug):
            raise forms.ValidationError(_("Kısa ad küçük harf, rakam ve tireden oluşmalı."))
        if (SHIPPED_ROOT / slug).exists():
            raise forms.ValidationError(_("Bu kısa ad Santral ile gelen bir şablonun."))
        return slug

    def clean_archive(self):
        upload = self.cleaned_data["archive"]
        if upload.size > max_archive_bytes():
            raise forms.ValidationError(_("Paket dosyası çok büyük."))
        data = upload.read()
        bundle_archive_check(data)  # ValidationError → shown beside the field
        self.archive_bytes = data
        return upload
