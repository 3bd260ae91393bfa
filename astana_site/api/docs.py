"""ReDoc served wholly from this site.

The sidecar's ReDoc bundle draws a "Powered by Redocly" logo from ``cdn.redoc.ly``, which the
Content-Security-Policy blocks (a console error) and which would leave the site. The bundle is
served here with that address replaced by an empty ``data:`` image, which fails to decode, so
ReDoc's own error handler drops the logo; nothing else in the bundle changes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularRedocView

REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
OUTSIDE_LOGO = b'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"'
NO_LOGO = b'src:"data:,"'
# The bundle only changes with the installed sidecar package: let browsers keep it a day.
BUNDLE_MAX_AGE = 24 * 3600


@functools.cache
def redoc_bundle_bytes() -> bytes:
    """The sidecar's ReDoc bundle without its outside logo address."""
    path = finders.find(REDOC_BUNDLE)
    if path is None:
        raise FileNotFoundError(REDOC_BUNDLE)
    return Path(path).read_bytes().replace(OUTSIDE_LOGO, NO_LOGO)


@require_safe
def redoc_bundle(request) -> HttpResponse:
    response = HttpResponse(redoc_bundle_bytes(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={BUNDLE_MAX_AGE}"
    return response


class LocalRedocView(SpectacularRedocView):
    """ReDoc with the bundle above."""

    @staticmethod
    def _redoc_standalone() -> str:
        return reverse("api:redoc-bundle")
