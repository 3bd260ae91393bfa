"""Record names in the reader's language: ``{% tr round "name" %}``.

The text comes from ``rounds.translations`` for the current language
(``django.utils.translation.get_language``); where a record has no translation the English
name is shown, wrapped in ``<span lang="en">`` so screen readers and browsers read it as
English on a Russian, Turkish or Arabic page. ``{{ round|tr:"name" }}`` gives the plain text
(for ``<title>``, attributes and filters such as ``truncatechars``).
"""

from django import template
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language

from rounds.translations import SOURCE_LANGUAGE, content_language, shown

register = template.Library()


def _shown(obj, field: str):
    return shown(obj, field, content_language(get_language()))


@register.simple_tag(name="tr")
def tr_tag(obj, field: str, truncate: int | None = None) -> str:
    """``obj``'s ``field`` in the current language, escaped; marked ``lang="en"`` where it
    falls back to English on a page in another language. ``truncate=N`` shortens it to N
    characters (as ``truncatechars``)."""
    if obj is None:
        return ""
    value = _shown(obj, field)
    text = Truncator(value.text).chars(truncate) if truncate else value.text
    page_language = content_language(get_language())
    if value.lang == SOURCE_LANGUAGE and page_language != SOURCE_LANGUAGE and text:
        return format_html('<span lang="{}">{}</span>', SOURCE_LANGUAGE, text)
    return format_html("{}", text)


@register.filter(name="tr")
def tr_filter(obj, field: str) -> str:
    """The plain text of ``{% tr %}`` (auto-escaped like any variable), without the mark."""
    if obj is None:
        return ""
    return _shown(obj, field).text
