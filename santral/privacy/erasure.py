"""Erasure that keeps the public record (KVKK md. 7), and the retention clean-up.

This module is one of the few reviewed callers of `maintenance_switch`
(santral/core/tests/test_audit_append_only.py): audit records are append-only, yet a sign-in
record names the person in its text, and KVKK wants that text gone at erasure and after the
retention period. Only text that names the person is rewritten (into the pseudonym) or, for
expired sign-in records, the row deleted; money, dates and decisions are never touched, and
posted ledger entries are never rewritten at all (their author is the account row, which
becomes the pseudonym).
"""

import json
import re
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, TextField
from django.db.models.functions import Cast
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.immutability import maintenance_switch
from santral.core.models import AuditRecord

from .models import ErasureRequest, ErasureStatus
from .personal_data import DELETE, PSEUDONYMISE, holdings, person_emails, rows_of

# Sent inside `person_erase` before the person's rows go (arguments: actor, user, emails), so
# an app whose rows hold a place for others can hand it on first: a seat at an event goes
# to the first person on its waiting list. Receivers run in the erasure's transaction.
person_erasing = Signal()

PSEUDONYM_DOMAIN = "silinmis.invalid"  # RFC 2606: never delivered


def pseudonym_for(user) -> str:
    """Stable: the account's number never changes, so every record shows the same name."""
    return f"Silinmiş kullanıcı #{user.pk}"


def _replace_all(text: str, needles: list[str], pseudonym: str) -> str:
    for needle in needles:
        text = re.sub(re.escape(needle), pseudonym, text, flags=re.IGNORECASE)
    return text


def _rewrite_json(value: Any, needles: list[str], pseudonym: str) -> Any:
    if value is None:
        return None
    return json.loads(_replace_all(json.dumps(value, ensure_ascii=False), needles, pseudonym))


def _json_forms(needles: list[str]) -> list[str]:
    """The needles and, for non-ASCII ones, their escaped form: SQLite keeps JSON as
    `json.dumps` wrote it ("Kara\\u00e7al\\u0131"), PostgreSQL as UTF-8 text."""
    escaped = [json.dumps(n)[1:-1] for n in needles]
    return needles + [e for e, n in zip(escaped, needles, strict=True) if e != n]


def _mentions(needles: list[str], *fields: str) -> Q:
    query = Q()
    for needle in _json_forms(needles):
        for field in fields:
            query |= Q(**{f"{field}__icontains": needle})
    return query


def _scrub_audit(user, needles: list[str], pseudonym: str) -> int:
    """Audit rows about the person or quoting their address/name: the text says the pseudonym."""
    user_type = ContentType.objects.get_for_model(get_user_model())
    rows = AuditRecord.objects.annotate(
        before_text=Cast("before", TextField()), after_text=Cast("after", TextField())
    ).filter(
        Q(target_type=user_type, target_id=str(user.pk))
        | _mentions(needles, "target_repr", "before_text", "after_text")
    )
    changed = 0
    with maintenance_switch(reason=f"KVKK erasure of account {user.pk}"):
        for row in rows:
            fields = {
                "target_repr": (
                    pseudonym
                    if row.target_type_id == user_type.pk and row.target_id == str(user.pk)
                    else _replace_all(row.target_repr, needles, pseudonym)
                )[:255],
                "before": _rewrite_json(row.before, needles, pseudonym),
                "after": _rewrite_json(row.after, needles, pseudonym),
            }
            AuditRecord.objects.filter(pk=row.pk).update(**fields)
            changed += 1
    return changed


