"""The API's filter backend leaves a FilterSet out only where it would change nothing
(``astana_site.api.filtering``)."""

import pytest
from django.http import QueryDict

from astana_site.api.filtering import gives_a_filter

pytestmark = pytest.mark.django_db

NOT_FILTERS = "page=2&page_size=10&format=json&expand=citations&lang=ru&unknown=1"


def _filtered_views():
    return [
        viewset
        for router in _routers()
        for _prefix, viewset, _basename in router.registry
        if getattr(viewset, "filterset_class", None) is not None
    ]


def _routers():
    from ingest.api import urls as ingest_urls
    from review.api import urls as review_urls
    from rounds.api import urls as rounds_urls

    return [rounds_urls.router, review_urls.router, ingest_urls.router]


def _param(name: str, widget) -> str:
    suffixes = getattr(widget, "suffixes", None)
    if suffixes:
        return f"{name}_{suffixes[0]}"
    if getattr(widget, "widgets", None):
        return f"{name}_0"
    return name


def test_every_filtered_list_is_covered():
    names = {view.__name__ for view in _filtered_views()}
    assert {"RoundViewSet", "EventViewSet", "CitationViewSet", "ArticleViewSet"} <= names


@pytest.mark.parametrize("view", _filtered_views(), ids=lambda v: v.__name__)
def test_without_filter_parameters_the_filterset_would_have_changed_nothing(view):
    filterset_class = view.filterset_class
    queryset = filterset_class._meta.model._default_manager.all()
    query = QueryDict(NOT_FILTERS)
    assert not gives_a_filter(filterset_class, query)
    filterset = filterset_class(data=query, queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    assert str(filterset.qs.query) == str(queryset.query)


@pytest.mark.parametrize("view", _filtered_views(), ids=lambda v: v.__name__)
def test_any_filter_parameter_runs_the_filterset(view):
    filterset_class = view.filterset_class
    form = filterset_class(queryset=filterset_class._meta.model._default_manager.none()).form
    assert form.fields
    for name, field in form.fields.items():
        param = _param(name, field.widget)
        assert gives_a_filter(filterset_class, QueryDict(f"{NOT_FILTERS}&{param}=x")), param
        assert gives_a_filter(filterset_class, QueryDict(f"{param}=")), param  # even empty


@pytest.mark.parametrize(
    "query",
    ["start_date_after=2018-01-01", "start_date_before=2018-01-01", "search=sochi", "q=sochi"],
)
def test_a_range_bound_or_a_search_is_a_filter(query):
    from rounds.filtersets import EventFilterSet

    assert gives_a_filter(EventFilterSet, QueryDict(query))


def test_lists_still_refuse_bad_filter_values_and_answer_plain_pages(api_client, settings):
    settings.READ_CACHE_ENABLED = False
    assert api_client.get("/api/v1/rounds/?number=abc").status_code == 400
    assert api_client.get("/api/v1/events/?start_date_after=someday").status_code == 400
    plain = api_client.get("/api/v1/rounds/?page_size=5").json()
    assert [r["number"] for r in plain["results"]] == [1, 2, 3, 4, 5]
    assert api_client.get("/api/v1/rounds/?number=8").json()["results"][0]["number"] == 8


def test_a_checkbox_filter_always_runs_since_an_absent_box_reads_as_false():
    import django_filters
    from django import forms

    from rounds.models import Round

    class Ticked(django_filters.FilterSet):
        uncertain = django_filters.BooleanFilter(widget=forms.CheckboxInput)

        class Meta:
            model = Round
            fields = ["uncertain"]

    assert gives_a_filter(Ticked, QueryDict("page=2"))
    # and that is right: the empty form does filter
    filterset = Ticked(data=QueryDict("page=2"), queryset=Round.objects.all())
    assert str(filterset.qs.query) != str(Round.objects.all().query)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/rounds/8/?year=2019",
        "/api/v1/rounds/8/?status=cancelled",
        "/api/v1/rounds/8/?year=abc",
        "/api/v1/events/sochi-congress/?kind=summit",
    ],
)
def test_a_lists_filter_in_a_detail_url_does_not_hide_the_record(api_client, url):
    assert api_client.get(url).status_code == 200


def test_a_lists_filter_in_a_write_url_does_not_hide_the_record(analyst_api):
    from rounds.models import Place
    from tests.api_helpers import if_match

    url = "/api/v1/places/astana/"
    response = analyst_api.patch(
        f"{url}?kind=virtual",
        {"country": "KZ"},
        format="json",
        HTTP_X_CHANGE_REASON="test",
        **if_match(analyst_api, url),
    )
    assert response.status_code == 200
    # while the list still filters by it
    assert analyst_api.get("/api/v1/places/?kind=virtual").json()["count"] < Place.objects.count()
