"""Load the shipped reference dataset into the curated tables, idempotently.

A second load of the same data changes nothing and writes no history: each record is compared
with what is stored and saved (through the curated services) only when a value differs.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from astana_site.dates import parse_iso_date
from rounds.models import (
    Citation,
    Delegation,
    Event,
    Governorate,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)
from rounds.services import analysts_group_ensure, curated_delete, curated_save, set_m2m
from rounds.sources import source_of
from rounds.translations import (
    TRANSLATED_FIELDS,
    TRANSLATION_LANGUAGES,
    column,
    translation_columns,
)

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
REASON = "Reference data load"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], model: type[models.Model]) -> None:
        name = model._meta.verbose_name_plural
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def _date(value: str | None) -> datetime.date | None:
    return parse_iso_date(value[:10] if value else None)


def _upsert(model, lookup: dict, values: dict, report: LoadReport):
    """Create or update one row; save only when a value differs (so history stays quiet).

    A row whose last change was made by someone other than this loader (an analyst in the
    admin or API, an accepted suggestion) is kept as it is and counted in ``report.kept``:
    reloading the reference data never reverts curated work. The row is locked while this is
    decided and written, and only the fields whose reference value differs are written, so an
    edit made at the same time is neither reverted nor overwritten.

    Translations (``name_ru``...) are owned field by field: on such a kept row the loader
    still writes a translation column that nobody but the loader has ever set (a translation
    the data gained since, on a record an analyst edited otherwise); one an analyst wrote or
    cleared stays theirs.
    """
    with transaction.atomic():
        instance = model.objects.select_for_update().filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            curated_save(instance, reason=REASON)
            report.count(report.created, model)
            return instance
        differs = {name for name, value in values.items() if getattr(instance, name) != value}
        if not differs:
            return instance
        latest = instance.history.order_by("-history_date", "-history_id").first()
        if latest is not None and latest.history_change_reason != REASON:
            report.count(report.kept, model)
            translations = set(
                translation_columns(TRANSLATED_FIELDS.get(model._meta.label_lower, ()))
            )
            differs = {
                name for name in differs & translations if _set_only_by_loader(instance, name)
            }
            if not differs:
                return instance
        for name in differs:
            setattr(instance, name, values[name])
        curated_save(instance, reason=REASON)
        report.count(report.updated, model)
        return instance


def _set_only_by_loader(instance: models.Model, name: str) -> bool:
    """Whether history shows no one but this loader giving field ``name`` a value (a record
    created blank by someone else counts as untouched)."""
    previous = ""
    for row in instance.history.order_by("history_date", "history_id"):
        value = getattr(row, name, "")
        if value != previous and row.history_change_reason != REASON:
            return False
        previous = value
    return True


def _translations(record: dict, fields: tuple[str, ...]) -> dict[str, str]:
    """The translation columns of a reference record's ``translations`` object
    (``{"ru": {"name": ...}}`` -> ``{"name_ru": ...}``); blank where the data has none."""
    given = record.get("translations") or {}
    return {
        column(f, lang): (given.get(lang) or {}).get(f, "")
        for f in fields
        for lang in TRANSLATION_LANGUAGES
    }


def _citation_values(source: str | dict) -> tuple[str, dict]:
    """The URL and stored values of one reference source: a record from ``astana.json``
    (outlet, tier, title, language, publication date, quote, retrieval time) or, in older
    data, a bare URL whose outlet and tier come from its host (``rounds.sources``)."""
    if isinstance(source, str):
        source = {"url": source}
    url = source["url"]
    outlet, tier = source_of(url)
    retrieved = source.get("retrieved") or ""
    return url, {
        "publisher": source.get("outlet") or outlet or urlsplit(url).hostname or "",
        "tier": source.get("tier") or tier,
        "title": source.get("title") or "",
        "language": source.get("language") or "",
        "published": _date(source.get("published")),
        "quote": source.get("quote") or "",
        "retrieved": datetime.datetime.fromisoformat(retrieved) if retrieved else None,
    }


def _cite(instance: models.Model, sources: list, report: LoadReport) -> None:
    """Cite ``sources`` on ``instance``, and withdraw the citations an earlier load made that the
    reference data no longer lists (a source dropped for a better one). A citation an analyst
    added or changed since is theirs: it is neither updated nor withdrawn."""
    ct = ContentType.objects.get_for_model(instance)
    wanted = set()
    for source in sources:
        url, values = _citation_values(source)
        wanted.add(url)
        _upsert(
            Citation, {"content_type": ct, "object_id": instance.pk, "url": url}, values, report
        )
    stale = Citation.objects.filter(content_type=ct, object_id=instance.pk, article=None).exclude(
        url__in=wanted
    )
    for citation in stale:
        latest = citation.history.order_by("-history_date", "-history_id").first()
        if latest is None or latest.history_change_reason != REASON:
            continue
        curated_delete(citation, reason=REASON)
        report.count(report.removed, Citation)


def _load_governorates(report: LoadReport) -> dict[str, Governorate]:
    collection = json.loads((REFERENCE_DIR / "syria_adm1.geojson").read_text())
    result = {}
    for feature in collection["features"]:
        p = feature["properties"]
        result[p["ADM1_PCODE"]] = _upsert(
            Governorate,
            {"pcode": p["ADM1_PCODE"]},
            {
                "name": p["ADM1_EN"],
                "name_common": p.get("name_common") or p["ADM1_EN"],
                "name_ar": p.get("ADM1_AR", ""),
                "iso_code": p.get("ISO3166_2", ""),
                "geometry": feature["geometry"],
            },
            report,
        )
    return result


@transaction.atomic
def reference_load(*, path: Path | None = None) -> LoadReport:
    """Load (or refresh) the reference dataset. Safe to run any number of times."""
    data = json.loads((path or REFERENCE_DIR / "astana.json").read_text())
    report = LoadReport()
    governorates = _load_governorates(report)

    places = {}
    for p in data["places"]:
        places[p["slug"]] = _upsert(
            Place,
            {"slug": p["slug"]},
            {
                "name": p["name"],
                "kind": p["kind"],
                "country": p["country"],
                "governorate": governorates.get(p["governorate"]) if p["governorate"] else None,
                "latitude": p["latitude"],
                "longitude": p["longitude"],
                "aliases": p["aliases"],
                **_translations(p, ("name",)),
            },
            report,
        )

    participants = {}
    for p in data["participants"]:
        participants[p["slug"]] = _upsert(
            Participant,
            {"slug": p["slug"]},
            {
                "name": p["name"],
                "short_name": p["short_name"],
                "kind": p["kind"],
                "is_guarantor": p["is_guarantor"],
                "aliases": p["aliases"],
                **_translations(p, ("name",)),
            },
            report,
        )

    rounds = {}
    for r in data["rounds"]:
        nm = r["next_meeting"]
        rnd = _upsert(
            Round,
            {"number": r["number"]},
            {
                "name": r["name"],
                **_translations(r, ("name", "city")),
                "city": r["city"],
                "place": places[r["place"]],
                "venue": r["venue"],
                "start_date": _date(r["start_date"]),
                "end_date": _date(r["end_date"]),
                "date_note": r["date_note"],
                "status": r["status"],
                "summary": r["summary"],
                "outcomes": r["outcomes"],
                "next_meeting_text": nm["text"],
                "next_meeting_place": places[nm["place"]] if nm["place"] else None,
                "next_meeting_start": _date(nm["start"]),
                "next_meeting_end": _date(nm["end"]),
                "uncertain": r["uncertain"],
                "uncertain_note": r["uncertain_note"],
            },
            report,
        )
        rounds[rnd.number] = rnd
        _cite(rnd, r["sources"], report)
        for d in r["delegations"]:
            _upsert(
                Delegation,
                {"round": rnd, "participant": participants[d["participant"]]},
                {
                    "role": d["role"],
                    "head_of_delegation": d["head_of_delegation"],
                    "note": d.get("note", ""),
                    "uncertain": d.get("uncertain", False),
                    "uncertain_note": d.get("uncertain_note", ""),
                },
                report,
            )

    for s in data["statements"]:
        statement = _upsert(
            Statement,
            {"slug": s["slug"]},
            {
                "title": s["title"],
                **_translations(s, ("title",)),
                "kind": s["kind"],
                "date": _date(s["date"]),
                "round": rounds.get(s["round"]),
                "topics": s["topics"],
                "uncertain": s["uncertain"],
                "uncertain_note": s["uncertain_note"],
            },
            report,
        )
        if set_m2m(statement, "issuers", [participants[i] for i in s["issuers"]]):
            report.count(report.updated, Statement)
        _cite(statement, s["sources"], report)

    events = {}
    pending_parents = []
    for e in data["events"]:
        event = _upsert(
            Event,
            {"slug": e["slug"]},
            {
                "kind": e["kind"],
                "title": e["title"],
                **_translations(e, ("title",)),
                "description": e["description"],
                "start_date": _date(e["start_date"]),
                "end_date": _date(e["end_date"]),
                "date_precision": e["date_precision"],
                "place": places[e["place"]] if e["place"] else None,
                "location_text": e["location_text"],
                "status": e["status"],
                "round": rounds.get(e["round"]) if e["round"] else None,
                "details": e["details"],
                "uncertain": e["uncertain"],
                "uncertain_note": e["uncertain_note"],
            },
            report,
        )
        events[event.slug] = event
        if set_m2m(event, "participants", [participants[p] for p in e["participants"]]):
            report.count(report.updated, Event)
        _cite(event, e["sources"], report)
        if e["parent"]:
            pending_parents.append((event, e["parent"]))
    for event, parent_slug in pending_parents:
        parent = events[parent_slug]
        if event.parent_id != parent.pk:
            event.parent = parent
            curated_save(event, reason=REASON)
            report.count(report.updated, Event)

    for z in data["zones"]:
        zone = _upsert(
            Zone,
            {"slug": z["slug"]},
            {
                "number": z["number"],
                "name": z["name"],
                "short_name": z["short_name"],
                **_translations(z, ("name", "short_name")),
                "governorates_text": z["governorates_text"],
                "centre_latitude": z["centre"][0],
                "centre_longitude": z["centre"][1],
                "polygon": z["polygon"],
                "polygon_approximate": z["polygon_approximate"],
                "polygon_note": z["polygon_note"],
                "population_note": z["population_note"],
                "monitoring": z["monitoring"],
                "uncertain": z["uncertain"],
                "uncertain_note": z["uncertain_note"],
            },
            report,
        )
        if set_m2m(zone, "governorates", [governorates[g] for g in z["governorates"]]):
            report.count(report.updated, Zone)
        _cite(zone, z["sources"], report)
        for change in z["status_changes"]:
            _upsert(
                ZoneStatusChange,
                {"zone": zone, "date": _date(change["date"]), "status": change["status"]},
                {"note": change["note"], "date_precision": change["date_precision"]},
                report,
            )

    analysts_group_ensure()
    return report
