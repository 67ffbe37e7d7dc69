"""/api/v1/federation/items/: this instance's shared items, for other Santral instances."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from santral.core.api import check_query_params, int_param

from .publishing import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    decode_cursor,
    encode_cursor,
    shared_items_page,
)


class SharedItemsApi(APIView):
    """Shared national and international news and events, changed after the cursor."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("cursor", str, description="Önceki yanıtın imleci (opak)"),
            OpenApiParameter("limit", int, description="En çok 100 (daha büyüğü 100 sayılır)"),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        # the same rules as every public list (docs/api.md): unknown parameters and values no
        # parameter can hold are a 400 in Turkish, a limit above the cap is served capped
        check_query_params(request.query_params, {"cursor", "limit"})
        asked = int_param(request.query_params, "limit", minimum=1, maximum=10**9)
        raw_cursor = request.query_params.get("cursor", "")
        after = decode_cursor(raw_cursor)
        if after is None:
            return Response({"detail": _("İmleç geçersiz; imleçsiz baştan isteyin.")}, status=400)
        limit = min(asked or DEFAULT_LIMIT, MAX_LIMIT)
        items, last, more = shared_items_page(after=after, limit=limit, request=request)
        cursor = encode_cursor(last) if last is not None else (raw_cursor or encode_cursor(0))
        next_url = None
        if more:
            next_url = request.build_absolute_uri(f"{request.path}?cursor={cursor}&limit={limit}")
        return Response(
            {
                "instance": request.build_absolute_uri("/").rstrip("/"),
                "items": items,
                "cursor": cursor,
                "next": next_url,
            }
        )
