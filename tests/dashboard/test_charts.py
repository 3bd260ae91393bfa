"""Figure builders and text diffs on hand-made values: no database."""

import datetime

import plotly.graph_objects as go

from dashboard import charts, diffs
from dashboard.selectors import (
    MapArea,
    MapZone,
    StatusSegment,
    Timeline,
    TimelineEvent,
    TimelineRound,
    ZoneLifetime,
    date_span,
)
from rounds.models.zones import zone_status_on as status_on

D = datetime.date
SQUARE = {"type": "Polygon", "coordinates": [[[36, 35], [36, 36], [37, 36], [37, 35], [36, 35]]]}
HOLED = {
    "type": "Polygon",
    "coordinates": [
        [[35, 33], [35, 35], [38, 35], [38, 33], [35, 33]],
        [[36, 34], [37, 34], [37, 34.5], [36, 34]],
    ],
}


def _round(number, start, end=None, outcomes=("Ceasefire monitoring agreed",)):
    return TimelineRound(
        number=number,
        name=f"Astana-{number}",
        city="Astana",
        start=start,
        end=end,
        outcomes=list(outcomes),
        url=f"/rounds/{number}/",
    )


def _event(slug, kind, lane, start, status="held"):
    return TimelineEvent(
        slug=slug,
        title=slug.replace("-", " ").title(),
        kind=kind,
        kind_label=kind,
        lane=lane,
        start=start,
        end=start,
        status=status,
        url=f"/events/{slug}/",
        prominent=kind in ("congress", "preparatory_meeting"),
    )


def _timeline():
    return Timeline(
        rounds=[_round(1, D(2017, 1, 23), D(2017, 1, 24)), _round(2, D(2017, 2, 15))],
        events=[
            _event("sochi-congress", "congress", "Sochi congress", D(2018, 1, 29)),
            _event("sochi-prep", "preparatory_meeting", "Sochi congress", D(2018, 1, 19)),
            _event("cc-launch", "geneva_track", "Geneva track", D(2019, 10, 30)),
            _event("jwg", "working_group", "Working groups", D(2017, 8, 1), status="announced"),
        ],
        zones=[
            ZoneLifetime(
                slug="idlib",
                short_name="Idlib",
                url="/zones/idlib/",
                segments=[
                    StatusSegment("agreed", D(2017, 5, 4), D(2017, 9, 15)),
                    StatusSegment("operational", D(2017, 9, 15), None),
                ],
            )
        ],
    )


def _trace(figure, name):
    return next(t for t in figure["data"] if t.get("name") == name)


def test_timeline_has_a_point_per_round_carrying_its_page_and_dates():
    figure = charts.timeline_figure(_timeline(), today=D(2020, 1, 1))

    rounds = _trace(figure, "Rounds")
    assert rounds["x"] == ["2017-01-23", "2017-02-15"]
    assert [c[0] for c in rounds["customdata"]] == ["/rounds/1/", "/rounds/2/"]
    assert rounds["customdata"][0][2] == "23–24 Jan 2017"
    assert "Ceasefire monitoring agreed" in rounds["customdata"][0][4]
    go.Figure(figure)  # plotly accepts every attribute


def test_timeline_makes_the_sochi_congress_and_its_preparation_prominent():
    figure = charts.timeline_figure(_timeline(), today=D(2020, 1, 1))

    sochi = _trace(figure, "Sochi congress")
    symbols = dict(zip(sochi["x"], sochi["marker"]["symbol"], strict=True))
    assert symbols == {"2018-01-19": "diamond", "2018-01-29": "star"}
    assert any("Sochi congress" in a["text"] for a in figure["layout"]["annotations"])
    assert any("Preparatory meeting" in a["text"] for a in figure["layout"]["annotations"])
    assert figure["layout"]["shapes"][0]["x0"] <= "2018-01-19"


def test_timeline_lanes_put_rounds_first_and_zones_last():
    figure = charts.timeline_figure(_timeline(), today=D(2020, 1, 1))

    lanes = figure["layout"]["yaxis"]["categoryarray"]
    assert lanes[0] == "Rounds"
    assert lanes[1] == "Sochi congress"
    assert lanes[-1] == "Zone: Idlib"


