import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from rounds.models import (
    Citation,
    Delegation,
    Event,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)
from rounds.reference import REFERENCE_DIR, reference_load
from rounds.services import curated_save
from rounds.sources import source_of

pytestmark = pytest.mark.django_db

SHARED_FACTS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "astana_facts.json"
MODELS = [Round, Delegation, Statement, Event, Zone, ZoneStatusChange, Citation]


def _counts():
    return {m.__name__: (m.objects.count(), m.history.count()) for m in MODELS}


def test_loading_twice_changes_no_rows_and_writes_no_history():
    # Given the reference already loaded (session fixture)
    before = _counts()
    # When it is loaded again
    report = reference_load()
    call_command("load_reference", verbosity=0)
    # Then nothing changed
    assert not report.changed
    assert _counts() == before


def test_loading_keeps_a_fact_an_analyst_changed_since(analyst):
    # Given an analyst's correction made after the reference load
    rnd = Round.objects.get(number=8)
    rnd.venue = "Rixos President Hotel"
    curated_save(rnd, user=analyst, reason="Venue per MFA")
    history_before = rnd.history.count()
    # When the reference data is loaded again
    report = reference_load()
    # Then the correction stays and no history is written
    rnd.refresh_from_db()
    assert rnd.venue == "Rixos President Hotel"
    assert report.kept == {"rounds": 1} and not report.changed
    assert rnd.history.count() == history_before


def test_loading_updates_a_fact_only_the_loader_wrote():
    # Given a row whose last change was a reference load, and data that now differs
    rnd = Round.objects.get(number=8)
    Round.objects.filter(pk=rnd.pk).update(venue="Stale venue")
    history_before = rnd.history.count()
    # When loaded, the shipped value wins, with one history row
    report = reference_load()
    rnd.refresh_from_db()
    assert rnd.venue == ""
    assert report.updated == {"rounds": 1}
    assert rnd.history.count() == history_before + 1
    assert rnd.history.first().history_change_reason == "Reference data load"


def test_the_22_rounds_and_their_dates_match_the_shipped_data():
    data = json.loads((REFERENCE_DIR / "astana.json").read_text())
    assert Round.objects.count() == 22
    assert list(Round.objects.values_list("number", flat=True)) == list(range(1, 23))
    for r in data["rounds"]:
        stored = Round.objects.get(number=r["number"])
        assert stored.start_date.isoformat() == r["start_date"]
        assert stored.end_date.isoformat() == r["end_date"]
        assert stored.city == r["city"]


@pytest.mark.skipif(not SHARED_FACTS.exists(), reason="../shared/reference is not present")
def test_the_rounds_match_the_compiled_research():
    facts = json.loads(SHARED_FACTS.read_text())
    for r in facts["rounds"]:
        stored = Round.objects.get(number=r["number"])
        assert (stored.start_date.isoformat(), stored.end_date.isoformat()) == (
            r["start_date"],
            r["end_date"],
        )
        assert stored.uncertain == bool(r.get("uncertain"))
        cited = dict(stored.citations.values_list("url", "tier"))
        better = {tier for tier in cited.values() if tier != "other"}
        for url in r["sources"]:
            # every researched source is cited, unless it is of the "other" tier and a better
            # source supports the round (see DATA.md)
            assert url in cited or (better and source_of(url)[1] == "other"), url


def test_round_8_carries_its_documents_announcements_and_sources():
    rnd = Round.objects.get(number=8)
    assert (rnd.start_date, rnd.end_date) == (
        datetime.date(2017, 12, 21),
        datetime.date(2017, 12, 22),
    )
    assert rnd.next_meeting_start == datetime.date(2018, 2, 15)
    assert rnd.next_meeting_place.name == "Astana"
    assert rnd.statements.count() == 3
    assert {e.slug for e in rnd.events.all()} == {"sochi-prep", "sochi-congress"}
    assert rnd.citations.count() >= 5
    heads = {d.participant.name: d.head_of_delegation for d in rnd.delegations.all()}
    assert heads["Syrian government"] == "Bashar al-Jaafari"


def test_sochi_congress_and_its_preparatory_meeting():
    congress = Event.objects.get(slug="sochi-congress")
    prep = Event.objects.get(slug="sochi-prep")
    assert (congress.start_date, congress.end_date) == (
        datetime.date(2018, 1, 29),
        datetime.date(2018, 1, 30),
    )
    assert (prep.start_date, prep.end_date) == (
        datetime.date(2018, 1, 19),
        datetime.date(2018, 1, 20),
    )
    assert prep.parent == congress
    assert congress.place.name == "Sochi"


def test_uncertain_facts_are_marked():
    assert Round.objects.get(number=22).uncertain
    assert Event.objects.get(slug="geneva4").uncertain
    assert all(z.polygon_approximate for z in Zone.objects.all())


def test_four_zones_with_polygons_and_governorates():
    zones = Zone.objects.prefetch_related("governorates")
    assert zones.count() == 4
    for zone in zones:
        assert zone.polygon["type"] in {"Polygon", "MultiPolygon"}
        assert zone.governorates.exists()
        assert zone.status_changes.filter(status="agreed").exists()


# Notes a researcher leaves to themselves: brackets, "(last round found)", "instead",
# "conflicting", "per <source>", question marks. They belong in ``uncertain_note``, never in a
# name, title or a delegation head, which pages, feeds and the API show as facts.
RESEARCH_NOTE = re.compile(
    r"[\[\]?]|\bfound\)|\binstead\b|\bconflict|\bper [A-Z]|\bTODO\b|\bunverified\b", re.I
)


def _public_names():
    for r in Round.objects.all():
        yield f"round {r.number} name", r.name
    for d in Delegation.objects.select_related("round", "participant"):
        yield f"round {d.round.number} {d.participant.slug} head", d.head_of_delegation
    for e in Event.objects.all():
        yield f"event {e.slug} title", e.title
    for s in Statement.objects.all():
        yield f"statement {s.slug} title", s.title
    for p in Participant.objects.all():
        yield f"participant {p.slug} name", p.name
    for p in Place.objects.all():
        yield f"place {p.slug} name", p.name
    for z in Zone.objects.all():
        yield f"zone {z.slug} name", z.name


def test_no_public_name_carries_a_research_note():
    notes = [f"{where}: {text!r}" for where, text in _public_names() if RESEARCH_NOTE.search(text)]
    assert notes == []


def test_the_research_note_pattern_catches_the_notes_once_shipped():
    for text in (
        "22nd International Meeting on Syria in the Astana format (last round found)",
        "Mustafa Yurdakul [observerdiplomat.com instead names Ahmet Yıldız - conflicting]",
        "Geir Pedersen per Kommersant; Najat Rochdi per observerdiplomat.com (conflicting)",
    ):
        assert RESEARCH_NOTE.search(text), text
    assert not RESEARCH_NOTE.search("Joint Statement by Iran, Russia and Turkey")


def test_conflicting_delegation_heads_are_marked_uncertain_with_the_conflict_in_the_note():
    rnd = Round.objects.get(number=22)
    assert rnd.name == "22nd International Meeting on Syria in the Astana format"
    turkey = rnd.delegations.get(participant__slug="turkey")
    assert turkey.uncertain and "Ahmet Yıldız" in turkey.uncertain_note
    un = rnd.delegations.get(participant__slug="united-nations")
    assert (un.head_of_delegation, un.uncertain) == ("Geir Pedersen", True)
