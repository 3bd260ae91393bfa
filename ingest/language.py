"""The one language detector: py3langid restricted to the languages of the outlets covering
the process, answering only when it is sure.

Extraction uses it for every stored article, and understanding (``ingest/understanding/``) for a
text given without its language, restricted to the four languages it reads.
"""

from __future__ import annotations

import re
import threading

#: Languages the language guesser may answer: those of the outlets covering the process.
DEFAULT_LANGUAGES: tuple[str, ...] = (
    "en",
    "ru",
    "tr",
    "ar",
    "fa",
    "fr",
    "de",
    "es",
    "it",
    "zh",
    "kk",
    "uk",
    "he",
    "az",
    "ku",
)


_identifier_lock = threading.Lock()
_identifiers: dict[tuple[str, ...], object] = {}


def detect_language(
    text: str, *, languages: tuple[str, ...] = DEFAULT_LANGUAGES, min_confidence: float = 0.6
) -> str | None:
    """ISO 639-1 code of ``text`` among ``languages``, or None if short or unsure."""
    sample = text[:5000]
    if len(re.findall(r"\w", sample)) < 20:
        return None
    key = tuple(sorted(languages))
    with _identifier_lock:
        ident = _identifiers.get(key)
        if ident is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            ident.set_languages(list(key))
            _identifiers[key] = ident
        lang, prob = ident.classify(sample)
    return lang if prob >= min_confidence else None
