"""Public API of search: GET /api/v1/search/."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from santral.core.api import BadQuery, PublicApiMixin

from .forms import filters_from, page_from
from .selectors import COUNT_CAP, FACETS, PAGE_SIZE, format_date, search


class SearchFacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


# page * page_size rows are read per level (selectors._run): a smaller cap than the lists'.
MAX_PAGE_SIZE = 50


def _whole_numbers(params, name: str) -> list[int]:
    """Every value of `name`, each a whole number (BadQuery otherwise): the HTML search page
    drops what it cannot read, the API says so."""
    values = params.getlist(name)
    if not all(value.isascii() and value.isdigit() for value in values):
        raise BadQuery(_("%(name)s bir tam sayı olmalı.") % {"name": name})
    return [int(value) for value in values]


def page_size_from(params) -> int:
    sizes = _whole_numbers(params, "page_size")
    if not sizes:
        return PAGE_SIZE
    if sizes[-1] < 1:
        raise BadQuery(_("page_size 1 ya da daha büyük bir tam sayı olmalı."))
    return min(sizes[-1], MAX_PAGE_SIZE)


class SearchApi(PublicApiMixin, APIView):
    """Full-text search over everything the caller may see (public entries for anonymous callers).

    Turkish-aware: words typed without Turkish letters match every Turkish
    spelling (`cevre` finds "Çevre"); words typed with them keep them (`ılık`
    does not find "ilik"); inflected forms match their stem; the last letters
    of a word may be missing (prefix match); text in double quotes is a phrase.
    Invalid or empty input gives an empty result, never an error, except a
    page or page_size that is not a positive whole number, or an unknown parameter (400).
    page_size above 50 counts as 50.
    """

    query_params_allowed = ("q", "type", "council", "province", "scope", "topic", "year")
    query_params_allowed += ("page", "page_size")
    # Any text is a question (search.md): the form bounds it, bad input finds nothing.
    query_params_free_text = ("q",)

    class SearchResultSerializer(serializers.Serializer):
        type = serializers.CharField(source="document.kind")
        type_label = serializers.CharField(source="kind_label")
        title = serializers.CharField(source="document.title")
        url = serializers.SerializerMethodField()
        council = serializers.SerializerMethodField()
        snippet = serializers.CharField(help_text="HTML: escaped text, matches in <mark>.")
        date = serializers.SerializerMethodField()

        def get_url(self, hit) -> str:
            request = self.context.get("request")
            path = hit.document.url
            return request.build_absolute_uri(path) if request and path else path

        def get_council(self, hit) -> str | None:
            council = hit.document.council
            return council.name if council is not None else None

        def get_date(self, hit) -> str | None:
            return format_date(hit.document.date) or None

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Aranacak sözcükler."),
            OpenApiParameter(
                "type", OpenApiTypes.STR, many=True, description="Tür (council, body, news…)."
            ),
            OpenApiParameter(
                "council", OpenApiTypes.STR, many=True, description="Konsey kısa adı."
            ),
            OpenApiParameter("province", OpenApiTypes.STR, many=True, description="İl plaka kodu."),
            OpenApiParameter(
                "scope", OpenApiTypes.STR, many=True, description="local, national, international."
            ),
            OpenApiParameter("topic", OpenApiTypes.STR, many=True, description="Konu."),
            OpenApiParameter("year", OpenApiTypes.INT, many=True, description="Yıl."),
            OpenApiParameter("page", OpenApiTypes.INT, description="Sayfa (1'den başlar)."),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.INT,
                description=f"Sayfadaki sonuç sayısı ({PAGE_SIZE}; en çok {MAX_PAGE_SIZE}).",
            ),
        ],
        responses={
            200: inline_serializer(
                name="SearchResponse",
                fields={
                    "count": serializers.IntegerField(
                        help_text=f"Matches, counted up to {COUNT_CAP}; see count_is_capped."
                    ),
                    "count_is_capped": serializers.BooleanField(
                        help_text="More matches than count: facets then count the newest ones."
                    ),
                    "page": serializers.IntegerField(),
                    "page_size": serializers.IntegerField(),
                    "corrected_query": serializers.CharField(),
                    "results": SearchResultSerializer(many=True),
                    "facets": serializers.DictField(
                        child=serializers.ListField(child=SearchFacetValueSerializer()),
                        help_text="type, council, province, scope, topic, year, with counts.",
                    ),
                },
            ),
            400: inline_serializer(name="SearchError", fields={"detail": serializers.CharField()}),
        },
    )
    def get(self, request):
        _whole_numbers(request.query_params, "year")
        page = page_from(request.query_params) if request.query_params.get("page", "1") else None
        if page is None:
            return Response(
                {"detail": _("Sayfa numarası 1 ya da daha büyük bir tam sayı olmalı.")}, status=400
            )
        result = search(
            user=request.user,
            query=(request.query_params.get("q") or "").strip(),
            filters=filters_from(request.query_params),
            page=page,
            page_size=page_size_from(request.query_params),
        )
        facets = {
            name: [
                {"value": value.value, "label": value.label, "count": value.count}
                for value in result.facets.get(name, [])
            ]
            for name in FACETS
        }
        return Response(
            {
                "count": result.count,
                "count_is_capped": result.count_is_capped,
                "page": result.page,
                "page_size": result.page_size,
                "corrected_query": result.corrected_query,
                "results": self.SearchResultSerializer(
                    result.hits, many=True, context={"request": request}
                ).data,
                "facets": facets,
            }
        )
