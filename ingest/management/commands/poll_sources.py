import time

from celery.exceptions import Retry
from django.conf import settings
from django.core.management.base import BaseCommand
from tqdm import tqdm

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
        while True:
            sources = (
                services.sources_due() if (due or every) else Source.objects.filter(active=True)
            )
            ids = list(sources.values_list("pk", flat=True))
            for source_id in tqdm(ids, desc="sources", unit="source", file=self.stderr):
                try:
                    source_poll_task.delay(source_id)
                except Retry as retry:
                    # Run in-process (no broker), a transient failure cannot wait for a
                    # retry; it is recorded on the source and the next poll tries again.
                    self.stderr.write(f"source {source_id}: {retry.exc or retry}")
            self._summary(ids)
            if not every:
                return
            time.sleep(every)
