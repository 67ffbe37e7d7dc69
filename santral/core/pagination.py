from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import pagination

from .api import BadQuery

DEFAULT_MAX_PAGE_SIZE = 100


def _positive_whole_number(value: str) -> bool:
    return value.isascii() and value.isdigit() and int(value) >= 1


class PageNumberPagination(pagination.PageNumberPagination):
    """The API's one pagination: ?page=N&page_size=M.

    page_size is capped (SANTRAL_API_MAX_PAGE_SIZE, 100 by default): a larger value gets
    the cap, not an error, so a client asking for "everything" is served a page at a time.
    The cap is read on every request so a deployment (or a test) can change it. A page or
    page_size that is not a positive whole number answers 400; a page past the last 404.
    """

    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return getattr(settings, "SANTRAL_API_MAX_PAGE_SIZE", DEFAULT_MAX_PAGE_SIZE)

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not _positive_whole_number(raw):
            raise BadQuery(_("page_size 1 ya da daha büyük bir tam sayı olmalı."))
        return min(int(raw), self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param, "1")
        if raw not in self.last_page_strings and not _positive_whole_number(raw):
            raise BadQuery(_("page 1 ya da daha büyük bir tam sayı olmalı."))
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("Sayfa numarası (1'den başlar)."),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": _(
                    "Sayfadaki kayıt sayısı (varsayılan %(default)s; en çok %(cap)s, "
                    "daha büyüğü %(cap)s sayılır)."
                )
                % {"default": self.page_size, "cap": self.max_page_size},
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
