"""Where the time of an API list goes: the page's COUNT (cold: a request takes the count kept
since the last write), its query and model objects, serialization, JSON rendering, and the
rest of the request (middleware, DRF's dispatch, throttling, conditional GET, the kept count),
against the plain ``values()`` baseline of bench_web and the
floor of any DRF list (the baseline's rows through the API's throttles, filter backend,
pagination with its COUNT, and renderer, with no serializer: bench/baseline_urls.py).

    DATABASE_URL=postgres://…/astana_bench_x100 CACHE_URL=redis://127.0.0.1:6379/12 \\
        .venv/bin/python bench/api_breakdown.py

Medians of 7 after one warm-up, milliseconds, DEBUG off, read cache off. Not run by
``make bench``: it explains bench_web's API figures (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]


def median_ms(f, n: int = 7) -> float:
    f()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana_site.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.DEBUG = False
    settings.READ_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = "baseline_urls"
    setup_test_environment()
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from astana_site.api.renderers import JSONRenderer
    from rounds.api import views

    client = Client()
    print(
        "| list | request | COUNT (cold) | page query, objects | serialize | JSON | rest "
        "| DRF floor | baseline |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, view, label in [
        ("rounds", views.RoundViewSet, "rounds.Round"),
        ("events", views.EventViewSet, "rounds.Event"),
        ("statements", views.StatementViewSet, "rounds.Statement"),
        ("citations", views.CitationViewSet, "rounds.Citation"),
        ("attendance", views.AttendanceViewSet, "rounds.Delegation"),
        ("places", views.PlaceViewSet, "rounds.Place"),
    ]:
        print(measure(client, name, view, label, JSONRenderer, Request, APIRequestFactory))


def measure(client, name, view, label, renderer, request_class, factory) -> str:
    from astana_site.reads import reading_only

    url = f"/api/v1/{name}/?page_size=100&format=json"
    context = {"request": request_class(factory().get(url)), "expand": frozenset(), "lang": "en"}

    def queryset():
        if getattr(view, "selector_reads_language", False):
            return view.selector(expand=frozenset(), citations_limit=20, lang="en")
        return view.selector(expand=frozenset(), citations_limit=20)

    with reading_only():
        count = median_ms(lambda: queryset().count())
        rows = median_ms(lambda: list(queryset()[:100]))
        objects = list(queryset()[:100])
        serializer = view.serializer_class
        serialize = median_ms(lambda: serializer(objects, many=True, context=context).data)
        data = serializer(objects, many=True, context=context).data
        render = median_ms(lambda: renderer().render({"results": data}))
    total = median_ms(lambda: client.get(url))
    floor_url = f"/bench-drf-floor/{name}/?page_size=100&format=json"
    assert client.get(floor_url).status_code == 200
    floor = median_ms(lambda: client.get(floor_url))
    baseline = median_ms(lambda: client.get(f"/bench-baseline/{label}/"))
    rest = total - rows - serialize - render
    return (
        f"| `{name}` | {total:.1f} | {count:.1f} | {rows:.1f} | {serialize:.1f} | "
        f"{render:.1f} | {rest:.1f} | {floor:.1f} | {baseline:.1f} |"
    )


if __name__ == "__main__":
    main()
