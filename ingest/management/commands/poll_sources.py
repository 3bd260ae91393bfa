import logging
import time

from celery.exceptions import Retry
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from kombu.exceptions import OperationalError as BrokerError
from tqdm import tqdm

from astana_site.outages import outage_message
from ingest import services
from ingest.models import Source
from ingest.tasks import source_poll_task


class Command(BaseCommand):
    help = (
        "Poll sources once (all active ones, or only those due with --due), with a progress "
        "bar. Without a broker the whole pipeline runs here; with CELERY_BROKER_URL the polls "
        "are handed to the workers. --every N keeps polling due sources every N seconds: a "
        "scheduler for the embedded default, where no beat runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--due", action="store_true", help="Only sources that are due.")
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS")

    def _summary(self, ids: list[int]) -> None:
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(f"enqueued {len(ids)} source poll(s) for the workers")
            return
        failing = Source.objects.filter(pk__in=ids, failure_count__gt=0).order_by("name")
        for source in failing:
            self.stderr.write(f"{source.name}: {source.last_error_code}: {source.last_error}")
        self.stdout.write(f"polled {len(ids)} source(s), {failing.count()} failing")

    def handle(self, *args, due, every, **options):
        if every < 0:
            raise CommandError("--every must be a number of seconds, 0 or more.")
        while True:
            try:
                self._tick(due=due or bool(every))
            except (DatabaseError, BrokerError) as error:
                # The database or the broker is away: one line, and with --every the next
                # tick tries again rather than the scheduler exiting.
                line = outage_message(error) or _one_line(error)
                if not every:
                    raise CommandError(line) from error
                self.stderr.write(f"poll skipped: {line}")
            if not every:
                return
            time.sleep(every)

    def _tick(self, *, due: bool) -> None:
        sources = services.sources_due() if due else Source.objects.filter(active=True)
        ids = list(sources.values_list("pk", flat=True))
        for source_id in tqdm(ids, desc="sources", unit="source", file=self.stderr):
            try:
                source_poll_task.delay(source_id)
            except Retry as retry:
                # Run in-process (no broker), a transient failure cannot wait for a
                # retry; it is recorded on the source and the next poll tries again.
                self.stderr.write(f"source {source_id}: {retry.exc or retry}")
            except (DatabaseError, BrokerError):
                raise
            except Exception as error:
                # One bad source never stops the others (the task recorded it on the source).
                logger.exception("polling source %s failed", source_id)
                self.stderr.write(f"source {source_id}: {_one_line(error)}")
        self._summary(ids)


logger = logging.getLogger(__name__)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:300]
