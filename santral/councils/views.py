from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render

from .forms import DirectoryFilterForm
from .selectors import council_directory, council_slug_exists, provinces_with_councils


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
