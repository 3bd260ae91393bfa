"""astana_site.db: PeriodStart gives what Django's TruncMonth and TruncYear give, in SQL each
database runs itself; years_of gives what QuerySet.dates(field, "year") gives."""

import datetime

import pytest
from django.db import connection
from django.db.models.functions import TruncMonth, TruncYear
from django.test.utils import CaptureQueriesContext

from astana_site.db import PeriodStart, years_of
from rounds.models import Event
from tests.factories import EventFactory

DAYS = [
    datetime.date(2016, 12, 31),
    datetime.date(2017, 1, 1),
    datetime.date(2017, 1, 23),
    datetime.date(2020, 2, 29),
    datetime.date(2024, 12, 1),
]


def _starts(expression) -> list[tuple[str, datetime.date]]:
    rows = Event.objects.filter(slug__startswith="period-").annotate(start=expression)
    return sorted(rows.values_list("slug", "start"))


@pytest.fixture
def dated_events():
    for i, day in enumerate(DAYS):
        EventFactory(slug=f"period-{i}", start_date=day, end_date=None)
    EventFactory(slug="period-undated", start_date=None, end_date=None)


@pytest.mark.django_db
@pytest.mark.usefixtures("dated_events")
@pytest.mark.parametrize("vendor", ["own", "other"])
def test_the_first_day_of_the_month_and_the_year(vendor, monkeypatch):
    own_sql = {"sqlite": "'start of month')", "postgresql": "::timestamp)::date"}[connection.vendor]
    if vendor == "other":  # a database without SQL of its own here: Django's Trunc
        monkeypatch.setattr(connection, "vendor", "other")
    with CaptureQueriesContext(connection) as captured:
        months = _starts(PeriodStart("start_date", "month"))
    years = _starts(PeriodStart("start_date", "year"))
    monkeypatch.undo()
    assert (own_sql in captured[0]["sql"]) is (vendor == "own")
    assert months == _starts(TruncMonth("start_date"))
    assert years == _starts(TruncYear("start_date"))
    assert dict(months)["period-3"] == datetime.date(2020, 2, 1)
    assert dict(years)["period-0"] == datetime.date(2016, 1, 1)
    assert dict(months)["period-undated"] is None
    assert all(type(day) is datetime.date for _, day in months if day is not None)


def test_a_period_it_does_not_know_is_refused():
    with pytest.raises(ValueError, match="month, year"):
        PeriodStart("start_date", "week")


@pytest.mark.django_db
@pytest.mark.usefixtures("dated_events")
def test_years_of_is_what_dates_by_year_gives():
    expected = [d.year for d in Event.objects.dates("start_date", "year")]
    assert years_of(Event.objects.all(), "start_date") == expected
    assert {2016, 2017, 2020, 2024} <= set(expected)
    assert years_of(Event.objects.filter(slug__startswith="period-"), "start_date") == [
        2016,
        2017,
        2020,
        2024,
    ]
