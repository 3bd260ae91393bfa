"""Root URLs: the public pages in every language, the admin and the versioned API.

Public pages are in ``i18n_patterns``: English unprefixed (``/rounds/8/``), the others under
their language's prefix (``/ru/rounds/8/``, ``/tr/…``, ``/ar/…``). The admin, the API and the
language switcher's endpoint (``/i18n/setlang/``) are unprefixed.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from dashboard.views import FaviconRedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("astana_site.api_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("favicon.ico", FaviconRedirectView.as_view(), name="favicon"),
    *i18n_patterns(path("", include("dashboard.urls")), prefix_default_language=False),
]
