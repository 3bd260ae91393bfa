"""Names in Russian, Turkish and Arabic: what is shown in a language, the fallback to English,
the shipped reference data (every record translated), the loader's ownership of the
translations it ships, and an analyst's edit in the admin recorded with their name."""

import json
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from rounds.models import Event, Participant, Place, Round, Statement, Zone
from rounds.reference import REASON, REFERENCE_DIR, reference_load
from rounds.services import curated_save
from rounds.translations import (
    TRANSLATED_FIELDS,
    TRANSLATION_LANGUAGES,
    content_language,
    missing_translations,
    shown,
    translations_of,
)

MODELS = [Round, Event, Place, Participant, Zone, Statement]
REFERENCE_KINDS = {
    "rounds": "rounds.round",
    "events": "rounds.event",
    "places": "rounds.place",
    "participants": "rounds.participant",
    "zones": "rounds.zone",
    "statements": "rounds.statement",
}


# --- What is shown ---------------------------------------------------------------------------


def test_a_translated_name_is_shown_in_its_language():
    rnd = SimpleNamespace(name="Astana-8", name_ru="Астана-8", name_tr="", name_ar="أستانا 8")
    assert shown(rnd, "name", "ar") == ("أستانا 8", "ar")
    assert shown(rnd, "name", "ru").text == "Астана-8"
    assert not shown(rnd, "name", "ru").fallback


def test_a_missing_or_blank_translation_falls_back_to_english_and_says_so():
    rnd = SimpleNamespace(name="Astana-8", name_ru="", name_tr="  ", name_ar="")
    for lang in TRANSLATION_LANGUAGES:
        value = shown(rnd, "name", lang)
        assert value == ("Astana-8", "en")
        assert value.fallback


def test_data_shaped_for_a_page_carries_its_translations_as_a_mapping():
    zone = SimpleNamespace(short_name="Idlib", translations={"tr": {"short_name": "İdlib"}})
    assert shown(zone, "short_name", "tr") == ("İdlib", "tr")
    assert shown(zone, "short_name", "ru") == ("Idlib", "en")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ar", "ar"), ("ru-RU", "ru"), ("tr_TR", "tr"), ("en-us", "en"), ("fr", "en"), (None, "en")],
)
def test_content_language_is_the_primary_subtag_when_we_translate_into_it(code, expected):
    assert content_language(code) == expected


# --- The shipped reference data ----------------------------------------------------------------


def _reference() -> dict:
    return json.loads((REFERENCE_DIR / "astana.json").read_text())


@pytest.mark.parametrize("kind", sorted(REFERENCE_KINDS))
def test_every_reference_record_has_its_names_in_russian_turkish_and_arabic(kind):
    fields = TRANSLATED_FIELDS[REFERENCE_KINDS[kind]]
    missing = []
    for record in _reference()[kind]:
        for lang in TRANSLATION_LANGUAGES:
            for field in fields:
                text = (record.get("translations", {}).get(lang) or {}).get(field, "")
                if record[field] and not text.strip():
                    missing.append(f"{record.get('slug', record.get('number'))} {field}_{lang}")
                if text and text == record[field] and lang == "ru":
                    missing.append(
                        f"{record.get('slug', record.get('number'))} {field}_ru (English)"
                    )
    assert not missing, missing


def test_reference_translations_are_written_in_their_scripts():
    cyrillic = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    arabic = {chr(c) for c in range(0x0600, 0x06FF)}
    for kind, label in REFERENCE_KINDS.items():
        for record in _reference()[kind]:
            for field in TRANSLATED_FIELDS[label]:
                if not record[field]:
                    continue
                names = record["translations"]
                assert cyrillic & set(names["ru"][field].lower()), (kind, record[field])
                assert arabic & set(names["ar"][field]), (kind, record[field])


