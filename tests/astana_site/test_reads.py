"""Reads that never write skip the load snapshot; everything else keeps it."""

import pytest
from django.test import RequestFactory
from django.test.utils import isolate_apps

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


# --- record_from_db --------------------------------------------------------------------------


def _django_record(model, db, names, values):
    from django.db import models

    return models.Model.from_db.__func__(model, db, names, values)


def _same_record(made, django_made) -> None:
    assert type(made) is type(django_made)
    state = {k: v for k, v in made.__dict__.items() if k != "_state"}
    django_state = {k: v for k, v in django_made.__dict__.items() if k != "_state"}
    assert state == django_state
    assert (made._state.adding, made._state.db) == (django_made._state.adding, "default")
    assert made.get_deferred_fields() == django_made.get_deferred_fields()


@pytest.mark.django_db
@pytest.mark.parametrize("deferred", [(), ("summary", "outcomes"), ("place_id",)])
def test_a_record_from_its_row_is_the_record_django_makes(deferred):
    from astana_site.reads import record_from_db
    from rounds.models import Round

    names = [f.attname for f in Round._meta.concrete_fields if f.attname not in deferred]
    row = Round.objects.filter(number=8).values_list(*names).get()
    made = record_from_db(Round, "default", names, row)
    _same_record(made, _django_record(Round, "default", names, row))
    assert made.number == 8 and made.pk
    if "place_id" not in deferred:
        assert made.place.slug == "astana"  # relations load as usual
    for name in deferred:
        assert name not in made.__dict__
    made.refresh_from_db(fields=list(deferred) or None)  # and deferred columns on demand
    stored = Round.objects.get(number=8)
    for name in deferred:
        assert getattr(made, name) == getattr(stored, name)


@pytest.mark.django_db
def test_a_model_with_an_init_signal_is_made_by_django():
    from django.db.models.signals import post_init

    from astana_site.reads import record_from_db
    from rounds.models import Place

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    names = [f.attname for f in Place._meta.concrete_fields]
    row = Place.objects.values_list(*names).first()
    post_init.connect(receiver, sender=Place)
    try:
        made = record_from_db(Place, "default", names, row)
    finally:
        post_init.disconnect(receiver, sender=Place)
    assert len(seen) == 1 and seen[0] is made
    record_from_db(Place, "default", names, row)  # the receiver is gone: not seen
    assert len(seen) == 1


@isolate_apps("rounds")
def test_only_models_whose_columns_are_plainly_stored_are_filled_directly():
    from django.db import models

    from astana_site.reads import _filled_directly
    from rounds.models import Event, Round

    class WithInit(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "rounds"
            managed = False

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

    class WithFile(models.Model):  # noqa: DJ008
        upload = models.FileField()

        class Meta:
            app_label = "rounds"
            managed = False

    assert _filled_directly(Round) and _filled_directly(Event)
    assert not _filled_directly(WithInit)
    assert not _filled_directly(WithFile)  # a file column's descriptor wraps the value
