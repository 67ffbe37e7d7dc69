from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .analysis import MAX_QUERY_CHARS
from .forms import filters_from, page_from
from .selectors import FACETS, completions, search, suggestions

FACET_TITLES = {
    "type": "Tür",
    "council": "Konsey",
    "province": "İl",
    "scope": "Kapsam",
    "topic": "Konu",
    "year": "Yıl",
}


def _clean_query(request) -> str:
    return (request.GET.get("q") or "").strip()


@require_GET
def search_view(request):
    """The search page: works without JavaScript; facets and pages are plain links."""
    query = _clean_query(request)
    filters = filters_from(request.GET)
    page = page_from(request.GET) or 1
    # "tam=1": the words exactly as typed (the link under the "showing results for" notice).
    as_typed = request.GET.get("tam") == "1"
    result = search(
        user=request.user, query=query, filters=filters, page=page, correct_typos=not as_typed
    )
    messages = []
    if query and result.parsed.is_empty:
        messages.append(_("Aramak için en az bir harf ya da rakam yazın."))
    if len(query) > MAX_QUERY_CHARS or result.parsed.was_truncated:
        messages.append(_("Arama metni çok uzun; yalnızca ilk sözcükleri aradık."))
    active = filters.active()
    base = [("q", query), *active]
    facet_titles = {name: _(FACET_TITLES[name]) for name in FACETS}
    facets = []
    for name in FACETS:
        values = []
        for value in result.facets.get(name, []):
            selected = (name, value.value) in active
            params = [pair for pair in base if pair != (name, value.value)]
            if not selected:
                params.append((name, value.value))
            values.append({"facet": value, "selected": selected, "url": "?" + urlencode(params)})
        if values:
            facets.append({"name": name, "title": facet_titles[name], "values": values})
    pages = []
    if result.count:
        for number in range(max(1, result.page - 3), min(result.page_count, result.page + 3) + 1):
            pages.append(
                {
                    "number": number,
                    "current": number == result.page,
                    "url": "?" + urlencode([*base, ("sayfa", number)]),
                }
            )
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "result": result,
            "facets": facets,
            "pages": pages,
            "messages_search": messages,
            "original_url": "?" + urlencode([("q", query), ("tam", "1"), *active]),
            "clear_filters_url": "?" + urlencode([("q", query)]),
            "has_filters": bool(active),
            "first_number": (result.page - 1) * result.page_size + 1,
        },
    )


@require_GET
def suggest_view(request):
    """Search-as-you-type (JSON, same origin; the page works without it): the query with its
    last word completed from the vocabulary, and the titles that match."""
    raw = (request.GET.get("q") or "").lstrip()[:MAX_QUERY_CHARS]
    query = raw.strip()
    found = suggestions(user=request.user, query=query) if len(query) >= 2 else []
    words = completions(query=raw) if len(query) >= 2 else []
    return JsonResponse(
        {
            "words": words,
            "suggestions": [{"title": doc.title, "url": doc.url} for doc in found],
        },
        json_dumps_params={"ensure_ascii": False},
    )
