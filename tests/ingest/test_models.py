"""Constraints of ingestion's records, checked by the model and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ingest.models import POLL_INTERVAL_MAX, POLL_INTERVAL_MIN, Source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("minutes", [0, POLL_INTERVAL_MAX + 1])
def test_a_poll_interval_outside_its_range_is_refused_by_the_model_and_the_database(minutes):
    source = Source.objects.create(name="Test feed", url="https://feeds.example.org/test.xml")

    source.poll_interval = minutes
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "poll_interval" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(poll_interval=minutes)


def test_a_poll_interval_at_either_bound_is_valid():
    for minutes in (POLL_INTERVAL_MIN, POLL_INTERVAL_MAX):
        Source(
            name="Test feed", url="https://feeds.example.org/a.xml", poll_interval=minutes
        ).full_clean()
