"""The versioned REST API: every app's routes under /api/v1/, with the schema and docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from rounds.api.views import api_not_found

app_name = "api"

urlpatterns = [
    path("", include("rounds.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script, so the
    # Content-Security-Policy (script-src 'self') holds on the docs too.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="swagger-ui"),
    path(
        "docs/redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="rounds/api/redoc.html"),
        name="redoc",
    ),
    # Last: anything else under /api/v1/ is a JSON 404, not the HTML page.
    re_path(r"", api_not_found),
]