def _scrub_logs(user, needles: list[str], pseudonym: str) -> None:
    """Django admin's log and queued/finished e-mail tasks quote names and addresses."""
    log_entry = apps.get_model("admin", "LogEntry")
    user_type = ContentType.objects.get_for_model(get_user_model())
    log_entry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=pseudonym[:200]
    )
    for entry in log_entry.objects.filter(_mentions(needles, "object_repr", "change_message")):
        entry.object_repr = _replace_all(entry.object_repr, needles, pseudonym)[:200]
        entry.change_message = _replace_all(entry.change_message, needles, pseudonym)
        entry.save(update_fields=["object_repr", "change_message"])
    try:
        task_model = apps.get_model("django_tasks_database", "DBTaskResult")
    except LookupError:  # pragma: no cover - the task backend is always installed
        return
    task_model.objects.annotate(args_text=Cast("args_kwargs", TextField())).filter(
        _mentions(needles, "args_text")
    ).exclude(status="RUNNING").delete()


def _end_sessions(user) -> None:
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


@transaction.atomic
def person_erase(*, actor, user, request: ErasureRequest | None = None) -> str:
    """Erase a person and keep the public record; returns the pseudonym.

    Deleted: the account's addresses, second factors, roles, registrations, subscriptions,
    consents, contact-person rows, sessions, queued mails. Kept: every row the person only
    authored (ledger, audit, revisions), still pointing at the account row, which becomes
    "Silinmiş kullanıcı #N" with no address, name, password or rights. The audit trail gets
    one `privacy.erasure` row that says an erasure happened, not what was erased.
    """
    if not getattr(actor, "is_platform_admin", False):
        raise PermissionDenied
    user_model = get_user_model()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    if user.username == f"silinmis-{user.pk}":
        raise ValidationError(_("Bu hesap zaten silinmiş."))
    if user.pk == actor.pk:
        raise ValidationError(_("Kendi hesabınızı buradan silemezsiniz."))
    pseudonym = pseudonym_for(user)
    emails = person_emails(user)
    names = [n for n in {(user.full_name or "").strip(), user.get_full_name().strip()} if n]
    needles = sorted(set(emails) | set(names), key=len, reverse=True)

    person_erasing.send(sender=user_model, actor=actor, user=user, emails=emails)
    for holding, model in holdings():
        rows = rows_of(holding, model, user, emails)
        if holding.erase == DELETE:
            rows.delete()
        elif holding.erase == PSEUDONYMISE:
            rows.update(**{name: pseudonym for name in holding.fields if name == "full_name"})
    _scrub_audit(user, needles, pseudonym)
    _scrub_logs(user, needles, pseudonym)
    _end_sessions(user)
    user.groups.clear()
    user.user_permissions.clear()
    user_model.objects.filter(pk=user.pk).update(
        username=f"silinmis-{user.pk}",
        email=f"silinmis-{user.pk}@{PSEUDONYM_DOMAIN}",
        full_name=pseudonym,
        first_name="",
        last_name="",
        password=make_password(None),
        is_active=False,
        is_staff=False,
        is_superuser=False,
        last_login=None,
        session_epoch=F("session_epoch") + 1,
    )
    user.refresh_from_db()
    now = timezone.now()
    ErasureRequest.objects.filter(user=user, status=ErasureStatus.OPEN).update(
        status=ErasureStatus.DONE, answered_at=now, answered_by=actor
    )
    audit_record(actor=actor, action="privacy.erasure", target=user)
    return pseudonym


@transaction.atomic
def erasure_refuse(*, actor, request: ErasureRequest, answer: str) -> ErasureRequest:
    """Refuse with a reason the person can read (e.g. a legal duty to keep the record)."""
    if not getattr(actor, "is_platform_admin", False):
        raise PermissionDenied
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Reddin gerekçesini yazın.")})
    locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != ErasureStatus.OPEN:
        raise ValidationError(_("Bu talep zaten yanıtlandı."))
    locked.status = ErasureStatus.REFUSED
    locked.answer = answer.strip()
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    audit_record(actor=actor, action="privacy.erasure_refused", target=locked)
    return locked


def delete_expired_audit(*, actions: list[str], before) -> int:
    """Retention: sign-in records past their period (the only audit rows that ever go)."""
    rows = AuditRecord.objects.filter(action__in=actions, at__lt=before)
    if not rows.exists():
        return 0
    with maintenance_switch(reason="KVKK retention of sign-in records"):
        count, _ = rows.delete()
    return count
