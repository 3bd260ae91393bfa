"""Analysts accept, edit-then-accept or reject suggestions; accepted ones go through services."""

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from astana_site.exceptions import TrackerError
from ingest.models import Article
from review.linking import article_link
from review.services import suggestion_accept, suggestion_reject, suggestion_required_permissions
from rounds.models import Citation, Event, Round, Statement, Suggestion

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


def _suggest(article, kind, key, payload, target=None, current=None):
    extra = {}
    if target is not None:
        extra = {"content_type": ContentType.objects.get_for_model(target), "object_id": target.pk}
    return Suggestion.objects.create(
        article=article,
        kind=kind,
        key=key,
        payload=payload,
        current=current or {},
        quote=QUOTE,
        **extra,
    )


def _reviewer(*perms: str) -> User:
    """Staff with the given ``app.codename`` permissions only."""
    user = User.objects.create_user("reviewer", "reviewer@example.org", "pw", is_staff=True)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


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
            "proposed_number": "23",
            "proposed_start": "2025-03-04",
            "proposed_end": "2025-03-05",
            "review_note": "Dates per MFA",
            "_accept": "Save and accept",
        },
    )
    assert response.status_code == 302
    assert str(Round.objects.get(number=23).start_date) == "2025-03-04"
    suggestion.refresh_from_db()
    assert suggestion.payload == {"number": 23, "start": "2025-03-03", "end": "2025-03-04"}
    assert suggestion.applied["start"] == "2025-03-04"
    assert suggestion.review_note == "Dates per MFA"


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


# --- What an accept applies ---------------------------------------------------------------


def _sochi():
    return Event.objects.get(slug="sochi-congress")


def _round8():
    return Round.objects.get(number=8)


@pytest.mark.parametrize(
    ("kind", "proposal", "edits", "target", "field"),
    [
        ("new_round", {}, None, None, "number"),
        ("new_round", {"number": 30}, {"number": "abc"}, None, "number"),
        ("new_round", {"number": 30}, {"number": True}, None, "number"),
        ("new_round", {"number": 30}, {"status": "finished"}, None, "status"),
        ("new_round", {"number": 30}, {"start": "3 March 2030"}, None, "start"),
        ("new_round", {"number": 30}, {"numbr": 31}, None, "numbr"),
        ("event_status", {}, None, _sochi, "status"),
        ("event_status", {"status": "held"}, {"status": "over"}, _sochi, "status"),
        (
            "new_event",
            {"kind": "summit", "start": "2030-05-10"},
            {"round_number": "abc"},
            None,
            "round_number",
        ),
        ("new_event", {"kind": "picnic", "start": "2030-05-10"}, None, None, "kind"),
        ("new_event", {"kind": "summit"}, None, None, "start"),
        ("new_statement", {"round_number": 8, "kind": "provision"}, None, None, "title"),
        ("round_dates", {"start_date": "2017-12-20"}, None, _round8, "end_date"),
        ("round_dates", {"start_date": "2017-12-20", "end_date": 5}, None, _round8, "end_date"),
    ],
)
def test_accept_refuses_missing_or_malformed_values_by_name(
    article, analyst, kind, proposal, edits, target, field
):
    # Given a suggestion whose proposal, or the analyst's edit of it, is incomplete or malformed
    suggestion = _suggest(article, kind, "k", proposal, target() if target else None)
    counts = (Round.objects.count(), Event.objects.count(), Statement.objects.count())
    # When it is accepted, then the error names the field and nothing changes
    with pytest.raises(TrackerError, match=field):
        suggestion_accept(suggestion=suggestion, user=analyst, payload=edits)
    assert (Round.objects.count(), Event.objects.count(), Statement.objects.count()) == counts
    suggestion.refresh_from_db()
    assert suggestion.status == "pending" and suggestion.payload == proposal


def test_accept_of_a_next_meeting_whose_round_is_gone_is_refused(article, analyst):
    suggestion = _suggest(article, "round_next_meeting", "k", {"text": "Next in Astana"})
    with pytest.raises(TrackerError, match="no longer exists"):
        suggestion_accept(suggestion=suggestion, user=analyst)


