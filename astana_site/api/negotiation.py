"""Strict content negotiation, DRF's ``DEFAULT_CONTENT_NEGOTIATION_CLASS``.

A module of its own: DRF imports it while defining ``APIView``, so it must not import DRF's
views (a ``Request`` made before them would otherwise meet a half-imported module)."""

from __future__ import annotations

from django.utils.translation import gettext
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class StrictContentNegotiation(DefaultContentNegotiation):
    """``?format=`` must name a format this endpoint has: anything else (an empty one too) is
    a 406 naming the formats it offers, like an ``Accept`` header it cannot satisfy."""

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if requested is not None:
            offered = [r.format for r in renderers]
            if requested not in offered:
                raise NotAcceptable(
                    gettext("Unknown format %(format)s; this endpoint offers: %(offered)s.")
                    % {"format": repr(requested[:20]), "offered": ", ".join(offered)}
                )
        return super().select_renderer(request, renderers, format_suffix)
