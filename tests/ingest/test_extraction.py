"""extract_document(): article text, charsets, dates, languages, refusals, hostile HTML."""

from __future__ import annotations

import time
from datetime import date

import pytest

from ingest.errors import ExtractionError
from ingest.extraction import decode_bytes, extract_document
from ingest.fetching import fetch
from ingest.language import detect_language
from tests.ingest.conftest import DATA_DIR

HTML = DATA_DIR / "html"
EN_URL = "https://steppe-wire.example/diplomacy/2024/01/25/joint-statement"
RU_PARAGRAPH = (
    "Двадцатый раунд переговоров по Сирии в астанинском формате завершился в среду "
    "неожиданным заявлением принимающей стороны. "
)


def _en() -> bytes:
    return (HTML / "article_en.html").read_bytes()


def _ru_text() -> str:
    return (HTML / "article_ru.html").read_text(encoding="utf-8")


def _article(paragraph: str, times: int = 6) -> str:
    body = "".join(f"<p>{paragraph} ({i})</p>" for i in range(times))
    return f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"


def test_english_article_body_without_navigation_comments_or_footer():
    doc = extract_document(_en(), content_type="text/html", charset="utf-8", url=EN_URL)
    assert doc.title == "Guarantors adopt joint statement at 21st Astana round"
    assert "ten-point document, Russia, Iran and Turkey condemned" in doc.text
    assert "Constitutional Committee" in doc.text
    for noise in ("Most read", "Wheat exports", "Reader123", "All rights reserved", "Markets:"):
        assert noise not in doc.text
    assert doc.published == date(2024, 1, 25)
    assert doc.language == "en"
    assert doc.charset == "utf_8"


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [
        ("cp1251", None),  # only the meta tag says windows-1251
        ("cp1251", "windows-1251"),
        ("utf-8", "iso-8859-1"),  # header says latin-1, bytes are UTF-8 Cyrillic
        ("utf-8", "windows-1252"),
        ("cp1251", "utf-8"),  # header says UTF-8, bytes are cp1251
        ("cp1251", "iso-8859-1"),  # header says latin-1, bytes are cp1251
        ("koi8-r", None),  # meta says windows-1251, wrongly; charset-normalizer decides
    ],
)
def test_russian_page_is_readable_whatever_the_declared_charset(encoding, declared):
    raw = _ru_text()
    if encoding == "koi8-r":
        raw = raw.replace("windows-1251", "utf-8")
    content = raw.encode(encoding)
    doc = extract_document(content, content_type="text/html", charset=declared, url=None)
    assert "Двадцатый раунд переговоров по Сирии" in doc.text
    assert doc.title == "В Астане завершился двадцатый раунд переговоров по Сирии"
    assert doc.language == "ru"


def test_double_encoded_utf8_is_repaired():
    mojibake = RU_PARAGRAPH.encode("utf-8").decode("latin-1").encode("utf-8")
    text, codec = decode_bytes(mojibake, declared="utf-8")
    assert text == RU_PARAGRAPH
    assert codec == "utf_8"


def test_byte_order_mark_wins_over_declaration():
    text, codec = decode_bytes("\ufeffСирия".encode("utf-16-le"), declared="iso-8859-1")
    assert (text, codec) == ("Сирия", "utf_16")


def test_french_latin1_page_stays_latin1():
    para = "Les négociations d'Astana sur la Syrie se sont achevées à l'été après un long débat"
    raw = _article(para).encode("latin-1")
    doc = extract_document(raw, content_type="text/html", charset="iso-8859-1", url=None)
    assert "négociations" in doc.text
    assert doc.charset == "iso8859_1"
    assert doc.language == "fr"


def test_page_without_article_text_is_refused():
    with pytest.raises(ExtractionError) as exc:
        extract_document(
            (HTML / "nav_only.html").read_bytes(), content_type="text/html", charset=None, url=None
        )
    assert exc.value.code == "no_article"
    assert exc.value.transient is False