def test_an_event_for_a_round_not_yet_accepted_is_refused(article, analyst):
    suggestion = _suggest(
        article, "new_event", "k", {"kind": "summit", "start": "2030-05-10", "round_number": 40}
    )
    with pytest.raises(TrackerError, match="round 40 does not exist"):
        suggestion_accept(suggestion=suggestion, user=analyst)


def test_an_edit_of_one_date_keeps_the_other_proposed_date(article, analyst):
    # Given a proposal of both dates of round 8
    rnd = _round8()
    suggestion = _suggest(
        article, "round_dates", "r", {"start_date": "2017-12-20", "end_date": "2017-12-21"}, rnd
    )
    # When the analyst edits only the start
    suggestion_accept(suggestion=suggestion, user=analyst, payload={"start_date": "2017-12-19"})
    # Then the proposed end is kept, not cleared
    rnd.refresh_from_db()
    assert (str(rnd.start_date), str(rnd.end_date)) == ("2017-12-19", "2017-12-21")


def test_accepting_keeps_the_proposal_and_records_what_was_applied(article, analyst):
    proposal = {"number": 23, "start": "2025-03-03", "end": "2025-03-04"}
    suggestion = _suggest(article, "new_round", "round:23", proposal)
    suggestion_accept(suggestion=suggestion, user=analyst, payload={"end_date": "2025-03-05"})
    suggestion.refresh_from_db()
    assert suggestion.payload == proposal
    assert suggestion.applied == {"number": 23, "start": "2025-03-03", "end": "2025-03-05"}
    assert str(Round.objects.get(number=23).end_date) == "2025-03-05"


def test_an_event_status_suggestion_accepted_without_edits_applies_its_proposal(article, analyst):
    event = Event.objects.create(
        slug="tehran-summit-2030", kind="summit", title="Summit", start_date="2030-05-10"
    )
    suggestion = _suggest(
        article, "event_status", "k", {"status": "held"}, event, current={"status": "announced"}
    )
    suggestion_accept(suggestion=suggestion, user=analyst, payload={})
    event.refresh_from_db()
    assert event.status == "held"


# --- Stale suggestions -------------------------------------------------------------------------


def test_a_dates_suggestion_made_against_other_dates_is_refused(article, analyst):
    # Given a suggestion made when round 8 was recorded as 20-21 December
    rnd = _round8()
    suggestion = _suggest(
        article,
        "round_dates",
        "r",
        {"start_date": "2017-12-19", "end_date": "2017-12-20"},
        rnd,
        current={"start_date": "2017-12-20", "end_date": "2017-12-21"},
    )
    # When it is accepted now that the round says 21-22 December, then it is refused
    with pytest.raises(TrackerError, match="changed since this suggestion was made"):
        suggestion_accept(suggestion=suggestion, user=analyst)
    rnd.refresh_from_db()
    assert str(rnd.start_date) == "2017-12-21"


def test_a_status_suggestion_made_against_another_status_is_refused(article, analyst):
    event = Event.objects.create(
        slug="tehran-summit-2030",
        kind="summit",
        title="Summit",
        start_date="2030-05-10",
        status="postponed",
    )
    suggestion = _suggest(
        article, "event_status", "k", {"status": "held"}, event, current={"status": "announced"}
    )
    with pytest.raises(TrackerError, match="changed since"):
        suggestion_accept(suggestion=suggestion, user=analyst)
    event.refresh_from_db()
    assert event.status == "postponed"


def test_a_suggestion_made_by_linking_against_the_present_record_applies(analyst):
    # Given linking proposing other dates for round 8
    article = Article.objects.create(
        url="https://news.example.org/r8",
        canonical_url="https://news.example.org/r8",
        title="Round 8",
        text=QUOTE,
        extraction={
            "relevant": True,
            "meetings": [
                {
                    "kind": "round",
                    "round_number": 8,
                    "start": "2017-12-20",
                    "end": "2017-12-21",
                    "status": "held",
                    "quote": QUOTE,
                }
            ],
        },
    )
    article_link(article=article)
    suggestion = Suggestion.objects.get(article=article, kind="round_dates")
    # When it is accepted, then it applies
    suggestion_accept(suggestion=suggestion, user=analyst)
    assert str(_round8().start_date) == "2017-12-20"


