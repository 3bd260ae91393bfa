"""The language of the names in an API answer: ``?lang=`` or else ``Accept-Language``.

``?lang=`` names one of en, ru, tr, ar (anything else is a 400 in the house error shape: a
parameter is a request, and a misspelt one should not pass unnoticed). ``Accept-Language``
is a preference (RFC 9110): the first language in it that we have is used, and a header
naming none of them, or malformed, gives English. ``?lang=`` wins over the header.

Only reads are negotiated: a write takes and answers ``name``/``title`` in English (the
source), so a client that reads a record in Arabic and sends it back cannot overwrite the
English name; translations are written through the ``translations`` object.

A read's labels (``status_label``, ``role_label``) and links to the site's pages
(``page_url``) are in the same language as its names. The answer says which language it is
in (``Content-Language``) and that it varies with the header (``Vary: Accept-Language``).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS

from rounds.translations import CONTENT_LANGUAGES, SOURCE_LANGUAGE, content_language

LANG_PARAM = "lang"

LANG_PARAMETER = OpenApiParameter(
    name=LANG_PARAM,
    type=str,
    enum=list(CONTENT_LANGUAGES),
    location=OpenApiParameter.QUERY,
    required=False,
    description=(
        "The language of the names readers see (rounds, events, places, participants, "
        "zones, statement titles), of the labels (`status_label`, `role_label`) and of the "
        "links to the site's pages: en, ru, tr or ar. Wins over `Accept-Language`. A name "
        "without a translation is given in English. Another value is a 400."
    ),
)

ACCEPT_LANGUAGE_PARAMETER = OpenApiParameter(
    name="Accept-Language",
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "The preferred languages of names, e.g. `ar`, `ru-RU, en;q=0.5`: the first of en, "
        "ru, tr, ar it names is used; none of them (or no header) gives English. "
        "`?lang=` wins over it."
    ),
)

CONTENT_LANGUAGE_PARAMETER = OpenApiParameter(
    name="Content-Language",
    type={"type": "string", "enum": list(CONTENT_LANGUAGES)},
    location=OpenApiParameter.HEADER,
    response=[200],
    description="The language names are given in (a missing translation falls back to "
    "English in the answer).",
)

LANGUAGE_PARAMETERS = [LANG_PARAMETER, ACCEPT_LANGUAGE_PARAMETER]


def _from_header(header: str) -> str:
    for code, quality in parse_accept_lang_header(header or ""):
        if code == "*":
            break
        if quality <= 0:
            continue  # q=0: "not acceptable" (RFC 9110 12.4.2)
        primary = code.split("-")[0].lower()
        if primary in CONTENT_LANGUAGES:
            return primary
    return SOURCE_LANGUAGE


def request_language(request) -> str:
    """The content language a request asks for (English for writes); a 400 for an unknown
    ``?lang=``."""
    if request.method not in SAFE_METHODS:
        return SOURCE_LANGUAGE
    asked = request.query_params.get(LANG_PARAM)
    if asked is not None:
        if asked not in CONTENT_LANGUAGES:
            raise ValidationError(
                {
                    LANG_PARAM: [
                        gettext("One of: %(values)s.") % {"values": ", ".join(CONTENT_LANGUAGES)}
                    ]
                },
                code="invalid",
            )
        return asked
    return content_language(_from_header(request.headers.get("Accept-Language", "")))


class ContentLanguageMixin:
    """A view whose names follow ``?lang=`` / ``Accept-Language``: the language goes to the
    serializers' context (``lang``) and into the ``Content-Language`` header."""

    content_language = SOURCE_LANGUAGE

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.content_language = request_language(request)
        if request.method in SAFE_METHODS:
            # The labels (a status as readers see it, a role) and the links to pages speak
            # the language of the names, which ``?lang=`` may set apart from the header.
            translation.activate(self.content_language)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lang": self.content_language}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in SAFE_METHODS:
            patch_vary_headers(response, ["Accept-Language"])
            if 200 <= response.status_code < 300:
                response["Content-Language"] = self.content_language
        return response