def test_minimum_length_is_configurable():
    short = _article("Talks resumed in Astana today.", times=1).encode()
    with pytest.raises(ExtractionError):
        extract_document(short, content_type="text/html", charset=None, url=None)
    doc = extract_document(
        short, content_type="text/html", charset=None, url=None, min_text_chars=10
    )
    assert "Talks resumed" in doc.text


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "text/html"),
        (b"%PDF-1.4\n" + b"x" * 500, None),
        (b"<html>looks like text</html>", "image/png"),
        (b"whatever", "application/octet-stream"),
        (b"PK\x03\x04" + b"\x00" * 500, "text/plain"),
    ],
)
def test_binary_content_is_refused(content, content_type):
    with pytest.raises(ExtractionError) as exc:
        extract_document(content, content_type=content_type, charset=None, url=None)
    assert exc.value.code == "binary_content"


def test_unsupported_content_type_is_refused():
    with pytest.raises(ExtractionError) as exc:
        extract_document(b'{"a": 1}', content_type="application/json", charset=None, url=None)
    assert exc.value.code == "bad_content_type"


def test_plain_text_first_short_line_is_the_title():
    body = (
        "Astana talks end with joint statement\n\n"
        + "Russia, Iran and Turkey reaffirmed their commitment to Syria's territorial integrity. "
        * 4
    )
    doc = extract_document(body.encode(), content_type="text/plain", charset=None, url=None)
    assert doc.title == "Astana talks end with joint statement"
    assert doc.text.startswith("Russia, Iran and Turkey")
    assert doc.published is None
    assert doc.language == "en"


def test_plain_text_without_title_line_keeps_everything():
    body = "Russia, Iran and Turkey reaffirmed their commitment to territorial integrity. " * 5
    doc = extract_document(body.encode(), content_type=None, charset=None, url=None)
    assert doc.title == ""
    assert doc.text == body.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RU_PARAGRAPH * 2, "ru"),
        ("Astana görüşmelerinin yirmi birinci turu ortak bildiriyle sona erdi. " * 2, "tr"),
        ("Die Garantiemächte haben in Astana eine gemeinsame Erklärung verabschiedet. " * 2, "de"),
        ("اختتمت الجولة الحادية والعشرون من محادثات أستانا بشأن سوريا ببيان مشترك. " * 2, "ar"),
        ("دور بیست و یکم مذاکرات آستانه درباره سوریه با بیانیه مشترک پایان یافت. " * 2, "fa"),
        ("Ok.", None),
    ],
)
def test_language_detection(text, expected):
    assert detect_language(text) == expected


def test_nul_bytes_and_control_characters_are_dropped():
    raw = _article("Russia, Iran\x00 and Turkey met\x01 in Astana on\x00 Thursday").encode()
    doc = extract_document(raw, content_type="text/html", charset="utf-8", url=None)
    assert "\x00" not in doc.text and "\x01" not in doc.text
    assert "Russia, Iran and Turkey met in Astana on Thursday" in doc.text


def test_deeply_nested_html_does_not_crash():
    depth = 50_000
    article = _article("Talks resumed in the Kazakh capital on Monday")
    raw = "<div>" * depth + article + "</div>" * depth
    start = time.monotonic()
    try:
        doc = extract_document(raw.encode(), content_type="text/html", charset=None, url=None)
    except ExtractionError as exc:
        assert exc.code == "no_article"
    else:
        assert "Talks resumed" in doc.text
    assert time.monotonic() - start < 30


def test_huge_attribute_does_not_crash():
    raw = _article("Guarantors met in Astana to discuss the ceasefire").replace(
        "<article>", '<article data-x="' + "A" * 2_000_000 + '">'
    )
    doc = extract_document(raw.encode(), content_type="text/html", charset=None, url=None)
    assert "Guarantors met in Astana" in doc.text
    assert "AAAA" not in doc.text


def test_input_beyond_the_cap_is_ignored():
    raw = _article("Guarantors met in Astana to discuss the ceasefire").encode()
    padded = raw + b"<p>" + b"tail " * 200_000 + b"</p>"
    doc = extract_document(
        padded, content_type="text/html", charset=None, url=None, max_bytes=len(raw)
    )
    assert "tail" not in doc.text


def test_fetched_page_extracts_end_to_end(http_server):
    raw = _ru_text().encode("utf-8")
    http_server.add("/ru", raw, content_type="text/html; charset=iso-8859-1")
    fetched = fetch(http_server.url("/ru"), allow_loopback=True)
    doc = extract_document(
        fetched.content,
        content_type=fetched.content_type,
        charset=fetched.charset,
        url=fetched.final_url,
    )
    assert "Двадцатый раунд" in doc.text
