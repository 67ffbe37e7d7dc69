from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from santral.core.accounts.sessions import SEEN_COOKIE, seen_cookie_value, session_expiry_reason

from .permissions import (
    has_active_totp,
    holds_staff_role,
    mark_session_second_factor,
    requires_two_factor,
)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# allauth pages a session that has not passed TOTP may still use: signing in and out,
# proving the second factor, setting it up the first time, and the anonymous flows.
OPEN_ACCOUNT_VIEWS = frozenset(
    {
        "account_login",
        "account_logout",
        "account_signup",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "account_inactive",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "account_reauthenticate",
    }
)


def session_passed_second_factor(request, user) -> bool:
    """allauth writes an "mfa" record into the session when a TOTP or recovery code is
    accepted (at login, on re-authentication, when the key is first activated)."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class RequireTwoFactorMiddleware:
    """Roles that need two-factor login act only in a session that passed it.

    For every signed-in user who needs TOTP, the request's user object is marked with
    whether *this session* proved the second factor; the permission predicates read that
    mark, so views, the API, services called from views and the back-office policies all
    see an ordinary member until it is proved. On top of that, the back office, every
    write and the account-management pages send such a session to the TOTP step (or to
    setting TOTP up), whichever login page or flow created it.
    """

    protected_prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not requires_two_factor(user):
            return None
        with_key = has_active_totp(user)
        passed = with_key and session_passed_second_factor(request, user)
        mark_session_second_factor(user, passed)
        if passed:
            return None
        match = getattr(request, "resolver_match", None)
        url_name = match.url_name if match else None
        if url_name in OPEN_ACCOUNT_VIEWS:
            return None
        protected = (
            request.path.startswith(self.protected_prefixes)
            or request.method not in SAFE_METHODS
            or view_func.__module__.startswith("allauth")
        )
        if not protected:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Bu işlem için iki adımlı doğrulama gerekir.")}, status=403
            )
        if not with_key:
            messages.warning(
                request,
                _(
                    "Yönetici ve mali sorumlu rolleri iki adımlı doğrulama gerektirir. "
                    "Devam etmek için bir doğrulama uygulaması (TOTP) tanımlayın."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        messages.info(
            request,
            _("Devam etmek için doğrulama uygulamanızdaki kodu ya da bir kurtarma kodunu girin."),
        )
        target = reverse("mfa_reauthenticate")
        next_url = request.get_full_path() if request.method in SAFE_METHODS else ""
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
            target = f"{target}?{urlencode({'next': next_url})}"
        return redirect(target)


class SessionLimitsMiddleware:
    """Staff sessions end after SANTRAL_STAFF_SESSION_IDLE_SECONDS without a request and
    SANTRAL_STAFF_SESSION_MAX_SECONDS after sign-in; other sessions SESSION_COOKIE_AGE after
    sign-in (santral/core/accounts/sessions.py). An expired session is served as anonymous;
    on a write it is also ended at once (a GET never writes, so it is replaced at the next
    sign-in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is not None and getattr(request, "_santral_staff_session", False):
            if user is not None and user.is_authenticated:
                response.set_cookie(
                    SEEN_COOKIE,
                    seen_cookie_value(session.session_key),
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
        elif SEEN_COOKIE in request.COOKIES and not (user and user.is_authenticated):
            response.delete_cookie(SEEN_COOKIE, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        staff = holds_staff_role(user)
        reason = session_expiry_reason(request, staff=staff)
        if reason is None:
            request._santral_staff_session = staff
            return None
        if request.method in SAFE_METHODS:
            request.user = AnonymousUser()
        else:
            logout(request)
        messages.info(
            request,
            _("Uzun süre işlem yapılmadığı için oturumunuz kapandı. Lütfen yeniden giriş yapın.")
            if reason == "idle"
            else _("Oturum süreniz doldu. Lütfen yeniden giriş yapın."),
        )
        return None
