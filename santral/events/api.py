"""Public API of events: GET /api/v1/events/ (published, public events only)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from santral.content.api import FILTER_PARAMETERS, ContentListApi, ContentOutputSerializer


class EventOutputSerializer(ContentOutputSerializer):
    start_at = serializers.DateTimeField()
    end_at = serializers.DateTimeField()
    venue = serializers.CharField()
    address = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    registration_mode = serializers.CharField()
    registration_url = serializers.CharField()


@extend_schema(parameters=FILTER_PARAMETERS)
class EventListApi(ContentListApi):
    """Published public events, latest start first."""

    kind = "events"
    date_field = "start_at"
    serializer_class = EventOutputSerializer
