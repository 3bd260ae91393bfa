"""Recording how a poll went: the next poll is always a date, and a failure always says why."""

import datetime

import pytest
from django.utils import timezone

from ingest.errors import IngestError
from ingest.models import POLL_INTERVAL_MAX, Source
from ingest.services import source_record_failure, source_record_success

pytestmark = pytest.mark.django_db


@pytest.fixture
def source() -> Source:
    return Source.objects.create(name="Test feed", url="https://feeds.example.org/test.xml")


# A value written around the model (before its bounds existed, or by raw SQL) is read as the
# nearest bound rather than breaking the scheduler.
HUGE = 2**63 - 1


def test_a_failure_with_an_out_of_range_interval_is_recorded_and_scheduled(source):
    source.poll_interval = HUGE
    before = timezone.now()

    error = IngestError("feed said no", code="http_error")

    source_record_failure(source=source, error=error)

    source.refresh_from_db()
    assert source.failure_count == 1
    assert (source.last_error, source.last_error_code) == (str(error), "http_error")
    assert (
        before
        < source.next_poll_at
        <= timezone.now() + datetime.timedelta(minutes=4 * POLL_INTERVAL_MAX)
    )


def test_a_success_with_an_out_of_range_interval_is_scheduled_within_the_range(source):
    source.poll_interval = HUGE

    source_record_success(source=source, etag=None, last_modified=None)

    source.refresh_from_db()
    assert source.next_poll_at <= timezone.now() + datetime.timedelta(minutes=POLL_INTERVAL_MAX)


def test_a_failure_is_recorded_whole_or_not_at_all(source, monkeypatch):
    # A count without its error was the trace of a crash between two writes.
    import ingest.services.sources as sources

    def broken(*args, **kwargs):
        raise RuntimeError("scheduler broke")

    monkeypatch.setattr(sources, "_next_poll", broken)

    with pytest.raises(RuntimeError):
        source_record_failure(source=source, error=IngestError("feed said no"))

    source.refresh_from_db()
    assert (source.failure_count, source.last_error, source.next_poll_at) == (0, "", None)
