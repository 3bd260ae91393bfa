"""What every page's base template needs to offer the page in the other languages."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import pgettext

# Languages written right to left (the page's ``dir``).
RTL_LANGUAGES = frozenset({"ar"})


def _home(code: str) -> str:
    with translation.override(code):
        return reverse("dashboard:home")


def languages(request) -> dict:
    """``language_links``: per language, the current page's address in it (its query string,
    the filters, kept) for the switcher and the ``hreflang`` alternates; ``default_url``: the
    unprefixed (English) address, negotiated from ``Accept-Language`` on a first visit, for
    ``x-default``; ``language_dir``: ``rtl`` or ``ltr``; ``list_separator``: ", " or the
    language's own ("، " in Arabic)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    full_path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        # Resolved in the page's language, reversed in ``code``. An address that resolves
        # nowhere (a 404 page) is offered as that language's home page.
        path = translate_url(full_path, code)
        if code != current and path == full_path:
            path = _home(code)
        links.append(
            {
                "code": code,
                "name": name,
                "path": path,
                "url": request.build_absolute_uri(path),
                "current": code == current,
            }
        )
    default = next(link for link in links if link["code"] == settings.LANGUAGE_CODE)
    return {
        "language_links": links,
        "default_url": default["url"],
        "language_dir": "rtl" if current.split("-")[0] in RTL_LANGUAGES else "ltr",
        # Between the items of a list in running text ("Round 8, Astana, 21 Dec 2017").
        "list_separator": pgettext("list separator", ", "),
    }
