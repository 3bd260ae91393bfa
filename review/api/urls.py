"""The review side's routes under /api/v1/, included by ``astana_site.api_urls``."""

from rest_framework.routers import DefaultRouter

from review.api import views

router = DefaultRouter()
router.include_format_suffixes = False
router.register("articles", views.ArticleViewSet, basename="article")
router.register("suggestions", views.SuggestionViewSet, basename="suggestion")

urlpatterns = router.urls
