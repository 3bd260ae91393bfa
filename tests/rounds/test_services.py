import pytest
from django.core.exceptions import ValidationError

from astana_site.exceptions import TrackerError
from rounds.models import Round
from rounds.services import curated_delete, curated_save
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
