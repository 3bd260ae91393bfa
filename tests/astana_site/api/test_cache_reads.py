"""An API list's first reads from the shared cache (the data version and its kept count) come
in the throttle's round trip to Redis (``astana_site.api.throttling``, ``cache_reads_ahead`` of
``astana_site.api.conditional.ConditionalListMixin``). ``redis_cache``: tests/conftest.py."""

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_api_list_goes_to_redis_once_and_its_kept_count_follows_writes(settings, redis_cache):
    """With Redis, the throttle's script also reads the data version and the list's kept
    count: one command per list request. A write still makes the next request count again
    and changes its ETag."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rounds.models import Place
    from rounds.services import curated_update

    settings.COUNT_CACHE_ENABLED = True
    settings.READ_CACHE_ENABLED = False
    cache.clear()
    client = Client()
    url = "/api/v1/places/?page_size=3"
    client.get(url)  # the script loaded, the version set
    redis = cache._cache.get_client(write=True)
    original = redis.execute_command
    commands: list[str] = []

    def counted(*args, **options):
        commands.append(args[0])
        return original(*args, **options)

    def listed() -> tuple[int, str, int]:
        commands.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts = sum('COUNT(*) AS "__count"' in q["sql"] for q in captured)
        return response.json()["count"], response["ETag"], counts

    redis.execute_command = counted
    try:
        count, etag, counted_rows = listed()
        assert commands == ["EVALSHA"] and counted_rows == 0  # version and count read ahead
        assert count == Place.objects.count()
        assert listed() == (count, etag, 0)

        place = Place.objects.order_by("pk").first()
        curated_update(place, data={"name": f"{place.name} (renamed)"}, reason="test")
        again_count, again_etag, again_counted = listed()
    finally:
        del redis.execute_command
    cache.clear()
    assert again_count == count and again_counted == 1  # counted again at the new version
    assert again_etag != etag


def test_a_read_ahead_stands_only_for_the_keys_it_read():
    from astana_site.cache import VERSION_KEY, ReadAhead, data_version_and_count

    key = "astana:api-count:read-ahead-test"
    cache.set(VERSION_KEY, 7, None)
    cache.set(key, (7, 5))
    try:
        # Read ahead for another list: this one's count is read from the cache.
        other = data_version_and_count(
            key, ReadAhead(frozenset({VERSION_KEY, "another"}), {VERSION_KEY: 9})
        )
        assert (other.version, other.kept) == (7, (7, 5))
        # Read ahead for this list: what it read stands, a key with no value as none.
        ahead = data_version_and_count(
            key, ReadAhead(frozenset({VERSION_KEY, key}), {VERSION_KEY: 9})
        )
        assert (ahead.version, ahead.kept) == (9, None)
    finally:
        cache.delete_many([VERSION_KEY, key])


def test_a_list_shows_a_place_renamed_through_the_services_at_once(settings, kept_tables):
    """The events list reads its places from the table kept for the data version the request
    read (``astana_site.cache.kept_rows``): by no query once kept, and again after a write."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rounds.models import Event
    from rounds.services import curated_update

    settings.READ_CACHE_ENABLED = False
    client = Client()
    event = Event.objects.filter(place__isnull=False).order_by("start_date", "slug").first()
    url = "/api/v1/events/?page_size=500"

    def place_shown() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = client.get(url).json()["results"]
        places_read = sum('FROM "rounds_place"' in q["sql"] for q in captured)
        return next(r["place_name"] for r in rows if r["slug"] == event.slug), places_read

    assert place_shown() == (event.place.name, 1)  # the places read, whole, and kept
    assert place_shown() == (event.place.name, 0)
    curated_update(event.place, data={"name": "Renamed City"}, reason="test")
    assert place_shown() == ("Renamed City", 1)
    assert place_shown() == ("Renamed City", 0)
