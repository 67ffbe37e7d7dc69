"""The back office's source form: one line per topic rule ("anahtar sözcük = konu-kisa-adi")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from santral.content.models import Topic

from .models import Source


def rules_to_text(rules: dict) -> str:
    return "\n".join(f"{keyword} = {slug}" for keyword, slug in (rules or {}).items())


class SourceForm(forms.ModelForm):
    rules_text = forms.CharField(
        label=_("Konu kuralları"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Her satıra bir kural: “anahtar sözcük = konunun kısa adı”, ör. “iklim = cevre”."
        ),
    )

    class Meta:
        model = Source
        fields = [
            "name",
            "kind",
            "url",
            "scope",
            "maps_to",
            "licence",
            "default_topics",
            "is_active",
        ]
        widgets = {"default_topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rules_text"].initial = rules_to_text(self.instance.topic_rules)

    def clean_rules_text(self) -> dict:
        rules: dict[str, str] = {}
        known = set(Topic.objects.values_list("slug", flat=True))
        for number, line in enumerate(self.cleaned_data["rules_text"].splitlines(), start=1):
            if not line.strip():
                continue
            keyword, sep, slug = line.partition("=")
            keyword, slug = keyword.strip(), slug.strip()
            if not sep or not keyword or not slug:
                raise forms.ValidationError(
                    _("%(n)s. satır “anahtar sözcük = konu” biçiminde değil.") % {"n": number}
                )
            if slug not in known:
                raise forms.ValidationError(
                    _("%(n)s. satırdaki “%(slug)s” adlı bir konu yok.")
                    % {"n": number, "slug": slug}
                )
            rules[keyword] = slug
        return rules

    def service_fields(self) -> dict:
        data = {
            name: self.cleaned_data[name] for name in self.Meta.fields if name != "default_topics"
        }
        data["topic_rules"] = self.cleaned_data["rules_text"]
        return data
