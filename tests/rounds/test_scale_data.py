"""The generated workload: counts follow the factor, a re-run adds nothing, a seed repeats."""

import pytest
from django.core.management import call_command

from ingest.models import Article, Sighting
from rounds.models import Citation, Delegation, Event, Round, Statement, Suggestion
from rounds.scale_data import BASE, ROUND_BASE, SLUG_PREFIX, URL_MARKER, generate

pytestmark = pytest.mark.django_db


def _generated():
    return {
        "rounds": Round.objects.filter(number__gte=ROUND_BASE),
        "delegations": Delegation.objects.filter(round__number__gte=ROUND_BASE),
        "events": Event.objects.filter(slug__startswith=SLUG_PREFIX),
        "statements": Statement.objects.filter(slug__startswith=SLUG_PREFIX),
        "articles": Article.objects.filter(canonical_url__contains=URL_MARKER),
        "citations": Citation.objects.filter(url__contains=URL_MARKER),
        "suggestions": Suggestion.objects.filter(key__startswith=SLUG_PREFIX),
    }


def _snapshot():
    g = _generated()
    # A cited record by its public key (primary keys change when records are made again).
    keys = {
        "round": dict(Round.objects.values_list("pk", "number")),
        "event": dict(Event.objects.values_list("pk", "slug")),
        "statement": dict(Statement.objects.values_list("pk", "slug")),
    }
    return {
        "rounds": list(g["rounds"].values_list("number", "city", "start_date", "summary")),
        "delegations": sorted(
            g["delegations"].values_list("round__number", "participant__slug", "role")
        ),
        "events": list(g["events"].order_by("slug").values_list("slug", "title", "start_date")),
        "statements": list(g["statements"].order_by("slug").values_list("slug", "text")),
        "articles": list(
            g["articles"].order_by("canonical_url").values_list("canonical_url", "language", "text")
        ),
        "citations": sorted(
            (model, keys[model][object_id], url, tier)
            for model, object_id, url, tier in g["citations"].values_list(
                "content_type__model", "object_id", "url", "tier"
            )
        ),
    }


def _delete_generated():
    g = _generated()
    for kind in ["citations", "suggestions", "articles", "delegations", "events", "statements"]:
        g[kind].delete()
    g["rounds"].delete()


def test_a_factor_sets_the_totals_and_the_texts_are_in_four_languages():
    # Given the reference history (22 rounds, 31 events, 25 statements, no articles)
    # When the workload is generated at 1.2 times today's volume
    call_command("generate_scale_data", factor=1.2, seed=3, verbosity=0)

    # Then each kind totals 1.2 x today's volume
    assert Round.objects.count() == round(BASE["rounds"] * 1.2)
    assert Event.objects.count() == round(BASE["events"] * 1.2)
    assert Statement.objects.count() == round(BASE["statements"] * 1.2)
    assert Article.objects.count() == round(BASE["articles"] * 1.2)
    assert Sighting.objects.count() == Article.objects.count()
    assert _generated()["citations"].count() == round(BASE["citations"] * 1.2)
    assert Suggestion.objects.count() == round(BASE["suggestions"] * 1.2)
    assert _generated()["delegations"].count() >= 7 * _generated()["rounds"].count()
    languages = set(Article.objects.values_list("language", flat=True))
    assert languages == {"en", "ru", "tr", "ar"}
    article = Article.objects.filter(language="ru").first()
    assert 2000 < len(article.text) < 5000
    assert article.get_raw().startswith(b"<!DOCTYPE html>")
    # history is kept for generated curated records, as for any other
    assert Round.history.filter(number__gte=ROUND_BASE).count() == _generated()["rounds"].count()


def test_a_rerun_creates_nothing_and_a_larger_factor_adds_only_the_difference():
    generate(factor=0.2, seed=3)
    before = {kind: qs.count() for kind, qs in _generated().items()}

    again = generate(factor=0.2, seed=3)
    assert set(again.values()) == {0}
    assert {kind: qs.count() for kind, qs in _generated().items()} == before

    more = generate(factor=0.3, seed=3)
    assert more["articles"] == round(BASE["articles"] * 0.3) - before["articles"]
    assert Article.objects.count() == round(BASE["articles"] * 0.3)


def test_the_same_seed_gives_the_same_records_and_another_seed_others():
    generate(factor=1.1, seed=5)
    first = _snapshot()
    assert first["rounds"] and first["events"] and first["articles"] and first["citations"]

    _delete_generated()
    generate(factor=1.1, seed=5)
    assert _snapshot() == first

    _delete_generated()
    generate(factor=1.1, seed=6)
    assert _snapshot()["articles"] != first["articles"]


def test_generated_records_are_searchable_as_if_the_services_wrote_them():
    from ingest.search import article_search_page, parse_query
    from rounds.search import search_page

    generate(factor=1.1, seed=3)

    article = Article.objects.filter(canonical_url__contains=URL_MARKER, language="en").first()
    word = max(article.title.split(), key=len)
    found = article_search_page(parse_query(word), limit=1000).ids
    assert article.pk in found
    rnd = _generated()["rounds"].first()
    assert rnd.pk in search_page("round", parse_query(str(rnd.number)), limit=5).ids
    # a re-run that adds nothing leaves one entry per article, not two
    generate(factor=1.1, seed=3)
    assert article_search_page(parse_query(word), limit=1000).ids.count(article.pk) == 1
