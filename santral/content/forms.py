"""Forms: the Wagtail document form that checks uploads by content, and public filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .files import CAPTION_KINDS, DOCUMENT_KINDS, check_upload
from .models import DocumentType, PublicationKind, Scope, Topic


class SantralDocumentForm(BaseDocumentForm):
    """Wagtail's document upload form, refusing files whose content is not an accepted type."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if (
            uploaded is not None
            and hasattr(uploaded, "read")
            and not getattr(uploaded, "_committed", False)
        ):
            try:
                check_upload(uploaded, allowed=DOCUMENT_KINDS | CAPTION_KINDS)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return uploaded


class ContentFilterForm(forms.Form):
    """Filters of the public lists: council, province, scope, topic, type and year."""

    konsey = forms.CharField(label=_("Konsey"), required=False)
    il = forms.CharField(label=_("İl"), required=False)
    kapsam = forms.ChoiceField(
        label=_("Kapsam"), required=False, choices=[("", _("Tümü")), *Scope.choices]
    )
    konu = forms.CharField(label=_("Konu"), required=False)
    tur = forms.CharField(label=_("Tür"), required=False)
    yil = forms.IntegerField(label=_("Yıl"), required=False, min_value=1900, max_value=2100)
    paylasilan = forms.BooleanField(label=_("Yalnızca ağ ile paylaşılanlar"), required=False)

    def __init__(self, *args, type_choices=None, provinces=None, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["konu"] = forms.ChoiceField(
            label=_("Konu"),
            required=False,
            choices=[("", _("Tümü")), *((t.slug, str(t.display)) for t in Topic.objects.all())],
        )
        if type_choices:
            self.fields["tur"] = forms.ChoiceField(
                label=_("Tür"), required=False, choices=[("", _("Tümü")), *type_choices]
            )
        else:
            del self.fields["tur"]
        if provinces is not None:
            self.fields["il"] = forms.ChoiceField(
                label=_("İl"),
                required=False,
                choices=[("", _("Tümü")), *provinces],
            )
        else:
            del self.fields["il"]
        if councils is not None:
            self.fields["konsey"] = forms.ChoiceField(
                label=_("Konsey"),
                required=False,
                choices=[("", _("Tümü")), *councils],
            )
        else:
            del self.fields["konsey"]


TYPE_CHOICES = {
    "documents": DocumentType.choices,
    "publications": PublicationKind.choices,
}
