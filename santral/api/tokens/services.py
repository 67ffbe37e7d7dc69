"""Creating, revoking and checking API tokens (docs/api-tokens.md).

A token reads `snt_<prefix>_<secret>`: the prefix (12 hex digits) finds the row, the SHA-256
of the whole token is compared in constant time. Every check reads the row again, so a
revoked or expired token stops on the very next request.
"""

import datetime
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.councils.models import Council
from santral.councils.permissions import (
    can_edit_content,
    can_manage_memberships,
    can_manage_money,
    can_view_money,
)

from ..models import ApiToken, TokenScope

TOKEN_PREFIX = "snt_"  # noqa: S105 (the public start of every token, not a secret)
MAX_LIFETIME = datetime.timedelta(days=366)
_SHAPE = re.compile(r"^snt_(?P<prefix>[0-9a-f]{12})_[A-Za-z0-9_-]{43}$")
# Compared against when no row has the prefix, so an unknown prefix costs the same work.
_NOTHING = hashlib.sha256(b"santral-no-such-token").hexdigest()

# What the creator must still hold in the council for a token of each scope to act.
SCOPE_PREDICATES = {
    TokenScope.CONTENT: can_edit_content,
    TokenScope.CONTENT_READ: can_edit_content,
    TokenScope.FINANCE: can_manage_money,
    TokenScope.FINANCE_READ: can_view_money,
}
CREATE = "api_token.create"
REVOKE = "api_token.revoke"
USE = "api_token.use"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def can_manage_api_tokens(user, council: Council) -> bool:
    """Tokens are permissions: the council's admins (and the platform admin) hand them out."""
    return can_manage_memberships(user, council)


def creator_may_hold(user, council: Council, scope: str) -> bool:
    """Whether the user holds, in the council, what a token of this scope acts with."""
    predicate = SCOPE_PREDICATES.get(scope)
    return bool(predicate and predicate(user, council))


def allowed_scopes(user, council: Council) -> list[str]:
    return [scope for scope in TokenScope.values if creator_may_hold(user, council, scope)]


@transaction.atomic
def api_token_create(
    *, actor, council: Council, name: str, scope: str, expires_at: datetime.datetime
) -> tuple[ApiToken, str]:
    """Make a token; returns the row and the token text, which is never stored or shown again.

    Raises PermissionDenied (not a council admin, or the scope needs a role the actor lacks)
    or ValidationError (Turkish) for a bad name, scope or expiry.
    """
    ensure(
        can_manage_api_tokens(actor, council),
        _("Bu konsey için API anahtarı oluşturma yetkiniz yok."),
    )
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Bilinmeyen yetki alanı.")})
    ensure(
        creator_may_hold(actor, council, scope),
        _(
            "Bu yetki alanındaki bir anahtar için sizin de bu konseyde o yetkiye "
            "sahip olmanız gerekir."
        ),
    )
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Anahtara bir ad verin (ne için kullanılacağı).")})
    now = timezone.now()
    if expires_at <= now:
        raise ValidationError({"expires_at": _("Geçerlilik sonu gelecekte olmalı.")})
    if expires_at > now + MAX_LIFETIME:
        raise ValidationError({"expires_at": _("Bir anahtar en çok bir yıl geçerli olabilir.")})
    prefix = secrets.token_hex(6)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(6)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        council=council,
        name=name[:100],
        scope=scope,
        prefix=prefix,
        secret_hash=_digest(raw),
        created_by=actor,
        created_at=now,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action=CREATE,
        target=token,
        council_id=council.pk,
        after={
            "name": token.name,
            "scope": scope,
            "prefix": prefix,
            "expires_at": expires_at.isoformat(),
        },
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke at once (the next request with it answers 401). Revoking twice changes nothing."""
    ensure(
        can_manage_api_tokens(actor, token.council),
        _("Bu konseyin API anahtarlarını yönetme yetkiniz yok."),
    )
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action=REVOKE,
        target=locked,
        council_id=locked.council_id,
        before={"revoked_at": None},
        after={"revoked_at": locked.revoked_at.isoformat(), "prefix": locked.prefix},
    )
    return locked


@dataclass(frozen=True)
class TokenCheck:
    token: ApiToken | None
    problem: str = ""  # a Turkish reason when the token may not be used


def api_token_check(raw: str) -> TokenCheck:
    """Find the token named by `raw` and say whether it may act now. Reads only."""
    match = _SHAPE.match(raw or "")
    token = None
    if match:
        token = (
            ApiToken.objects.select_related("council", "created_by")
            .filter(prefix=match["prefix"])
            .first()
        )
    stored = token.secret_hash if token is not None else _NOTHING
    if not hmac.compare_digest(stored, _digest(raw or "")) or token is None:
        return TokenCheck(None, _("API anahtarı geçersiz."))
    if token.revoked_at is not None:
        return TokenCheck(None, _("Bu API anahtarı iptal edilmiş."))
    if token.expires_at <= timezone.now():
        return TokenCheck(None, _("Bu API anahtarının süresi dolmuş."))
    if not token.created_by.is_active:
        return TokenCheck(None, _("Bu API anahtarını oluşturan hesap kapatılmış."))
    return TokenCheck(token)


def api_token_mark_used(*, token: ApiToken, operation: str, target=None, details=None) -> None:
    """One audit row naming the token for a write, and its last use; call it inside the
    write's own transaction so that both stand or fall with the change."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    audit_record(
        actor=token.created_by,
        action=USE,
        target=token,
        council_id=token.council_id,
        after={
            "token": token.prefix,
            "scope": token.scope,
            "operation": operation,
            "object": f"{target._meta.label_lower}:{target.pk}" if target is not None else "",
            **(details or {}),
        },
    )
