"""The search page: what it finds on SQLite and on PostgreSQL alike (run this file with
``DATABASE_URL`` pointing at PostgreSQL for the second), and what it costs in queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard import search as page_search
from ingest.services import article_ingest_content
from rounds.models import Event

pytestmark = pytest.mark.django_db

# Sentences written for these tests (no third-party article text).
ARTICLES = {
    "ru": (
        "Переговоры в Астане",
        "Делегации Турции и Ирана обсудили положение в Сирии на встрече в Астане. "
        "Следующая встреча пройдет в Сочи.",
    ),
    "tr": (
        "Çavuşoğlu görüşmeleri değerlendirdi",
        "Dışişleri Bakanı Mevlüt Çavuşoğlu, İdlib'deki durumu Soçi'de ele aldı.",
    ),
    "ar": ("محادثات جديدة", "اجتمعت الوفود في أستانا لبحث الوضع في إدلب."),
    "en": ("Talks end in the Kazakh capital", "Delegations met in Nur-Sultan and discussed Idleb."),
}


FILLER = {
    "ru": "Стороны договорились продолжить консультации и подготовить общий документ.",
    "tr": "Taraflar istişarelere devam etme ve ortak bir belge hazırlama kararı aldı.",
    "ar": "واتفق الطرفان على مواصلة المشاورات وإعداد وثيقة مشتركة قبل نهاية الشهر الجاري.",
    "en": "The parties agreed to keep consulting and to prepare a common document by month end.",
}


@pytest.fixture
def articles(db):
    return {
        language: article_ingest_content(
            url=f"https://news.example.org/{language}/1",
            content=f"{title}\n\n{text}\n\n{FILLER[language]} {FILLER[language]}".encode(),
            content_type="text/plain",
            charset="utf-8",
            language=language,
            title=title,
        ).article
        for language, (title, text) in ARTICLES.items()
    }


def _titles(query: str, key: str) -> list[str]:
    results = page_search.search(query=query)
    section = next(s for s in results.sections if s.key == key)
    return [hit.title for hit in section.hits]


def _found(query: str, articles) -> set[str]:
    titles = set(_titles(query, "articles"))
    return {language for language, a in articles.items() if a.title in titles}


@pytest.mark.parametrize(
    ("query", "languages"),
    [
        ("Сирии", {"ru"}),
        ("сирии", {"ru"}),
        ("СИРИИ", {"ru"}),
        ("Астане", {"ru", "ar", "en"}),
        ("Сочи", {"ru", "tr"}),
        ("Çavuşoğlu", {"tr"}),
        ("cavusoglu", {"tr"}),
        ("Astana", {"ru", "ar", "en"}),
        ("Nur-Sultan", {"ru", "ar", "en"}),
        ("أستانا", {"ru", "ar", "en"}),
        ("Idlib", {"tr", "ar", "en"}),
        ("Idleb", {"tr", "ar", "en"}),
        ("إدلب", {"tr", "ar", "en"}),
        ("İdlib", {"tr", "ar", "en"}),
        ("Mevlüt Çavuşoğlu", {"tr"}),
        ("Nur-Sultan Idleb", {"ar", "en"}),
        ("zzyzx", set()),
    ],
)
def test_articles_found_whatever_the_script_case_accents_and_spelling(articles, query, languages):
    assert _found(query, articles) == languages


@pytest.mark.parametrize(
    "query", ["8", "Astana-8", "round 8", "Round 8", "8-й раунд", "8. tur", "الجولة الثامنة"]
)
def test_a_query_naming_a_round_puts_that_round_first(query):
    titles = _titles(query, "rounds")

    assert titles and titles[0].startswith("Round 8:")


def test_delegation_heads_are_searchable_without_their_accents():
    titles = _titles("Sedat Onal", "rounds")

    assert titles and all(t.startswith("Round ") for t in titles)


def test_results_carry_highlighted_excerpts(articles):
    results = page_search.search(query="Сирии")
    (hit,) = next(s for s in results.sections if s.key == "articles").hits

    assert re.search(r"<mark>Сирии</mark>", hit.snippet)


def test_search_page_pages_one_kind(client):
    html = client.get("/search/?q=round&kind=rounds&page=2").content.decode()

    assert 'rel="prev"' in html
    assert html.count('<h2 id="results-') == 1


def test_search_page_query_count_does_not_grow_with_page_size(client, articles, monkeypatch):
    def queries(per_page: int) -> int:
        monkeypatch.setattr(page_search, "PER_PAGE", per_page)
        with CaptureQueriesContext(connection) as context:
            assert client.get("/search/?q=Astana").status_code == 200
        return len(context.captured_queries)

    assert queries(2) == queries(20)


def test_a_record_is_found_by_its_name_in_another_language():
    """The translated names (rounds.translations) are indexed: Russian, Turkish and Arabic
    readers find a record by the name their page shows."""
    event = Event.objects.filter(slug__contains="congress").exclude(title_ru="").first()
    assert event is not None
    word = max(event.title_ru.split(), key=len)
    hits = page_search.search(query=word, kind="events").sections[0].hits
    assert any(h.url == event.get_absolute_url() for h in hits)


def test_the_page_of_every_kind_ranks_fewer_candidates_than_a_kinds_own_page(monkeypatch):
    # Each kind's first OVERVIEW_CANDIDATES matches on the page of every kind ("N+"); the
    # page of one kind (and the API) rank CANDIDATES.
    from rounds.models import Round

    monkeypatch.setattr(page_search, "OVERVIEW_CANDIDATES", 2)
    assert Round.objects.filter(name__icontains="Astana").count() > 2

    overview = next(s for s in page_search.search(query="Astana").sections if s.key == "rounds")
    own = page_search.search(query="Astana", kind="rounds").sections[0]

    assert (overview.count, overview.capped) == (2, True)
    assert own.count > 2


def test_the_candidates_of_a_common_word_are_its_first_matches_every_time():
    # Ranking looks at the first CANDIDATES matches in the index's order: the same ones on
    # every request (PostgreSQL would start a scan of a large table where the last stopped).
    from ingest.search import article_search_page, parse_query

    texts = [
        "Farmers along the river say the pomegranate crop came in early this autumn, and "
        "cooperatives are hiring seasonal pickers from the nearby villages.",
        "A trade fair in the capital displayed juice, syrup and dried seeds; exporters said "
        "pomegranate shipments to the Gulf doubled compared with last season.",
        "Researchers at the agricultural institute published a study on drought-tolerant "
        "pomegranate varieties grafted onto wild rootstock from mountain orchards.",
        "The municipal market cut its stall fees for a week, and vendors selling figs, "
        "grapes and pomegranate baskets reported queues from the early morning hours.",
    ]
    ids = [
        article_ingest_content(
            url=f"https://news.example.org/en/harvest-{n}",
            content=f"Harvest notes {n}\n\n{text}\n\n{FILLER['en']}".encode(),
            content_type="text/plain",
            charset="utf-8",
            language="en",
            title=f"Harvest notes {n}",
        ).article.pk
        for n, text in enumerate(texts)
    ]
    assert len(set(ids)) == 4
    parsed = parse_query("pomegranate")

    pages = [article_search_page(parsed, limit=10, candidates=2) for _ in range(3)]

    assert all(set(p.ids) == set(sorted(ids)[:2]) for p in pages)
    assert all((p.count, p.capped) == (2, True) for p in pages)
