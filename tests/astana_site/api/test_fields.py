"""Fields the API's serializers share (``astana_site.api.fields``)."""

import pytest
from django.db.models import Prefetch

from astana_site.api.fields import ListedManyRelatedField, StrictSlugRelatedField
from astana_site.reads import listed_as
from rounds.models import Participant, Statement

pytestmark = pytest.mark.django_db


def _issuers_field() -> ListedManyRelatedField:
    field = StrictSlugRelatedField(slug_field="slug", many=True, read_only=True)
    field.bind("issuers", parent=None)
    return field


def test_many_slugs_are_read_from_the_listed_prefetch_without_a_manager_per_record(
    django_assert_num_queries,
):
    field = _issuers_field()
    assert isinstance(field, ListedManyRelatedField)
    listed = Prefetch(
        "issuers", queryset=Participant.objects.only("pk", "slug"), to_attr=listed_as("issuers")
    )
    with django_assert_num_queries(2):  # the statements, then all their issuers
        statements = list(Statement.objects.prefetch_related(listed).order_by("pk"))
        shown = [field.to_representation(field.get_attribute(s)) for s in statements]
    # In the relation's own order (the participants' default ordering), as DRF reads it.
    expected = [list(s.issuers.values_list("slug", flat=True)) for s in statements]
    assert shown == expected
    assert any(expected)


def test_many_slugs_without_the_listed_prefetch_are_read_from_the_relation():
    field = _issuers_field()
    statement = Statement.objects.filter(issuers__isnull=False).first()
    assert field.to_representation(field.get_attribute(statement)) == list(
        statement.issuers.values_list("slug", flat=True)
    )
    assert field.to_representation(field.get_attribute(Statement())) == []  # unsaved: none