def test_timeline_draws_zone_lifetime_bars_up_to_today_while_in_force():
    figure = charts.timeline_figure(_timeline(), today=D(2020, 1, 1))

    bars = [t for t in figure["data"] if t.get("legendgroup", "").startswith("zone-")]
    assert [b["x"] for b in bars] == [
        ["2017-05-04", "2017-09-15"],
        ["2017-09-15", "2020-01-01"],
    ]
    assert bars[0]["line"]["color"] != bars[1]["line"]["color"]


def test_announced_events_get_open_symbols():
    figure = charts.timeline_figure(_timeline(), today=D(2020, 1, 1))

    assert _trace(figure, "Working groups")["marker"]["symbol"] == ["diamond-open"]


def test_timeline_zooms_to_the_filtered_year_and_offers_range_controls_outside_the_svg():
    data = _timeline()
    figure = charts.timeline_figure(
        Timeline(rounds=data.rounds, events=[], zones=[], year=2017), today=D(2020, 1, 1)
    )

    xaxis = figure["layout"]["xaxis"]
    assert xaxis["range"] == ["2017-01-01", "2017-12-31"]
    assert xaxis["rangeslider"]["visible"] is True
    assert "rangeselector" not in xaxis  # drawn in SVG, out of the keyboard's reach
    controls = figure["layout"]["meta"]["range"]
    assert [p["years"] for p in controls["presets"]] == [1, 3, None]
    first = min(r.start for r in data.rounds)
    last = max(r.start for r in data.rounds)
    assert controls["start"] < first.isoformat() and controls["start"].endswith("-01")
    assert controls["end"] > last.isoformat() and controls["end"].endswith("-01")


def test_timeline_escapes_text_in_hover_labels():
    data = Timeline(
        rounds=[_round(3, D(2017, 3, 14), outcomes=["<script>x</script> & more"])],
        events=[],
        zones=[],
    )

    hover = charts.timeline_figure(data, today=D(2020, 1, 1))["data"][0]["customdata"][0][4]

    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_empty_timeline_is_still_a_valid_figure():
    figure = charts.timeline_figure(Timeline(rounds=[], events=[], zones=[]))

    assert figure["data"] == []
    assert figure["layout"]["meta"]["range"] is None
    go.Figure(figure)


def _zones():
    return [
        MapZone(
            slug="idlib",
            short_name="Idlib",
            name="Idlib area",
            url="/zones/idlib/",
            geometry=SQUARE,
            approximate=True,
            history=[(D(2017, 5, 4), "agreed"), (D(2019, 4, 30), "contested")],
        ),
        MapZone(
            slug="south",
            short_name="South",
            name="Southern area",
            url="/zones/south/",
            geometry=SQUARE,
            approximate=True,
            history=[(D(2017, 5, 4), "agreed"), (D(2018, 7, 31), "ended")],
        ),
    ]


def test_map_colours_each_zone_by_its_status_on_the_day():
    areas = [MapArea(code="SY07", name="Idlib", geometry=SQUARE)]

    figure = charts.zones_map_figure(areas, _zones(), day=D(2018, 1, 1))
    later = charts.zones_map_figure(areas, _zones(), day=D(2020, 1, 1))

    indices = figure["layout"]["meta"]["zoneTraces"]
    assert [figure["data"][i]["name"] for i in indices] == ["Idlib", "South"]
    assert [figure["data"][i]["customdata"][0][1] for i in indices] == ["Agreed", "Agreed"]
    assert [later["data"][i]["customdata"][0][1] for i in indices] == ["Contested", "Ended"]
    assert all("%{customdata[1]}" in later["data"][i]["hovertemplate"] for i in indices)
    assert figure["data"][indices[0]]["fillcolor"] != later["data"][indices[0]]["fillcolor"]
    go.Figure(figure)


def test_map_needs_no_base_map_download():
    figure = charts.zones_map_figure([], _zones(), day=D(2018, 1, 1))

    geo = figure["layout"]["geo"]
    assert geo["visible"] is False and geo["fitbounds"] == "locations"
    assert {t["type"] for t in figure["data"]} == {"scattergeo"}
    assert not any("locationmode" in t or "locations" in t for t in figure["data"])


