"""Session time limits and signing out other sessions.

Staff sessions (anyone who can reach the back office) end after a period without requests
(idle) and, for everyone, a fixed time after sign-in (absolute). A GET never writes to the
database, so the time of the last request is not kept in the session row: it travels in a
signed cookie bound to the session, refreshed on every response. A stale or missing cookie
means the session has been idle; the request is then served as anonymous and the next sign-in
replaces the session.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.core import signing
from django.db import transaction
from django.db.models import F

from santral.core.audit import audit_record

from .audit import SESSIONS_REVOKED

LOGIN_AT_KEY = "santral_login_at"
SEEN_COOKIE = "santral_seen"
_SEEN_SALT = "santral.core.accounts.sessions.seen"


def remember_login_time(request) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())


def _session_fingerprint(session_key: str | None) -> str:
    return hashlib.sha256((session_key or "").encode()).hexdigest()[:32]


def seen_cookie_value(session_key: str | None) -> str:
    return signing.TimestampSigner(salt=_SEEN_SALT).sign(_session_fingerprint(session_key))


def seen_within(request, seconds: int) -> bool:
    """Did this session make a request within the last `seconds` (by the signed cookie)?"""
    value = request.COOKIES.get(SEEN_COOKIE)
    if not value:
        return False
    try:
        fingerprint = signing.TimestampSigner(salt=_SEEN_SALT).unsign(value, max_age=seconds)
    except signing.BadSignature:  # SignatureExpired included
        return False
    return fingerprint == _session_fingerprint(request.session.session_key)


def session_expiry_reason(request, *, staff: bool) -> str | None:
    """ "idle", "absolute" or None for a signed-in request."""
    login_at = request.session.get(LOGIN_AT_KEY)
    if not isinstance(login_at, int):
        # A session from before these limits: staff sign in again, others keep it.
        return "absolute" if staff else None
    age = time.time() - login_at
    limit = settings.SANTRAL_STAFF_SESSION_MAX_SECONDS if staff else settings.SESSION_COOKIE_AGE
    if age > limit:
        return "absolute"
    idle = settings.SANTRAL_STAFF_SESSION_IDLE_SECONDS
    if staff and age > idle and not seen_within(request, idle):
        return "idle"
    return None


@transaction.atomic
def sessions_sign_out_others(request) -> None:
    """End every other session of the signed-in user; this one stays."""
    user = get_user_model().objects.get(pk=request.user.pk)
    get_user_model().objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
    update_session_auth_hash(request, user)
    audit_record(actor=user, action=SESSIONS_REVOKED, target=user)
