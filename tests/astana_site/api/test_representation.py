"""The compiled representation (``astana_site.api.representation``) gives DRF's output: every
resource, list and detail, every expansion, in the languages the API speaks."""

import pytest
from rest_framework import serializers

from astana_site.api import representation
from astana_site.api.representation import compile_representation

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/rounds/?page_size=500&expand=delegations,documents,events,citations",
    "/api/v1/rounds/?page_size=500",
    "/api/v1/rounds/8/",
    "/api/v1/events/?page_size=500&expand=participants,citations",
    "/api/v1/events/?page_size=500",
    "/api/v1/statements/?page_size=500&expand=text,citations",
    "/api/v1/statements/?page_size=500",
    "/api/v1/zones/?page_size=500&expand=citations",
    "/api/v1/zones/idlib/",
    "/api/v1/participants/?page_size=500&expand=citations",
    "/api/v1/places/?page_size=500",
    "/api/v1/citations/?page_size=500",
    "/api/v1/attendance/?page_size=500&expand=sources",
    "/api/v1/attendance/?page_size=500",
]


def _drf_representation(self, instance):
    return serializers.Serializer.to_representation(self, instance)


@pytest.mark.parametrize("language", ["en", "ru", "ar"])
def test_every_resource_reads_as_drf_would_give_it(api_client, settings, monkeypatch, language):
    settings.READ_CACHE_ENABLED = False
    compiled = {}
    for url in URLS:
        response = api_client.get(f"{url}{'&' if '?' in url else '?'}lang={language}")
        assert response.status_code == 200, (url, response.content[:300])
        compiled[url] = response.json()

    monkeypatch.setattr(
        representation.CompiledRepresentationMixin, "to_representation", _drf_representation
    )
    for url in URLS:
        drf = api_client.get(f"{url}{'&' if '?' in url else '?'}lang={language}").json()
        assert compiled[url] == drf, url
    assert compiled[URLS[0]]["results"][0]["delegations"]  # the expansions did expand


class _Thing:
    name = "a"
    number = 7
    missing_relation = None

    def method(self):
        return "called"


class _ThingSerializer(serializers.Serializer):
    name = serializers.CharField()
    number = serializers.IntegerField()
    method = serializers.CharField()
    nothing = serializers.CharField(required=False)
    default = serializers.CharField(default="d")
    nested_null = serializers.CharField(source="missing_relation.name", allow_null=True)
    itself = serializers.DictField(source="*", required=False)


def test_the_short_paths_fall_back_to_drf_for_callables_missing_attributes_and_nulls():
    serializer = _ThingSerializer()
    thing = _Thing()

    # "itself" is the object (not a dict): DRF fails on it, and so does the compiled one
    with pytest.raises(AttributeError):
        serializers.Serializer.to_representation(serializer, thing)
    with pytest.raises(AttributeError):
        compile_representation(serializer)(thing)
    serializer.fields.pop("itself")
    compiled = compile_representation(serializer)(thing)
    assert compiled == serializers.Serializer.to_representation(serializer, thing)
    assert compiled == {
        "name": "a",
        "number": 7,
        "method": "called",
        "default": "d",
        "nested_null": None,
    }


class _When:
    at = None
    day = None


class _WhenSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    day = serializers.DateField()
    at_formatted = serializers.DateTimeField(source="at", format="%Y %H:%M")
    day_formatted = serializers.DateField(source="day", format="%d/%m/%Y")


@pytest.mark.parametrize("zone", ["UTC", "Asia/Almaty", "America/Sao_Paulo"])
def test_dates_and_times_read_as_drf_gives_them_in_the_current_time_zone(settings, zone):
    import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    settings.TIME_ZONE = zone
    cases = [
        (datetime.datetime(2018, 1, 30, 9, 15, tzinfo=datetime.UTC), datetime.date(2018, 1, 30)),
        (  # in UTC as the database gives it, with microseconds
            datetime.datetime(2018, 1, 30, 9, 15, 7, 250, tzinfo=datetime.UTC),
            datetime.date(2018, 1, 30),
        ),
        (  # aware in another zone than the current one
            datetime.datetime(2017, 5, 4, 23, 30, 5, 120, tzinfo=ZoneInfo("Europe/Moscow")),
            datetime.date(2017, 5, 4),
        ),
        (datetime.datetime(2019, 4, 25, 12, 0), datetime.date(2019, 4, 25)),  # naive
    ]
    with timezone.override(zone):
        for at, day in cases:
            thing = _When()
            thing.at, thing.day = at, day
            serializer = _WhenSerializer()
            compiled = compile_representation(serializer)(thing)
            assert compiled == serializers.Serializer.to_representation(serializer, thing)
    assert (
        compiled["at"]
        == "2019-04-25T12:00:00"
        + {
            "UTC": "Z",
            "Asia/Almaty": "+06:00",  # Kazakhstan moved to +05:00 in 2024
            "America/Sao_Paulo": "-03:00",
        }[zone]
    )


