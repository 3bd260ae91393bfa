"""What every figure shares: fonts, colours, labels and the spans the charts cover."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy, gettext_noop

from rounds.choices import ZoneStatus


def escape(text: str) -> str:
    """Text for Plotly's hover and label markup: ``&``, ``<`` and ``>`` as entities Plotly
    decodes. Quotes stay as they are: Plotly shows ``&quot;`` literally, and a quote outside a
    tag is harmless in its markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FONT_SIZE = 13
ROUND_COLOUR = "#0b5cad"
CONGRESS_COLOUR = "#b3261e"
# Okabe-Ito hues: distinguishable with the common colour-vision deficiencies.
LANE_COLOURS = {
    "Sochi congress": CONGRESS_COLOUR,
    "Summits and ministers": "#6a3d9a",
    "Zone agreements": "#009e73",
    "Working groups": "#cc79a7",
    "Geneva track": "#0072b2",
    "War and process": "#7f4f24",
    "Background": "#555555",
}
STATUS_COLOURS = {
    ZoneStatus.AGREED: "#56b4e9",
    ZoneStatus.OPERATIONAL: "#009e73",
    ZoneStatus.CONTESTED: "#d55e00",
    ZoneStatus.ENDED: "#8c8c8c",
}
STATUS_LABELS = dict(ZoneStatus.choices)
NOT_AGREED = "not_agreed"
NOT_AGREED_LABEL = gettext_lazy("Not yet agreed")
NOT_AGREED_FILL = "rgba(255,255,255,0)"
MAP_START = datetime.date(2017, 1, 1)
MAP_END = datetime.date(2024, 12, 31)
ROUNDS_LANE = gettext_noop("Rounds")
# Events labelled on the timeline: kind -> (label, arrow offset x, y in pixels). Lane names and
# labels here are English keys, marked for translation and shown through gettext().
LABELLED_KINDS = {
    "congress": (gettext_noop("Sochi congress"), 70, -28),
    "preparatory_meeting": (gettext_noop("Preparatory meeting"), -90, 30),
}
# Below this width (CSS pixels) charts.js switches the timeline to its compact variant: round
# numbers and annotations would overlap and be cut off at the plot's edges on a phone.
COMPACT_MAX_WIDTH = 600
# Lane names that fit a phone's width; zone lanes drop their "Zone: " prefix.
SHORT_LANES = {
    "Summits and ministers": gettext_noop("Summits"),
    "Zone agreements": gettext_noop("Agreements"),
    "War and process": gettext_noop("War, process"),
}
