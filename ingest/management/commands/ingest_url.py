from django.core.management.base import BaseCommand, CommandError

from ingest import services
from ingest.errors import IngestError

from ._pipeline import link_now, result_line


class Command(BaseCommand):
    help = "Fetch one URL and run the whole pipeline synchronously; prints one JSON line."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--refetch", action="store_true", help="Fetch even if stored.")

    def handle(self, *args, url, refetch, **options):
        try:
            result = services.article_ingest_url(url=url, refetch=refetch)
        except IngestError as error:
            raise CommandError(f"{url}: {error}") from error
        link_now(result.article.pk)
        self.stdout.write(result_line(result))
