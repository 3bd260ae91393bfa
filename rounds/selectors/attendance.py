"""Reads of attendance: who took part in each round, in which role, led by whom, on what
sources. One row per delegation (a participant at a round)."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from rounds.models import Citation, Delegation, Participant, Round
from rounds.selectors.base import (
    ContentTypeId,
    built_once,
    with_related_columns,
    with_translations,
)
from rounds.selectors.citations import citations_prefetch


@built_once
def attendance_list(
    *,
    expand: frozenset[str] | None = None,
    citations_limit: int | None = None,
    lang: str | None = None,
) -> QuerySet[Delegation]:
    """Delegations in round order, then by role and participant name, with the round, the
    participant, the delegation's own citations and the round's (the sources of the round's
    delegation list, shown when the delegation has none of its own): three queries whatever
    the length. With ``citations_limit``, the first that many of each.

    An API list (``expand`` given) reads the sources only when ``sources`` is asked for;
    otherwise each row only says whose they would be (``has_own_sources``). It reads the
    round's and the participant's names in ``lang`` only, when given, and not the columns it
    does not show."""
    if expand is None:
        rows = Delegation.objects.select_related("round", "participant")
    else:  # an API list shows of the round and the participant what these name
        rows = with_related_columns(
            Delegation.objects.all(),
            unread=("created", "modified", "uncertain_note"),
            round=with_translations(
                Round, "number", "name", "start_date", "end_date", "city", lang=lang
            ),
            participant=with_translations(
                Participant, "slug", "name", "short_name", "is_guarantor", lang=lang
            ),
        )
    rows = rows.order_by("round__number", "role", "participant__name")
    if expand is not None and "sources" not in expand:
        own = Citation.objects.filter(
            content_type_id=ContentTypeId(Delegation), object_id=OuterRef("pk")
        )
        return rows.annotate(has_own_sources=Exists(own))
    if citations_limit is None:
        own = Prefetch("citations", queryset=Citation.objects.order_by("pk"))
        rounds = Prefetch("round__citations", queryset=Citation.objects.order_by("pk"))
    else:
        own = citations_prefetch(citations_limit, best_first=False)
        rounds = citations_prefetch(citations_limit, lookup="round__citations", best_first=False)
    return rows.prefetch_related(own, rounds)


def attendance_sources_of(delegation: Delegation) -> str:
    """Whose sources stand behind a delegation: ``"delegation"`` or ``"round"``."""
    if hasattr(delegation, "has_own_sources"):
        return "delegation" if delegation.has_own_sources else "round"
    return attendance_sources(delegation)[1]


def attendance_sources(delegation: Delegation) -> tuple[list[Citation], str]:
    """The citations behind a delegation and whose they are: its own (``"delegation"``), or
    else its round's (``"round"``), whose sources name the delegations that attended."""
    own = list(delegation.citations.all())
    if own:
        return own, "delegation"
    return list(delegation.round.citations.all()), "round"
