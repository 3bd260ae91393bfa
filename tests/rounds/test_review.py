"""Analysts accept, edit-then-accept or reject suggestions; accepted ones go through services."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ingest.models import Article
from rounds.exceptions import TrackerError
from rounds.models import Citation, Event, Round, Suggestion
from rounds.review import suggestion_accept, suggestion_reject

pytestmark = pytest.mark.django_db

QUOTE = "The guarantors will meet again in Astana on March 3-4, 2025."


@pytest.fixture
def article():
    return Article.objects.create(
        url="https://news.example.org/r23",
        canonical_url="https://news.example.org/r23",
        title="Round 23 announced",
        text="Intro. " + QUOTE + " More.",
    )


def _suggest(article, kind, key, payload, target=None):
    from django.contrib.contenttypes.models import ContentType

    extra = {}
    if target is not None:
        extra = {"content_type": ContentType.objects.get_for_model(target), "object_id": target.pk}
    return Suggestion.objects.create(
        article=article, kind=kind, key=key, payload=payload, quote=QUOTE, **extra
    )


def test_accepting_a_new_round_creates_it_with_history_and_citation(article, analyst):
    suggestion = _suggest(
        article,
        "new_round",
        "round:23",
        {
            "number": 23,
            "start": "2025-03-03",
            "end": "2025-03-04",
            "place": "Astana",
            "status": "scheduled",
        },
    )
    rnd = suggestion_accept(suggestion=suggestion, user=analyst)
    assert rnd.number == 23 and rnd.city == "Astana" and rnd.status == "scheduled"
    latest = rnd.history.first()
    assert latest.history_user == analyst
    assert f"suggestion #{suggestion.pk}" in latest.history_change_reason
    assert f"article {article.pk}" in latest.history_change_reason
    citation = Citation.objects.get(object_id=rnd.pk, content_type__model="round")
    assert citation.article == article and citation.quote == QUOTE
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.reviewed_by == analyst


def test_edit_then_accept_applies_the_edited_values(article, analyst):
    event = Event.objects.get(slug="sochi-congress")
    suggestion = _suggest(
        article, "event_dates", "e", {"start_date": "2018-01-28", "end_date": "2018-01-30"}, event
    )
    suggestion_accept(
        suggestion=suggestion,
        user=analyst,
        payload={"start_date": "2018-01-29", "end_date": "2018-01-31"},
    )
    event.refresh_from_db()
    assert str(event.end_date) == "2018-01-31"


def test_rejecting_leaves_curated_data_untouched(article, analyst):
    rnd = Round.objects.get(number=8)
    suggestion = _suggest(
        article, "round_dates", "r", {"start_date": "2017-12-01", "end_date": "2017-12-02"}, rnd
    )
    history = rnd.history.count()
    suggestion_reject(suggestion=suggestion, user=analyst, note="Wrong round")
    rnd.refresh_from_db()
    assert str(rnd.start_date) == "2017-12-21" and rnd.history.count() == history
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected" and suggestion.review_note == "Wrong round"


def test_a_suggestion_is_reviewed_once(article, analyst):
    suggestion = _suggest(article, "new_round", "round:24", {"number": 24})
    suggestion_reject(suggestion=suggestion, user=analyst)
    with pytest.raises(TrackerError):
        suggestion_accept(suggestion=suggestion, user=analyst)


def test_an_invalid_suggestion_changes_nothing(article, analyst):
    rnd = Round.objects.get(number=8)
    suggestion = _suggest(
        article, "round_dates", "r", {"start_date": "2017-12-22", "end_date": "2017-12-01"}, rnd
    )
    with pytest.raises(ValidationError):
        suggestion_accept(suggestion=suggestion, user=analyst)
    rnd.refresh_from_db()
    assert str(rnd.end_date) == "2017-12-22"
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_admin_shows_the_sentence_highlighted_in_the_article(analyst_client, article):
    suggestion = _suggest(article, "new_round", "round:23", {"number": 23})
    response = analyst_client.get(reverse("admin:rounds_suggestion_change", args=[suggestion.pk]))
    assert response.status_code == 200
    assert f'<mark id="quote">{QUOTE}</mark>' in response.content.decode()


def test_admin_save_and_accept(analyst_client, article):
    suggestion = _suggest(
        article, "new_round", "round:23", {"number": 23, "start": "2025-03-03", "end": "2025-03-04"}
    )
    url = reverse("admin:rounds_suggestion_change", args=[suggestion.pk])
    response = analyst_client.post(
        url,
        {
            "payload": '{"number": 23, "start": "2025-03-04", "end": "2025-03-05"}',
            "review_note": "Dates per MFA",
            "_accept": "Save and accept",
        },
    )
    assert response.status_code == 302
    assert str(Round.objects.get(number=23).start_date) == "2025-03-04"


def test_admin_bulk_actions(analyst_client, article):
    a = _suggest(article, "new_round", "round:23", {"number": 23})
    b = _suggest(article, "new_round", "round:24", {"number": 24})
    url = reverse("admin:rounds_suggestion_changelist")
    analyst_client.post(url, {"action": "reject_selected", "_selected_action": [b.pk]})
    analyst_client.post(url, {"action": "accept_selected", "_selected_action": [a.pk, b.pk]})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("accepted", "rejected")
    assert Round.objects.filter(number=23).exists() and not Round.objects.filter(number=24).exists()
