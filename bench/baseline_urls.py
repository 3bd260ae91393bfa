"""The site's URLs plus the API baseline bench/bench_web.py compares lists with: a plain view
returning ``JsonResponse(list(Model.objects.values()[:100]))``; and, for bench/api_breakdown.py,
the floor of any list DRF answers: the same rows as ``values()`` through the API's own
throttles, filter backend, pagination (with its COUNT) and renderer, with no serializer."""

from functools import cache

from django.apps import apps
from django.http import JsonResponse
from django.urls import path

from astana_site.urls import urlpatterns as site_urlpatterns

PAGE_SIZE = 100


def values_baseline(request, label: str):
    model = apps.get_model(label)
    return JsonResponse(list(model.objects.values(*_columns(model))[:PAGE_SIZE]), safe=False)


def _columns(model) -> list[str]:
    # Every column JSON can carry (an article's compressed raw page is bytes).
    return [
        f.attname for f in model._meta.concrete_fields if f.get_internal_type() != "BinaryField"
    ]


def drf_floor(request, prefix: str):
    return _floor_view(prefix)(request)


@cache
def _floor_view(prefix: str):
    from rest_framework import generics

    from rounds.api.urls import router

    viewset = next(v for registered, v, _name in router.registry if registered == prefix)
    model = viewset.filterset_class._meta.model

    class ValuesList(generics.ListAPIView):
        filterset_class = viewset.filterset_class
        queryset = model.objects.order_by("pk")

        def list(self, request, *args, **kwargs):
            rows = self.filter_queryset(self.get_queryset()).values(*_columns(model))
            return self.get_paginated_response(list(self.paginate_queryset(rows)))

    return ValuesList.as_view()


urlpatterns = [
    path("bench-baseline/<str:label>/", values_baseline),
    path("bench-drf-floor/<str:prefix>/", drf_floor),
    # The site's own list (not include()d: its pages are in i18n_patterns, allowed only at
    # the root URLconf).
    *site_urlpatterns,
]
