"""What ``charts.js`` needs to draw a chart in the page's language: plotly.js's locale name
(its own locale files for ru, tr and ar are loaded by ``chart_scripts.html``) and the words of
its mode bar and messages, from our catalogue (plotly.js's Arabic locale file has none)."""

from django import template
from django.utils import dates
from django.utils.translation import get_language, gettext, pgettext

register = template.Library()

# plotly.js's own messages (its dictionary keys), marked here for our catalogue.
PLOTLY_MESSAGES = {
    "Autoscale": lambda: gettext("Autoscale"),
    "Box Select": lambda: gettext("Box Select"),
    "Compare data on hover": lambda: gettext("Compare data on hover"),
    "Double-click on legend to isolate one trace": lambda: gettext(
        "Double-click on legend to isolate one trace"
    ),
    "Double-click to zoom back out": lambda: gettext("Double-click to zoom back out"),
    "Download plot": lambda: gettext("Download plot"),
    "Download plot as a PNG": lambda: gettext("Download plot as a PNG"),
    "Image download succeeded": lambda: gettext("Image download succeeded"),
    "Lasso Select": lambda: gettext("Lasso Select"),
    "Pan": lambda: pgettext("chart", "Pan"),
    "Preparing image - this may take a few seconds": lambda: gettext(
        "Preparing image - this may take a few seconds"
    ),
    "Produced with Plotly.js": lambda: gettext("Produced with Plotly.js"),
    "Reset": lambda: pgettext("chart", "Reset"),
    "Reset axes": lambda: gettext("Reset axes"),
    "Reset view": lambda: gettext("Reset view"),
    "Reset views": lambda: gettext("Reset views"),
    "Show closest data on hover": lambda: gettext("Show closest data on hover"),
    "Sorry, there was a problem downloading your image!": lambda: gettext(
        "Sorry, there was a problem downloading your image!"
    ),
    "Toggle Spike Lines": lambda: gettext("Toggle Spike Lines"),
    "Toggle show closest data on hover": lambda: gettext("Toggle show closest data on hover"),
    "Zoom": lambda: pgettext("chart", "Zoom"),
    "Zoom in": lambda: gettext("Zoom in"),
    "Zoom out": lambda: gettext("Zoom out"),
}

# Languages with a plotly.js locale file under static/vendor/plotly/locales/.
PLOTLY_LOCALES = frozenset({"ru", "tr", "ar"})


@register.simple_tag
def chart_locale() -> dict:
    """``{"locale": "ru", "dictionary": {...}, "months": [...], "shortMonths": [...]}`` for
    the active language. Months are Django's (the same names as the pages' dates): plotly.js's
    Arabic file has the Levantine names with May misspelt as March, and numbers as short names."""
    language = get_language() or "en"
    return {
        "locale": language if language in PLOTLY_LOCALES else "en",
        "file": language in PLOTLY_LOCALES,
        "dictionary": {key: message() for key, message in PLOTLY_MESSAGES.items()},
        "months": [str(dates.MONTHS[m]) for m in range(1, 13)],
        "shortMonths": [str(dates.MONTHS_3[m]).title() for m in range(1, 13)],
    }
