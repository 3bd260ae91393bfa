"""The versioned REST API: every app's routes under /api/v1/, with the schema and docs.

Each app declares its resources in its own ``api/urls.py`` (a router); the root router here
includes them all, so /api/v1/ lists every resource and each keeps one flat, plural URL."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from astana_site.api.docs import LocalRedocView, redoc_bundle
from astana_site.api.views import api_not_found
from ingest.api import urls as ingest_api
from review.api import urls as review_api
from rounds.api import urls as rounds_api

app_name = "api"

router = DefaultRouter()
# ``?format=`` chooses the format; no ``.csv`` suffix routes, so every URL has one spelling.
router.include_format_suffixes = False
for app_api in (rounds_api, ingest_api, review_api):
    router.registry.extend(app_api.router.registry)

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script, so the
    # Content-Security-Policy (script-src 'self') holds on the docs too.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="swagger-ui"),
    path(
        "docs/redoc/",
        LocalRedocView.as_view(url_name="api:schema", template_name="rounds/api/redoc.html"),
        name="redoc",
    ),
    path("docs/redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
    # Last: anything else under /api/v1/ is a JSON 404, not the HTML page.
    re_path(r"", api_not_found),
]
