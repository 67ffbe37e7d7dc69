from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .forms import DirectoryFilterForm
from .selectors import council_directory, provinces_with_councils, public_council


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
    own = bool(council.privacy_notice.strip())
    return render(
        request,
        "councils/privacy_notice.html",
        {
            "council": council,
            "own_notice": own,
            "updated_on": council.privacy_notice_updated_on if own else DEFAULT_PRIVACY_NOTICE_DATE,
        },
    )
