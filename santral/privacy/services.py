"""Writes for privacy notices and consent records (KVKK md. 5 and 10).

Other apps record and withdraw consent only through these functions; what a withdrawal means
for them (an unsubscribe, a cancelled seat) they do in a receiver of `consent_withdrawn`.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record

from .models import Consent, ErasureRequest, ErasureStatus, Method, PrivacyNotice, Purpose
from .selectors import notice_current

# Sent after a consent is withdrawn (inside the transaction): sender=Consent, consent=...
consent_withdrawn = Signal()


def notice_follow_council(*, council) -> PrivacyNotice | None:
    """A changed notice text on the council's profile (Turkish, English or Arabic) becomes the
    council's next version: a consent names the text the person read, in their language."""
    text = (council.privacy_notice or "").strip()
    text_en = (council.privacy_notice_en or "").strip()
    text_ar = (council.privacy_notice_ar or "").strip()
    latest = PrivacyNotice.objects.filter(council=council).order_by("-version").first()
    if latest is not None and (
        latest.text.strip(),
        latest.text_en.strip(),
        latest.text_ar.strip(),
    ) == (
        text,
        text_en,
        text_ar,
    ):
        return None
    return PrivacyNotice.objects.create(
        council=council,
        version=(latest.version + 1) if latest else 1,
        text=text,
        text_en=text_en if text else "",
        text_ar=text_ar if text else "",
        published_on=(council.privacy_notice_updated_on if text else None) or timezone.localdate(),
    )


def notice_check(*, council, notice_id) -> PrivacyNotice:
    """The version a form showed must still be the current one; otherwise the person reads
    the new text first (a consent always names the text it was given to)."""
    current = notice_current(council)
    try:
        shown = int(notice_id)
    except (TypeError, ValueError):
        shown = None
    if current is None or shown != current.pk:
        raise ValidationError(
            _(
                "Aydınlatma metni güncellendi ya da onaylanmadı. Lütfen güncel metni okuyup "
                "formu yeniden gönderin."
            )
        )
    return current


def consent_give(
    *,
    council,
    purpose: str,
    email: str,
    notice: PrivacyNotice,
    method: str = Method.FORM,
    user=None,
    recorded_by=None,
    reference: str = "",
    given_at: datetime | None = None,
) -> Consent:
    if purpose not in Purpose.values or method not in Method.values:
        raise ValidationError(_("Bilinmeyen rıza amacı ya da yöntemi."))
    if notice.council_id not in (None, getattr(council, "pk", None)):
        raise ValidationError(_("Aydınlatma metni bu konseye ait değil."))
    return Consent.objects.create(
        council=council,
        purpose=purpose,
        email=email.strip(),
        notice=notice,
        method=method,
        user=user if getattr(user, "is_authenticated", False) else None,
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
        reference=reference,
        given_at=given_at or timezone.now(),
    )


@transaction.atomic
def consent_withdraw(*, consent: Consent) -> Consent:
    """Withdraw one consent (idempotent); apps stop what it allowed in their receivers."""
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is None:
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        consent_withdrawn.send(sender=Consent, consent=locked)
    return locked


@transaction.atomic
def consent_withdraw_by_token(*, token: str) -> Consent:
    consent = Consent.objects.filter(token=token).first() if token else None
    if consent is None:
        raise ValidationError(_("Bu geri alma bağlantısı geçersiz."))
    return consent_withdraw(consent=consent)


@transaction.atomic
def consents_withdraw_for(*, council, purpose: str, email: str, reference: str = "") -> int:
    """Withdraw every active consent of an address for one purpose (an unsubscribe)."""
    rows = Consent.objects.select_for_update().filter(
        council=council,
        purpose=purpose,
        email_key=(email or "").strip().casefold(),
        withdrawn_at__isnull=True,
    )
    if reference:
        rows = rows.filter(reference=reference)
    count = 0
    for consent in rows:
        consent_withdraw(consent=consent)
        count += 1
    return count


@transaction.atomic
def erasure_request_create(*, user) -> ErasureRequest:
    """The signed-in person asks to be erased; one open request at a time."""
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Silme talebi için oturum açın."))
    existing = ErasureRequest.objects.filter(user=user, status=ErasureStatus.OPEN).first()
    if existing is not None:
        return existing
    request = ErasureRequest.objects.create(user=user)
    audit_record(actor=user, action="privacy.erasure_requested", target=request)
    return request
