from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """The API's one pagination: ?page=N, at most 200 items a page."""

    page_size_query_param = "page_size"
    max_page_size = 200
