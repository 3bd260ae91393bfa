"""The whole ingestion pipeline against extraction alone, on the AEB pages.

For each of the 181 pages of the article extraction benchmark, it times

1. extraction alone (``extract_document``), and
2. the whole pipeline as a Celery task runs it minus the network: extraction, understanding
   (with the curated round calendar), deduplication and storage of the article, then linking
   (citations and suggestions), through ``ingest.services.article_ingest_content`` and
   ``review.linking.article_link`` on a throw-away SQLite database with the reference data.

Pages are alternated between the two modes and each mode gets one warm-up call, so caches and
the language model weigh the same on both. Reading and gunzipping files is not timed.

Usage::

    .venv/bin/python bench/bench_pipeline.py [--aeb DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_AEB = ROOT.parent / "shared" / "eval" / "aeb"


def setup_django(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "astana_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    truth = json.loads((args.aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (
            pid,
            truth[pid]["url"],
            gzip.decompress((args.aeb / "html" / f"{pid}.html.gz").read_bytes()),
        )
        for pid in sorted(truth)[: args.limit]
    ]
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from ingest import services
        from ingest.errors import IngestError
        from ingest.extraction import extract_document
        from ingest.understanding import understand
        from review.linking import article_link

        def extraction(raw, url):
            return extract_document(raw, content_type="text/html", charset=None, url=url)

        def understanding(raw, url):
            doc = extraction(raw, url)
            understand(
                doc.text,
                published=doc.published,
                language=doc.language,
                calendar=services.round_calendar(),
            )

        def whole(raw, url):
            result = services.article_ingest_content(url=url, content=raw, content_type="text/html")
            article_link(article=result.article)

        modes = {
            "extraction alone": extraction,
            "extraction + understanding": understanding,
            "whole pipeline (+ store, dedup, link)": whole,
        }
        times = {name: [] for name in modes}
        for func in modes.values():  # warm-up
            with contextlib.suppress(IngestError):
                func(pages[0][2], "https://warm.up/" + pages[0][0])
        for pid, url, raw in pages:
            for name, func in modes.items():
                start = time.perf_counter()
                with contextlib.suppress(IngestError):
                    func(raw, f"{url}#{pid}")
                times[name].append(time.perf_counter() - start)
        from ingest.models import Article

        stored = Article.objects.count()
    base = sum(times["extraction alone"])
    print(f"pages: {len(pages)}; articles stored by the whole pipeline: {stored}")
    print(f"{'mode':42} {'pages/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'x extraction':>13}")
    for name, values in times.items():
        total = sum(values)
        p95 = sorted(values)[int(0.95 * (len(values) - 1))] * 1000
        print(
            f"{name:42} {len(values) / total:8.1f} {statistics.median(values) * 1000:7.1f} "
            f"{p95:7.1f} {total / base:13.2f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
