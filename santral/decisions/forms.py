"""Back-office forms: they only parse input; the services decide and validate the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from santral.content.models import Topic
from santral.councils.models import Body

from .models import AttendanceStatus, ImplementationStatus, Outcome

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Kurul"), queryset=Body.objects.none())
    title = forms.CharField(label=_("Başlık"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Başlangıç"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Bitiş"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"], required=False
    )
    place = forms.CharField(label=_("Yer"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Çevrim içi bağlantı"), required=False)
    is_public = forms.BooleanField(label=_("Herkese açık"), required=False, initial=True)
    agenda = forms.CharField(
        label=_("Gündem"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Her satır bir gündem maddesi."),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class AttendanceForm(forms.Form):
    guest_count = forms.IntegerField(label=_("Konuk sayısı"), min_value=0, initial=0)

    def __init__(self, *args, members, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.members = list(members)
        for member in self.members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=member.full_name,
                choices=AttendanceStatus.choices,
                initial=current.get(member.pk, AttendanceStatus.ABSENT),
            )

    def statuses(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data[f"m{member.pk}"] for member in self.members}


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Karar metni"), widget=forms.Textarea(attrs={"rows": 3}))
    noted = forms.BooleanField(label=_("Bilgi edinildi (oylama yok)"), required=False)
    votes_for = forms.IntegerField(label=_("Kabul"), min_value=0, initial=0)
    votes_against = forms.IntegerField(label=_("Ret"), min_value=0, initial=0)
    abstentions = forms.IntegerField(label=_("Çekimser"), min_value=0, initial=0)


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Başlık"), max_length=300)
    text = forms.CharField(label=_("Öneri metni"), widget=forms.Textarea(attrs={"rows": 4}))
    addressed_unit = forms.CharField(label=_("İlgili belediye birimi"), max_length=200)
    topic = forms.ModelChoiceField(label=_("Konu"), queryset=Topic.objects.all(), required=False)
    co_signing_bodies = forms.ModelMultipleChoiceField(
        label=_("Ortak imzacı kurullar"), queryset=Body.objects.none(), required=False
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_signing_bodies"].queryset = bodies


class ReferForm(forms.Form):
    on = forms.DateField(label=_("Gönderme tarihi"), widget=DATE)


class AgendaForm(forms.Form):
    on = forms.DateField(label=_("Meclis toplantı tarihi"), widget=DATE)
    agenda_number = forms.CharField(label=_("Gündem sırası"), max_length=32, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Meclis kararı"), choices=Outcome.choices)
    on = forms.DateField(label=_("Karar tarihi"), widget=DATE)
    assembly_decision_number = forms.CharField(
        label=_("Meclis karar sayısı"), max_length=64, required=False
    )


class ImplementationForm(forms.Form):
    status = forms.ChoiceField(label=_("Uygulama durumu"), choices=ImplementationStatus.choices)
    on = forms.DateField(label=_("Tarih"), widget=DATE)
    progress = forms.IntegerField(
        label=_("İlerleme (%)"), min_value=0, max_value=100, required=False
    )
    note = forms.CharField(
        label=_("Açıklama"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    evidence_url = forms.URLField(label=_("Kanıt bağlantısı"), required=False)


class CloseForm(forms.Form):
    on = forms.DateField(label=_("Kapanış tarihi"), widget=DATE)
    note = forms.CharField(
        label=_("Açıklama"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CorrectionForm(forms.Form):
    on = forms.DateField(label=_("Doğru tarih"), widget=DATE, required=False)
    outcome = forms.ChoiceField(
        label=_("Doğru meclis kararı"), choices=[("", "—"), *Outcome.choices], required=False
    )
    agenda_number = forms.CharField(label=_("Doğru gündem sırası"), max_length=32, required=False)
    reason = forms.CharField(
        label=_("Düzeltme gerekçesi"), widget=forms.Textarea(attrs={"rows": 2})
    )
