from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import DirectoryFilterForm
from .selectors import council_directory, provinces_with_councils


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
