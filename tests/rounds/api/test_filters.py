"""Filters shared with the pages: they narrow the list; a bad value is a 400 in the JSON shape."""

import pytest

from rounds.filtersets import RoundFilterSet
from rounds.models import Round
from tests.api_helpers import if_match


def _results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.json()
    return response.json()["results"]


@pytest.mark.django_db
def test_rounds_by_year_and_start_date_range(api_client):
    in_2017 = _results(api_client, "/api/v1/rounds/?year=2017")
    assert in_2017 and all(r["start_date"].startswith("2017") for r in in_2017)
    ranged = _results(
        api_client, "/api/v1/rounds/?start_date_after=2017-05-01&start_date_before=2017-12-31"
    )
    assert ranged and all("2017-05-01" <= r["start_date"] <= "2017-12-31" for r in ranged)
    assert len(ranged) < len(in_2017)


@pytest.mark.django_db
def test_rounds_by_city_is_case_insensitive(api_client):
    sochi = _results(api_client, "/api/v1/rounds/?city=sochi")
    assert sochi and {r["city"] for r in sochi} == {"Sochi"}


@pytest.mark.django_db
def test_rounds_by_participant_and_role_match_the_same_delegation(api_client):
    as_observer = _results(
        api_client, "/api/v1/rounds/?participant=jordan&role=observer&expand=delegations"
    )
    assert as_observer
    for rnd in as_observer:
        roles = {d["role"] for d in rnd["delegations"] if d["participant"]["slug"] == "jordan"}
        assert roles == {"observer"}
    assert _results(api_client, "/api/v1/rounds/?participant=jordan&role=guarantor") == []


@pytest.mark.django_db
def test_rounds_ordering(api_client):
    numbers = [r["number"] for r in _results(api_client, "/api/v1/rounds/?ordering=-number")]
    assert numbers == sorted(numbers, reverse=True)


@pytest.mark.django_db
def test_search_and_q_alias_find_the_same(api_client):
    by_search = _results(api_client, "/api/v1/events/?search=congress%20sochi")
    by_q = _results(api_client, "/api/v1/events/?q=congress%20sochi")
    assert by_search and by_search == by_q
    assert all("congress" in (e["title"] + e["description"]).lower() for e in by_search)


@pytest.mark.django_db
def test_events_by_kind_status_and_round(api_client):
    congress = _results(api_client, "/api/v1/events/?kind=congress&kind=preparatory_meeting")
    assert congress and {e["kind"] for e in congress} <= {"congress", "preparatory_meeting"}
    held = _results(api_client, "/api/v1/events/?status=held")
    assert held and {e["status"] for e in held} == {"held"}
    with_round = _results(api_client, "/api/v1/events/?round=8")
    assert all(e["round"] == 8 for e in with_round)


@pytest.mark.django_db
def test_statements_by_round_kind_participant_and_topic(api_client, analyst_api):
    of_round = _results(api_client, "/api/v1/statements/?round=4")
    assert of_round and {s["round"] for s in of_round} == {4}
    memoranda = _results(api_client, "/api/v1/statements/?kind=memorandum")
    assert memoranda and {s["kind"] for s in memoranda} == {"memorandum"}
    by_iran = _results(api_client, "/api/v1/statements/?participant=iran")
    assert by_iran and all("iran" in s["issuers"] for s in by_iran)

    analyst_api.patch(
        "/api/v1/statements/round-1-document-1/",
        {"topics": ["ceasefire", "detainees"]},
        format="json",
        HTTP_X_CHANGE_REASON="tags",
        **if_match(analyst_api, "/api/v1/statements/round-1-document-1/"),
    )
    tagged = _results(api_client, "/api/v1/statements/?topic=Ceasefire")
    assert [s["slug"] for s in tagged] == ["round-1-document-1"]
    assert _results(api_client, "/api/v1/statements/?topic=cease") == []


@pytest.mark.django_db
def test_zones_by_latest_status_and_governorate(api_client):
    ended = _results(api_client, "/api/v1/zones/?status=ended")
    assert all(z["status"] == "ended" for z in ended)
    idlib = _results(api_client, "/api/v1/zones/?governorate=SY07")
    assert [z["slug"] for z in idlib] == ["idlib"]


