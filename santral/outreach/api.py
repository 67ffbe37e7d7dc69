"""Public API of outreach: GET /api/v1/councils/<slug>/representation/ (aggregate figures only)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from santral.core.api import BadQuery, PublicApiMixin
from santral.councils.models import Council

from .forms import DashboardFilterForm
from .selectors import representation_report


class RepresentationAudienceSerializer(serializers.Serializer):
    slug = serializers.CharField(source="audience.slug")
    name = serializers.CharField(source="audience.name")
    kind = serializers.CharField(source="audience.kind")
    kind_label = serializers.CharField(source="audience.get_kind_display")
    population_share = serializers.DecimalField(
        max_digits=9,
        decimal_places=4,
        allow_null=True,
        help_text="percent; null: no source yet",
    )
    baseline_source = serializers.CharField(source="audience.baseline_source")
    baseline_year = serializers.IntegerField(source="audience.baseline_year", allow_null=True)
    participants = serializers.IntegerField()
    counted_total = serializers.IntegerField(
        help_text="total participants of the activities where this audience was counted"
    )
    participation_share = serializers.DecimalField(max_digits=9, decimal_places=4, allow_null=True)
    ratio = serializers.DecimalField(max_digits=9, decimal_places=4, allow_null=True)
    is_flagged = serializers.BooleanField()


class RepresentationApi(PublicApiMixin, APIView):
    """Each audience's share of participation against its population share, for a council."""

    query_params_allowed = ("baslangic", "bitis", "kurul", "etkinlik", "esik")

    class RepresentationSerializer(serializers.Serializer):
        council = serializers.CharField(source="council.slug")
        body = serializers.CharField(source="body.slug", allow_null=True, default=None)
        event = serializers.IntegerField(source="event.pk", allow_null=True, default=None)
        starts_on = serializers.DateField(allow_null=True)
        ends_on = serializers.DateField(allow_null=True)
        threshold = serializers.DecimalField(max_digits=4, decimal_places=2)
        activities = serializers.IntegerField()
        total_participants = serializers.IntegerField()
        audiences = RepresentationAudienceSerializer(source="rows", many=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("baslangic", str, description="start date, YYYY-MM-DD"),
            OpenApiParameter("bitis", str, description="end date, YYYY-MM-DD"),
            OpenApiParameter("kurul", str, description="body slug"),
            OpenApiParameter("etkinlik", int, description="event id (public events only)"),
            OpenApiParameter("esik", str, description="flag threshold, 0.01–1 (default 0.5)"),
        ],
        responses=RepresentationSerializer,
    )
    def get(self, request, slug: str):
        council = get_object_or_404(Council.objects.listed(), slug=slug)
        event = request.query_params.get("etkinlik")
        if event is not None and not (event.isascii() and event.isdigit()):
            raise BadQuery(_("etkinlik bir tam sayı olmalı."))
        form = DashboardFilterForm(request.query_params or None, council=council)
        if form.is_bound and not form.is_valid():
            raise BadQuery(
                " ".join(
                    f"{name}: {' '.join(str(message) for message in messages)}"
                    for name, messages in form.errors.items()
                )
            )
        data = form.cleaned_data if form.is_bound else {}
        report = representation_report(
            council=council,
            body=data.get("kurul"),
            starts_on=data.get("baslangic"),
            ends_on=data.get("bitis"),
            threshold=data.get("esik"),
            event=data.get("etkinlik"),
        )
        return Response(self.RepresentationSerializer(report).data)
