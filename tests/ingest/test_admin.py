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


def _local_article() -> Article:
    return Article.objects.create(
        url="file:///srv/private/inbox/a.txt",
        canonical_url="file:///srv/private/inbox/a.txt",
        title="From a file",
        text="Body",
    )


def test_an_analyst_corrects_an_articles_title_url_outlet_and_date(analyst_client, analyst):
    # Given an article ingested from a local file
    article = _local_article()
    url = reverse("admin:ingest_article_change", args=[article.pk])
    page = analyst_client.get(url).content.decode()
    assert "/srv/private" not in page and 'name="_save"' in page
    # When an analyst gives it its real title, address, outlet and date, with a reason
    response = analyst_client.post(
        url,
        {
            "title": "Guarantors announce the 23rd round",
            "address": "https://tass.com/politics/123",
            "outlet": "TASS",
            "published": "2025-02-10",
            "change_reason": "Found the original",
            "sightings-TOTAL_FORMS": "0",
            "sightings-INITIAL_FORMS": "0",
        },
    )
    # Then it is stored, with the web address as its key, and history names the analyst
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.title, article.url, article.outlet, str(article.published)) == (
        "Guarantors announce the 23rd round",
        "https://tass.com/politics/123",
        "TASS",
        "2025-02-10",
    )
    assert article.canonical_url == "https://tass.com/politics/123"
    latest = article.history.first()
    assert (latest.history_user, latest.history_change_reason) == (analyst, "Found the original")


def test_an_empty_address_keeps_a_local_files_key_and_a_reason_is_needed(analyst_client):
    article = _local_article()
    url = reverse("admin:ingest_article_change", args=[article.pk])
    data = {"title": "Better title", "address": "", "outlet": "", "published": ""}
    data.update({"sightings-TOTAL_FORMS": "0", "sightings-INITIAL_FORMS": "0"})
    refused = analyst_client.post(url, data)
    assert "change_reason" in refused.context["adminform"].form.errors
    saved = analyst_client.post(url, {**data, "change_reason": "Title"})
    assert saved.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.url) == ("Better title", "file:///srv/private/inbox/a.txt")


def test_the_correction_service_refuses_a_non_web_address_and_other_fields(analyst):
    from django.core.exceptions import ValidationError

    from astana_site.exceptions import TrackerError
    from ingest import services

    article = _local_article()
    with pytest.raises(ValidationError):
        services.article_correct(
            article=article, data={"url": "file:///etc/passwd"}, user=analyst, reason="x"
        )
    with pytest.raises(TrackerError):
        services.article_correct(article=article, data={"text": "x"}, user=analyst, reason="x")
    assert Article.objects.get(pk=article.pk).url == "file:///srv/private/inbox/a.txt"


def test_read_only_admin_pages_show_no_save_button(analyst_client, client, reader):
    from django.contrib.auth.models import Permission

    from ingest.models import Sighting

    article = _local_article()
    sighting = Sighting.objects.create(
        article=article, url=article.url, canonical_url=article.url, title="From a file"
    )
    # A sighting is the pipeline's record: read-only even for an analyst
    page = analyst_client.get(reverse("admin:ingest_sighting_change", args=[sighting.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="_save"' not in html and 'name="_continue"' not in html
    assert "/srv/private" not in html
    # An article seen by someone who may only view it
    reader.is_staff = True
    reader.save()
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(reader)
    html = client.get(reverse("admin:ingest_article_change", args=[article.pk])).content.decode()
    assert "From a file" in html and 'name="_save"' not in html
    assert "/srv/private" not in html
