"""The public pages in English (unprefixed), Russian (/ru/), Turkish (/tr/) and Arabic (/ar/):
routing, the first visit negotiated from Accept-Language, the remembered choice, the switcher
keeping the page and its filters, hreflang alternates, dates in each language, feeds."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.conf import settings
from django.utils import translation

from astana_site.dates import date_span

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("path", "lang", "direction", "heading"),
    [
        ("/rounds/", "en", "ltr", "Rounds of the Astana process"),
        ("/ru/rounds/", "ru", "ltr", "Раунды Астанинского процесса"),
        ("/tr/rounds/", "tr", "ltr", "Astana sürecinin turları"),
        ("/ar/rounds/", "ar", "rtl", "جولات مسار أستانا"),
    ],
)
def test_the_prefix_chooses_the_language(client, path, lang, direction, heading):
    html = _html(client.get(path))

    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert f"<h1>{heading}</h1>" in html


def test_english_is_unprefixed_and_en_is_no_prefix(client):
    assert client.get("/en/rounds/").status_code == 404
    assert client.get("/ru/rounds/8/").status_code == 200
    assert client.get("/ru/api/v1/rounds/").status_code == 404  # the API is not in i18n_patterns


def test_a_first_visit_is_negotiated_from_accept_language(client):
    response = client.get("/rounds/?year=2018", headers={"accept-language": "ar,en;q=0.5"})

    assert response.status_code == 302
    assert response["Location"] == "/ar/rounds/?year=2018"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    english = client.get("/rounds/", headers={"accept-language": "fr,en;q=0.8"})
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()
    # A prefixed address is never redirected, whatever the browser prefers.
    assert client.get("/tr/rounds/", headers={"accept-language": "ar"}).status_code == 200


def test_the_choice_is_remembered_in_the_language_cookie(client):
    response = client.post(
        "/i18n/setlang/", {"language": "tr", "next": "/tr/events/?kind=congress"}
    )

    assert response.status_code == 302 and response["Location"] == "/tr/events/?kind=congress"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "tr"
    # Back on an unprefixed page, the cookie beats the browser's Accept-Language.
    again = client.get("/zones/", headers={"accept-language": "ru"})
    assert again.status_code == 302 and again["Location"] == "/tr/zones/"
    # Choosing English sets the cookie to English: no more redirects.
    client.post("/i18n/setlang/", {"language": "en", "next": "/zones/"})
    assert client.get("/zones/", headers={"accept-language": "ru"}).status_code == 200


def test_the_switcher_keeps_the_page_and_its_filters(client):
    html = _html(client.get("/?year=2018&kind=congress"))
    forms = re.findall(
        r'<form method="post" action="/i18n/setlang/">.*?name="language" value="(\w+)">'
        r'<input type="hidden" name="next" value="([^"]+)">',
        html,
    )

    assert dict(forms) == {
        "ru": "/ru/?year=2018&amp;kind=congress",
        "tr": "/tr/?year=2018&amp;kind=congress",
        "ar": "/ar/?year=2018&amp;kind=congress",
    }
    assert 'class="language current" lang="en" aria-current="true">English</span>' in html
    assert 'name="csrfmiddlewaretoken"' in html

    arabic = _html(client.get("/ar/rounds/?participant=iran"))
    assert 'name="next" value="/rounds/?participant=iran"' in arabic
    assert 'name="next" value="/ru/rounds/?participant=iran"' in arabic


def test_switching_language_on_a_filtered_timeline_keeps_the_filters(client):
    response = client.post(
        "/i18n/setlang/", {"language": "ru", "next": "/ru/?year=2018&participant=turkey"}
    )
    html = _html(client.get(response["Location"]))

    assert response["Location"] == "/ru/?year=2018&participant=turkey"
    assert '<option value="2018" selected>2018</option>' in html
    assert 'value="turkey" selected' in html


def test_every_page_has_hreflang_alternates_and_x_default(client):
    html = _html(client.get("/ru/rounds/8/"))

    for code, path in [("en", "/rounds/8/"), ("ru", "/ru/rounds/8/"), ("tr", "/tr/rounds/8/")]:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}">' in html
    assert '<link rel="alternate" hreflang="ar" href="http://testserver/ar/rounds/8/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/rounds/8/">' in html


def test_a_missing_page_offers_each_language_home(client):
    response = client.get("/ar/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "الصفحة غير موجودة" in html
    assert 'name="next" value="/ru/"' in html


@pytest.mark.parametrize(
    ("language", "same_month", "across_months", "across_years"),
    [
        ("en", "29–30 Jan 2018", "30 Jul – 1 Aug 2018", "29 Dec 2016 – 2 Jan 2017"),
        ("ru", "29–30 января 2018", "30 июля – 1 августа 2018", "29 декабря 2016 – 2 января 2017"),
        ("tr", "29–30 Oca 2018", "30 Tem – 1 Ağu 2018", "29 Ara 2016 – 2 Oca 2017"),
        ("ar", "29–30 يناير 2018", "30 يوليو – 1 أغسطس 2018", "29 ديسمبر 2016 – 2 يناير 2017"),
    ],
)
def test_date_spans_follow_each_language(language, same_month, across_months, across_years):
    d = datetime.date
    with translation.override(language):
        assert date_span(d(2018, 1, 29), d(2018, 1, 30)) == same_month
        assert date_span(d(2018, 7, 30), d(2018, 8, 1)) == across_months
        assert date_span(d(2016, 12, 29), d(2017, 1, 2)) == across_years


def test_pages_write_dates_in_the_page_language(client):
    assert "21–22 декабря 2017" in _html(client.get("/ru/"))
    assert "21 декабря 2017–22 декабря 2017" in _html(client.get("/ru/rounds/8/"))
    assert "21 Aralık 2017" in _html(client.get("/tr/rounds/8/"))
    arabic = _html(client.get("/ar/rounds/8/"))
    assert "21 ديسمبر 2017" in arabic  # Western digits, Arabic month names


def test_feeds_are_per_language(client):
    atom = client.get("/ru/feeds/latest.atom").content.decode()
    assert "Мониторинг Астанинского процесса: новые раунды, заявления и события" in atom
    assert 'xml:lang="ru"' in atom
    ics = client.get("/ar/feeds/rounds.ics").content.decode()
    assert "X-WR-CALNAME:مسار أستانا: الجولات" in ics
    assert "SUMMARY:الجولة 8:" in ics
    assert client.get("/feeds/rounds.ics").content.decode().count("SUMMARY:Round 8:") == 1


def test_chart_labels_and_plotly_locale_follow_the_page_language(client):
    html = _html(client.get("/tr/"))
    figure = json.loads(
        re.search(r'<script id="timeline-figure" type="application/json">(.*?)</script>', html)[1]
    )["figure"]
    locale = json.loads(
        re.search(r'<script id="chart-locale" type="application/json">(.*?)</script>', html)[1]
    )

    assert locale["locale"] == "tr" and "vendor/plotly/locales/tr.js" in html
    assert locale["dictionary"]["Zoom in"] == "Yakınlaştır"
    assert figure["layout"]["legend"]["title"]["text"] == "Bölge durumu:"
    assert "Soçi Kongresi" in figure["layout"]["yaxis"]["categoryarray"]
    assert any("Soçi Kongresi" in a["text"] for a in figure["layout"]["annotations"])
    assert "%{customdata[1]}. tur" in figure["data"][0]["hovertemplate"]
    assert [p["label"] for p in figure["layout"]["meta"]["range"]["presets"]] == [
        "1 yıl",
        "3 yıl",
        "Tümü",
    ]
    assert "vendor/plotly/locales" not in _html(client.get("/"))


def test_api_error_messages_follow_accept_language(client):
    english = client.get("/api/v1/rounds/?page_size=0").json()
    russian = client.get("/api/v1/rounds/?page_size=0", headers={"accept-language": "ru"}).json()

    assert english["error"]["message"].startswith("page_size: Expected a whole number")
    assert russian["error"]["message"].startswith("page_size: Ожидалось целое число")
    assert client.get("/api/v1/rounds/", headers={"accept-language": "ar"}).status_code == 200
