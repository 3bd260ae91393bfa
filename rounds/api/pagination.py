from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Page-number pagination with ``count``, ``next`` and ``previous``; ``page_size`` up to 500."""

    page_size_query_param = "page_size"
    max_page_size = 500
