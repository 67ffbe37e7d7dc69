"""What every public API view shares: a query-parameter allowlist, checked filter values and
conditional GET (docs/api.md).

It lives in core, not in santral.api, because each app's api.py uses it and the apps sit
below the api layer (the same reason as santral/core/pagination.py).

- Unknown query parameters answer 400 with a Turkish message naming the allowed ones: a typo
  such as `?councl=seyhan` would otherwise silently return every council's items.
- Bad filter values (an unknown scope, a date that is not YYYY-MM-DD, a NUL byte) answer 400.
- Every 200 answer to GET/HEAD carries a strong ETag (a hash of the exact bytes sent, so an
  edit of any field on the page changes it) and, where the items have a change time, a
  Last-Modified (the newest on the page); If-None-Match / If-Modified-Since answer 304.
  This spares the bandwidth, not the queries: the answer is built, then compared. Nothing
  is written anywhere.
"""

import hashlib
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_date
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException

# Dates in filters are calendar days in Turkey, whatever the server's or the caller's zone.
ISTANBUL = ZoneInfo("Europe/Istanbul")
# Far enough for any council's record; keeps datetime arithmetic away from year 1 and 9999.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2999, 12, 31)
PAGINATION_PARAMS = frozenset({"page", "page_size"})
MAX_VALUE_LENGTH = 200


class BadQuery(APIException):
    """400 with {"detail": "<Turkish message>"}."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_query"


def check_query_params(params, allowed: Iterable[str], free_text: Iterable[str] = ()) -> None:
    """Raise BadQuery for a parameter outside `allowed`, or for a value no filter can hold
    (a NUL byte, which PostgreSQL refuses with an error, or an absurd length) unless the
    parameter is `free_text` that its view cleans itself (the search's `q`)."""
    allowed = set(allowed)
    unknown = sorted(name for name in params if name not in allowed)
    if unknown:
        raise BadQuery(
            _("Bilinmeyen parametre: %(unknown)s. Kullanılabilecek parametreler: %(allowed)s.")
            % {
                "unknown": ", ".join(name[:40] for name in unknown[:5]),
                "allowed": ", ".join(sorted(allowed)) or _("(yok)"),
            }
        )
    for name in set(params) - set(free_text):
        for value in params.getlist(name):
            if "\x00" in value or len(value) > MAX_VALUE_LENGTH:
                raise BadQuery(_("%(name)s parametresinin değeri geçersiz.") % {"name": name})


def choice_param(params, name: str, choices: Iterable[str]) -> str:
    """The value of `name` ("" when absent); BadQuery when it is not one of `choices`
    (an empty value too: a filter given is a filter meant)."""
    if name not in params:
        return ""
    value = params.get(name).strip()
    choices = list(choices)
    if value not in choices:
        raise BadQuery(
            _("%(name)s şunlardan biri olmalı: %(choices)s.")
            % {"name": name, "choices": ", ".join(choices)}
        )
    return value


def int_param(params, name: str, *, minimum: int, maximum: int) -> int | None:
    if name not in params:
        return None
    value = params.get(name).strip()
    if not (value.isascii() and value.isdigit()) or not minimum <= int(value) <= maximum:
        raise BadQuery(
            _("%(name)s %(minimum)s ile %(maximum)s arasında bir tam sayı olmalı.")
            % {"name": name, "minimum": minimum, "maximum": maximum}
        )
    return int(value)


def date_param(params, name: str) -> date | None:
    """A calendar day written YYYY-MM-DD, between MIN_DATE and MAX_DATE (None when absent)."""
    if name not in params:
        return None
    value = params.get(name).strip()
    try:
        day = parse_date(value) if len(value) == 10 else None
    except ValueError:  # well-formed but impossible, e.g. 2026-02-30
        day = None
    if day is None:
        raise BadQuery(
            _("%(name)s bir tarih olmalı: YYYY-AA-GG (ör. 2026-03-08).") % {"name": name}
        )
    if not MIN_DATE <= day <= MAX_DATE:
        raise BadQuery(
            _("%(name)s %(first)s ile %(last)s arasında olmalı.")
            % {"name": name, "first": MIN_DATE.isoformat(), "last": MAX_DATE.isoformat()}
        )
    return day


def date_range_params(params) -> tuple[date | None, date | None]:
    """`since` and `until` (both days included); BadQuery when until is before since."""
    since, until = date_param(params, "since"), date_param(params, "until")
    if since and until and until < since:
        raise BadQuery(_("until, since tarihinden önce olamaz."))
    return since, until


def filter_date_range(
    queryset: QuerySet, field: str, *, since: date | None, until: date | None, is_datetime: bool
) -> QuerySet:
    """Items whose `field` falls on the days since..until in Europe/Istanbul (both included)."""
    if since:
        lower = datetime.combine(since, time.min, tzinfo=ISTANBUL) if is_datetime else since
        queryset = queryset.filter(**{f"{field}__gte": lower})
    if until:
        if is_datetime:
            upper = datetime.combine(until + timedelta(days=1), time.min, tzinfo=ISTANBUL)
            queryset = queryset.filter(**{f"{field}__lt": upper})
        else:
            queryset = queryset.filter(**{f"{field}__lte": until})
    return queryset


DATE_RANGE_PARAMETERS = [
    OpenApiParameter(
        "since",
        OpenApiTypes.DATE,
        description="Bu günden (dahil) sonrakiler, YYYY-AA-GG, Türkiye saatiyle.",
    ),
    OpenApiParameter(
        "until",
        OpenApiTypes.DATE,
        description="Bu güne (dahil) kadar olanlar, YYYY-AA-GG, Türkiye saatiyle.",
    ),
]


def _etag(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:40])


def conditional_response(request, response, *, last_modified: datetime | None = None):
    """Give a rendered 200 response its ETag and Last-Modified; answer 304 (or 412) when
    the request's preconditions say the caller already has it."""
    response.render()
    etag = _etag(response.content)
    response["ETag"] = etag
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    # The answer follows the interface language (labels, links) and the signed-in user.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


class PublicApiMixin:
    """For every public API view (before DRF's view class in the bases).

    `query_params_allowed`: the parameters this endpoint understands (pagination ones are
    added for list views); `query_params_free_text`: those of them the view bounds itself;
    `last_modified_field`: the datetime attribute of the serialised objects that says when
    each last changed ("" when they have none).
    """

    query_params_allowed: tuple[str, ...] = ()
    query_params_free_text: tuple[str, ...] = ()
    last_modified_field: str = ""

    def allowed_query_params(self) -> set[str]:
        allowed = set(self.query_params_allowed)
        if getattr(self, "pagination_class", None) is not None and hasattr(self, "list"):
            allowed |= PAGINATION_PARAMS
        return allowed

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            check_query_params(
                request.query_params, self.allowed_query_params(), self.query_params_free_text
            )

    def get_serializer(self, *args, **kwargs):
        if args and self.last_modified_field:
            objects = args[0] if kwargs.get("many") else [args[0]]
            self.note_last_modified(objects)
        return super().get_serializer(*args, **kwargs)

    def note_last_modified(self, objects: Iterable) -> None:
        found = [getattr(obj, self.last_modified_field, None) for obj in objects]
        found = [value for value in found if isinstance(value, datetime)]
        self._last_modified = max(found) if found else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == status.HTTP_200_OK:
            response = conditional_response(
                request, response, last_modified=getattr(self, "_last_modified", None)
            )
        return response