def test_the_capital_of_kazakhstan_and_idlib_are_named_as_each_language_names_them():
    data = _reference()
    round_14 = next(r for r in data["rounds"] if r["number"] == 14)
    assert round_14["city"] == "Nur-Sultan"
    assert {lang: v["city"] for lang, v in round_14["translations"].items()} == {
        "ru": "Нур-Султан",
        "tr": "Nur-Sultan",
        "ar": "نور سلطان",
    }
    astana = next(p for p in data["places"] if p["slug"] == "astana")
    assert astana["translations"]["ru"]["name"] == "Астана"
    assert astana["translations"]["ar"]["name"] == "أستانا"
    idlib = next(p for p in data["places"] if p["slug"] == "idlib")
    assert [idlib["translations"][lang]["name"] for lang in ("ru", "tr", "ar")] == [
        "Идлиб",
        "İdlib",
        "إدلب",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_loaded_record_has_all_its_translations(model):
    incomplete = {
        str(row): missing
        for row in model.objects.all()
        if (missing := [c for c in missing_translations(row) if getattr(row, c.rsplit("_", 1)[0])])
    }
    assert model.objects.exists()
    assert not incomplete, incomplete


# --- The loader owns what it ships, never an analyst's edit ------------------------------------


@pytest.mark.django_db
def test_reloading_keeps_an_analysts_translation_and_changes_nothing_else():
    analyst = User.objects.create_user("translator")
    rnd = Round.objects.get(number=8)
    rnd.name_ar = "الجولة الثامنة من محادثات أستانا"
    curated_save(rnd, user=analyst, reason="Arabic name per the MFA")
    report = reference_load()
    rnd.refresh_from_db()
    assert rnd.name_ar == "الجولة الثامنة من محادثات أستانا"
    assert rnd.history.first().history_user == analyst
    assert not report.changed


@pytest.mark.django_db
def test_a_translation_only_the_loader_set_is_refreshed_on_a_row_an_analyst_edited():
    # Given a round an analyst edited (its venue), whose Turkish name the loader had left
    # blank (as before the data had translations)
    analyst = User.objects.create_user("venue-editor")
    rnd = Round.objects.get(number=9)
    shipped_tr = rnd.name_tr
    rnd.name_tr = ""
    curated_save(rnd, reason=REASON)
    rnd.venue = "Rixos President Hotel"
    curated_save(rnd, user=analyst, reason="Venue per Kazinform")
    # And a Russian name the analyst cleared on another round
    other = Round.objects.get(number=10)
    other.name_ru = ""
    curated_save(other, user=analyst, reason="Russian name under review")
    # When the reference data is loaded again
    reference_load()
    # Then the Turkish name comes back, the analyst's venue stays, and the cleared name stays
    rnd.refresh_from_db()
    other.refresh_from_db()
    assert (rnd.name_tr, rnd.venue) == (shipped_tr, "Rixos President Hotel")
    assert other.name_ru == ""


# --- Analysts edit translations in the admin, with history --------------------------------------


@pytest.mark.django_db
def test_admin_edit_of_a_translation_records_the_user_and_only_that_field(analyst_client, analyst):
    # Given the change form of Idlib's place
    place = Place.objects.get(slug="idlib")
    url = reverse("admin:rounds_place_change", args=[place.pk])
    form = analyst_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["aliases"] = json.dumps(place.aliases)
    data["governorate"] = place.governorate_id or ""
    data.update(
        {
            "name_tr": "İdlib ili",
            "change_reason": "Turkish name per the MFA",
            "rounds-citation-content_type-object_id-TOTAL_FORMS": "0",
            "rounds-citation-content_type-object_id-INITIAL_FORMS": "0",
        }
    )
    # When the analyst saves it
    response = analyst_client.post(url, data)
    # Then the translation is stored, and history names the analyst, the reason and the field
    assert response.status_code == 302, response.context["adminform"].form.errors
    place.refresh_from_db()
    assert place.name_tr == "İdlib ili"
    latest = place.history.first()
    assert latest.history_user == analyst
    assert latest.history_change_reason == "Turkish name per the MFA"
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["name_tr"]


@pytest.mark.django_db
def test_translations_of_lists_every_language_and_field():
    zone = Zone.objects.get(slug="idlib")
    names = translations_of(zone)
    assert set(names) == set(TRANSLATION_LANGUAGES)
    assert names["ar"] == {"name": zone.name_ar, "short_name": "إدلب"}
