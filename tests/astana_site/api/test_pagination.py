"""Paging a few-rows queryset (search results) by its keys."""

import pytest
from django.core.paginator import EmptyPage

from astana_site.api.pagination import FewRowsPaginator, few_rows
from rounds.models import Round

pytestmark = pytest.mark.django_db


def _numbers(page) -> list[int]:
    return [r.number for r in page.object_list]


def test_marked_keys_page_the_queryset_without_a_query_for_them(django_assert_num_queries):
    rounds = Round.objects.order_by("-number")
    keys = list(rounds.values_list("pk", flat=True))
    paginator = FewRowsPaginator(few_rows(rounds, keys), 5)

    with django_assert_num_queries(1):  # the page's rows only: no COUNT, no keys
        page = paginator.page(2)

    assert paginator.count == len(keys)
    assert _numbers(page) == [r.number for r in rounds[5:10]]


@pytest.mark.parametrize(
    "change",
    [
        lambda qs: qs.filter(number__lte=10),
        lambda qs: qs.order_by("number"),
        lambda qs: qs.reverse(),
        lambda qs: qs.exclude(number=22),
    ],
    ids=["filter", "ordering", "reversal", "exclusion"],
)
def test_keys_marked_before_a_change_are_read_again(change):
    rounds = Round.objects.order_by("-number")
    marked = few_rows(rounds, list(rounds.values_list("pk", flat=True)))
    changed = change(marked)
    paginator = FewRowsPaginator(changed, 4)

    assert paginator.count == changed.count()
    assert _numbers(paginator.page(1)) == [r.number for r in changed[:4]]


def test_a_page_past_the_last_is_an_error_as_with_django():
    rounds = Round.objects.order_by("number")
    paginator = FewRowsPaginator(few_rows(rounds, list(rounds.values_list("pk", flat=True))), 50)

    with pytest.raises(EmptyPage):
        paginator.page(3)


def test_marked_rows_give_the_page(django_assert_num_queries):
    rounds = Round.objects.all()
    keys = list(rounds.order_by("-number").values_list("pk", flat=True))
    marked = few_rows(
        rounds.filter(pk__in=keys).order_by("-number"),
        keys,
        rows=lambda page: rounds.filter(pk__in=page).order_by("-number"),
    )
    paginator = FewRowsPaginator(marked, 3)

    with django_assert_num_queries(1):  # the page's rows, from ``rows``
        page = paginator.page(2)

    assert _numbers(page) == [19, 18, 17]
