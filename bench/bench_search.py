"""Search speed: the search page and the API's ``?search=`` at today's size and with many
generated articles, on SQLite or PostgreSQL.

It migrates an empty database (a throw-away SQLite file, or the PostgreSQL database named by
``--database-url``, which must exist and be empty), loads the reference data, adds
``--articles`` generated articles (about 3 KB each, in English, Russian, Turkish and Arabic,
deterministic), builds the search index the way ``manage.py search_rebuild`` does, and times
five queries (a common word, a rare word, a Russian word, a two-word phrase, no hits) through
the Django test client: median and spread of ``--repeat`` runs after one warm-up.

Usage::

    .venv/bin/python bench/bench_search.py [--articles 100000] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("common word", "delegations"),
    ("rare word", "pomegranate"),
    ("Russian word", "переговоров"),
    ("two-word phrase", "ceasefire monitoring"),
    ("no hits", "zzyzxqv"),
]
# Sentences written for this benchmark; every article draws ~25 of them.
SENTENCES = {
    "en": [
        "Delegations of the guarantor states met behind closed doors.",
        "The talks focused on the ceasefire monitoring mechanism in the north.",
        "Observers said the humanitarian situation remained difficult.",
        "The envoy briefed reporters after the second day of consultations.",
        "A working group on detainees and abductees is expected to convene.",
        "The joint statement reaffirmed the sovereignty and territorial integrity of Syria.",
        "Officials discussed the return of refugees and reconstruction.",
        "The next round is expected to take place later this year.",
    ],
    "ru": [
        "Делегации стран-гарантов провели закрытые консультации.",
        "В ходе переговоров обсуждался механизм мониторинга перемирия.",
        "Специальный посланник встретился с журналистами после заседания.",
        "Стороны приняли совместное заявление по итогам встречи.",
    ],
    "tr": [
        "Garantör ülkelerin heyetleri kapalı kapılar ardında görüştü.",
        "Görüşmelerde ateşkesin izlenmesi mekanizması ele alındı.",
        "Ortak açıklamada Suriye'nin toprak bütünlüğü vurgulandı.",
    ],
    "ar": [
        "عقدت وفود الدول الضامنة مشاورات مغلقة.",
        "ناقشت المحادثات آلية مراقبة وقف إطلاق النار.",
        "أكد البيان المشترك على وحدة الأراضي السورية.",
    ],
}
RARE_EVERY = 1000  # one article in this many mentions the rare word


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "astana_site.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")  # persistent, as in production
    import django

    django.setup()


def generate_articles(count: int, seed: int = 12) -> None:
    from ingest.choices import ArticleStatus
    from ingest.models import Article

    rng = random.Random(seed)
    languages = ["en"] * 6 + ["ru", "ru", "tr", "ar"]
    batch = []
    for i in range(count):
        language = rng.choice(languages)
        pool = SENTENCES[language]
        text = " ".join(rng.choice(pool) for _ in range(40 if language == "en" else 45))
        if i % RARE_EVERY == 0:
            text += " A pomegranate was served at the reception."
        batch.append(
            Article(
                url=f"https://bench.example.org/{i}",
                canonical_url=f"https://bench.example.org/{i}",
                title=f"Generated article {i}",
                language=language,
                text=text,
                content_hash=f"bench-{i}",
                status=ArticleStatus.EXTRACTED,
            )
        )
        if len(batch) == 2000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)


def timed(client, url: str, repeat: int) -> tuple[float, float, float]:
    client.get(url)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        runs.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(runs), min(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="Generated articles to add.")
    parser.add_argument("--database-url", default="", help="Default: a throw-away SQLite file.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--existing",
        action="store_true",
        help="Time the database as it is (built by an earlier run), without setting it up.",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment

        from ingest.models import Article
        from ingest.search import article_search_rebuild

        setup_test_environment()
        generated = built = 0.0
        if not args.existing:
            call_command("migrate", verbosity=0)
            call_command("load_reference", verbosity=0)
            start = time.perf_counter()
            generate_articles(args.articles)
            generated = time.perf_counter() - start
            start = time.perf_counter()
            article_search_rebuild()
            built = time.perf_counter() - start
        indexed = Article.objects.count()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        print(
            f"{connection.vendor}, {indexed} articles "
            f"(generated in {generated:.0f} s, indexed in {built:.0f} s), "
            f"median (min-max) of {args.repeat} runs, ms:\n"
        )
        print("| query | page `/search/?q=` | API `/api/v1/articles/?search=` |")
        print("|---|---|---|")
        for label, query in QUERIES:
            page = timed(client, f"/search/?q={query}", args.repeat)
            api = timed(client, f"/api/v1/articles/?search={query}&format=json", args.repeat)
            print(
                f"| {label} (`{query}`) | {page[0]:.1f} ({page[1]:.1f}-{page[2]:.1f}) | "
                f"{api[0]:.1f} ({api[1]:.1f}-{api[2]:.1f}) |"
            )


if __name__ == "__main__":
    main()
