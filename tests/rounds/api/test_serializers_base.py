"""What the curated serializers share (``rounds.api.serializers.base``)."""

import pytest
from django.test import RequestFactory

from rounds.api.serializers.base import absolute


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/rounds/8/",
        "/api/v1/events/sochi-congress-2018/",
        "/",
        "/ru/events/a-b_c.d~e/",
        "/api/v1/places/%D0%B0/",
        "/api/v1/places/сочи/",  # not quoted: build_absolute_uri quotes it
        "/api/v1/x y/",
        "//elsewhere.example/path",
        "/a/./b/",
        "/a/../b/",
        "relative/path",
        "/a?b=c&d=e#f",
    ],
)
@pytest.mark.parametrize("host", ["testserver", "tracker.example:8443", "[::1]:8000"])
def test_absolute_gives_what_build_absolute_uri_gives(path, host, settings):
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get("/api/v1/rounds/", HTTP_HOST=host, secure=host.endswith("443"))
    expected = request.build_absolute_uri(path)
    assert absolute(request, path) == expected
    assert absolute(request, path) == expected  # again, with the origin remembered


def test_absolute_without_a_request_is_the_path():
    assert absolute(None, "/api/v1/rounds/8/") == "/api/v1/rounds/8/"
