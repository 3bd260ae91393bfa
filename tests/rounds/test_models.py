import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rounds.models import Event, Round, Zone
from tests.factories import EventFactory, RoundFactory

pytestmark = pytest.mark.django_db


def test_round_number_is_unique():
    # Given round 8 from the reference data
    # When another round claims number 8, then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundFactory(number=8)


def test_round_number_unique_is_reported_by_validation():
    with pytest.raises(ValidationError) as err:
        RoundFactory.build(number=8).full_clean()
    assert "number" in err.value.message_dict


def test_round_end_date_before_start_is_refused_by_validation():
    rnd = RoundFactory.build(
        start_date=datetime.date(2030, 5, 2), end_date=datetime.date(2030, 5, 1)
    )
    with pytest.raises(ValidationError) as err:
        rnd.full_clean()
    assert "end date cannot be before the start date" in str(err.value)


def test_round_end_date_before_start_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundFactory(start_date=datetime.date(2030, 5, 2), end_date=datetime.date(2030, 5, 1))


def test_announced_window_must_not_end_before_it_starts():
    rnd = RoundFactory.build(
        next_meeting_start=datetime.date(2030, 3, 1), next_meeting_end=datetime.date(2030, 2, 1)
    )
    with pytest.raises(ValidationError):
        rnd.full_clean()


def test_held_round_needs_a_start_date():
    rnd = RoundFactory.build(status="held", start_date=None, end_date=None)
    with pytest.raises(ValidationError):
        rnd.full_clean()


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        ("scheduled", "held", True),
        ("scheduled", "postponed", True),
        ("postponed", "scheduled", True),
        ("cancelled", "scheduled", True),
        ("held", "scheduled", False),
        ("held", "postponed", False),
        ("cancelled", "held", False),
    ],
)
def test_round_status_transitions(before, after, allowed):
    # Given a stored round in one status
    RoundFactory(number=200, status=before)
    rnd = Round.objects.get(number=200)
    # When it moves to another
    rnd.status = after
    # Then validation accepts only the transitions the process allows
    if allowed:
        rnd.full_clean()
    else:
        with pytest.raises(ValidationError) as err:
            rnd.full_clean()
        assert "status" in err.value.message_dict


def test_event_status_cannot_leave_held():
    EventFactory(slug="held-event", status="held")
    event = Event.objects.get(slug="held-event")
    event.status = "announced"
    with pytest.raises(ValidationError):
        event.full_clean()


def test_zone_status_on_a_date_follows_its_history():
    ghouta = Zone.objects.prefetch_related("status_changes").get(slug="eastern-ghouta")
    assert ghouta.status_on(datetime.date(2017, 1, 1)) is None
    assert ghouta.status_on(datetime.date(2017, 5, 4)) == "agreed"
    assert ghouta.status_on(datetime.date(2017, 12, 1)) == "operational"
    assert ghouta.status_on(datetime.date(2018, 3, 1)) == "contested"
    assert ghouta.status_on(datetime.date(2019, 1, 1)) == "ended"


def test_guarantor_proxy_lists_only_the_three_guarantors():
    from rounds.models import Guarantor

    assert sorted(Guarantor.objects.values_list("name", flat=True)) == ["Iran", "Russia", "Turkey"]


def test_a_transition_is_judged_from_the_status_last_saved():
    rnd = RoundFactory(number=201, status="scheduled")
    rnd.status = "held"
    rnd.full_clean()
    rnd.save()
    rnd.status = "scheduled"  # held -> scheduled, on the same instance
    with pytest.raises(ValidationError):
        rnd.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "tr", "ar"])
def test_choice_labels_translated_once_read_as_get_display_does(language):
    from django.utils import translation

    from rounds.models import Delegation, Event

    with translation.override(language):
        for d in Delegation.objects.all()[:50]:
            assert d.role_label == d.get_role_display()
        for e in Event.objects.all():
            if not e.overdue:
                assert e.status_label == e.get_status_display()


@pytest.mark.django_db
def test_a_choice_is_displayed_in_the_active_language():
    from django.utils import translation

    from rounds.choices import EventKind

    event = EventFactory(kind=EventKind.CONGRESS)
    with translation.override("ru"):
        russian, expected = event.get_kind_display(), str(EventKind.CONGRESS.label)
    with translation.override("en"):
        english = event.get_kind_display()

    assert english == "Congress"
    assert russian == expected and russian != english
