from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import has_active_totp, requires_two_factor

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class RequireTwoFactorMiddleware:
    """Send finance and admin role holders to TOTP set-up before they touch the back office.

    The permission predicates already ignore those roles until TOTP is active;
    this middleware turns that into a clear next step instead of a bare 403.
    Public pages stay readable; the account pages stay reachable.
    """

    protected_prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func.__module__.startswith("allauth"):
            return None
        protected = request.path.startswith(self.protected_prefixes) or (
            request.method not in SAFE_METHODS and not request.path.startswith("/api/")
        )
        if not protected:
            return None
        user = getattr(request, "user", None)
        if user is None or not requires_two_factor(user) or has_active_totp(user):
            return None
        messages.warning(
            request,
            _(
                "Yönetici ve mali sorumlu rolleri iki adımlı doğrulama gerektirir. "
                "Devam etmek için bir doğrulama uygulaması (TOTP) tanımlayın."
            ),
        )
        return redirect(reverse("mfa_activate_totp"))