@pytest.mark.django_db
def test_participants_places_and_citations_filters(api_client):
    guarantors = _results(api_client, "/api/v1/participants/?is_guarantor=true")
    assert {p["slug"] for p in guarantors} == {"russia", "iran", "turkey"}
    syrian = _results(api_client, "/api/v1/places/?country=syria")
    assert syrian and {p["country"] for p in syrian} == {"Syria"}
    cited = _results(api_client, "/api/v1/citations/?round=8")
    assert cited and all(c["target_url"].endswith("/rounds/8/") for c in cited)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/rounds/?year=twenty",
        "/api/v1/rounds/?year=2017.5",
        "/api/v1/rounds/?year=99999",
        "/api/v1/rounds/?start_date_after=2017-13-45",
        "/api/v1/rounds/?status=maybe",
        "/api/v1/rounds/?role=spy",
        "/api/v1/rounds/?ordering=bogus",
        "/api/v1/events/?kind=picnic",
        "/api/v1/events/?round=-1",
        "/api/v1/participants/?is_guarantor=perhaps",
        "/api/v1/citations/?type=article",
        "/api/v1/rounds/?page=abc",
        "/api/v1/rounds/?page=0",
        "/api/v1/rounds/?page_size=-1",
        "/api/v1/rounds/?page_size=501",
        "/api/v1/rounds/?page=",
        "/api/v1/events/?search=" + "x" * 201,
        "/api/v1/changes/?since=yesterday",
        "/api/v1/changes/?page_size=0",
        "/api/v1/changes/?type=article",
        "/api/v1/rounds/?page_size=%C2%B2",
    ],
)
def test_a_bad_value_is_a_400_in_the_error_shape(api_client, query):
    response = api_client.get(query)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid"
    assert error["message"] and error["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["rounds", "events", "statements", "zones", "participants"])
@pytest.mark.parametrize("query", ["%C2%B3", "%E2%91%A0"])
def test_a_search_of_digit_like_symbols_is_an_answer_not_a_500(api_client, resource, query):
    # Superscript and circled digits are "digits" to str.isdigit() but not to int().
    response = api_client.get(f"/api/v1/{resource}/?q={query}")
    assert response.status_code == 200, response.content
    assert isinstance(response.json()["results"], list)


@pytest.mark.django_db
def test_a_page_past_the_last_is_a_404(api_client):
    response = api_client.get("/api/v1/rounds/?page=99")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_pagination_has_count_links_and_headers(api_client):
    response = api_client.get("/api/v1/rounds/?page_size=5&page=2")
    body = response.json()
    assert body["count"] == Round.objects.count()
    assert len(body["results"]) == 5
    assert "page=3" in body["next"] and "page_size=5" in body["previous"]
    assert 'rel="next"' in response["Link"] and 'rel="prev"' in response["Link"]
    assert response["X-Total-Count"] == str(body["count"])


@pytest.mark.django_db
def test_the_filterset_works_without_drf():
    """The pages use the same FilterSet on a plain QueryDict."""
    from django.http import QueryDict

    filterset = RoundFilterSet(QueryDict("city=Sochi"), queryset=Round.objects.all())
    assert filterset.is_valid()
    assert {r.city for r in filterset.qs} == {"Sochi"}
    assert not RoundFilterSet(QueryDict("year=x"), queryset=Round.objects.all()).is_valid()


@pytest.mark.django_db
def test_empty_filter_values_mean_no_filter(api_client):
    everything = api_client.get("/api/v1/rounds/").json()["count"]
    assert api_client.get("/api/v1/rounds/?role=&year=&city=").json()["count"] == everything


@pytest.mark.django_db
def test_a_single_valued_parameter_given_twice_is_a_400(api_client):
    response = api_client.get("/api/v1/rounds/?page_size=1&page_size=2")
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]["detail"]
    assert api_client.get("/api/v1/events/?kind=congress&kind=summit").status_code == 200


@pytest.mark.django_db
def test_an_empty_ordering_is_the_default_order_and_the_schema_says_so(api_client):
    default = _results(api_client, "/api/v1/participants/")

    assert _results(api_client, "/api/v1/participants/?ordering=") == default
    schema = api_client.get("/api/v1/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/participants/"]["get"]["parameters"]
    ordering = next(p for p in parameters if p["name"] == "ordering")
    assert "" in ordering["schema"]["items"]["enum"]


@pytest.mark.django_db
def test_search_results_page_in_rank_order_with_other_filters_and_their_count(api_client):
    # A search result set is paged by its keys (astana_site.api.pagination.FewRowsPaginator):
    # pages of one record put together are the whole list, in the same order, with the count
    # of the records that pass every filter.
    whole = api_client.get("/api/v1/rounds/?search=astana&year=2017&page_size=500").json()
    assert whole["count"] == len(whole["results"]) > 2
    assert all(r["start_date"].startswith("2017") for r in whole["results"])

    paged, url = [], "/api/v1/rounds/?search=astana&year=2017&page_size=1"
    while url:
        body = api_client.get(url).json()
        assert body["count"] == whole["count"]
        paged += body["results"]
        url = body["next"]

    assert [r["number"] for r in paged] == [r["number"] for r in whole["results"]]


