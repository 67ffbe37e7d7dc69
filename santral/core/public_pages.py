"""Site-wide public pages: robots.txt and the accessibility statement (docs/public-site.md)."""

from datetime import date
from email.utils import parseaddr

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

# The day the accessibility statement was last reviewed; change it with the text.
ACCESSIBILITY_REVIEWED_ON = date(2026, 12, 7)

# Paths no crawler should walk: sign-in, back office, a person's own pages, the write API.
ROBOTS_DISALLOWED = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/hesap/",
    "/hesabim/",
    "/kurum-paneli/",
    "/api/v1/write/",
)


def robots_lines(sitemap_url: str) -> list[str]:
    prefixes = [""] + [
        f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    lines = ["User-agent: *", "Allow: /"]
    for path in ROBOTS_DISALLOWED:
        for prefix in prefixes:
            # The back office and the API have no language prefix; the rest exists in each.
            if prefix and path.startswith(("/admin/", "/django-admin/", "/api/")):
                continue
            lines.append(f"Disallow: {prefix}{path}")
    lines += ["", f"Sitemap: {sitemap_url}"]
    return lines


@require_safe
def robots_view(request):
    with translation.override(settings.LANGUAGE_CODE):
        sitemap_url = request.build_absolute_uri(reverse("content:sitemap"))
    body = "\n".join(robots_lines(sitemap_url)) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
def accessibility_view(request):
    return render(
        request,
        "core/accessibility.html",
        {
            "reviewed_on": ACCESSIBILITY_REVIEWED_ON,
            "contact_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        },
    )
