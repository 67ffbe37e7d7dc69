"""The audit trail as its readers see it: a council admin reads their councils' rows, the
platform admin every row (sign-ins and other rows that belong to no council included).

Reads only; the rows are written by santral.core.audit and cannot be changed.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from santral.core.models import AuditRecord

from .models import Council
from .permissions import Capability, councils_with_capability, is_platform_admin


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    council: Council | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    request_id: str = ""


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("İşlem"), required=False, max_length=80)
    actor = forms.CharField(label=_("İşlemi yapan (e-posta)"), required=False, max_length=254)
    council = forms.ModelChoiceField(
        label=_("Konsey"), queryset=Council.objects.none(), required=False
    )
    since = forms.DateField(
        label=_("Başlangıç tarihi"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Bitiş tarihi"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    request_id = forms.CharField(label=_("İstek kimliği"), required=False, max_length=64)

    def __init__(self, *args, councils: QuerySet[Council], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils.order_by("name")

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            action=data["action"].strip(),
            actor=data["actor"].strip(),
            council=data["council"],
            since=data["since"],
            until=data["until"],
            request_id=data["request_id"].strip(),
        )


def audit_councils(user) -> QuerySet[Council]:
    return councils_with_capability(user, Capability.VIEW_AUDIT)


def may_read_audit(user) -> bool:
    return is_platform_admin(user) or audit_councils(user).exists()


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight in Europe/Istanbul (the project's time zone) of that day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_records_for(user, filters: AuditFilters) -> QuerySet[AuditRecord]:
    """The rows this reader may see, filtered, newest first, with the actor loaded."""
    records = AuditRecord.objects.select_related("actor").order_by("-at", "-id")
    if not is_platform_admin(user):
        records = records.filter(council_id__in=audit_councils(user).values("pk"))
    if filters.council is not None:
        records = records.filter(council_id=filters.council.pk)
    if filters.action:
        records = records.filter(action__startswith=filters.action)
    if filters.actor:
        records = records.filter(actor__email__icontains=filters.actor)
    if filters.since:
        records = records.filter(at__gte=_day_start(filters.since))
    if filters.until:
        records = records.filter(at__lt=_day_start(filters.until + datetime.timedelta(days=1)))
    if filters.request_id:
        records = records.filter(request_id=filters.request_id)
    return records


AUDIT_CSV_HEADER = (
    _("Zaman"),
    _("İşlem"),
    _("İşlemi yapan"),
    _("Konsey"),
    _("Nesne"),
    _("Önce"),
    _("Sonra"),
    _("İstek kimliği"),
)


def audit_csv_rows(records: QuerySet[AuditRecord]):
    """Rows for the CSV export; the council as its id (rows keep only the id)."""
    for record in records.iterator(chunk_size=2000):
        yield (
            timezone.localtime(record.at).strftime("%d.%m.%Y %H:%M:%S"),
            record.action,
            record.actor.email if record.actor else "",
            record.council_id or "",
            record.target_repr,
            "" if record.before is None else str(record.before),
            "" if record.after is None else str(record.after),
            record.request_id,
        )