@pytest.mark.django_db
def test_a_search_result_page_costs_no_count_query_whatever_its_size(api_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(page_size: int) -> list[str]:
        with CaptureQueriesContext(connection) as context:
            response = api_client.get(f"/api/v1/statements/?search=joint&page_size={page_size}")
            assert response.status_code == 200 and response.json()["results"]
        return [q["sql"] for q in context.captured_queries]

    queries(1)  # the query's words are normalised once per process (PostgreSQL)
    small, large = queries(1), queries(100)

    assert len(small) == len(large)
    assert not any("COUNT(" in sql.upper() for sql in small)
    # A search alone: its ranked ids are the keys, with no query to read them again.
    assert not any('AS "pk"' in sql for sql in small)


@pytest.mark.django_db
def test_an_empty_expand_expands_nothing(api_client):
    # The schema allows ``expand=`` (a fuzzer sent it): the list as without the parameter.
    response = api_client.get("/api/v1/events/?expand=")

    assert response.status_code == 200
    assert response.json()["results"] == api_client.get("/api/v1/events/").json()["results"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("/api/v1/places/?search=Алеппо", "aleppo"),
        ("/api/v1/places/?search=алеппо", "aleppo"),
        ("/api/v1/places/?search=حلب", "aleppo"),
        ("/api/v1/places/?search=Halep", "aleppo"),
        ("/api/v1/participants/?search=Türkiye", "turkey"),
        ("/api/v1/participants/?search=TÜRKİYE", "turkey"),
        ("/api/v1/participants/?search=turkiye", "turkey"),
        ("/api/v1/participants/?search=Россия", "russia"),
        ("/api/v1/participants/?search=россия", "russia"),
        ("/api/v1/participants/?q=РОССИЯ", "russia"),
        ("/api/v1/guarantors/?search=Россия", "russia"),
        ("/api/v1/zones/?search=İdlib", "idlib"),
        ("/api/v1/zones/?search=idlib", "idlib"),
        ("/api/v1/zones/?search=IDLIB", "idlib"),
    ],
)
def test_places_participants_and_zones_are_found_by_any_of_their_names(api_client, url, slug):
    # Their names in ru/tr/ar and their aliases, case and accents folded in every script.
    slugs = [r["slug"] for r in _results(api_client, url)]

    assert slug in slugs, slugs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("resource", "one"), [("places", "Алеппо"), ("participants", "Россия"), ("zones", "İdlib")]
)
def test_a_small_list_search_costs_the_same_queries_for_one_match_or_many(
    api_client, resource, one
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as context:
            response = api_client.get(f"/api/v1/{resource}/", {"search": query})
            assert response.status_code == 200 and response.json()["results"]
        return len(context.captured_queries)

    queries("a")  # warm caches (content types)
    assert queries(one) == queries("a")


@pytest.mark.django_db
@pytest.mark.parametrize("type_name", ["round", "statement", "event", "zone"])  # those cited
def test_citations_by_type_are_that_types_and_link_their_records(api_client, type_name):
    from rounds.models import Citation
    from rounds.selectors.citations import TARGET_KEYS

    expected = Citation.objects.filter(content_type__model=type_name)
    response = api_client.get(f"/api/v1/citations/?type={type_name}&page_size=500")
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == expected.count() > 0
    assert {c["type"] for c in body["results"]} == {type_name}
    # Each links its record by the record's key (read in the list's one query).
    model = next(m for m in TARGET_KEYS if m._meta.model_name == type_name)
    key_of = {pk: str(key) for pk, key in model.objects.values_list("pk", TARGET_KEYS[model])}
    for citation in body["results"]:
        assert citation["target_url"].endswith(f"/{key_of[citation['object_id']]}/")


@pytest.mark.django_db
def test_citations_of_a_type_without_a_resource_have_no_link_and_cost_no_query_each(api_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rounds.models import Citation, Governorate

    governorate = Governorate.objects.first()  # the reference data has them, uncited

    def listed() -> tuple[list, int]:
        with CaptureQueriesContext(connection) as captured:
            response = api_client.get("/api/v1/citations/?type=governorate")
        assert response.status_code == 200
        return response.json()["results"], len(captured)

    Citation.objects.create(content_object=governorate, url="https://example.org/1")
    listed()  # the content types cached
    one, queries = listed()
    for n in (2, 3):
        Citation.objects.create(content_object=governorate, url=f"https://example.org/{n}")
    three, more_queries = listed()
    assert [c["target_url"] for c in three] == [None] * 3
    assert {c["type"] for c in [*one, *three]} == {"governorate"}
    assert more_queries == queries
