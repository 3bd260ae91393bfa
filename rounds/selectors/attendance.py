"""Reads of attendance: who took part in each round, in which role, led by whom, on what
sources. One row per delegation (a participant at a round)."""

from django.db.models import Prefetch, QuerySet

from rounds.models import Citation, Delegation
from rounds.selectors.citations import citations_prefetch


def attendance_list(*, citations_limit: int | None = None) -> QuerySet[Delegation]:
    """Delegations in round order, then by role and participant name, with the round, the
    participant, the delegation's own citations and the round's (the sources of the round's
    delegation list, shown when the delegation has none of its own): three queries whatever
    the length. With ``citations_limit``, the first that many of each."""
    if citations_limit is None:
        own = Prefetch("citations", queryset=Citation.objects.order_by("pk"))
        rounds = Prefetch("round__citations", queryset=Citation.objects.order_by("pk"))
    else:
        own = citations_prefetch(citations_limit, best_first=False)
        rounds = citations_prefetch(citations_limit, lookup="round__citations", best_first=False)
    return (
        Delegation.objects.select_related("round", "participant")
        .prefetch_related(own, rounds)
        .order_by("round__number", "role", "participant__name")
    )


def attendance_sources(delegation: Delegation) -> tuple[list[Citation], str]:
    """The citations behind a delegation and whose they are: its own (``"delegation"``), or
    else its round's (``"round"``), whose sources name the delegations that attended."""
    own = list(delegation.citations.all())
    if own:
        return own, "delegation"
    return list(delegation.round.citations.all()), "round"
