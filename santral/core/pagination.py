from django.conf import settings
from rest_framework import pagination

DEFAULT_MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """The API's one pagination: ?page=N&page_size=M.

    page_size is capped (SANTRAL_API_MAX_PAGE_SIZE, 100 by default): a larger value gets
    the cap, not an error, so a client asking for "everything" is served a page at a time.
    The cap is read on every request so a deployment (or a test) can change it.
    """

    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return getattr(settings, "SANTRAL_API_MAX_PAGE_SIZE", DEFAULT_MAX_PAGE_SIZE)
