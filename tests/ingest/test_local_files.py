"""An article ingested from a local file never shows the server's path: its title comes from
the text, and where it has no web address there is no link (pages, search, API)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from ingest.models import Article, title_from_text
from rounds.models import Citation, Round
from rounds.services import curated_save

pytestmark = pytest.mark.django_db

TEXT = (
    "Russia, Iran and Turkey agreed on Friday to hold the 23rd round of the International "
    "Meeting on Syria in the Astana format in the Kazakh capital on March 3-4, 2025, and to "
    "invite the United Nations as observer.\n\n"
    "The guarantors will discuss detainees and the return of refugees.\n"
)


@pytest.fixture
def local_article(tmp_path) -> tuple[Article, str]:
    folder = tmp_path / "srv-private-inbox"
    folder.mkdir()
    path = folder / "tass-feb10.txt"
    path.write_text(TEXT)
    call_command("ingest_file", str(path), "--published", "2025-02-10", stdout=StringIO())
    article = Article.objects.get(url=path.resolve().as_uri())
    # A round cites it, as linking would when it supports a fact
    rnd = Round.objects.get(number=8)
    citation = Citation(
        content_type=ContentType.objects.get_for_model(Round),
        object_id=rnd.pk,
        url="",
        article=article,
    )
    curated_save(citation, reason="test")
    return article, str(folder)


def test_a_text_without_a_title_line_takes_its_first_line_shortened(local_article):
    article, _ = local_article
    assert article.title == title_from_text(TEXT)
    assert article.title.startswith("Russia, Iran and Turkey agreed on Friday")
    assert article.title.endswith("…") and len(article.title) <= 150
    assert article.public_url == ""


@pytest.mark.parametrize(
    "page", ["/articles/", "/search/?q=refugees", "/rounds/8/", "/api/v1/articles/"]
)
def test_no_page_shows_the_server_path_or_an_empty_link(client, local_article, page):
    article, folder = local_article
    html = client.get(page).content.decode()
    assert "Russia, Iran and Turkey agreed" in html
    assert folder not in html and "file:" not in html
    assert 'href=""' not in html


def test_the_api_detail_has_no_path_and_an_empty_url(api_client, local_article):
    article, folder = local_article
    body = api_client.get(f"/api/v1/articles/{article.pk}/").json()
    assert body["url"] == "" and body["sightings"] == []
    assert folder not in str(body)


def test_a_title_from_text_is_empty_for_an_empty_text():
    assert title_from_text("\n  \n") == ""
    assert title_from_text("  Short   line \nmore") == "Short line"
