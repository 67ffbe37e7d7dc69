"""Site-wide views of core: the reader's display choice."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from . import display


# No CSRF token: the only effect is a cosmetic cookie on the sender's own browser (a
# forged POST can change nothing else), and leaving the token out keeps public pages
# free of the CSRF cookie.
@csrf_exempt
def display_view(request):
    """GET: the choice form on its own page. POST: store the choice in a cookie, go back."""
    if request.method != "POST":
        return render(request, "core/display.html", {"display_next": request.GET.get("next", "")})
    chosen = [option for option in display.OPTIONS if request.POST.get(option)]
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("wagtail_serve", args=[""])
    response = HttpResponseRedirect(target)
    if chosen:
        response.set_cookie(
            display.COOKIE_NAME,
            display.serialise(chosen),
            max_age=display.COOKIE_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(display.COOKIE_NAME, samesite="Lax")
    return response
