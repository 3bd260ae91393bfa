import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from rounds.models import Event, Round

pytestmark = pytest.mark.django_db

CURATED = [m for m in admin.site._registry if m._meta.app_label == "rounds"]


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", CURATED, ids=lambda m: m.__name__)
def test_analyst_sees_changelist_add_and_change_pages(analyst_client, analyst, model):
    # Given an analyst and a stored row of each curated model
    obj = model._default_manager.first()
    # When they open the changelist, the add form and a change form
    pages = [_url(model, "changelist")]
    if admin.site._registry[model].has_add_permission(_request(analyst)):
        pages.append(_url(model, "add"))
    else:  # e.g. suggestions come only from ingestion
        assert analyst_client.get(_url(model, "add")).status_code == 403
    if obj is not None:
        pages.append(_url(model, "change", obj.pk))
        pages.append(_url(model, "history", obj.pk))
    # Then every page renders
    for page in pages:
        response = analyst_client.get(page)
        assert response.status_code == 200, page


@pytest.mark.parametrize("model", CURATED, ids=lambda m: m.__name__)
def test_changelist_search_works_for_every_model(analyst_client, model):
    response = analyst_client.get(_url(model, "changelist"), {"q": "a"})
    assert response.status_code == 200


def test_every_curated_model_is_in_the_admin():
    from django.apps import apps

    registered = set(admin.site._registry)
    for model in apps.get_app_config("rounds").get_models():
        if model.__name__.startswith("Historical"):
            continue
        assert model in registered, model


def test_reader_without_staff_cannot_open_the_admin(client, reader):
    client.force_login(reader)
    response = client.get(_url(Round, "changelist"))
    assert response.status_code == 302


def test_admin_edit_records_user_and_reason_in_history(analyst_client, analyst):
    # Given event "sochi-congress"
    event = Event.objects.get(slug="sochi-congress")
    url = _url(Event, "change", event.pk)
    form = analyst_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "description": "Main session on 30 January.",
            "change_reason": "Schedule per Lavrentiev",
            "start_date": "2018-01-29",
            "end_date": "2018-01-30",
            "participants": [p.pk for p in event.participants.all()],
            "details": '{"attendance": "1,393"}',
            "rounds-citation-content_type-object_id-TOTAL_FORMS": "0",
            "rounds-citation-content_type-object_id-INITIAL_FORMS": "0",
        }
    )
    for key in ("place", "round", "parent"):
        if data.get(key) is not None and hasattr(data[key], "pk"):
            data[key] = data[key].pk
    # When the analyst saves it with a reason
    response = analyst_client.post(url, data)
    # Then it is saved and history names the analyst and the reason
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.description == "Main session on 30 January."
    latest = event.history.first()
    assert latest.history_user == analyst
    assert latest.history_change_reason == "Schedule per Lavrentiev"


def test_admin_save_without_reason_is_refused(analyst_client):
    rnd = Round.objects.get(number=1)
    response = analyst_client.post(_url(Round, "change", rnd.pk), {"name": "x"})
    assert response.status_code == 200
    assert "change_reason" in response.context["adminform"].form.errors


def test_analyst_group_can_change_rounds_but_not_users(analyst):
    assert analyst.has_perm("rounds.change_round")
    assert analyst.has_perm("rounds.add_statement")
    assert not analyst.has_perm("auth.change_user")


def test_round_outcomes_are_edited_one_a_line(analyst_client):
    rnd = Round.objects.get(number=1)
    url = _url(Round, "change", rnd.pk)
    page = analyst_client.get(url).content.decode()
    assert rnd.outcomes[0] in page and '["' not in page.split('name="outcomes"')[1][:200]
    form = analyst_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "outcomes"}
    data.update(
        {
            "outcomes": "First outcome\n\n  Second outcome  \n",
            "change_reason": "Outcomes per MFA",
            "place": rnd.place_id,
            "delegations-TOTAL_FORMS": "0",
            "delegations-INITIAL_FORMS": "0",
            "rounds-citation-content_type-object_id-TOTAL_FORMS": "0",
            "rounds-citation-content_type-object_id-INITIAL_FORMS": "0",
        }
    )
    data.pop("next_meeting_place", None)
    if rnd.next_meeting_place_id:
        data["next_meeting_place"] = rnd.next_meeting_place_id
    response = analyst_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    rnd.refresh_from_db()
    assert rnd.outcomes == ["First outcome", "Second outcome"]


