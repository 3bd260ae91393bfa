"""What every API view shares: strict query parsing and the JSON 404 for any path under /api/
that no app claims (strict content negotiation: ``astana_site.api.negotiation``)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import ValidationError

from astana_site.api.errors import error_body


class StrictQueryMixin:
    """A query parameter that takes one value may be given once (``?page_size=1&page_size=9``
    is a 400, not "the last one wins")."""

    multi_valued_params: frozenset[str] = frozenset({"kind"})

    def initial(self, request, *args, **kwargs):
        repeated = sorted(
            name
            for name in request.query_params
            if name not in self.multi_valued_params and len(request.query_params.getlist(name)) > 1
        )
        if repeated:
            raise ValidationError(
                {name: [gettext("Give this parameter once.")] for name in repeated}
            )
        super().initial(request, *args, **kwargs)


class SelectorQuerysetMixin:
    """A queryset from the ``selector`` named on the class (``queryset`` stays empty, for the
    schema only)."""

    selector: Callable[[], QuerySet]

    def get_queryset(self):
        return type(self).selector()


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any other path under /api/: the JSON 404 (never the HTML page). A known path without
    its trailing slash is redirected, as Django's APPEND_SLASH would."""
    if not request.path.endswith("/"):
        try:
            resolve(request.path + "/")
        except Resolver404:
            pass
        else:
            query = request.META.get("QUERY_STRING", "")
            target = request.path + "/" + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(target)
    return JsonResponse(
        error_body(
            404, "not_found", gettext("No API endpoint at %(path)s.") % {"path": request.path}
        ),
        status=404,
    )