def test_map_draws_outer_rings_only_so_holes_do_not_flood_the_globe():
    figure = charts.zones_map_figure(
        [MapArea(code="SY03", name="Rural Damascus", geometry=HOLED)], [], day=D(2018, 1, 1)
    )

    assert None not in figure["data"][0]["lon"]
    assert len(figure["data"][0]["lon"]) == 5


def test_map_steps_cover_every_month_and_every_change():
    steps = charts.map_steps(_zones(), start=D(2017, 1, 1), end=D(2018, 12, 31))

    dates = [s["date"] for s in steps]
    assert dates[0] == "2017-01-01" and "2017-05-04" in dates and "2018-07-31" in dates
    before = steps[0]
    assert before["statuses"] == ["not_agreed", "not_agreed"]
    assert before["labels"] == ["Not yet agreed", "Not yet agreed"]
    assert charts.step_index(steps, D(2017, 5, 10)) == dates.index("2017-05-04")


def test_status_on_is_none_before_the_first_change():
    history = [(D(2017, 5, 4), "agreed"), (D(2017, 9, 15), "operational")]

    assert status_on(history, D(2017, 1, 1)) is None
    assert status_on(history, D(2017, 9, 15)) == "operational"


def test_date_span_reads_naturally():
    assert date_span(D(2017, 1, 23), D(2017, 1, 24)) == "23–24 Jan 2017"
    assert date_span(D(2018, 7, 30), D(2018, 8, 1)) == "30 Jul – 1 Aug 2018"
    assert date_span(D(2016, 12, 29), None) == "29 Dec 2016"


def test_diff_pairs_reworded_sentences_word_by_word():
    rows = diffs.diff_lines(
        ["The guarantors met.", "Idlib was discussed."],
        ["The guarantors met.", "Idlib was not discussed."],
    )

    assert [r.kind for r in rows] == ["equal", "replace"]
    assert diffs.Segment("insert", "not ") in rows[1].new


def test_round_comparison_falls_back_to_documents_and_outcomes_without_text():
    comparison = diffs.compare_rounds(
        older_label="Round 7",
        newer_label="Round 8",
        older_statement="",
        newer_statement="",
        older_documents=["Joint Statement"],
        newer_documents=["Joint Statement", "Provision on detainees"],
        older_outcomes=["Next round in December"],
        newer_outcomes=["Sochi congress set"],
    )

    assert "documents adopted" in comparison.basis
    assert comparison.changed
    texts = ["".join(s.text for s in r.new) for r in comparison.rows if r.new and r.kind != "equal"]
    assert "Document: Provision on detainees" in texts


def test_round_comparison_uses_statement_text_when_both_have_it():
    comparison = diffs.compare_rounds(
        older_label="Round 7",
        newer_label="Round 8",
        older_statement="They met. They agreed.",
        newer_statement="They met. They disagreed.",
        older_documents=[],
        newer_documents=[],
        older_outcomes=[],
        newer_outcomes=[],
    )

    assert comparison.basis.startswith("full text")
    assert comparison.counts == {"added": 1, "removed": 1}


def test_timeline_has_a_compact_variant_for_narrow_screens():
    figure = charts.timeline_figure(_timeline(), today=D(2020, 1, 1))

    compact = figure["layout"]["meta"]["compact"]
    annotations = len(figure["layout"]["annotations"])
    rounds = figure["data"].index(_trace(figure, "Rounds"))
    assert compact["maxWidth"] == 600
    assert annotations == 2
    assert all(compact["narrow"]["layout"][f"annotations[{i}].visible"] is False for i in range(2))
    assert all(compact["wide"]["layout"][f"annotations[{i}].visible"] is True for i in range(2))
    assert compact["narrow"]["traces"] == {"mode": ["markers"]}
    assert compact["wide"]["traces"] == {"mode": ["markers+text"]}
    assert compact["traces"] == [rounds]
    short = compact["narrow"]["layout"]["yaxis.ticktext"]
    assert short[-1] == "Idlib" and max(len(label) for label in short) <= 14
    lanes = figure["layout"]["yaxis"]["categoryarray"]
    assert compact["narrow"]["layout"]["yaxis.tickvals"] == lanes
    go.Figure(figure)


def test_empty_timeline_compact_variant_touches_no_trace():
    figure = charts.timeline_figure(Timeline(rounds=[], events=[], zones=[]))

    assert figure["layout"]["meta"]["compact"]["traces"] == []
