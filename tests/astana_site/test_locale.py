"""The interface's catalogues (astana_site/locale): every message translated, none fuzzy, and in
step with the code, so a string added without a translation fails here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ("ru", "tr", "ar")
APPS = ("astana_site", "ingest", "rounds", "review", "dashboard")


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def _ids(po: polib.POFile) -> set[tuple[str | None, str, str]]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = _catalogue(language)

    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == language
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    for entry in po:
        if entry.msgid_plural:
            assert all(text.strip() for text in entry.msgstr_plural.values()), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid
    assert len(po) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_named_placeholders_survive_translation(language):
    """A translation keeps the message's %(name)s placeholders (msgfmt -c checks the rest)."""
    for entry in _catalogue(language):
        if "python-format" not in entry.flags:
            continue
        names = set(re.findall(r"%\((\w+)\)", entry.msgid)) - {"counter"}
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert names <= set(re.findall(r"%\((\w+)\)", text)), (entry.msgid, text)


def test_the_catalogues_are_in_step_with_the_code(tmp_path, monkeypatch):
    """makemessages over a copy of the code finds exactly the messages the catalogues hold: a
    new string in a template, a view or a chart without a translation fails here."""
    for app in APPS:
        shutil.copytree(
            Path(settings.BASE_DIR) / app,
            tmp_path / app,
            ignore=shutil.ignore_patterns("locale", "vendor", "__pycache__", "*.pyc"),
        )
    monkeypatch.chdir(tmp_path)
    fresh = tmp_path / "locale"
    with override_settings(LOCALE_PATHS=[fresh]):
        call_command("makemessages", locale=["ru"], add_location="never", verbosity=0)
    current = _ids(polib.pofile(str(fresh / "ru" / "LC_MESSAGES" / "django.po")))

    committed = _ids(_catalogue("ru"))
    assert current - committed == set(), "new strings: run `make messages` and translate them"
    assert committed - current == set(), "strings gone from the code: run `make messages`"
    for language in ("tr", "ar"):
        assert _ids(_catalogue(language)) == committed


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Раунды"),
        ("tr", "Turlar"),
        ("ar", "الجولات"),
    ],
)
def test_the_compiled_catalogues_are_used(language, text):
    with translation.override(language):
        assert translation.gettext("Rounds") == text
