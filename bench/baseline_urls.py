"""The site's URLs plus the API baseline bench/bench_web.py compares lists with: a plain view
returning ``JsonResponse(list(Model.objects.values()[:100]))``."""

from django.apps import apps
from django.http import JsonResponse
from django.urls import path

from astana_site.urls import urlpatterns as site_urlpatterns

PAGE_SIZE = 100


def values_baseline(request, label: str):
    model = apps.get_model(label)
    # Every column JSON can carry (an article's compressed raw page is bytes).
    fields = [
        f.attname for f in model._meta.concrete_fields if f.get_internal_type() != "BinaryField"
    ]
    return JsonResponse(list(model.objects.values(*fields)[:PAGE_SIZE]), safe=False)


urlpatterns = [
    path("bench-baseline/<str:label>/", values_baseline),
    # The site's own list (not include()d: its pages are in i18n_patterns, allowed only at
    # the root URLconf).
    *site_urlpatterns,
]
