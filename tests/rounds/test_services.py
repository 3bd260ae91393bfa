import pytest
from django.core.exceptions import ValidationError

from astana_site.exceptions import TrackerError
from rounds.models import Round
from rounds.models.base import record_version
from rounds.services import StaleRecordError, curated_delete, curated_save
from tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_curated_save_records_user_and_reason(analyst):
    rnd = Round.objects.get(number=3)
    rnd.venue = "Rixos President Hotel"
    curated_save(rnd, user=analyst, reason="Venue per Kazakh MFA")
    latest = rnd.history.first()
    assert (latest.history_user, latest.history_change_reason) == (analyst, "Venue per Kazakh MFA")
    assert latest.venue == "Rixos President Hotel"


def test_curated_save_needs_a_reason(analyst):
    rnd = Round.objects.get(number=3)
    with pytest.raises(TrackerError):
        curated_save(rnd, user=analyst, reason="  ")


def test_invalid_record_is_not_saved_and_history_untouched(analyst):
    rnd = Round.objects.get(number=3)
    count = rnd.history.count()
    rnd.status = "scheduled"  # held -> scheduled is not allowed
    with pytest.raises(ValidationError):
        curated_save(rnd, user=analyst, reason="test")
    assert Round.objects.get(number=3).status == "held"
    assert rnd.history.count() == count


def test_curated_delete_keeps_a_deletion_row_with_reason(analyst):
    rnd = RoundFactory(number=150)
    curated_delete(rnd, user=analyst, reason="Duplicate of round 15")
    row = Round.history.filter(number=150).first()
    assert row.history_type == "-"
    assert row.history_change_reason == "Duplicate of round 15"
    assert row.history_user == analyst


def test_two_saves_of_different_fields_from_the_same_read_both_survive(analyst, reader):
    # Given two people who read round 3 at the same time
    theirs = Round.objects.get(number=3)
    mine = Round.objects.get(number=3)
    # When one changes the venue and the other the date note, each saving their copy
    theirs.venue = "Rixos President Hotel"
    curated_save(theirs, user=analyst, reason="Venue per MFA")
    mine.date_note = "Opened a day late"
    curated_save(mine, user=reader, reason="Date note per TASS")
    # Then both changes are stored, and each history row names its author and only their field
    stored = Round.objects.get(number=3)
    assert (stored.venue, stored.date_note) == ("Rixos President Hotel", "Opened a day late")
    second, first = list(stored.history.all()[:2])
    assert first.history_user == analyst
    assert [c.field for c in first.diff_against(first.prev_record).changes] == ["venue"]
    assert second.history_user == reader
    assert [c.field for c in second.diff_against(second.prev_record).changes] == ["date_note"]
    # And the saved copy now shows the other's change too
    assert mine.venue == "Rixos President Hotel"


def test_a_save_against_a_stale_version_is_refused_and_writes_nothing(analyst):
    rnd = Round.objects.get(number=3)
    version = record_version(rnd)
    other = Round.objects.get(number=3)
    other.venue = "Elsewhere"
    curated_save(other, user=analyst, reason="Venue")
    count = rnd.history.count()

    rnd.date_note = "Stale edit"
    with pytest.raises(StaleRecordError):
        curated_save(rnd, user=analyst, reason="Late", expected_version=version)

    assert Round.objects.get(number=3).date_note != "Stale edit"
    assert rnd.history.count() == count


def test_a_save_with_the_current_version_is_written(analyst):
    rnd = Round.objects.get(number=3)
    version = record_version(rnd)
    rnd.date_note = "Current"
    curated_save(rnd, user=analyst, reason="Note", expected_version=version)
    assert Round.objects.get(number=3).date_note == "Current"
    assert record_version(Round.objects.get(number=3)) == record_version(rnd)


def test_a_delete_against_a_stale_version_keeps_the_record(analyst):
    rnd = RoundFactory(number=151)
    stale = record_version(rnd)
    other = Round.objects.get(number=151)
    other.venue = "Moved"
    curated_save(other, user=analyst, reason="Venue")
    with pytest.raises(StaleRecordError):
        curated_delete(rnd, user=analyst, reason="Duplicate", expected_version=stale)
    assert Round.objects.filter(number=151).exists()


def test_a_save_without_changes_writes_no_history(analyst):
    rnd = Round.objects.get(number=3)
    count = rnd.history.count()
    curated_save(rnd, user=analyst, reason="Nothing")
    assert rnd.history.count() == count