def _round_list(host: str, expand=frozenset()):
    from django.test import RequestFactory
    from rest_framework.request import Request

    from rounds.api.serializers import RoundSerializer
    from rounds.selectors import round_api_list

    request = Request(RequestFactory().get("/api/v1/rounds/", HTTP_HOST=host))
    rounds = list(round_api_list(expand=expand, citations_limit=20)[:5])
    context = {"request": request, "expand": expand, "lang": "en"}
    return RoundSerializer(rounds, many=True, context=context), request


def test_a_list_answered_before_is_answered_without_building_its_fields(settings):
    settings.ALLOWED_HOSTS = ["*"]
    representation._KEPT.clear()
    first, _ = _round_list("one.example")
    first_data = first.data
    assert "fields" in first.child.__dict__  # the first list built them, to generate the code

    second, _ = _round_list("two.example")
    second_data = second.data
    assert "fields" not in second.child.__dict__
    # Same records, each link on the host of its own request (the serializer asking).
    assert [r["api_url"] for r in first_data] == [
        f"http://one.example/api/v1/rounds/{r['number']}/" for r in first_data
    ]
    assert [r["api_url"].replace("two.", "one.") for r in second_data] == [
        r["api_url"] for r in first_data
    ]
    assert (
        second_data[0]["translations"]["ru"]["name"] == first_data[0]["translations"]["ru"]["name"]
    )


def test_what_is_kept_for_the_class_holds_no_request(settings):
    import gc
    import weakref

    settings.ALLOWED_HOSTS = ["*"]
    representation._KEPT.clear()
    serializer, request = _round_list("gone.example")
    assert serializer.data
    assert representation._KEPT  # kept, for the class and its shape
    gone = weakref.ref(request._request)
    del serializer, request
    gc.collect()
    assert gone() is None


def test_a_serializer_with_a_field_that_reads_its_context_is_not_kept():
    from rounds.api.serializers import PlaceSerializer, RoundSerializer

    lists = RoundSerializer(context={"expand": frozenset(), "lang": "en"})
    expanded = RoundSerializer(context={"expand": frozenset({"delegations"}), "lang": "en"})
    assert representation.generate_representation(lists)[1] is True
    # A nested list serializer reads the request from its context (links, language).
    assert representation.generate_representation(expanded)[1] is False
    assert lists.representation_shape() != expanded.representation_shape()
    # A nested list of plain objects (a place's aliases) reads nothing from the context.
    places = PlaceSerializer(context={"expand": frozenset(), "lang": "en"})
    assert representation.generate_representation(places)[1] is True


def test_a_nested_record_named_in_the_language_asked_for_is_kept_and_named_so(settings):
    from django.test import RequestFactory
    from rest_framework.request import Request

    from rounds.api.serializers import AttendanceSerializer
    from rounds.selectors import attendance_list

    settings.ALLOWED_HOSTS = ["*"]
    representation._KEPT.clear()
    delegations = list(attendance_list(expand=frozenset(), citations_limit=20)[:30])
    request = Request(RequestFactory().get("/"))
    shown = {}
    for lang in ["en", "ru", "en", "ar"]:
        context = {"request": request, "expand": frozenset(), "lang": lang}
        serializer = AttendanceSerializer(delegations, many=True, context=context)
        shown[lang] = [d["participant"]["name"] for d in serializer.data]
    assert "fields" not in serializer.child.__dict__  # kept: answered without its fields
    assert shown["ru"] == [d.participant.name_ru or d.participant.name for d in delegations]
    assert shown["ar"] == [d.participant.name_ar or d.participant.name for d in delegations]
    assert shown["en"] == [d.participant.name for d in delegations] != shown["ru"]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Almaty"])
