"""Pure figure builders: selector output (plain dataclasses) in, a Plotly figure dict out.

No database and no request here, so every figure is testable on hand-made values. Figures are
plain JSON-ready dicts (dates as ISO strings); templates embed them with ``json_script`` and
``dashboard/static/js/charts.js`` renders them with the vendored plotly.js.
"""

from dashboard.charts.style import (
    COMPACT_MAX_WIDTH,
    CONGRESS_COLOUR,
    FONT,
    FONT_SIZE,
    LABELLED_KINDS,
    LANE_COLOURS,
    MAP_END,
    MAP_START,
    NOT_AGREED,
    NOT_AGREED_FILL,
    NOT_AGREED_LABEL,
    ROUND_COLOUR,
    ROUNDS_LANE,
    SHORT_LANES,
    STATUS_COLOURS,
    STATUS_LABELS,
)
from dashboard.charts.timeline import (
    DETAIL_MAX_POINTS,
    aggregate_counts,
    aggregate_period,
    compact_variant,
    period_bounds,
    period_label,
    timeline_counts_figure,
    timeline_figure,
    timeline_points_figure,
    too_many_points,
)
from dashboard.charts.zones import (
    map_steps,
    step_index,
    zone_colour,
    zone_status_label,
    zones_map_figure,
)

__all__ = [
    "COMPACT_MAX_WIDTH",
    "DETAIL_MAX_POINTS",
    "CONGRESS_COLOUR",
    "FONT",
    "FONT_SIZE",
    "LABELLED_KINDS",
    "LANE_COLOURS",
    "MAP_END",
    "MAP_START",
    "NOT_AGREED",
    "NOT_AGREED_FILL",
    "NOT_AGREED_LABEL",
    "ROUNDS_LANE",
    "ROUND_COLOUR",
    "SHORT_LANES",
    "STATUS_COLOURS",
    "STATUS_LABELS",
    "aggregate_counts",
    "aggregate_period",
    "compact_variant",
    "map_steps",
    "period_bounds",
    "period_label",
    "step_index",
    "timeline_counts_figure",
    "timeline_figure",
    "timeline_points_figure",
    "too_many_points",
    "zone_colour",
    "zone_status_label",
    "zones_map_figure",
]
