from django.core.management.base import BaseCommand
from django.db import transaction

from ingest.search import article_search_rebuild
from rounds.search import search_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index of rounds, statements, events and articles from the stored "
        "records (the services keep it in step; run this after writing rows around them)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = search_rebuild()
            counts["article"] = article_search_rebuild()
        self.stdout.write(", ".join(f"{n} {kind}s" for kind, n in counts.items()) + " indexed.")
