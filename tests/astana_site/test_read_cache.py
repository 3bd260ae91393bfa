"""The shared read cache: kept until a service writes; conditional GET on lists, details and
pages (a repeat with the validators costs a 304)."""

import hashlib

import pytest
from django.core.cache import cache

from rounds.models import Round
from rounds.services import curated_update
from tests.api_helpers import if_match

pytestmark = pytest.mark.django_db


def _switched_on(settings, name: str):
    """A cache setting switched on for a test, on an empty cache."""
    setattr(settings, name, True)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def read_cache(settings):
    yield from _switched_on(settings, "READ_CACHE_ENABLED")


def test_an_api_list_is_cached_until_a_write_through_the_api(
    read_cache, api_client, analyst_api, django_assert_num_queries
):
    url = "/api/v1/rounds/?number=8"
    assert api_client.get(url).json()["results"][0]["venue"] != "Hall of Peace"
    with django_assert_num_queries(0):  # the second read comes from the cache
        assert api_client.get(url).status_code == 200

    detail = "/api/v1/rounds/8/"
    response = analyst_api.patch(
        detail,
        {"venue": "Hall of Peace"},
        format="json",
        HTTP_X_CHANGE_REASON="venue corrected",
        **if_match(analyst_api, detail),
    )
    assert response.status_code == 200

    assert api_client.get(url).json()["results"][0]["venue"] == "Hall of Peace"


def test_a_page_is_cached_until_a_service_writes(read_cache, client):
    before = client.get("/rounds/8/")
    assert b"Hall of Peace" not in before.content

    rnd = Round.objects.get(number=8)
    curated_update(rnd, data={"venue": "Hall of Peace"}, reason="venue corrected")

    assert b"Hall of Peace" in client.get("/rounds/8/").content


