from django.core.management.base import BaseCommand
from tqdm import tqdm

from ingest import services
from ingest.errors import IngestError
from ingest.models import Article

from ._pipeline import link_now


class Command(BaseCommand):
    help = "Re-run extraction, understanding and linking on stored articles, with progress."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale", action="store_true", help="Only articles from an older pipeline version."
        )
        parser.add_argument("--ids", nargs="*", type=int, help="Only these article ids.")

    def handle(self, *args, stale, ids, **options):
        articles = Article.objects.order_by("pk")
        if stale:
            articles = articles.filter(pipeline_version__lt=services.PIPELINE_VERSION)
        if ids:
            articles = articles.filter(pk__in=ids)
        failed = 0
        pks = list(articles.values_list("pk", flat=True))
        for pk in tqdm(pks, desc="articles", unit="article", file=self.stderr):
            article = Article.objects.get(pk=pk)
            try:
                services.article_reprocess(article=article)
            except IngestError as error:
                failed += 1
                Article.objects.filter(pk=pk).update(error=str(error)[:2000])
                continue
            link_now(pk)
        self.stdout.write(f"reprocessed {len(pks) - failed} article(s), {failed} failed")
