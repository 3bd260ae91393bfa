"""Names readers see, in the languages of the process: which fields have translations, and
the text to show in a language (falling back to English, and saying so).

English is the source: the model's own field (``Round.name``). Each translated field ``f``
has one plain column per language, ``f_ru``, ``f_tr`` and ``f_ar`` (blank while nobody has
translated it), on the same row. So a translation is saved, versioned (``record_version``,
the ETag), locked and written field by field by ``rounds.services.curated_save`` like any
other field, history records who changed it, and reading it costs no query.

Pure functions; no database.
"""

from __future__ import annotations

from typing import NamedTuple

SOURCE_LANGUAGE = "en"
# The languages records are translated into, besides English (the source).
TRANSLATION_LANGUAGES = ("ru", "tr", "ar")
CONTENT_LANGUAGES = (SOURCE_LANGUAGE, *TRANSLATION_LANGUAGES)
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "tr": "Turkish", "ar": "Arabic"}

# Model label -> the fields readers see that carry translations.
TRANSLATED_FIELDS: dict[str, tuple[str, ...]] = {
    "rounds.round": ("name", "city"),
    "rounds.event": ("title",),
    "rounds.place": ("name",),
    "rounds.participant": ("name",),
    "rounds.zone": ("name", "short_name"),
    "rounds.statement": ("title",),
}


def column(field: str, lang: str) -> str:
    """The column holding ``field`` in ``lang`` (``name`` in ``ar`` -> ``name_ar``)."""
    return field if lang == SOURCE_LANGUAGE else f"{field}_{lang}"


def translation_columns(fields: tuple[str, ...]) -> list[str]:
    """Every translation column of ``fields``, e.g. ``["name_ru", "name_tr", "name_ar"]``."""
    return [column(f, lang) for f in fields for lang in TRANSLATION_LANGUAGES]


def translated_fields_of(instance) -> tuple[str, ...]:
    return TRANSLATED_FIELDS.get(instance._meta.label_lower, ())


def content_language(code: str | None) -> str:
    """The content language for a language code as Django names it (``ru``, ``en-us``,
    ``ar-SA``): its primary subtag if it is one we translate into, else English."""
    primary = (code or "").split("-")[0].split("_")[0].lower()
    return primary if primary in CONTENT_LANGUAGES else SOURCE_LANGUAGE


class Shown(NamedTuple):
    """A value as shown in a language: the text and the language it is really in."""

    text: str
    lang: str

    @property
    def fallback(self) -> bool:
        return self.lang == SOURCE_LANGUAGE


def shown(instance, field: str, lang: str) -> Shown:
    """``field`` of ``instance`` in ``lang``, or in English where it has no translation.

    Works on any object with the columns (a model row, a historical row) or with a
    ``translations`` mapping like ``translations_of``'s (data shaped for a page); a field
    without translations is shown as it is."""
    lang = content_language(lang)
    english = getattr(instance, field, "") or ""
    if lang == SOURCE_LANGUAGE:
        return Shown(english, SOURCE_LANGUAGE)
    text = getattr(instance, column(field, lang), None)
    if text is None and isinstance(getattr(instance, "translations", None), dict):
        text = instance.translations.get(lang, {}).get(field)
    if text and text.strip():
        return Shown(text, lang)
    return Shown(english, SOURCE_LANGUAGE)


def translated(instance, field: str, lang: str) -> str:
    """The text of ``shown`` alone."""
    return shown(instance, field, lang).text


def translations_of(instance) -> dict[str, dict[str, str]]:
    """The stored translations of ``instance``: ``{"ru": {"name": "..."}, ...}`` ("" where
    missing), for every translation language and translated field."""
    fields = translated_fields_of(instance)
    return {
        lang: {f: getattr(instance, column(f, lang)) or "" for f in fields}
        for lang in TRANSLATION_LANGUAGES
    }


def missing_translations(instance) -> list[str]:
    """Columns of ``instance`` with a translated field whose translation is blank."""
    return [
        name
        for name in translation_columns(translated_fields_of(instance))
        if not (getattr(instance, name) or "").strip()
    ]
