"""The curated domain's routes under /api/v1/, included by ``astana_site.api_urls``."""

from rest_framework.routers import DefaultRouter

from rounds.api import changes, views

router = DefaultRouter()
# ``?format=`` chooses the format; no ``.csv`` suffix routes, so every URL has one spelling.
router.include_format_suffixes = False
router.register("rounds", views.RoundViewSet, basename="round")
router.register("guarantors", views.GuarantorViewSet, basename="guarantor")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("events", views.EventViewSet, basename="event")
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("places", views.PlaceViewSet, basename="place")
router.register("attendance", views.AttendanceViewSet, basename="attendance")
router.register("citations", views.CitationViewSet, basename="citation")
router.register("changes", changes.ChangesViewSet, basename="change")

urlpatterns = router.urls
