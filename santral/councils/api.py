"""Public API of councils: GET /api/v1/councils/."""

from rest_framework import generics, serializers

from .models import Council
from .selectors import council_directory


class CouncilListApi(generics.ListAPIView):
    """Every listed council, in Turkish alphabetical order, paginated."""

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
        return council_directory()
