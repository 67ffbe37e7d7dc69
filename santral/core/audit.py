"""The audit trail: every change to money, permissions or a council's profile lands here."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditRecord
from .request_id import current_request_id


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    council_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    target_repr: str = "",
) -> AuditRecord:
    """Write one append-only audit row. Call it inside the transaction of the change.

    `target_repr` names a target that is not a row (e.g. "POST /admin/..." for a refused
    request); with a `target` the row's own text is used.
    """
    return AuditRecord.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        council_id=council_id,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=(str(target) if target is not None else target_repr)[:255],
        before=before,
        after=after,
        request_id=current_request_id(),
    )


def audit_history(target: models.Model):
    """The audit rows of one object, newest first."""
    return AuditRecord.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
