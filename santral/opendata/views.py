"""Public open-data pages (hub, council, dataset) and the DCAT-AP catalogue files.

Catalogue files are built with Turkish active whatever the URL prefix (/en/, /ar/), so
their IRIs and `@tr` texts are the same everywhere. A GET never writes.
"""

import calendar
from datetime import date, datetime, time

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from santral.councils.models import Council

from .catalogue import LICENCES, CatalogueGraph, licence_iri, serialise
from .selectors import open_data_catalogue, open_data_dataset

CATALOGUE_TYPES = {
    "jsonld": "application/ld+json; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
}
HUB_PAGE_SIZE = 30


def _council(slug: str) -> Council:
    return get_object_or_404(
        Council.objects.listed().select_related("province", "district"), slug=slug
    )


def _timestamp(value) -> float | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = timezone.make_aware(datetime.combine(value, time.min))
    return calendar.timegm(value.utctimetuple())


def _catalogue_response(request, *, fmt: str, council: Council | None):
    if fmt not in CATALOGUE_TYPES:
        raise Http404
    with translation.override("tr"):
        catalogue = open_data_catalogue(council=council)
        last_modified = _timestamp(catalogue.modified)
        not_modified = get_conditional_response(request, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        base = request.build_absolute_uri("/").rstrip("/")

        def absolute(path: str) -> str:
            return base + path

        if council is None:
            iri = absolute(reverse("opendata:hub"))
            title = _("Kent Konseyleri Bilgi Santrali — açık veri kataloğu")
            description = _("Kent konseylerinin kamuya açık veri setleri (DCAT-AP).")
        else:
            iri = absolute(reverse("opendata:council", args=[council.slug]))
            title = _("%(council)s — açık veri kataloğu") % {"council": council.name}
            description = _("%(council)s: kamuya açık veri setleri (DCAT-AP).") % {
                "council": council.name
            }
        graph = CatalogueGraph(
            absolute=absolute, title=title, description=description, homepage=iri
        ).build(catalogue, iri=iri)
        body = serialise(graph, fmt)
    response = HttpResponse(body, content_type=CATALOGUE_TYPES[fmt])
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Access-Control-Allow-Origin"] = "*"  # harvesters and browser tools alike
    return response


@require_safe
def catalogue_view(request, fmt: str):
    """The whole hub's DCAT-AP catalogue: /katalog.jsonld and /katalog.ttl."""
    return _catalogue_response(request, fmt=fmt, council=None)


@require_safe
def council_catalogue_view(request, slug: str, fmt: str):
    return _catalogue_response(request, fmt=fmt, council=_council(slug))


def _licence_context(spdx: str) -> dict:
    iri, title = LICENCES.get(spdx, LICENCES["CC-BY-4.0"])
    return {"licence_url": iri, "licence_title": title}


@require_safe
def hub_view(request):
    """Every listed council with its datasets, a page of councils at a time."""
    catalogue = open_data_catalogue()
    by_council: dict[int, list] = {}
    for dataset in catalogue.datasets:
        by_council.setdefault(dataset.council.pk, []).append(dataset)
    rows = [
        (c, by_council[c.pk], licence_iri(c.data_licence))
        for c in catalogue.councils
        if c.pk in by_council
    ]
    page = Paginator(rows, HUB_PAGE_SIZE).get_page(request.GET.get("sayfa"))
    return render(
        request,
        "opendata/hub.html",
        {
            "page": page,
            "dataset_count": len(catalogue.datasets),
            "council_count": len(rows),
            "modified": catalogue.modified,
        },
    )


@require_safe
def council_view(request, slug: str):
    council = _council(slug)
    catalogue = open_data_catalogue(council=council)
    return render(
        request,
        "opendata/council.html",
        {
            "council": council,
            "datasets": catalogue.datasets,
            "modified": catalogue.modified,
            **_licence_context(council.data_licence),
        },
    )


@require_safe
def dataset_view(request, slug: str, key: str):
    council = _council(slug)
    dataset = open_data_dataset(council=council, key=key)
    if dataset is None:
        raise Http404
    return render(
        request,
        "opendata/dataset.html",
        {
            "council": council,
            "dataset": dataset,
            "modified_is_date": isinstance(dataset.modified, date)
            and not isinstance(dataset.modified, datetime),
            **_licence_context(council.data_licence),
        },
    )
