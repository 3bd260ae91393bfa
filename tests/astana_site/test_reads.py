"""Reads that never write skip the load snapshot; everything else keeps it."""

import pytest
from django.test import RequestFactory

from astana_site.reads import ReadOnlyRequestMiddleware, reading_only, snapshots_wanted
from rounds.models import Round
from rounds.services import ReadForDisplayError, curated_save

pytestmark = pytest.mark.django_db


def _loaded(request_method: str) -> bool:
    seen = {}

    def view(request):
        seen["snapshot"] = hasattr(Round.objects.get(number=8), "_loaded_values")
        return "answer"

    middleware = ReadOnlyRequestMiddleware(view)
    assert middleware(getattr(RequestFactory(), request_method)("/")) == "answer"
    return seen["snapshot"]


def test_a_get_reads_without_snapshots_and_a_post_with_them():
    assert _loaded("get") is False
    assert _loaded("head") is False
    assert _loaded("post") is True
    assert snapshots_wanted()  # back to the default after the request


def test_reading_only_is_scoped_and_nests():
    with reading_only():
        assert not hasattr(Round.objects.get(number=8), "_loaded_values")
        with reading_only():
            assert not snapshots_wanted()
        assert not snapshots_wanted()
    assert hasattr(Round.objects.get(number=8), "_loaded_values")


def test_a_record_read_for_display_is_refused_by_a_save_and_saved_once_read_again():
    with reading_only():
        shown = Round.objects.get(number=8)
    shown.venue = "Rixos President Hotel"
    with pytest.raises(ReadForDisplayError):
        curated_save(shown, reason="venue per the MFA")
    assert Round.objects.get(number=8).venue != "Rixos President Hotel"

    rnd = Round.objects.get(number=8)
    rnd.venue = "Rixos President Hotel"
    curated_save(rnd, reason="venue per the MFA")
    stored = Round.objects.get(number=8)
    assert stored.venue == "Rixos President Hotel"
    assert stored.history.first().history_change_reason == "venue per the MFA"


def test_a_json_value_that_cannot_be_encoded_counts_as_changed():
    from rounds.models.base import changed_fields

    rnd = Round.objects.get(number=8)
    rnd.outcomes = [{1: "a", "b": 2}]  # mixed key types: json.dumps(sort_keys=True) fails
    assert changed_fields(rnd) == ["outcomes"]


def test_a_list_changed_in_place_is_a_changed_field():
    from rounds.models.base import changed_fields

    rnd = Round.objects.get(number=8)
    assert changed_fields(rnd) == []

    rnd.outcomes.append("A working group on detainees was set up.")
    rnd.name = rnd.name  # the same value is no change

    assert changed_fields(rnd) == ["outcomes"]
    curated_save(rnd, reason="outcome added")
    assert Round.objects.get(number=8).outcomes[-1] == "A working group on detainees was set up."
    assert changed_fields(rnd) == []
