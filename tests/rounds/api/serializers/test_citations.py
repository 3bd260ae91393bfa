"""rounds.api.serializers.citations: a citation's type, read from Django's content types."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rounds.api.serializers.citations import cited_type
from rounds.models import Citation, Round, Zone
from rounds.selectors.base import content_types


@pytest.mark.django_db
def test_the_type_of_each_citation_is_its_content_types_model():
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Round),
        object_id=Round.objects.get(number=8).pk,
        url="https://example.org/round-8",
    )
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Zone),
        object_id=Zone.objects.get(slug="idlib").pk,
        url="https://example.org/idlib",
    )
    citations = list(Citation.objects.select_related("content_type").order_by("pk"))
    assert {cited_type(c) for c in citations} >= {"round", "zone"}
    assert [cited_type(c) for c in citations] == [c.content_type.model for c in citations]
    assert cited_type(Citation()) is None  # no type yet


@pytest.mark.django_db
def test_one_manager_per_database_shares_djangos_cache_of_content_types():
    citation = Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Round),
        object_id=Round.objects.get(number=8).pk,
        url="https://example.org/round-8",
    )
    citation = Citation.objects.get(pk=citation.pk)  # read back: its database is recorded
    assert content_types(citation._state.db) is content_types(citation._state.db)
    cited_type(citation)
    with CaptureQueriesContext(connection) as cached:
        assert cited_type(citation) == "round"
    assert len(cached) == 0  # from the cache
    # Emptied as Django empties it (tests, a migration), the cache is read again, once.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as reread:
        assert cited_type(citation) == "round"
        assert cited_type(citation) == "round"
    assert len(reread) == 1
