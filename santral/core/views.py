"""Site-wide views of core: the reader's display choice."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import display


# The footer form is a GET (`apply` field): its only effect is a cookie on the reader's own
# browser, nothing is written to the database, and public pages stay free of the CSRF cookie
# (so the page cache can serve them). A POST is still accepted for old forms and clients, but
# like every POST it must carry a CSRF token.
@require_http_methods(["GET", "HEAD", "POST"])
def display_view(request):
    """GET without `uygula`: the choice form on its own page. GET with `uygula` (the footer
    form) or POST: store the choice in a cookie and go back to `next`."""
    data = request.POST if request.method == "POST" else request.GET
    if request.method != "POST" and display.APPLY_PARAM not in data:
        return render(request, "core/display.html", {"display_next": data.get("next", "")})
    chosen = [option for option in display.OPTIONS if data.get(option)]
    target = data.get("next", "")
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


@require_http_methods(["GET", "HEAD"])
def design_view(request):
    """The living style page (docs/design.md): tokens and components as the site draws
    them. Only in development (DEBUG); a live site answers 404."""
    if not settings.DEBUG:
        raise Http404
    return render(request, "core/design.html")