# --- History and permissions ---------------------------------------------------------------


def test_a_review_is_kept_in_the_suggestions_history(article, analyst):
    accepted = _suggest(article, "new_round", "round:23", {"number": 23})
    rejected = _suggest(article, "new_round", "round:24", {"number": 24})
    suggestion_accept(suggestion=accepted, user=analyst, note="Per MFA")
    suggestion_reject(suggestion=rejected, user=analyst, note="Wrong round")
    for suggestion, reason in (
        (accepted, "Accepted: Per MFA"),
        (rejected, "Rejected: Wrong round"),
    ):
        latest = suggestion.history.first()
        assert latest.history_user == analyst
        assert latest.history_change_reason == reason
        assert latest.status != "pending"
    assert accepted.history.last().status == "pending"


@pytest.mark.parametrize(
    ("kind", "needed"),
    [
        ("new_round", "rounds.add_round"),
        ("round_dates", "rounds.change_round"),
        ("round_next_meeting", "rounds.change_round"),
        ("new_event", "rounds.add_event"),
        ("event_dates", "rounds.change_event"),
        ("event_status", "rounds.change_event"),
        ("new_statement", "rounds.add_statement"),
    ],
)
def test_accepting_needs_review_and_the_permission_on_the_affected_model(kind, needed):
    assert suggestion_required_permissions(Suggestion(kind=kind)) == [
        "rounds.change_suggestion",
        needed,
    ]


def test_admin_accept_without_the_models_permission_is_refused(client, article):
    # Given a reviewer who may review suggestions but not add rounds
    client.force_login(_reviewer("rounds.view_suggestion", "rounds.change_suggestion"))
    suggestion = _suggest(article, "new_round", "round:23", {"number": 23})
    url = reverse("admin:rounds_suggestion_change", args=[suggestion.pk])
    # When accepting it one by one and in bulk
    client.post(url, {"proposed_number": "23", "review_note": "", "_accept": "1"})
    changelist = reverse("admin:rounds_suggestion_changelist")
    client.post(changelist, {"action": "accept_selected", "_selected_action": [suggestion.pk]})
    # Then no round is made and the suggestion stays pending
    assert not Round.objects.filter(number=23).exists()
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


# --- The admin's change form ---------------------------------------------------------------


def test_admin_failed_accept_leaves_the_stored_suggestion_untouched(analyst_client, article):
    # Given a pending new-round proposal
    proposal = {"number": 23, "start": "2025-03-03"}
    suggestion = _suggest(article, "new_round", "round:23", proposal)
    url = reverse("admin:rounds_suggestion_change", args=[suggestion.pk])
    # When the analyst edits it into something invalid and presses "Save and accept"
    response = analyst_client.post(
        url, {"proposed_number": "", "proposed_start": "", "review_note": "typo", "_accept": "1"}
    )
    # Then it is refused and the stored suggestion is as it was
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.payload, suggestion.review_note) == (
        "pending",
        proposal,
        "",
    )
    assert not Round.objects.filter(number=23).exists()


def test_admin_reviewed_suggestion_is_read_only(analyst_client, article, analyst):
    suggestion = _suggest(article, "new_round", "round:23", {"number": 23})
    suggestion_reject(suggestion=suggestion, user=analyst, note="Wrong round")
    url = reverse("admin:rounds_suggestion_change", args=[suggestion.pk])
    assert set(analyst_client.get(url).context["adminform"].form.fields) == set()
    analyst_client.post(
        url,
        {
            "payload": '{"number": 99}',
            "proposed_number": "99",
            "review_note": "changed",
            "_continue": 1,
        },
    )
    suggestion.refresh_from_db()
    assert suggestion.payload == {"number": 23} and suggestion.review_note == "Wrong round"


