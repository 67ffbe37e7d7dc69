"""Public API of content: /api/v1/news/, /documents/, /publications/ (published, public)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from santral.core.api import (
    DATE_RANGE_PARAMETERS,
    PublicApiMixin,
    choice_param,
    date_range_params,
    filter_date_range,
    int_param,
)

from .models import Language, Scope
from .richtext import render_rich_text
from .selectors import LIST_KINDS, filtered_items

FILTER_PARAMETERS = [
    OpenApiParameter("council", str, description="Konseyin kısa adı (slug)"),
    OpenApiParameter("province", str, description="İl plaka kodu, ör. 01"),
    OpenApiParameter("scope", str, enum=Scope.values),
    OpenApiParameter("topic", str, description="Konunun kısa adı (slug)"),
    OpenApiParameter(
        "year", {"type": "integer", "minimum": 1900, "maximum": 2999}, description="Yıl"
    ),
    OpenApiParameter("language", str, enum=Language.values, description="İçeriğin özgün dili"),
    *DATE_RANGE_PARAMETERS,
]
TYPE_PARAMETER = OpenApiParameter("type", str, description="Belge ya da yayın türü")


class TranslationOutputSerializer(serializers.Serializer):
    language = serializers.CharField()
    variant = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.SerializerMethodField()

    def get_body(self, translation) -> str:
        """Sanitised HTML, like the public page."""
        return render_rich_text(str(translation.body or ""))


class ContentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    council = serializers.CharField(source="council.slug", default=None)
    council_name = serializers.CharField(source="council.name", default=None)
    scope = serializers.CharField()
    topics = serializers.SerializerMethodField()
    language = serializers.CharField()
    intro = serializers.CharField()
    is_shared = serializers.BooleanField()
    published_at = serializers.DateTimeField(source="first_published_at")
    translations = TranslationOutputSerializer(many=True, read_only=True)

    def get_url(self, page) -> str:
        request = self.context.get("request")
        path = page.get_url(request=request) or ""
        return request.build_absolute_uri(path) if request and path else path

    def get_topics(self, page) -> list[str]:
        return [topic.slug for topic in page.topics.all()]


class ContentListApi(PublicApiMixin, generics.ListAPIView):
    """A published list; `since`/`until` filter on `date_field` (the publication time unless
    a kind has a better date: a document's own date, an event's start)."""

    kind = ""
    date_field = "first_published_at"
    date_is_datetime = True
    query_params_allowed = tuple(parameter.name for parameter in FILTER_PARAMETERS)
    last_modified_field = "last_published_at"

    def allowed_query_params(self) -> set[str]:
        allowed = super().allowed_query_params()
        return allowed | {"type"} if LIST_KINDS[self.kind].type_field else allowed

    def get_queryset(self):
        params = self.request.query_params
        since, until = date_range_params(params)
        items = filtered_items(
            LIST_KINDS[self.kind],
            council_slug=params.get("council", ""),
            province_plate=params.get("province", ""),
            scope=choice_param(params, "scope", Scope.values),
            topic_slug=params.get("topic", ""),
            type_value=params.get("type", ""),
            year=int_param(params, "year", minimum=1900, maximum=2999),
        )
        language = choice_param(params, "language", Language.values)
        if language:
            items = items.filter(language=language)
        items = filter_date_range(
            items, self.date_field, since=since, until=until, is_datetime=self.date_is_datetime
        )
        return items.prefetch_related("translations")


class NewsOutputSerializer(ContentOutputSerializer):
    lead_image_alt = serializers.CharField()


class DocumentOutputSerializer(ContentOutputSerializer):
    document_type = serializers.CharField()
    document_date = serializers.DateField()
    number = serializers.CharField()


class PublicationOutputSerializer(ContentOutputSerializer):
    publication_kind = serializers.CharField()
    authors = serializers.CharField()
    partners = serializers.CharField()
    licence = serializers.CharField()
    isbn = serializers.CharField()


@extend_schema(parameters=FILTER_PARAMETERS)
class NewsListApi(ContentListApi):
    """Published news items of every council, newest first."""

    kind = "news"
    serializer_class = NewsOutputSerializer


@extend_schema(parameters=[*FILTER_PARAMETERS, TYPE_PARAMETER])
class DocumentListApi(ContentListApi):
    """Published documents (decisions, minutes, reports), newest document date first."""

    kind = "documents"
    date_field = "document_date"
    date_is_datetime = False
    serializer_class = DocumentOutputSerializer


@extend_schema(parameters=[*FILTER_PARAMETERS, TYPE_PARAMETER])
class PublicationListApi(ContentListApi):
    """Published publications and visual materials."""

    kind = "publications"
    serializer_class = PublicationOutputSerializer
