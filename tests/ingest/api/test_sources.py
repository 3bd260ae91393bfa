"""The sources API keeps ``poll_interval`` within what the scheduler can add to a date: a value
outside is a 400 naming the range, and the schema states the same bounds."""

import pytest

from ingest.models import POLL_INTERVAL_MAX, POLL_INTERVAL_MIN, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def source() -> Source:
    return Source.objects.create(name="Test feed", url="https://feeds.example.org/test.xml")


@pytest.mark.parametrize("minutes", [0, -1, POLL_INTERVAL_MAX + 1, 2**31, 2**63 - 1, 2**64])
def test_a_poll_interval_outside_its_range_is_a_400_naming_the_range(analyst_api, source, minutes):
    response = analyst_api.patch(
        f"/api/v1/sources/{source.pk}/", {"poll_interval": minutes, "active": True}, format="json"
    )

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    message = " ".join(error["detail"]["poll_interval"])
    assert f"{POLL_INTERVAL_MIN} to {POLL_INTERVAL_MAX}" in message
    source.refresh_from_db()
    assert source.poll_interval == 60


@pytest.mark.parametrize("minutes", [POLL_INTERVAL_MIN, POLL_INTERVAL_MAX])
def test_a_poll_interval_at_either_bound_is_kept(analyst_api, source, minutes):
    response = analyst_api.patch(
        f"/api/v1/sources/{source.pk}/", {"poll_interval": minutes}, format="json"
    )

    assert response.status_code == 200, response.content
    source.refresh_from_db()
    assert source.poll_interval == minutes


def test_the_schema_states_the_poll_intervals_range(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()

    sources = {k: v for k, v in schema["components"]["schemas"].items() if "Source" in k}
    stated = {
        name: (field["minimum"], field["maximum"])
        for name, body in sources.items()
        if (field := body.get("properties", {}).get("poll_interval"))
    }
    assert stated, sorted(sources)
    assert set(stated.values()) == {(POLL_INTERVAL_MIN, POLL_INTERVAL_MAX)}, stated


def test_the_range_is_said_in_the_readers_language(analyst_api, source):
    response = analyst_api.patch(
        f"/api/v1/sources/{source.pk}/",
        {"poll_interval": 0},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert response.status_code == 400
    (message,) = response.json()["error"]["detail"]["poll_interval"]
    assert message.startswith("Минуты между опросами") and f"до {POLL_INTERVAL_MAX}" in message
