"""Reads: the current notice of a council (or the platform) and everything held about a person."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import override

from santral.core.registry import AccountSection

from .models import Consent, ErasureRequest, ErasureStatus, PrivacyNotice
from .personal_data import KEEP, USER_FIELDS, holdings, person_emails, rows_of


def notice_current(council=None) -> PrivacyNotice | None:
    """The version a form shows now: the council's newest, else the platform's newest."""
    if council is not None:
        own = PrivacyNotice.objects.filter(council=council).order_by("-version").first()
        if own is not None:
            return own
    return PrivacyNotice.objects.filter(council__isnull=True).order_by("-version").first()


def consent_for(*, reference: str, purpose: str) -> Consent | None:
    """The active consent attached to a record (e.g. a registration), for its e-mail link."""
    return (
        Consent.objects.filter(reference=reference, purpose=purpose, withdrawn_at__isnull=True)
        .order_by("-given_at", "-pk")
        .first()
    )


def withdraw_path(consent: Consent) -> str:
    """The withdrawal page of one consent (the link every e-mail carries), in Turkish."""
    with override("tr"):
        return reverse("privacy:withdraw", kwargs={"token": consent.token})


def notice_versions(council=None) -> list[PrivacyNotice]:
    rows = PrivacyNotice.objects.select_related("council")
    rows = rows.filter(council=council) if council is not None else rows.filter(council=None)
    return list(rows.order_by("-version"))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _row(instance: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": instance.pk}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, name)
        if getattr(field, "choices", None) and not field.is_relation:
            value = getattr(instance, f"get_{name}_display")()
        row[name] = _plain(value)
    return row


def person_export(user) -> dict[str, Any]:
    """Everything Santral holds about the signed-in person, as plain data (for JSON and HTML).

    `records`: the person's own rows with their personal fields; `authored`: how many rows of
    the council's records (ledger, audit, pages, ...) name the person as author.
    """
    emails = person_emails(user)
    records: dict[str, list[dict[str, Any]]] = {}
    authored: dict[str, int] = {}
    for holding, model in holdings():
        rows = rows_of(holding, model, user, emails)
        if holding.erase == KEEP and not holding.fields:
            count = rows.count()
            if count:
                key = str(model._meta.verbose_name_plural)
                authored[key] = authored.get(key, 0) + count
            continue
        related = [
            f
            for f in holding.fields
            if model._meta.get_field(f).is_relation and model._meta.get_field(f).many_to_one
        ]
        found = [_row(r, holding.fields) for r in rows.select_related(*related).order_by("pk")]
        if found:
            records.setdefault(holding.model, []).extend(found)
    return {
        "person": {name: _plain(getattr(user, name)) for name in USER_FIELDS},
        "records": records,
        "authored": authored,
    }


def erasure_open_request(user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, status=ErasureStatus.OPEN).first()


def erasure_requests_for_staff() -> list[ErasureRequest]:
    return list(
        ErasureRequest.objects.select_related("user", "answered_by").order_by(
            "status", "due_on", "id"
        )[:200]
    )


def account_privacy(user) -> AccountSection | None:
    """The member area's "my data" block: a link to the page and the open request, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return AccountSection(90, "privacy/_account_privacy.html", {"open": erasure_open_request(user)})