def test_admin_shows_a_suggestions_history_and_refuses_reverting_it(
    analyst_client, article, analyst
):
    suggestion = _suggest(article, "new_round", "round:23", {"number": 23})
    suggestion_reject(suggestion=suggestion, user=analyst, note="Wrong round")
    history_url = reverse("admin:rounds_suggestion_history", args=[suggestion.pk])
    assert "Rejected: Wrong round" in analyst_client.get(history_url).content.decode()
    first = suggestion.history.last()
    revert_url = reverse(
        "admin:rounds_suggestion_simple_history", args=[suggestion.pk, first.history_id]
    )
    response = analyst_client.post(revert_url, {"payload": '{"number": 23}', "review_note": ""})
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"


def test_queue_shows_readable_titles_and_the_record_beside_the_proposal(analyst_client, article):
    rnd = Round.objects.get(number=8)
    suggestion = _suggest(
        article,
        "round_dates",
        "round:8:2017-12-20:2017-12-21",
        {"start_date": "2017-12-20", "end_date": "2017-12-21"},
        target=rnd,
        current={"start_date": "2017-12-21", "end_date": "2017-12-22"},
    )

    listing = analyst_client.get(reverse("admin:rounds_suggestion_changelist")).content.decode()
    form = analyst_client.get(
        reverse("admin:rounds_suggestion_change", args=[suggestion.pk])
    ).content.decode()

    assert "Round 8: dates 20–21 Dec 2017 instead of 21–22 Dec 2017" in listing
    assert ">Different round dates: round:8:2017-12-20:2017-12-21<" not in listing
    assert 'class="suggestion-comparison"' in form
    assert "<del>2017-12-21</del><ins>2017-12-20</ins>" in form


def test_admin_index_counts_pending_suggestions(analyst_client, article):
    before = Suggestion.objects.filter(status="pending").count()
    _suggest(
        article, "event_status", "event:x", {"status": "held"}, current={"status": "announced"}
    )

    html = analyst_client.get(reverse("admin:index")).content.decode()

    assert f"<strong>{before + 1}</strong> suggestion" in html
    assert reverse("admin:rounds_suggestion_changelist") + "?status__exact=pending" in html


def test_a_proposal_is_edited_in_the_records_own_fields_not_json(analyst_client, article):
    rnd = Round.objects.get(number=8)
    suggestion = _suggest(
        article,
        "round_dates",
        "round:8:2017-12-20:2017-12-21",
        {"start_date": "2017-12-20", "end_date": "2017-12-21"},
        target=rnd,
        current={"start_date": "2017-12-21", "end_date": "2017-12-22"},
    )
    url = reverse("admin:rounds_suggestion_change", args=[suggestion.pk])

    form = analyst_client.get(url).content.decode()
    analyst_client.post(
        url,
        {
            "proposed_start_date": "2017-12-20",
            "proposed_end_date": "2017-12-22",
            "review_note": "Closing day per MFA",
            "_continue": "1",
        },
    )

    assert 'type="date" name="proposed_start_date" value="2017-12-20"' in form
    assert 'name="payload"' not in form
    suggestion.refresh_from_db()
    assert suggestion.payload == {"start_date": "2017-12-20", "end_date": "2017-12-22"}
    assert suggestion.status == "pending"


def test_reviewing_goes_on_to_the_next_pending_suggestion(analyst_client, article):
    first = _suggest(article, "new_round", "round:23", {"number": 23})
    second = _suggest(article, "new_round", "round:24", {"number": 24})
    url = reverse("admin:rounds_suggestion_change", args=[second.pk])

    page = analyst_client.get(url).content.decode()
    response = analyst_client.post(url, {"proposed_number": "24", "_reject": "1"})
    last = analyst_client.post(
        reverse("admin:rounds_suggestion_change", args=[first.pk]),
        {"proposed_number": "23", "_reject": "1"},
    )

    next_url = reverse("admin:rounds_suggestion_change", args=[first.pk])
    assert f'href="{next_url}" data-review-next' in page
    assert 'aria-keyshortcuts="A"' in page and "js/review.js" in page
    assert response["Location"] == next_url
    assert last["Location"] == reverse("admin:rounds_suggestion_changelist")
