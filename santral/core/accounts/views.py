"""The signed-in person's own session page: sign out every other session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..registry import account_sections
from .sessions import LOGIN_AT_KEY, sessions_sign_out_others


@login_required
@require_safe
def account_view(request):
    """The member area: my registrations, my subscriptions, my data. Reads only."""
    return render(
        request,
        "core/account.html",
        {"sections": account_sections(request.user), "account_user": request.user},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sessions_view(request):
    if request.method == "POST":
        sessions_sign_out_others(request)
        messages.success(request, _("Diğer tüm oturumlarınız kapatıldı."))
        return redirect("core:sessions")
    return render(request, "core/sessions.html", {"login_at": request.session.get(LOGIN_AT_KEY)})


def backoffice_login_redirect(request):
    """Wagtail's login URL (GET or POST) leads to the one sign-in flow, keeping `next`."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        target = f"{target}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(target)
