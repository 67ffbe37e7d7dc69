from django import forms
from django.utils.translation import gettext_lazy as _

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
    archive = forms.FileField(
        label=_("Şablon paketi (zip)"),
        help_text=_(
            "HTML, CSS, JSON, PNG, JPG, SVG, WOFF2 ve TTF dosyaları; betik ve uzak adres yok."
        ),
    )
