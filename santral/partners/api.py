"""Public API of partners: stakeholder profiles and joint projects (read-only).

A stakeholder appears only with a public profile and only with what it chose to
show; contact details (e-mail, phone, address, contact persons) never appear.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers

from santral.core.api import PublicApiMixin
from santral.councils.models import Council

from .models import Organisation, Project
from .selectors import (
    council_public_projects,
    public_organisation,
    public_organisations,
    public_project,
)


class StakeholderSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    registry_number = serializers.SerializerMethodField()
    website = serializers.SerializerMethodField()
    province = serializers.SerializerMethodField()
    district = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "kind",
            "kind_label",
            "registry_number",
            "description",
            "website",
            "province",
            "district",
            "topics",
            "url",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_registry_number(self, organisation) -> str | None:
        return organisation.registry_number or None if organisation.show_registry_number else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_website(self, organisation) -> str | None:
        return organisation.website or None if organisation.show_website else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_province(self, organisation) -> str | None:
        if organisation.show_location and organisation.province_id:
            return organisation.province.name
        return None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_district(self, organisation) -> str | None:
        if organisation.show_location and organisation.district_id:
            return organisation.district.name
        return None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_topics(self, organisation) -> list[str]:
        if not organisation.show_topics:
            return []
        return [topic.name for topic in organisation.topics.all()]

    def get_url(self, organisation) -> str:
        request = self.context.get("request")
        path = organisation.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class StakeholderDetailSerializer(StakeholderSerializer):
    councils = serializers.SerializerMethodField()

    class Meta(StakeholderSerializer.Meta):
        fields = [*StakeholderSerializer.Meta.fields, "councils"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_councils(self, organisation) -> list[dict]:
        if not organisation.show_councils:
            return []
        return [
            {
                "slug": affiliation.council.slug,
                "name": affiliation.council.name,
                "bodies": [body.name for body in affiliation.bodies.all()],
            }
            for affiliation in organisation.affiliations.all()
        ]


@extend_schema(
    parameters=[
        OpenApiParameter("council", str, description="Birlikte çalıştığı konseyin kısa adı"),
        OpenApiParameter("topic", str, description="Konunun kısa adı (slug)"),
    ]
)
class StakeholderListApi(PublicApiMixin, generics.ListAPIView):
    """Stakeholders with a public profile, in Turkish alphabetical order, paginated."""

    serializer_class = StakeholderSerializer
    query_params_allowed = ("council", "topic")
    last_modified_field = "updated_at"

    def get_queryset(self):
        params = self.request.query_params
        organisations = public_organisations()
        if council := (params.get("council") or "").strip():
            organisations = organisations.filter(affiliations__council__slug=council)
        if topic := (params.get("topic") or "").strip():
            # Topics are searchable only where the stakeholder shows them.
            organisations = organisations.filter(show_topics=True, topics__slug=topic)
        return organisations


class StakeholderDetailApi(PublicApiMixin, generics.RetrieveAPIView):
    """One stakeholder's public profile with the councils and bodies it takes part in."""

    serializer_class = StakeholderDetailSerializer
    lookup_field = "slug"
    last_modified_field = "updated_at"

    def get_object(self):
        organisation = public_organisation(slug=self.kwargs["slug"])
        if organisation is None:
            from django.http import Http404

            raise Http404
        return organisation


class ProjectPartnerSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.name")
    organisation_slug = serializers.SerializerMethodField()
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organisation_slug(self, partner) -> str | None:
        return partner.organisation.slug if partner.organisation.is_public else None


class ProjectSerializer(serializers.ModelSerializer):
    council = serializers.CharField(source="council.slug")
    status_label = serializers.CharField(source="get_status_display")
    partners = ProjectPartnerSerializer(many=True)

    class Meta:
        model = Project
        fields = [
            "slug",
            "title",
            "aim",
            "council",
            "status",
            "status_label",
            "starts_on",
            "ends_on",
            "partners",
        ]


class MilestoneSerializer(serializers.Serializer):
    title = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)


class ContributionSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.name")
    kind = serializers.CharField()
    description = serializers.CharField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    contributed_on = serializers.DateField()


class ProjectDetailSerializer(ProjectSerializer):
    milestones = MilestoneSerializer(many=True)
    contributions = ContributionSerializer(many=True)
    bodies = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields,
            "description",
            "bodies",
            "milestones",
            "contributions",
        ]


class CouncilProjectListApi(PublicApiMixin, generics.ListAPIView):
    """A council's public joint projects, newest first, paginated."""

    serializer_class = ProjectSerializer
    last_modified_field = "updated_at"

    def get_queryset(self):
        council = get_object_or_404(Council.objects.listed(), slug=self.kwargs["council_slug"])
        return council_public_projects(council=council).select_related("council")


class CouncilProjectDetailApi(PublicApiMixin, generics.RetrieveAPIView):
    """One public joint project of a council: partners, milestones and contributions."""

    serializer_class = ProjectDetailSerializer
    last_modified_field = "updated_at"

    def get_object(self):
        from django.http import Http404

        council = get_object_or_404(Council.objects.listed(), slug=self.kwargs["council_slug"])
        project = public_project(council=council, slug=self.kwargs["slug"])
        if project is None:
            raise Http404
        return project


# --- Event resource plans (read-only, public events only) -----------------------------------


class ResourceLineSerializer(serializers.Serializer):
    kind = serializers.CharField(source="line.kind")
    kind_label = serializers.CharField(source="line.get_kind_display")
    description = serializers.CharField(source="line.description")
    quantity = serializers.DecimalField(source="line.quantity", max_digits=12, decimal_places=2)
    unit = serializers.CharField(source="line.unit")
    estimated_total = serializers.DecimalField(
        source="line.estimated_total", max_digits=18, decimal_places=2
    )
    source = serializers.CharField(source="line.source")
    source_label = serializers.CharField(source="line.get_source_display")
    institution = serializers.SerializerMethodField()
    covered_quantity = serializers.DecimalField(source="covered", max_digits=12, decimal_places=2)
    uncovered_quantity = serializers.DecimalField(
        source="uncovered", max_digits=12, decimal_places=2
    )
    money_uncovered = serializers.DecimalField(max_digits=18, decimal_places=2)
    state = serializers.CharField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_institution(self, row) -> str | None:
        organisation = row.line.organisation
        return organisation.name if organisation is not None and organisation.is_public else None


class ResourcePlanSerializer(serializers.Serializer):
    event_id = serializers.IntegerField(source="event.pk")
    title = serializers.CharField(source="event.title")
    url = serializers.CharField(source="event.url")
    start_at = serializers.DateTimeField(source="event.start_at")
    readiness = serializers.CharField(source="gap.readiness")
    estimated_total = serializers.DecimalField(
        source="gap.estimated_total", max_digits=18, decimal_places=2
    )
    money_uncovered = serializers.DecimalField(
        source="gap.money_uncovered", max_digits=18, decimal_places=2
    )
    items_uncovered = serializers.IntegerField(source="gap.items_uncovered")
    pledges_unconfirmed = serializers.IntegerField(source="gap.pledges_unconfirmed")
    lines = ResourceLineSerializer(source="gap.lines", many=True)


class CouncilResourcePlanListApi(PublicApiMixin, generics.ListAPIView):
    """Upcoming public events of a council with their resource plan and gap, soonest first.

    Institutions are named only when their profile is public; budget lines, expenditure
    requests and actual costs stay in the back office.
    """

    serializer_class = ResourcePlanSerializer

    def get_queryset(self):
        from django.utils import timezone

        from santral.events.selectors import public_events

        council = get_object_or_404(Council.objects.listed(), slug=self.kwargs["council_slug"])
        return (
            public_events(council=council)
            .filter(end_at__gte=timezone.now())
            .order_by("start_at", "pk")
        )

    def list(self, request, *args, **kwargs):
        from .selectors.resources import events_readiness

        page = self.paginate_queryset(self.get_queryset())
        rows = events_readiness(page)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