def _round_form_data(analyst_client, rnd) -> tuple[str, dict]:
    url = _url(Round, "change", rnd.pk)
    form = analyst_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "outcomes"}
    data.update(
        {
            "outcomes": "\n".join(rnd.outcomes),
            "place": rnd.place_id,
            "delegations-TOTAL_FORMS": "0",
            "delegations-INITIAL_FORMS": "0",
            "rounds-citation-content_type-object_id-TOTAL_FORMS": "0",
            "rounds-citation-content_type-object_id-INITIAL_FORMS": "0",
        }
    )
    data.pop("next_meeting_place", None)
    if rnd.next_meeting_place_id:
        data["next_meeting_place"] = rnd.next_meeting_place_id
    return url, data


def test_a_form_opened_before_someone_else_changed_the_record_is_refused(analyst_client):
    # Given an analyst who opened round 5's change form
    rnd = Round.objects.get(number=5)
    url, data = _round_form_data(analyst_client, rnd)
    assert data["opened_version"]
    # And a colleague who then changed its venue
    from django.contrib.auth.models import User

    from rounds.services import curated_save

    colleague = User.objects.create_user("colleague", is_staff=True)
    other = Round.objects.get(number=5)
    other.venue = "Colleague's venue"
    curated_save(other, user=colleague, reason="Venue per MFA")
    # When the analyst saves the form they opened earlier
    data.update({"date_note": "My note", "change_reason": "Note"})
    response = analyst_client.post(url, data)
    # Then it is refused, naming what changed and who changed it, and nothing is overwritten
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "changed this record since you opened it" in errors
    assert "colleague" in errors and "venue" in errors and "Colleague's venue" in errors
    stored = Round.objects.get(number=5)
    assert (stored.venue, stored.date_note) == ("Colleague's venue", rnd.date_note)


def test_a_form_of_an_unchanged_record_saves_only_what_it_changed(analyst_client, analyst):
    rnd = Round.objects.get(number=5)
    url, data = _round_form_data(analyst_client, rnd)
    data.update({"date_note": "My note", "change_reason": "Note"})
    response = analyst_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = Round.objects.get(number=5).history.first()
    assert latest.history_user == analyst
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["date_note"]


def test_a_change_between_validation_and_save_is_refused_too(analyst_client, monkeypatch):
    # Given a form whose check passed, and a change made right after it (before the save)
    from django import forms as django_forms

    from rounds import admin as rounds_admin
    from rounds.services import curated_save

    rnd = Round.objects.get(number=5)
    url, data = _round_form_data(analyst_client, rnd)
    other = Round.objects.get(number=5)
    other.venue = "Changed in between"
    curated_save(other, reason="Venue")
    monkeypatch.setattr(
        rounds_admin.ReasonForm, "clean", lambda self: django_forms.ModelForm.clean(self)
    )
    # When the form is saved
    data.update({"date_note": "My note", "change_reason": "Note"})
    response = analyst_client.post(url, data, follow=True)
    # Then the save under the row lock refuses it, says so, and writes nothing
    assert "changed since you read it" in response.content.decode()
    stored = Round.objects.get(number=5)
    assert (stored.venue, stored.date_note) == ("Changed in between", rnd.date_note)


def test_history_shows_list_changes_as_word_diffs_and_who_changed_them_as_text(
    analyst_client, analyst
):
    # Given an analyst's edit of round 8's outcomes, with a reason
    from rounds.services import curated_write

    rnd = Round.objects.get(number=8)
    outcomes = list(rnd.outcomes)
    changed = [outcomes[0] + " and hostages", *outcomes[1:]]
    analyst.first_name, analyst.last_name = "Aigerim", "Analyst"
    analyst.save()
    curated_write(rnd, data={"outcomes": changed}, user=analyst, reason="Per MFA statement")

    # When the analyst opens the round's history
    response = analyst_client.get(_url(Round, "history", rnd.pk))

    # Then the change reads as a word diff, and the name is shown without the user-admin link
    html = response.content.decode()
    assert response.status_code == 200
    assert "<ins> and hostages</ins>" in html
    assert "[185 chars]" not in html and "chars]" not in html
    assert "Aigerim Analyst (analyst)" in html
    assert reverse("admin:auth_user_change", args=[analyst.pk]) not in html
    assert "rounds/admin/history.css" in html
