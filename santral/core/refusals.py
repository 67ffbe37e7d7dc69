"""Refused writes in the audit trail: who tried to change what, and was turned away.

`RefusedWriteAuditMiddleware` watches every non-safe request (POST, PUT, PATCH, DELETE)
and writes one `AuditRecord` with action ``access.refused`` when the answer is a refusal:

- 401 or 403 (a `PermissionDenied`, DRF's `NotAuthenticated` / `PermissionDenied`, a CSRF
  failure);
- 404 for a signed-in user (another council's objects answer 404, so a 404 on a write is
  the usual face of a cross-council attempt);
- a redirect to a login page (Django's `login_required`, Wagtail's admin for anonymous
  users and for users without back-office access), to the second-factor pages for a
  signed-in user, or Wagtail's "permission denied" (a redirect to the admin home with an
  error message).

The record is written after the view has returned, outside the view's transaction, so it
survives the view's rollback. Nothing of the request body is stored (it may hold personal
data); the target is "METHOD path", with secret path parts (tokens, keys) masked.

Flooding: a signed-in user's refusals are always recorded (the account is accountable and
had to verify an e-mail address). Anonymous refusals are capped per minute for the whole
site (`SANTRAL_REFUSAL_AUDIT_ANONYMOUS_PER_MINUTE`, default 60; 0 means no cap) with a
counter in the shared cache; beyond the cap they go to the log only, which carries the
same request id. The cap is deliberately not per IP: behind a proxy the address is not
reliable, and a global cap bounds the table's growth whatever a bot does, at the price of
losing the detail of a flood (its start and volume stay visible in the log).
"""

import logging
import re
import time
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.urls import Resolver404, resolve

from .audit import audit_record
from .request_id import current_request_id, new_request_id, reset_request_id, set_request_id

logger = logging.getLogger(__name__)

ACTION = "access.refused"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
LOGIN_VIEWS = frozenset({"account_login", "wagtailadmin_login"})
SECOND_FACTOR_VIEWS = frozenset({"mfa_activate_totp", "mfa_authenticate", "mfa_reauthenticate"})
BACKOFFICE_HOME = "wagtailadmin_home"
# URL kwargs whose value is a secret (newsletter tokens, e-mail keys, reset links).
# `rest` is the tail of an old /konseyler/<slug>/<rest> address, which may hold a token.
SECRET_KWARGS = frozenset({"token", "key", "uidb64", "uidb36", "rest"})
# A bare `slug` names the council only on these routes: the council's own address
# (/<slug>/butce/...), the old /konseyler/<slug>/... and the API's councils/<slug>/....
_COUNCIL_SLUG_ROUTE = re.compile(r"^<slug:slug>/|(?:^|/)(?:konseyler|councils)/<slug:slug>/")
DEFAULT_ANONYMOUS_PER_MINUTE = 60


class RefusedWriteAuditMiddleware:
    """Record every refused write; see the module docstring for what counts as refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The request id normally comes from the request-id middleware further out; without
        # it this one gives the request an id so that the audit row and the log still meet.
        token = None
        if not current_request_id():
            token = set_request_id(new_request_id(request.headers.get("X-Request-ID")))
        try:
            response = self.get_response(request)
            if request.method not in SAFE_METHODS and is_refusal(request, response):
                self._record(request, response)
            return response
        finally:
            if token is not None:
                reset_request_id(token)

    def _record(self, request, response) -> None:
        user = getattr(request, "user", None)
        signed_in = bool(getattr(user, "is_authenticated", False))
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match is not None else ""
        target = f"{request.method} {_masked_path(request.path, match)}"
        if not signed_in and not _anonymous_quota_left():
            logger.warning("Refused write not audited (anonymous cap): %s %s", target, view)
            return
        connection = transaction.get_connection()
        if connection.needs_rollback:
            logger.warning("Refused write not audited (broken transaction): %s", target)
            return
        try:
            with transaction.atomic():
                audit_record(
                    actor=user if signed_in else None,
                    action=ACTION,
                    council_id=_council_id(match),
                    target_repr=target,
                    after={"status": response.status_code, "view": view},
                )
        except DatabaseError:
            # A refusal must stay a refusal: never turn a 403 into a 500 over the audit row.
            logger.exception("Refused write could not be audited: %s", target)


def is_refusal(request, response) -> bool:
    """Whether this answer turns the request away (see the module docstring)."""
    status = response.status_code
    if status in (401, 403):
        return True
    user = getattr(request, "user", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    if status == 404:
        return signed_in
    if status not in REDIRECTS or not response.has_header("Location"):
        return False
    own_view = getattr(getattr(request, "resolver_match", None), "url_name", None) or ""
    if own_view in LOGIN_VIEWS:
        return False
    target_view = _view_name_of(response["Location"])
    if target_view in LOGIN_VIEWS:
        return True
    if target_view in SECOND_FACTOR_VIEWS:
        # Signing in leads to the second factor; elsewhere it means "not without it".
        return signed_in and not own_view.startswith(("account_", "mfa_"))
    if target_view == BACKOFFICE_HOME:
        return _has_error_message(request)
    return False


def _view_name_of(location: str) -> str:
    path = urlsplit(location).path
    if not path:
        return ""
    try:
        return resolve(path).url_name or ""
    except Resolver404:
        return ""


def _has_error_message(request) -> bool:
    """Wagtail's permission_denied() queues an error message and sends the user home."""
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", None) or ()
    return any(message.level >= message_levels.ERROR for message in queued)


def _masked_path(path: str, match) -> str:
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_KWARGS and value:
                path = path.replace(str(value), "…")
    return path


def _council_id(match) -> int | None:
    """The council the URL names, from its kwargs: the id as is, a slug by one indexed query."""
    if match is None:
        return None
    kwargs = match.kwargs
    council_id = kwargs.get("council_id")
    if isinstance(council_id, int):
        return council_id
    slug = kwargs.get("council_slug")
    if slug is None and "slug" in kwargs and _COUNCIL_SLUG_ROUTE.search(match.route or ""):
        slug = kwargs["slug"]
    if not slug:
        return None
    # Looked up by name: core sits below councils and must not import it.
    council_model = apps.get_model("councils", "Council")
    return council_model.objects.filter(slug=slug).values_list("pk", flat=True).first()


def _anonymous_quota_left() -> bool:
    limit = getattr(
        settings, "SANTRAL_REFUSAL_AUDIT_ANONYMOUS_PER_MINUTE", DEFAULT_ANONYMOUS_PER_MINUTE
    )
    if not limit:
        return True
    key = f"santral:refusals:anonymous:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=120)
        count = 1
    return count <= limit
