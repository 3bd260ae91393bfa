"""Sources as records: each citation's outlet and reliability tier, filterable and shown best
first."""

import pytest

from rounds.models import Citation, Round
from rounds.sources import source_of


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.mfa.gov.tr/x", ("Ministry of Foreign Affairs of Türkiye", "primary")),
        ("https://lusaka-be.mfa.gov.tr/x", ("Ministry of Foreign Affairs of Türkiye", "primary")),
        ("https://tass.com/politics/1", ("TASS", "agency")),
        ("https://en.inform.kz/news/1", ("Kazinform", "agency")),
        ("https://www.dailysabah.com/a", ("Daily Sabah", "press")),
        ("http://el.kz./news", ("El.kz", "press")),
        ("https://larouchepub.com/a", ("LaRouche Publications (EIR)", "other")),
        ("https://www.zerohedge.com/a", ("ZeroHedge", "other")),
        ("https://en.wikipedia.org/wiki/Astana", ("Wikipedia", "other")),
        ("http://news.xinhuanet.com/english/x.htm", ("Xinhua", "agency")),
        ("https://www.theguardian.com/world/x", ("The Guardian", "press")),
        ("https://unlisted.example/a", ("", "other")),
    ],
)
def test_outlet_and_tier_come_from_the_host(url, expected):
    assert source_of(url) == expected


@pytest.mark.django_db
def test_every_reference_citation_has_an_outlet_and_a_tier():
    citations = Citation.objects.exclude(url="")
    assert citations.exists()
    assert not citations.filter(publisher="").exists()
    tiers = set(citations.values_list("tier", flat=True))
    assert {"primary", "agency", "press", "other"} <= tiers
    tass = citations.filter(url__startswith="https://tass.com/")
    assert tass.exists() and set(tass.values_list("tier", "publisher")) == {("agency", "TASS")}


@pytest.mark.django_db
@pytest.mark.parametrize("tier", ["primary", "agency", "press", "other"])
def test_the_api_filters_citations_by_tier(api_client, tier):
    body = api_client.get("/api/v1/citations/", {"tier": tier, "page_size": 500}).json()
    assert body["count"] > 0
    assert {c["tier"] for c in body["results"]} == {tier}


@pytest.mark.django_db
def test_an_unknown_tier_is_a_400(api_client):
    assert api_client.get("/api/v1/citations/", {"tier": "blog"}).status_code == 400


@pytest.mark.django_db
def test_a_round_lists_its_best_source_first_with_its_tier_visible(client, api_client):
    rnd = max(Round.objects.all(), key=lambda r: len({c.tier for c in r.citations.all()}))
    html = client.get(rnd.get_absolute_url()).content.decode()
    sources = html[html.index('<ul class="sources">') :]
    best = min(rnd.citations.all(), key=lambda c: c.tier_rank)
    first_badge = sources.index('class="badge tier-')
    assert sources[first_badge:].startswith(f'class="badge tier-{best.tier}"')
    inline = api_client.get(f"/api/v1/rounds/{rnd.number}/").json()["citations"]
    assert {c["tier"] for c in inline} == {c.tier for c in rnd.citations.all()}


@pytest.mark.django_db
@pytest.mark.parametrize("number", [4, 11, 22])
def test_a_round_page_names_each_source_with_outlet_date_tier_and_quote(client, number):
    rnd = Round.objects.get(number=number)
    html = client.get(rnd.get_absolute_url()).content.decode()
    sources = html[html.index('<ul class="sources">') :]
    items = sources[: sources.index("</ul>")].split("<li>")[1:]
    citations = sorted(rnd.citations.all(), key=lambda c: (c.tier_rank, c.pk))
    assert len(items) == len(citations)
    for item, c in zip(items, citations, strict=True):
        # best source first, every one with its outlet, its date (or says it has none), its tier
        assert f'href="{c.url}"' in item
        assert c.publisher.replace("'", "&#x27;") in item
        if c.published:
            assert f'<time class="published" datetime="{c.published:%Y-%m-%d}">' in item
        else:
            assert "date not recorded" in item
        assert f'class="badge tier-{c.tier}"' in item
        # a quote where one was read on the stored copy, none where it was not
        assert ("<blockquote" in item) == bool(c.quote)
    assert any(not c.quote for c in citations), "the page should also show a source without quote"
