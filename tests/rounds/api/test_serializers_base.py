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


@pytest.mark.parametrize(
    ("route", "kwarg", "keys"),
    [
        ("api:round-detail", "number", [8, 22, "8"]),
        (
            "api:event-detail",
            "slug",
            ["sochi-congress-2018", "a_b", "сочи", "a b", ".", "..", "x.y"],
        ),
        ("dashboard:event-detail", "slug", ["sochi-congress-2018", "сочи"]),
    ],
)
@pytest.mark.parametrize("language", ["en", "ru", "ar"])
@pytest.mark.parametrize("host", ["testserver", "[::1]:8000"])
def test_links_give_what_absolute_and_record_path_give(
    route, kwarg, keys, language, host, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from rounds.api.serializers.base import Links, record_path

    request = RequestFactory().get("/api/v1/rounds/", HTTP_HOST=host)
    with translation.override(language):
        links = Links(request)
        for key in [*keys, *keys]:  # the second time from the remembered parts
            link = links.url(route, kwarg, key)
            assert link == absolute(request, record_path(route, kwarg, key)), key
            try:  # and, for a key the route takes, what reverse gives
                path = reverse(route, kwargs={kwarg: key})
            except NoReverseMatch:
                continue
            assert link == request.build_absolute_uri(path)


def test_links_name_the_api_url_of_each_resource_and_none_without_a_key():
    from rounds.api.serializers.base import Links, api_url

    request = RequestFactory().get("/")
    links = Links(request)
    assert links.api_url("round", 8) == api_url(request, "round", 8)
    assert links.api_url("round", 8) == "http://testserver/api/v1/rounds/8/"
    assert links.api_url("statement", "") is None
    assert links.api_url("round", None) is None
    assert links.api_url("delegation", 1) is None  # no resource of its own


@pytest.mark.parametrize(
    "alias",
    [
        {"name": "Astana", "lang": "en"},
        {"name": "Астана", "lang": ""},
        {"lang": "ru", "name": "Нур-Султан"},  # keys in another order
        {"name": "Idleb"},  # no language
        {"name": "Idlib", "lang": None},
        {"name": "Idlib", "lang": "tr", "note": "extra keys are not shown"},
        {"name": 7, "lang": "ar"},
    ],
)
def test_an_alias_reads_as_drfs_loop_gives_it(alias):
    from rest_framework import serializers

    from rounds.api.serializers.base import AliasSerializer

    serializer = AliasSerializer()
    assert serializer.to_representation(alias) == serializers.Serializer.to_representation(
        serializer, alias
    )
    many = AliasSerializer(many=True)
    assert (
        many.to_representation([alias, alias])
        == [serializers.Serializer.to_representation(many.child, alias)] * 2
    )
