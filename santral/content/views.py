"""Public lists (hub-wide and per council), Atom feeds, the sitemap and re-share."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from santral.core.feeds import XmlSafeAtom1Feed
from santral.core.spreadsheets import csv_flavour
from santral.core.text import xml_safe
from santral.councils.models import Council
from santral.councils.permissions import can_publish_content

from .exports import PUBLICATION_COLUMNS, publication_records, publications_csv
from .forms import TYPE_CHOICES, ContentFilterForm
from .selectors import (
    LIST_KINDS,
    CappedPaginator,
    council_by_slug,
    councils_for_filter,
    feed_items,
    filtered_items,
    provinces_for_filter,
    sitemap_pages,
)
from .services import content_reshare

LIST_TITLES = {
    "news": (gettext_lazy("Haberler"), gettext_lazy("Tüm konseylerden haber ve duyurular")),
    "documents": (
        gettext_lazy("Belgeler"),
        gettext_lazy("Kararlar, tutanaklar, raporlar ve yönetmelikler"),
    ),
    "publications": (
        gettext_lazy("Yayınlar"),
        gettext_lazy("Eğitim yayınları ve görsel materyaller"),
    ),
    "events": (gettext_lazy("Etkinlikler"), gettext_lazy("Yaklaşan ve geçmiş etkinlikler")),
}


def _page_size() -> int:
    return getattr(settings, "SANTRAL_CONTENT_PAGE_SIZE", 20)


def content_list_view(request, kind: str, council_slug: str | None = None):
    """A paginated, filterable public list of one content type, hub-wide or for one council."""
    list_kind = LIST_KINDS.get(kind)
    if list_kind is None:
        raise Http404
    council = None
    if council_slug is not None:
        council = council_by_slug(council_slug)
        if council is None:
            raise Http404
    form = ContentFilterForm(
        request.GET or None,
        type_choices=TYPE_CHOICES.get(kind),
        provinces=provinces_for_filter() if council is None else None,
        councils=councils_for_filter() if council is None else None,
    )
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "council_slug": data.get("konsey") or "",
            "province_plate": data.get("il") or "",
            "scope": data.get("kapsam") or "",
            "topic_slug": data.get("konu") or "",
            "type_value": data.get("tur") or "",
            "year": data.get("yil"),
            "shared_only": bool(data.get("paylasilan")),
        }
    items = filtered_items(list_kind, council=council, **filters)
    if kind == "events" and request.GET.get("gecmis") != "1":
        from django.utils import timezone

        items = items.filter(end_at__gte=timezone.now()).order_by("start_at", "pk")
    page = CappedPaginator(items, _page_size()).get_page(request.GET.get("sayfa"))
    query = request.GET.copy()
    query.pop("sayfa", None)
    title, subtitle = LIST_TITLES[kind]
    return render(
        request,
        f"content/list_{kind}.html" if kind != "events" else "events/event_list.html",
        {
            "kind": kind,
            "list_title": title,
            "list_subtitle": subtitle,
            "council_obj": council,
            "form": form,
            "page": page,
            "items": page.object_list,
            "query": query.urlencode(),
            "feed_url": _feed_url(council),
        },
    )


def shared_view(request):
    """The hub's "shared with the network" page: the newest shared items of every type."""
    sections = []
    for kind in ("news", "documents", "publications", "events"):
        list_kind = LIST_KINDS.get(kind)
        if list_kind is None:
            continue
        items = list(filtered_items(list_kind, shared_only=True)[:SHARED_SECTION_SIZE])
        title, _subtitle = LIST_TITLES[kind]
        url_name = "events:hub_events" if kind == "events" else f"content:hub_{kind}"
        sections.append(
            {
                "kind": kind,
                "title": title,
                "items": items,
                "all_url": reverse(url_name) + "?paylasilan=on",
            }
        )
    return render(request, "content/shared.html", {"sections": sections})


SHARED_SECTION_SIZE = 10


def _feed_url(council) -> str:
    if council is None:
        return reverse("content:hub_atom")
    return reverse("content:council_atom", kwargs={"council_slug": council.slug})


class HubAtomFeed(Feed):
    """Atom 1.0: the newest news, documents and publications of every council."""

    feed_type = XmlSafeAtom1Feed

    def get_object(self, request, council_slug=None):
        self.request = request
        if council_slug is None:
            return None
        council = council_by_slug(council_slug)
        if council is None:
            raise Http404
        return council

    def title(self, obj):
        return obj.name if obj else _("Santral: kent konseylerinden son içerikler")

    def subtitle(self, obj):
        return _("Haberler, belgeler ve yayınlar")

    def link(self, obj):
        return obj.get_absolute_url() if obj else "/"

    def items(self, obj):
        return feed_items(council=obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro or item.search_description or item.title

    def item_link(self, item):
        return item.get_url(request=self.request) or item.url

    def item_guid(self, item):
        return f"tag:santral,2026:page:{item.pk}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.council.name if item.council else "Santral"

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class _LanguageSitemap(Sitemap):
    """Each location in Turkish, /en/ and /ar/, every one naming the others (hreflang) and
    the Turkish one as x-default (docs/public-site.md)."""

    i18n = True
    alternates = True
    x_default = True


class ContentSitemap(_LanguageSitemap):
    """Every published, public content page (council home pages come from the page tree)."""

    # Three languages a page: the newest 4 000 of each kind keep the whole sitemap under
    # 50 000 locations in one file (older items stay reachable through the lists).
    per_kind = 4000

    def items(self):
        return sitemap_pages(limit=self.per_kind)

    def location(self, item):
        return xml_safe(item.url)

    def lastmod(self, item):
        return item.last_published_at


class ListSitemap(_LanguageSitemap):
    """The hub's list pages: news, events, documents, publications, councils, open data."""

    changefreq = "daily"
    url_names = (
        "content:hub_news",
        "events:hub_events",
        "content:hub_documents",
        "content:hub_publications",
        "councils:directory",
        "opendata:hub",
    )

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


class CouncilSitemap(_LanguageSitemap):
    def items(self):
        return list(Council.objects.listed().select_related("home_page").order_by("sort_key"))

    def location(self, item):
        return xml_safe(item.get_absolute_url())


@login_required
@require_POST
def reshare_view(request, council_slug: str, page_id: int):
    """Re-share another council's shared item on this council's pages."""
    council = council_by_slug(council_slug)
    if council is None:
        raise Http404
    if not can_publish_content(request.user, council):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id, live=True).specific
    try:
        content_reshare(actor=request.user, council=council, page=page)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("İçerik %(council)s sayfalarında paylaşıldı.") % {"council": council.name},
        )
    return redirect(page.url)


@require_safe
def publications_export_view(request, council_slug: str, fmt: str):
    """A council's publications list as open data: CSV (`?bicim=excel`) or JSON."""
    council = council_by_slug(council_slug)
    if council is None or fmt not in ("csv", "json"):
        raise Http404

    def absolute_url(page):
        return request.build_absolute_uri(page.get_url(request))

    if fmt == "json":
        columns = PUBLICATION_COLUMNS
        payload = {
            "council": council.slug,
            "fields": [{"name": n, "type": t, "title": title} for n, t, title in columns],
            "rows": list(publication_records(council, absolute_url=absolute_url)),
        }
        return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    body = publications_csv(council, absolute_url=absolute_url, flavour=csv_flavour(request))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council.slug}-yayinlar.csv"'
    return response
