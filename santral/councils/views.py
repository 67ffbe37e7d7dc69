from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from santral.core.ratelimit import client_ident

from .forms import ContactForm, DirectoryFilterForm
from .selectors import (
    council_directory,
    council_slug_exists,
    provinces_with_councils,
    public_council,
)
from .services import contact_count, contact_is_limited, contact_message_send


def council_directory_view(request):
    """Public directory of councils: filter by province and kind, Turkish alphabetical order."""
    form = DirectoryFilterForm(request.GET or None, provinces=provinces_with_councils())
    province = kind = None
    if form.is_valid():
        province = form.cleaned_data.get("il")
        kind = form.cleaned_data.get("tur") or None
    councils = council_directory(province=province, kind=kind)
    page = Paginator(councils, settings.SANTRAL_DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("sayfa")
    )
    query = request.GET.copy()
    query.pop("sayfa", None)
    return render(
        request,
        "councils/directory.html",
        {"form": form, "page": page, "councils": page.object_list, "query": query.urlencode()},
    )


# The date of the platform's default notice (councils/_default_privacy_notice.html).
DEFAULT_PRIVACY_NOTICE_DATE = date(2026, 12, 7)


def council_or_404(council_slug: str):
    council = public_council(slug=council_slug)
    if council is None:
        raise Http404
    return council


@require_safe
def privacy_notice_view(request, council_slug: str):
    """The council's KVKK privacy notice (aydınlatma metni); the platform's default when empty."""
    council = council_or_404(council_slug)
    own = council.privacy_notice.strip()
    return render(
        request,
        "councils/privacy_notice.html",
        {
            "council": council,
            # The council's text; its current version (in the reader's language when the
            # council wrote one) is shown when that version holds this very text.
            "own_notice": own,
            "updated_on": council.privacy_notice_updated_on if own else DEFAULT_PRIVACY_NOTICE_DATE,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def contact_view(request, council_slug: str):
    """A message to the council's e-mail address: honeypot, rate limit, nothing stored.

    Without a council address the page tells how else to reach the council (no form).
    """
    council = council_or_404(council_slug)
    context = {"council": council}
    if not council.email:
        return render(request, "councils/contact.html", context)
    form = ContactForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method != "POST":
        return render(request, "councils/contact.html", context)
    ident = client_ident(request)
    if contact_is_limited(council=council, ident=ident):
        context["limited"] = True
        return render(request, "councils/contact.html", context, status=429)
    sent = redirect("councils:contact_sent", council_slug=council.slug)
    if form.is_bot:
        contact_count(council=council, ident=ident)
        return sent  # a bot learns nothing; nothing is sent
    if not form.is_valid():
        return render(request, "councils/contact.html", context)
    try:
        contact_message_send(
            council=council,
            page_url=request.build_absolute_uri(
                reverse("councils:contact", kwargs={"council_slug": council.slug})
            ),
            **{name: form.cleaned_data[name] for name in ("name", "email", "subject", "message")},
        )
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "councils/contact.html", context)
    contact_count(council=council, ident=ident)
    return sent


@require_safe
def contact_sent_view(request, council_slug: str):
    council = council_or_404(council_slug)
    return render(request, "councils/contact_sent.html", {"council": council})


class HttpResponsePermanentRedirectKeepMethod(HttpResponsePermanentRedirect):
    status_code = 308


def legacy_council_redirect_view(request, slug: str, rest: str = ""):
    """`/konseyler/<slug>/…` (the old scheme) → `/<slug>/…`, language prefix kept.

    GET and HEAD answer 301; other methods 308 so that a form posted to an old address
    keeps its method and body. A slug that names no council answers 404.
    """
    if not council_slug_exists(slug):
        raise Http404
    old = f"/konseyler/{slug}/"
    full_path = request.get_full_path()
    target = full_path.replace(old, f"/{slug}/", 1)
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(target)
    return HttpResponsePermanentRedirectKeepMethod(target)
