"""Public API of councils: GET /api/v1/councils/."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from santral.core.api import PublicApiMixin, choice_param

from .models import Council, CouncilKind
from .selectors import council_directory


@extend_schema(
    parameters=[
        OpenApiParameter("province", str, description="İl plaka kodu, ör. 01"),
        OpenApiParameter("kind", str, enum=CouncilKind.values, description="Konsey türü"),
    ]
)
class CouncilListApi(PublicApiMixin, generics.ListAPIView):
    """Every listed council, in Turkish alphabetical order, paginated."""

    query_params_allowed = ("province", "kind")
    last_modified_field = "updated_at"

    class OutputSerializer(serializers.ModelSerializer):
        province = serializers.CharField(source="province.name")
        province_plate = serializers.CharField(source="province.plate")
        district = serializers.CharField(source="district.name", default=None)
        kind_label = serializers.CharField(source="get_kind_display")
        url = serializers.SerializerMethodField()

        class Meta:
            model = Council
            fields = [
                "slug",
                "name",
                "kind",
                "kind_label",
                "province",
                "province_plate",
                "district",
                "status",
                "website",
                "email",
                "founded_on",
                "url",
            ]

        def get_url(self, council: Council) -> str:
            path = council.get_absolute_url()
            request = self.context.get("request")
            return request.build_absolute_uri(path) if request and path else path

    serializer_class = OutputSerializer

    def get_queryset(self):
        params = self.request.query_params
        councils = council_directory(kind=choice_param(params, "kind", CouncilKind.values))
        if province := (params.get("province") or "").strip():
            councils = councils.filter(province__plate=province)
        return councils