@pytest.mark.parametrize("url", ["/api/v1/events/?page_size=5", "/api/v1/articles/?page_size=5"])
def test_a_list_repeated_with_its_etag_is_a_304_until_the_data_changes(api_client, url):
    first = api_client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]

    again = api_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    assert again["ETag"] == first["ETag"]
    since = api_client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    other_size = url.replace("page_size=5", "page_size=6")
    other_page = api_client.get(other_size, HTTP_IF_NONE_MATCH=first["ETag"])
    assert other_page.status_code == 200
    as_csv = api_client.get(f"{url}&format=csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert as_csv.status_code == 200

    curated_update(Round.objects.get(number=8), data={"venue": "Hall"}, reason="changed")
    assert api_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_detail_repeated_with_its_etag_is_a_304_until_the_record_changes(api_client):
    first = api_client.get("/api/v1/rounds/8/")
    assert first["Last-Modified"]

    assert api_client.get("/api/v1/rounds/8/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    curated_update(Round.objects.get(number=8), data={"venue": "Hall"}, reason="changed")
    changed = api_client.get("/api/v1/rounds/8/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_page_repeated_with_its_etag_is_a_304(client):
    first = client.get("/events/")
    assert first.status_code == 200 and first["ETag"]

    assert client.get("/events/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/events/?kind=summit", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_signed_in_readers_get_fresh_pages_without_the_data_version(read_cache, analyst_client):
    """A signed-in reader's page is rendered afresh, never from the read cache: its only
    validator is the hash of the page as rendered (ConditionalGetMiddleware), not the data
    version's, and it carries no Last-Modified."""
    response = analyst_client.get("/events/")
    assert response.status_code == 200 and "Last-Modified" not in response
    rendered = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    assert response.get("ETag") in (None, f'"{rendered}"')


# --- An API list's count, kept per filter until a service writes ---------------------------


@pytest.fixture
def count_cache(settings):
    yield from _switched_on(settings, "COUNT_CACHE_ENABLED")


def _count_queries(captured) -> int:
    return sum('COUNT(*) AS "__count"' in q["sql"] for q in captured)


def test_a_list_counts_once_for_every_page_and_presentation_until_a_service_writes(
    count_cache, api_client, analyst_api
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def total(url: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = api_client.get(url)
        assert response.status_code == 200, response.content[:200]
        return response.json()["count"], _count_queries(captured)

    count, counted = total("/api/v1/rounds/?page_size=5")
    assert count == Round.objects.count() and counted == 1
    # Another page, size, language or format: the same rows, counted already.
    assert total("/api/v1/rounds/?page_size=5&page=2&lang=ru") == (count, 0)
    assert total("/api/v1/rounds/?page_size=3&expand=citations") == (count, 0)
    # Other filters choose other rows: a count of their own.
    held = Round.objects.filter(status="held").count()
    assert total("/api/v1/rounds/?status=held") == (held, 1)
    assert total("/api/v1/rounds/?status=held&page_size=2") == (held, 0)

    response = analyst_api.post(
        "/api/v1/rounds/",
        {"number": 99, "name": "Astana-99", "status": "scheduled"},
        format="json",
        HTTP_X_CHANGE_REASON="a test of the count",
    )
    assert response.status_code == 201, response.content[:300]
    assert total("/api/v1/rounds/?page_size=5") == (count + 1, 1)


def test_the_count_is_counted_anew_when_switched_off(settings, count_cache, api_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.COUNT_CACHE_ENABLED = False
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            assert api_client.get("/api/v1/rounds/?page_size=5").status_code == 200
        assert _count_queries(captured) == 1


def test_the_count_is_kept_per_filter_values_in_their_order_not_per_presentation(count_cache):
    from django.test import RequestFactory
    from rest_framework.request import Request

    from astana_site.api.pagination import StandardPagination

    def key(query: str, path: str = "/api/v1/articles/") -> str:
        request = Request(RequestFactory().get(f"{path}?{query}"))
        return StandardPagination().count_key(request)

    linked_last = key("status=extracted&status=linked")
    assert linked_last != key("status=linked&status=extracted")  # a filter takes its last
    assert linked_last == key("page=2&status=extracted&format=csv&status=linked&lang=ru")
    assert key("status=linked") != key("status=extracted")
    assert key("round=8&status=linked") == key("status=linked&round=8")
    assert key("status=linked", "/api/v1/suggestions/") != key("status=linked")  # per list


def test_the_count_is_not_kept_when_switched_off(settings):
    from django.test import RequestFactory
    from rest_framework.request import Request

    from astana_site.api.pagination import StandardPagination

    settings.COUNT_CACHE_ENABLED = False
    request = Request(RequestFactory().get("/api/v1/articles/"))
    assert StandardPagination().count_key(request) is None


def test_a_kept_count_stands_for_the_data_version_it_was_counted_at(count_cache):
    from astana_site.cache import VERSION_KEY, data_version_and_count

    counts = iter([5, 6])
    key = "astana:api-count:test"
    cache.set(VERSION_KEY, 7, None)
    assert data_version_and_count(key).count(lambda: next(counts)) == 5
    kept = data_version_and_count(key)  # the version and the count in one read
    assert (kept.version, kept.kept) == (7, (7, 5))
    assert kept.count(lambda: pytest.fail("counted again")) == 5
    cache.set(VERSION_KEY, 8, None)  # a write
    assert data_version_and_count(key).count(lambda: next(counts)) == 6
    assert cache.get(key) == (8, 6)
    cache.delete(VERSION_KEY)  # no version yet: one is set, and the count is made
    fresh = data_version_and_count(key)
    assert fresh.version == cache.get(VERSION_KEY) and fresh.kept is None


def test_a_service_that_changes_data_bumps_the_version_after_it_has_written():
    from astana_site.cache import changes_data, data_version

    before = data_version()
    seen = []

    @changes_data
    def service():
        seen.append(data_version())  # what a reader sees while the service writes
        return "done"

    assert service() == "done"
    assert seen == [before]  # not bumped before its writes
    assert data_version() > before

    @changes_data
    def failing():
        raise ValueError("refused")

    with pytest.raises(ValueError):
        failing()
    assert data_version() > seen[0]


@pytest.mark.django_db(transaction=True)
def test_an_article_is_stored_before_the_version_that_shows_it(monkeypatch):
    from astana_site import cache as shared
    from ingest.models import Article
    from ingest.services import article_mark_linked

    article = Article.objects.create(
        url="https://news.example.org/1", canonical_url="https://news.example.org/1", title="1"
    )
    statuses = []
    real = shared.data_changed

    def recording():
        statuses.append(Article.objects.get(pk=article.pk).status)  # as a reader sees it
        real()

    monkeypatch.setattr(shared, "data_changed", recording)
    article_mark_linked(article=article)
    assert statuses == ["linked"]
