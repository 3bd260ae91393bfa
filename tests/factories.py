"""factory_boy factories for the curated domain."""

import datetime

import factory

from rounds.models import Event, Participant, Place, Round, Statement


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"place-{n}")
    name = factory.Sequence(lambda n: f"Place {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    slug = factory.Sequence(lambda n: f"participant-{n}")
    name = factory.Sequence(lambda n: f"Participant {n}")
    kind = "state"


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    number = factory.Sequence(lambda n: 100 + n)
    name = factory.LazyAttribute(lambda o: f"Astana-{o.number}")
    city = "Astana"
    start_date = datetime.date(2030, 1, 10)
    end_date = datetime.date(2030, 1, 11)
    status = "scheduled"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    slug = factory.Sequence(lambda n: f"statement-{n}")
    title = factory.Sequence(lambda n: f"Joint statement {n}")
    kind = "joint_statement"
    date = datetime.date(2030, 1, 11)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "summit"
    title = factory.Sequence(lambda n: f"Summit {n}")
    start_date = datetime.date(2030, 2, 1)
    end_date = datetime.date(2030, 2, 1)
    status = "announced"


def first_event_has_a_parent() -> None:
    """The first event a list shows (by date) gets a parent, so that a page of one event reads
    what a page of a hundred reads (``rounds.selectors.base.with_sparse_relation``)."""
    first, other = Event.objects.order_by("start_date", "slug")[:2]
    Event.objects.filter(pk=first.pk).update(parent=other)
