"""Ingestion's routes under /api/v1/, included by ``astana_site.api_urls``."""

from rest_framework.routers import DefaultRouter

from ingest.api import views

router = DefaultRouter()
router.include_format_suffixes = False
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = router.urls