def test_dates_are_given_in_the_time_zone_of_the_request_asking(settings, zone):
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    with timezone.override("America/Sao_Paulo"):
        assert _round_list("testserver")[0].data  # kept for another time zone first
    with timezone.override(zone):
        serializer, _ = _round_list("testserver")
        data = serializer.data
        created = serializer.instance[0].created
        assert data[0]["created"] == serializers.DateTimeField().to_representation(created)


def test_a_null_relation_on_the_way_reads_as_null_without_the_exact_path(settings):
    from django.test import RequestFactory
    from rest_framework.request import Request

    from rounds.api.serializers import EventSerializer
    from rounds.selectors import event_api_list

    settings.ALLOWED_HOSTS = ["*"]
    events = list(event_api_list(expand=frozenset(), citations_limit=20))
    assert any(e.place is None for e in events) and any(e.place is not None for e in events)
    context = {"request": Request(RequestFactory().get("/")), "expand": frozenset(), "lang": "en"}
    assert EventSerializer(events, many=True, context=context).data  # kept from here on

    serializer = EventSerializer(events, many=True, context=context)
    data = serializer.data
    assert "fields" not in serializer.child.__dict__  # no record went the exact way
    for event, shown in zip(events, data, strict=True):
        assert shown["place_name"] == (event.place.name if event.place else None)


class _KeysSerializer(serializers.Serializer):
    article = serializers.PrimaryKeyRelatedField(read_only=True)
    round = serializers.PrimaryKeyRelatedField(source="content_type", read_only=True)
    article_by_text = serializers.PrimaryKeyRelatedField(
        source="article", read_only=True, pk_field=serializers.CharField()
    )

    class Meta:
        from rounds.models import Citation as model  # noqa: N813


def test_a_related_key_is_read_from_its_column_as_drf_gives_it(
    django_assert_num_queries, monkeypatch
):
    from rounds.models import Citation

    # Keys of records that do not exist: reading the relation itself would fail.
    citations = [Citation(article_id=None, content_type_id=999), Citation(article_id=123456)]
    serializer = _KeysSerializer()
    drf_getter = representation._getter

    def not_through_a_pk_only_object(field):
        assert field.pk_field is not None, f"{field.field_name}: read through DRF's getter"
        return drf_getter(field)

    monkeypatch.setattr(representation, "_getter", not_through_a_pk_only_object)
    with django_assert_num_queries(0):
        compiled = [compile_representation(serializer)(c) for c in citations]
    drf = [serializers.Serializer.to_representation(serializer, c) for c in citations]
    assert (
        compiled
        == drf
        == [
            {"article": None, "round": 999, "article_by_text": None},
            {"article": 123456, "round": None, "article_by_text": "123456"},
        ]
    )
    assert representation._related_key(serializer.fields["article"], Citation) == "article_id"
    # With a field of its own for the key, DRF's way (it gives the key as that field shows it).
    assert representation._related_key(serializer.fields["article_by_text"], Citation) is None


def test_a_relation_shown_in_several_fields_is_read_once(monkeypatch):
    from rounds.api.serializers import AttendanceSerializer
    from rounds.models import Delegation, Participant, Round

    row = Delegation(
        round=Round(number=8, name="Astana-8", city="Astana"),
        participant=Participant(slug="jordan", name="Jordan"),
        role="observer",
    )
    row.has_own_sources = False
    reads = []
    relation = Delegation.__dict__["round"]

    class Counted:
        def __get__(self, instance, owner=None):
            reads.append(instance)
            return relation.__get__(instance, owner)

    monkeypatch.setattr(Delegation, "round", Counted())
    serializer = AttendanceSerializer(context={"expand": frozenset(), "lang": "en"})
    shown = compile_representation(serializer)(row)
    assert (shown["round"], shown["round_name"], shown["city"]) == (8, "Astana-8", "Astana")
    # Five fields of the round: one read for them, one by the page link's own method.
    assert len(reads) == 2
