"""Record names on pages in the reader's language, and ``lang="en"`` where one falls back."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from rounds.models import Event, Round
from rounds.services import curated_save


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


class Named:
    def __init__(self, **values):
        self.__dict__.update(values)


ROUND = Named(name="Astana-8 <b>", name_ru="Астана-8", name_tr="", name_ar="أستانا 8")


def test_tr_shows_the_translation_in_the_current_language():
    with translation.override("ru"):
        assert _render('{% tr r "name" %}', r=ROUND) == "Астана-8"


def test_tr_falls_back_to_english_marked_as_english_and_escaped():
    with translation.override("tr"):
        assert _render('{% tr r "name" %}', r=ROUND) == '<span lang="en">Astana-8 &lt;b&gt;</span>'


def test_tr_on_an_english_page_needs_no_mark():
    with translation.override("en"):
        assert _render('{% tr r "name" %}', r=ROUND) == "Astana-8 &lt;b&gt;"


def test_tr_filter_gives_plain_text_for_titles_and_attributes():
    with translation.override("tr"):
        assert _render('{{ r|tr:"name"|truncatechars:6 }}', r=ROUND) == "Astan…"
    with translation.override("ar"):
        assert _render('{{ r|tr:"name" }}', r=ROUND) == "أستانا 8"


def test_tr_shortens_on_request_and_shows_nothing_for_no_record():
    with translation.override("ru"):
        assert _render('{% tr r "name" truncate=4 %}', r=ROUND) == "Аст…"
        assert _render('{% tr r "name" %}', r=None) == ""


def _get(client, lang: str, name: str, **kwargs):
    """The page in ``lang``: its URL as reversed in that language (with a language prefix
    once the site has one) and the language asked for in the header."""
    with translation.override(lang):
        url = reverse(name, kwargs=kwargs)
        return client.get(url, HTTP_ACCEPT_LANGUAGE=lang)


@pytest.mark.django_db
def test_round_page_in_arabic_names_the_round_and_its_guarantors_in_arabic(client):
    response = _get(client, "ar", "dashboard:round-detail", number=8)
    html = response.content.decode()
    assert response.status_code == 200
    assert "أستانا 8" in html
    assert "البيان المشترك لإيران وروسيا وتركيا" in html
    assert "روسيا" in html


@pytest.mark.django_db
def test_a_name_without_translation_is_shown_in_english_marked_lang_en(client):
    rnd = Round.objects.get(number=8)
    rnd.name_ru = ""
    curated_save(rnd, reason="Russian name under review")
    response = _get(client, "ru", "dashboard:round-detail", number=8)
    html = response.content.decode()
    assert re.search(r'<h1>[^<]*<span lang="en">Astana-8</span></h1>', html)
    assert "Астана" in html  # the city still has its Russian name


@pytest.mark.django_db
def test_english_pages_carry_no_language_marks_on_names(client):
    html = _get(client, "en", "dashboard:round-detail", number=8).content.decode()
    assert "Astana-8" in html
    assert 'lang="en">Astana-8' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        ("dashboard:round-list", {}, "Астана-14"),
        ("dashboard:event-list", {}, "Конгресс сирийского национального диалога"),
        ("dashboard:event-detail", {"slug": "sochi-congress"}, "Конгресс сирийского"),
        ("dashboard:zone-list", {}, "Восточная Гута"),
        ("dashboard:zone-detail", {"slug": "idlib"}, "Зона деэскалации Идлиб"),
        ("dashboard:home", {}, "Восточная Гута"),
    ],
)
def test_pages_in_russian_name_records_in_russian(client, name, kwargs, expected):
    response = _get(client, "ru", name, **kwargs)
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.django_db
def test_statement_page_in_turkish(client):
    from rounds.models import Statement

    statement = Statement.objects.get(slug="round-8-document-1")
    with translation.override("tr"):
        html = client.get(statement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="tr").content
    assert "İran, Rusya ve Türkiye&#x27;nin ortak açıklaması" in html.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dashboard:round-list", "dashboard:event-list", "dashboard:home"])
def test_names_in_another_language_cost_no_query_on_lists(client, name):
    def queries(lang):
        with CaptureQueriesContext(connection) as ctx:
            assert _get(client, lang, name).status_code == 200
        return len(ctx.captured_queries)

    queries("en")  # warm caches
    assert queries("ar") == queries("en")
    assert Event.objects.exists()


@pytest.mark.django_db
def test_the_headline_names_the_latest_rounds_city_in_the_page_language(client):
    latest = Round.objects.exclude(city_ar="").order_by("-start_date").first()
    html = client.get("/ar/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    headline = html[html.index("<dl") : html.index("</dl>")]
    assert latest.city_ar in headline and f">{latest.city}<" not in headline
