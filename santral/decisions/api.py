"""Public API of decisions: GET /api/v1/recommendations/ and
/api/v1/councils/<slug>/recommendations/ (read-only, the same rows as the public page).

Filters: kurul (body slug), konu (topic slug), yil, birim (unit), sonuc (outcome or
"bekliyor"). Each item carries its journey (standing entries and corrections with reasons);
nobody's name, attendance or vote appears.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from santral.core.api import BadQuery, PublicApiMixin, choice_param
from santral.councils.models import Council

from .models import JourneyEntry, Outcome, Recommendation
from .selectors import (
    PUBLIC_FILTERS,
    filter_recommendations,
    public_recommendations,
    valid_year,
    with_history,
)


class EntrySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)

    class Meta:
        model = JourneyEntry
        fields = [
            "id",
            "kind",
            "kind_label",
            "on",
            "letter_reference",
            "agenda_number",
            "outcome",
            "assembly_decision_number",
            "implementation_status",
            "progress",
            "note",
            "evidence_url",
            "corrects",
            "reason",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    council = serializers.CharField(source="council.slug")
    body = serializers.CharField(source="body.name")
    topic = serializers.CharField(source="topic.name", default=None)
    state_label = serializers.CharField(source="get_state_display")
    co_signing_bodies = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    entries = EntrySerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "council",
            "body",
            "co_signing_bodies",
            "title",
            "text",
            "topic",
            "addressed_unit",
            "decided_on",
            "state",
            "state_label",
            "letter_reference",
            "referred_on",
            "due_on",
            "agenda_on",
            "agenda_number",
            "outcome",
            "outcome_on",
            "assembly_decision_number",
            "implementation_status",
            "implemented_on",
            "closed_on",
            "entries",
            "url",
        ]

    def get_url(self, r: Recommendation) -> str:
        from django.urls import reverse

        path = reverse("decisions:detail", kwargs={"council_slug": r.council.slug, "pk": r.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


FILTER_PARAMS = [
    OpenApiParameter("kurul", str, description="Kurulun kısa adı"),
    OpenApiParameter("konu", str, description="Konunun kısa adı"),
    OpenApiParameter("yil", int, description="Kurul kararının yılı"),
    OpenApiParameter("birim", str, description="İlgili belediye birimi (tam ad)"),
    OpenApiParameter(
        "sonuc",
        str,
        enum=[*Outcome.values, "bekliyor"],
        description="Meclis kararı ya da 'bekliyor'",
    ),
]


@extend_schema(parameters=FILTER_PARAMS)
class RecommendationListApi(PublicApiMixin, generics.ListAPIView):
    """Every public recommendation of every listed council, newest first, paginated."""

    query_params_allowed = PUBLIC_FILTERS
    last_modified_field = "updated_at"
    serializer_class = RecommendationSerializer

    def council(self) -> Council | None:
        return None

    def get_queryset(self):
        params = self.request.query_params
        choice_param(params, "sonuc", [*Outcome.values, "bekliyor"])
        if "yil" in params and not valid_year(params.get("yil").strip()):
            raise BadQuery(_("yil 1900 ile 2999 arasında bir yıl olmalı."))
        qs = public_recommendations(council=self.council())
        return with_history(filter_recommendations(qs, params))


@extend_schema(parameters=FILTER_PARAMS)
class CouncilRecommendationListApi(RecommendationListApi):
    """One council's public recommendations, newest first, paginated."""

    def council(self) -> Council | None:
        return get_object_or_404(Council.objects.listed(), slug=self.kwargs["council_slug"])
