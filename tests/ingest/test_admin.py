"""The analysts' view of sources and articles."""

import pytest
from django.urls import reverse

from ingest.models import Article, Source

pytestmark = pytest.mark.django_db


def test_sources_list_shows_a_failing_source(analyst_client):
    Source.objects.create(
        name="Broken",
        url="https://feeds.example.org/x.xml",
        failure_count=2,
        last_error_code="timeout",
        last_error="timed out",
    )
    page = analyst_client.get(reverse("admin:ingest_source_changelist")).content.decode()
    assert "✖ timeout (2 failures)" in page


def test_changing_a_source_url_in_the_admin_resets_its_validators(analyst_client):
    source = Source.objects.create(
        name="Feed",
        url="https://feeds.example.org/a.xml",
        etag='"v1"',
        last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
    )
    url = reverse("admin:ingest_source_change", args=[source.pk])
    response = analyst_client.post(
        url,
        {
            "name": "Feed",
            "url": "https://feeds.example.org/b.xml",
            "kind": "feed",
            "language": "",
            "active": "on",
            "poll_interval": "60",
        },
    )
    assert response.status_code == 302, response.content
    source.refresh_from_db()
    assert source.url.endswith("/b.xml") and source.etag == "" and source.next_poll_at is None


def test_adding_a_source_in_the_admin(analyst_client):
    response = analyst_client.post(
        reverse("admin:ingest_source_add"),
        {
            "name": "New",
            "url": "https://feeds.example.org/new.xml",
            "kind": "feed",
            "language": "en",
            "active": "on",
            "poll_interval": "30",
        },
    )
    assert response.status_code == 302
    assert Source.objects.get(name="New").poll_interval == 30


def test_articles_are_read_only_in_the_admin(analyst_client):
    article = Article.objects.create(
        url="https://x.org/a", canonical_url="https://x.org/a", title="A", text="Body"
    )
    page = analyst_client.get(reverse("admin:ingest_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert 'name="text"' not in page.content.decode()
    assert analyst_client.get(reverse("admin:ingest_article_add")).status_code == 403
