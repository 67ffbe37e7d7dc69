"""Public accountability pages: every public recommendation with its state and history.

GET only; nothing is written. Lists are paginated with a fixed number of queries
(selectors.with_history prefetches the history of the page's rows).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from santral.core.spreadsheets import csv_flavour, safe_csv
from santral.councils.models import Council

from .selectors import (
    PUBLIC_FILTERS,
    filter_choices,
    filter_recommendations,
    public_recommendations,
    recommendation_figures,
    with_history,
)

PAGE_SIZE = 20


def _council(slug: str) -> Council:
    return get_object_or_404(Council.objects.listed(), slug=slug)


def _list_context(request, council: Council | None) -> dict:
    everything = public_recommendations(council=council)
    filtered = filter_recommendations(everything, request.GET)
    size = getattr(settings, "SANTRAL_DIRECTORY_PAGE_SIZE", PAGE_SIZE)
    page = Paginator(with_history(filtered), size).get_page(request.GET.get("sayfa"))
    chosen = {name: request.GET.get(name, "") for name in PUBLIC_FILTERS if request.GET.get(name)}
    return {
        "council_obj": council,
        "page": page,
        "recommendations": page,
        "figures": recommendation_figures(filtered),
        "choices": filter_choices(everything),
        "chosen": chosen,
        "extra": urlencode(chosen) + "&" if chosen else "",
    }


@require_safe
def council_recommendations_view(request, council_slug: str):
    context = _list_context(request, _council(council_slug))
    return render(request, "decisions/recommendation_list.html", context)


@require_safe
def hub_recommendations_view(request):
    return render(request, "decisions/recommendation_list.html", _list_context(request, None))


@require_safe
def recommendation_detail_view(request, council_slug: str, pk: int):
    council = _council(council_slug)
    recommendation = with_history(public_recommendations(council=council)).filter(pk=pk).first()
    if recommendation is None:
        raise Http404
    return render(
        request,
        "decisions/recommendation_detail.html",
        {"council_obj": council, "recommendation": recommendation},
    )


CSV_HEADER = (
    "konsey",
    "kurul",
    "baslik",
    "konu",
    "birim",
    "karar_tarihi",
    "durum",
    "yazi_sayisi",
    "gonderme_tarihi",
    "ilk_meclis_toplantisi",
    "gundem_tarihi",
    "gundem_sirasi",
    "meclis_karari",
    "meclis_karar_tarihi",
    "meclis_karar_sayisi",
    "uygulama_durumu",
    "uygulandigi_tarih",
    "kapandigi_tarih",
)


def _iso(value) -> str:
    return value.isoformat() if value else ""


@require_safe
def recommendations_csv_view(request, council_slug: str | None = None):
    """The filtered public list as CSV (`?bicim=excel` for Turkish Excel)."""
    council = _council(council_slug) if council_slug else None
    qs = filter_recommendations(public_recommendations(council=council), request.GET)
    rows = [CSV_HEADER]
    for r in qs.iterator():
        rows.append(
            (
                r.council.name,
                r.body.name,
                r.title,
                r.topic.name if r.topic else "",
                r.addressed_unit,
                _iso(r.decided_on),
                r.state,
                r.letter_reference,
                _iso(r.referred_on),
                _iso(r.due_on),
                _iso(r.agenda_on),
                r.agenda_number,
                r.outcome,
                _iso(r.outcome_on),
                r.assembly_decision_number,
                r.implementation_status,
                _iso(r.implemented_on),
                _iso(r.closed_on),
            )
        )
    response = HttpResponse(
        safe_csv(rows, flavour=csv_flavour(request)), content_type="text/csv; charset=utf-8"
    )
    name = f"{council.slug}-kararlar.csv" if council else "kararlar.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
