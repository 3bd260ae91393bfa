"""Build the shipped reference dataset from the compiled research in ../shared/.

Run once by a maintainer when the research is updated:

    .venv/bin/python scripts/build_reference.py ../shared

It writes ``rounds/reference/astana.json`` (our schema, every fact with its source URLs and an
``uncertain`` flag) and copies the governorate boundaries and zone polygons with their
attribution (see ``rounds/reference/DATA.md``). The product reads only those files at run time.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rounds.sources import language_of, source_of  # noqa: E402

OUT = ROOT / "rounds" / "reference"
# What was established about each cited page beyond its URL (title, publication date, the quote
# that supports the claim, when the stored copy was retrieved), and how; see DATA.md.
CITATIONS = Path(__file__).resolve().parent / "reference_citations.json"
from reference_translations import add_translations  # noqa: E402  (beside this script)

PARTICIPANTS = [
    # slug, name, short name, kind, guarantor, aliases (name, lang)
    (
        "russia",
        "Russia",
        "",
        "state",
        True,
        [
            ("Russian Federation", "en"),
            ("Россия", "ru"),
            ("Российская Федерация", "ru"),
            ("Rusya", "tr"),
            ("روسيا", "ar"),
            ("روسیه", "fa"),
        ],
    ),
    (
        "iran",
        "Iran",
        "",
        "state",
        True,
        [
            ("Islamic Republic of Iran", "en"),
            ("Иран", "ru"),
            ("İran", "tr"),
            ("إيران", "ar"),
            ("ایران", "fa"),
        ],
    ),
    (
        "turkey",
        "Turkey",
        "",
        "state",
        True,
        [
            ("Türkiye", "en"),
            ("Turkiye", "en"),
            ("Турция", "ru"),
            ("Türkiye", "tr"),
            ("تركيا", "ar"),
            ("ترکیه", "fa"),
        ],
    ),
    (
        "kazakhstan",
        "Kazakhstan",
        "",
        "state",
        False,
        [
            ("Republic of Kazakhstan", "en"),
            ("Казахстан", "ru"),
            ("Kazakistan", "tr"),
            ("كازاخستان", "ar"),
            ("قزاقستان", "fa"),
        ],
    ),
    (
        "united-nations",
        "United Nations",
        "UN",
        "international_organisation",
        False,
        [
            ("UN", "en"),
            ("ООН", "ru"),
            ("BM", "tr"),
            ("Birleşmiş Milletler", "tr"),
            ("الأمم المتحدة", "ar"),
            ("سازمان ملل", "fa"),
        ],
    ),
    (
        "jordan",
        "Jordan",
        "",
        "state",
        False,
        [("Иордания", "ru"), ("Ürdün", "tr"), ("الأردن", "ar"), ("اردن", "fa")],
    ),
    (
        "united-states",
        "United States",
        "US",
        "state",
        False,
        [
            ("USA", "en"),
            ("US", "en"),
            ("США", "ru"),
            ("ABD", "tr"),
            ("الولايات المتحدة", "ar"),
            ("آمریکا", "fa"),
        ],
    ),
    (
        "iraq",
        "Iraq",
        "",
        "state",
        False,
        [("Ирак", "ru"), ("Irak", "tr"), ("العراق", "ar"), ("عراق", "fa")],
    ),
    (
        "lebanon",
        "Lebanon",
        "",
        "state",
        False,
        [("Ливан", "ru"), ("Lübnan", "tr"), ("لبنان", "ar")],
    ),
    (
        "icrc",
        "International Committee of the Red Cross",
        "ICRC",
        "international_organisation",
        False,
        [("ICRC", "en"), ("МККК", "ru"), ("ICRC", "tr"), ("اللجنة الدولية للصليب الأحمر", "ar")],
    ),
    (
        "unhcr",
        "UN Refugee Agency",
        "UNHCR",
        "international_organisation",
        False,
        [("UNHCR", "en"), ("УВКБ ООН", "ru"), ("المفوضية السامية لشؤون اللاجئين", "ar")],
    ),
    (
        "syrian-government",
        "Syrian government",
        "",
        "syrian_party",
        False,
        [
            ("Government of the Syrian Arab Republic", "en"),
            ("Damascus", "en"),
            ("правительство Сирии", "ru"),
            ("Suriye hükümeti", "tr"),
            ("الحكومة السورية", "ar"),
        ],
    ),
    (
        "syrian-opposition",
        "Syrian opposition",
        "",
        "syrian_party",
        False,
        [
            ("armed opposition", "en"),
            ("сирийская оппозиция", "ru"),
            ("Suriyeli muhalefet", "tr"),
            ("المعارضة السورية", "ar"),
        ],
    ),
]

HEAD_KEY = {
    "russia": ("russia", "guarantor"),
    "iran": ("iran", "guarantor"),
    "turkey": ("turkey", "guarantor"),
    "syria_government": ("syrian-government", "syrian_government"),
    "syria_opposition": ("syrian-opposition", "opposition"),
    "un": ("united-nations", "un"),
    "kazakhstan_host": ("kazakhstan", "host"),
}
OBSERVER_PREFIX = {
    "UN": "united-nations",
    "Jordan": "jordan",
    "United States": "united-states",
    "Iraq": "iraq",
    "Lebanon": "lebanon",
    "ICRC": "icrc",
    "UNHCR": "unhcr",
    "Kazakhstan": "kazakhstan",
}

# slug, name, kind, country, governorate pcode, lat, lon, aliases
PLACES = [
    (
        "astana",
        "Astana",
        "city",
        "Kazakhstan",
        None,
        51.1694,
        71.4491,
        [
            ("Nur-Sultan", "en"),
            ("Астана", "ru"),
            ("Нур-Султан", "ru"),
            ("Nur-Sultan", "tr"),
            ("أستانا", "ar"),
            ("آستانه", "fa"),
        ],
    ),
    (
        "sochi",
        "Sochi",
        "city",
        "Russia",
        None,
        43.5855,
        39.7231,
        [("Сочи", "ru"), ("Soçi", "tr"), ("سوتشي", "ar"), ("سوچی", "fa")],
    ),
    (
        "geneva",
        "Geneva",
        "city",
        "Switzerland",
        None,
        46.2044,
        6.1432,
        [("Женева", "ru"), ("Cenevre", "tr"), ("جنيف", "ar"), ("ژنو", "fa")],
    ),
    (
        "ankara",
        "Ankara",
        "city",
        "Turkey",
        None,
        39.9334,
        32.8597,
        [("Анкара", "ru"), ("أنقرة", "ar"), ("آنکارا", "fa")],
    ),
    (
        "tehran",
        "Tehran",
        "city",
        "Iran",
        None,
        35.6892,
        51.3890,
        [("Тегеран", "ru"), ("Tahran", "tr"), ("طهران", "ar"), ("تهران", "fa")],
    ),
    (
        "moscow",
        "Moscow",
        "city",
        "Russia",
        None,
        55.7558,
        37.6173,
        [("Москва", "ru"), ("Moskova", "tr"), ("موسكو", "ar"), ("مسکو", "fa")],
    ),
    (
        "cairo",
        "Cairo",
        "city",
        "Egypt",
        None,
        30.0444,
        31.2357,
        [("Каир", "ru"), ("Kahire", "tr"), ("القاهرة", "ar")],
    ),
    ("amman", "Amman", "city", "Jordan", None, 31.9454, 35.9284, [("Амман", "ru"), ("عمان", "ar")]),
    (
        "vienna",
        "Vienna",
        "city",
        "Austria",
        None,
        48.2082,
        16.3738,
        [("Вена", "ru"), ("Viyana", "tr"), ("فيينا", "ar")],
    ),
    (
        "new-york",
        "New York",
        "city",
        "United States",
        None,
        40.7128,
        -74.0060,
        [("Нью-Йорк", "ru"), ("نيويورك", "ar")],
    ),
    ("doha", "Doha", "city", "Qatar", None, 25.2854, 51.5310, [("Доха", "ru"), ("الدوحة", "ar")]),
    ("hamburg", "Hamburg", "city", "Germany", None, 53.5511, 9.9937, [("Гамбург", "ru")]),
    (
        "damascus",
        "Damascus",
        "city",
        "Syria",
        "SY01",
        33.5138,
        36.2765,
        [("Дамаск", "ru"), ("Şam", "tr"), ("دمشق", "ar")],
    ),
    (
        "aleppo",
        "Aleppo",
        "city",
        "Syria",
        "SY02",
        36.2021,
        37.1343,
        [("Алеппо", "ru"), ("Halep", "tr"), ("حلب", "ar")],
    ),
    (
        "idlib",
        "Idlib",
        "city",
        "Syria",
        "SY07",
        35.9306,
        36.6339,
        [("Idleb", "en"), ("Идлиб", "ru"), ("İdlib", "tr"), ("إدلب", "ar")],
    ),
    (
        "videoconference",
        "Videoconference",
        "virtual",
        "",
        None,
        None,
        None,
        [("video conference", "en"), ("видеоконференция", "ru")],
    ),
]

EVENT_PLACE = {
    "Astana": "astana",
    "Geneva": "geneva",
    "Amman / announced in Hamburg": "amman",
    "Cairo": "cairo",
    "Tehran (Iran)": "tehran",
    "Ankara": "ankara",
    "Idlib": "idlib",
    "Sochi": "sochi",
    "Vienna": "vienna",
    "Moscow": "moscow",
    "Tehran": "tehran",
    "New York": "new-york",
    "videoconference": "videoconference",
    "Aleppo/Idlib": "aleppo",
    "Doha (sidelines of Doha Forum, 7-8 Dec)": "doha",
    "Damascus": "damascus",
}
EVENT_ROUND = {
    "tech_meeting_feb2017": 2,
    "jwg_tehran": 5,
    "ankara_maps": 6,
    "sochi_prep": 8,
    "sochi_congress": 8,
    "detainee_release_2018": 11,
}
EVENT_PARENT = {
    "sochi_prep": "sochi_congress",
    "cc_announced": "sochi_congress",
    "cc_launch": "cc_announced",
}
EVENT_STATUS = {"jwg_tehran": "announced"}
GUARANTOR_EVENTS = {"summit", "ministerial", "preparatory_meeting", "working_group"}

ZONE_SHORT = {
    "idlib": "Idlib",
    "north_homs": "Northern Homs",
    "eastern_ghouta": "Eastern Ghouta",
    "south": "Southern zone",
}
ZONE_GOVS = {
    "idlib": ["SY07", "SY06", "SY02", "SY05"],
    "north_homs": ["SY04", "SY05"],
    "eastern_ghouta": ["SY03"],
    "south": ["SY12", "SY14", "SY13"],
}
# Status history: (date, status, precision, note). Derived from the research's established and
# ended timelines; where it is interpretation rather than a sourced date it says so.
ZONE_STATUS = {
    "idlib": [
        ("2017-05-04", "agreed", "Memorandum on the creation of de-escalation areas signed."),
        (
            "2017-09-15",
            "operational",
            "Boundaries agreed at Astana-6 (maps approved in Ankara "
            "on 8 Sep 2017); Turkish observation posts from 12 Oct 2017.",
        ),
        (
            "2019-04-30",
            "contested",
            "'Dawn of Idlib' government offensive on the demilitarised "
            "zone; further offensive from 19 Dec 2019; Moscow Additional Protocol 5 Mar 2020.",
        ),
        (
            "2024-12-08",
            "ended",
            "Eroded in stages; the HTS-led offensive from the Idlib area (27 "
            "Nov 2024) and the fall of Damascus (8 Dec 2024) made the framework moot.",
        ),
    ],
    "north_homs": [
        ("2017-05-04", "agreed", "Memorandum on the creation of de-escalation areas signed."),
        (
            "2017-08-03",
            "operational",
            "Cairo agreement of 31 Jul 2017; ceasefire in force from noon on 3 Aug 2017.",
        ),
        (
            "2018-05-02",
            "contested",
            "Rebels agree to surrender the enclave; evacuations from 7 May.",
        ),
        ("2018-05-15", "ended", "Government retakes Rastan; the enclave is evacuated."),
    ],
    "eastern_ghouta": [
        ("2017-05-04", "agreed", "Memorandum on the creation of de-escalation areas signed."),
        ("2017-07-22", "operational", "Cairo agreement; ceasefire from noon on 22 Jul 2017."),
        ("2018-02-18", "contested", "Government offensive ('Damascus Steel') begins."),
        ("2018-04-14", "ended", "Offensive ends; state flag raised in Douma on 12 Apr 2018."),
    ],
    "south": [
        ("2017-05-04", "agreed", "Memorandum on the creation of de-escalation areas signed."),
        (
            "2017-07-09",
            "operational",
            "Russia-US-Jordan memorandum (Amman, 7 Jul 2017); ceasefire from noon on 9 Jul 2017.",
        ),
        ("2018-06-19", "contested", "Government Daraa offensive begins (some sources: 18 June)."),
        ("2018-07-31", "ended", "Army controls the entire Jordan border and Golan frontier."),
    ],
}


def statement_kind(title: str) -> str:
    t = title.lower()
    if t.startswith("memorandum"):
        return "memorandum"
    if t.startswith("provision") or "mandate" in t:
        return "provision"
    if "final" in t:
        return "final_statement"
    if "joint statement" in t:
        return "joint_statement"
    return "statement"


# Research notes never reach a public field (a name, a title, a delegation head): the fact goes
# there, the note about its sources to ``uncertain_note`` or the description. Checked by
# tests/rounds/test_reference.py (``test_no_public_name_carries_a_research_note``).
NAME_NOTE = re.compile(r"\s*\(last round found\)$")
HEAD_NOTES = {
    "Mustafa Yurdakul (Director General, Syria Dept., Turkish MFA) [observerdiplomat.com instead "
    "names Deputy FM Ahmet Yıldız - conflicting]": (
        "Mustafa Yurdakul (Director General, Syria Dept., Turkish MFA)",
        "Sources conflict: observerdiplomat.com names Deputy Foreign Minister Ahmet Yıldız.",
    ),
    "Geir Pedersen per Kommersant; Deputy Special Envoy Najat Rochdi per observerdiplomat.com "
    "(conflicting)": (
        "Geir Pedersen",
        "Sources conflict: Kommersant names Geir Pedersen, observerdiplomat.com Deputy Special "
        "Envoy Najat Rochdi.",
    ),
}
TITLE_NOTES = {
    "Fall of Damascus; Bashar al-Assad flees (granted asylum in Moscow per Russian media)": (
        "Fall of Damascus; Bashar al-Assad flees",
        "Russian media reported that Bashar al-Assad was granted asylum in Moscow.",
    ),
}


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# A publication date written in a URL's path: /2017/07/05/, /2017-12-22/, /2017-07/22/,
# Sputnik's /20170216/ and /201701221049871821-..., /2018/jan/30/, EIR's /2017/170705_,
# Ukrainska Pravda's /news/2024/12/8/.
URL_DATES = [
    re.compile(r"/(?P<y>20\d\d)/(?P<m>\d\d)/(?P<d>\d\d)(?:/|-|_|\.|$)"),
    re.compile(r"/(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:/|$)"),
    re.compile(r"/(?P<y>20\d\d)-(?P<m>\d\d)/(?P<d>\d\d)/"),
    re.compile(r"/(?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)(?:/|\d{6,}-)"),
    re.compile(r"/(?P<y>20\d\d)/(?P<mon>[a-z]{3})/(?P<d>\d\d)/", re.I),
    re.compile(r"/(?P<y>20\d\d)/(?P<yy>\d\d)(?P<m>\d\d)(?P<d>\d\d)_"),
    re.compile(r"/news/(?P<y>20\d\d)/(?P<m>\d\d?)/(?P<d>\d\d?)/"),
]


def date_from_url(url: str) -> str:
    """The publication date a URL's path carries (ISO), or "" when it carries none."""
    for pattern in URL_DATES:
        match = pattern.search(url)
        if not match:
            continue
        g = match.groupdict()
        if g.get("yy") and g["yy"] != g["y"][2:]:
            continue
        month = MONTHS.index(g["mon"].lower()) + 1 if g.get("mon") else int(g["m"])
        try:
            return datetime.date(int(g["y"]), month, int(g["d"])).isoformat()
        except ValueError:
            continue
    return ""


TIER_RANK = {"primary": 0, "agency": 1, "press": 2, "other": 3}


def citation(url: str, established: dict) -> dict:
    """One source as a record: outlet, tier and language from the URL's host, the publication
    date from the URL's path or the stored page, title and quote only from the stored page."""
    outlet, tier = source_of(url)
    known = established.get(url, {})
    return {
        "url": url,
        "title": known.get("title", ""),
        "outlet": outlet,
        "tier": tier,
        "language": known.get("language") or language_of(url),
        "published": date_from_url(url) or known.get("published", ""),
        "quote": known.get("quote", ""),
        "retrieved": known.get("retrieved", ""),
    }


# A section, category or tag page of a site lists articles; it is not one, so it has no
# publication date and supports no fact on its own (e.g. timesca.com/category/features/).
INDEX_PAGE = re.compile(r"^https?://[^/]+/(?:[^/]+/)*(?:category|categories|tag|tags)/[^/]+/?$")


def is_index_page(url: str) -> bool:
    """Whether the URL is a site's section, category or tag page rather than an article."""
    return bool(INDEX_PAGE.match(url))


def sources_of(
    record: dict, urls: list[str], established: dict, dropped: list, indexes: list
) -> list[dict]:
    """A record's sources, best tier first. A section or tag page is dropped where the record
    has another source. A source of the "other" tier is dropped where a better one supports
    the record; where it is the only support it stays and the record says so (``uncertain``
    with a note)."""
    urls = list(dict.fromkeys(urls))
    articles = [u for u in urls if not is_index_page(u)]
    if articles and len(articles) < len(urls):
        indexes.extend(u for u in urls if is_index_page(u))
        urls = articles
    cited = sorted(
        (citation(u, established) for u in urls),
        key=lambda c: TIER_RANK[c["tier"]],
    )
    better = [c for c in cited if c["tier"] != "other"]
    if better:
        dropped.extend(c["url"] for c in cited if c["tier"] == "other")
        return better
    if cited:
        outlets = ", ".join(c["outlet"] for c in cited)
        note = f'Only sources of the "other" tier support this record ({outlets}).'
        record["uncertain"] = True
        record["uncertain_note"] = " ".join(x for x in (record.get("uncertain_note"), note) if x)
    return cited


def delegation(slug: str, role: str, head: str) -> dict:
    """A delegation; a head the research left a note on is marked uncertain with the note."""
    if head in HEAD_NOTES:
        head, note = HEAD_NOTES[head]
        return {
            "participant": slug,
            "role": role,
            "head_of_delegation": head,
            "uncertain": True,
            "uncertain_note": note,
        }
    return {"participant": slug, "role": role, "head_of_delegation": head}


def build_rounds(facts: dict) -> tuple[list, list]:
    rounds, statements = [], []
    for r in facts["rounds"]:
        n = r["number"]
        city = r["city"]
        delegations: dict[str, dict] = {}
        for key, head in r.get("heads_of_delegations", {}).items():
            slug, role = HEAD_KEY[key]
            delegations[slug] = delegation(slug, role, head)
        for slug in ("russia", "iran", "turkey"):
            delegations.setdefault(
                slug, {"participant": slug, "role": "guarantor", "head_of_delegation": ""}
            )
        delegations.setdefault(
            "kazakhstan", {"participant": "kazakhstan", "role": "host", "head_of_delegation": ""}
        )
        if city == "Sochi":
            delegations["kazakhstan"]["role"] = "observer"
            delegations["russia"]["note"] = "Host of this round"
        delegations.setdefault(
            "syrian-government",
            {
                "participant": "syrian-government",
                "role": "syrian_government",
                "head_of_delegation": "",
            },
        )
        for obs in r.get("observers", []):
            for prefix, slug in OBSERVER_PREFIX.items():
                if obs.startswith(prefix):
                    role = "un" if slug == "united-nations" else "observer"
                    if slug == "kazakhstan":
                        break
                    d = delegations.setdefault(
                        slug, {"participant": slug, "role": role, "head_of_delegation": ""}
                    )
                    if obs != prefix:
                        d["note"] = obs
                    break
        nm = r.get("next_meeting_announced") or {}
        next_place = None
        text = nm.get("text") or ""
        if "Astana" in text or "Nur-Sultan" in text:
            next_place = "astana"
        elif "Sochi" in text:
            next_place = "sochi"
        docs = r.get("documents_adopted", [])
        end = r["end_date"]
        for i, title in enumerate(docs, start=1):
            kind = statement_kind(title)
            statements.append(
                {
                    "slug": f"round-{n}-document-{i}",
                    "title": title,
                    "kind": kind,
                    "date": "2017-05-04" if kind == "memorandum" and n == 4 else end,
                    "round": n,
                    "issuers": ["iran", "russia", "turkey"],
                    "topics": [],
                    "uncertain": bool(r.get("uncertain")) and "not retrieved" in title,
                    "uncertain_note": "Text not retrieved." if "not retrieved" in title else "",
                    "sources": r["sources"],
                }
            )
        notes = [r.get("city_note"), r.get("postponement_note")]
        rounds.append(
            {
                "number": n,
                "name": NAME_NOTE.sub("", r["name"]),
                "city": city,
                "place": "sochi" if city == "Sochi" else "astana",
                "venue": r.get("venue") or "",
                "start_date": r["start_date"],
                "end_date": end,
                "date_note": r.get("date_note") or "",
                "status": "held",
                "summary": " ".join(x for x in notes if x),
                "outcomes": r.get("key_outcomes", []),
                "next_meeting": {
                    "text": text if nm.get("start") or nm.get("end") or next_place else "",
                    "place": next_place,
                    "start": nm.get("start"),
                    "end": nm.get("end"),
                },
                "delegations": sorted(
                    delegations.values(), key=lambda d: (d["role"], d["participant"])
                ),
                "uncertain": bool(r.get("uncertain")),
                "uncertain_note": r.get("uncertain_note") or "",
                "sources": r["sources"],
            }
        )
    return rounds, statements


def build_events(facts: dict) -> list:
    events = []
    for e in facts["events"]:
        location = e.get("location")
        kind = e["type"]
        participants = ["russia", "iran", "turkey"] if kind in GUARANTOR_EVENTS else []
        details = e.get("details") or {}
        events.append(
            {
                "slug": e["id"].replace("_", "-"),
                "kind": kind,
                "title": TITLE_NOTES.get(e["title"], (e["title"], ""))[0],
                "description": TITLE_NOTES.get(e["title"], ("", ""))[1],
                "start_date": e["date"],
                "end_date": e.get("end_date") or e["date"],
                "date_precision": "day",
                "place": EVENT_PLACE.get(location) if location else None,
                "location_text": location or "",
                "status": EVENT_STATUS.get(e["id"], "held"),
                "round": EVENT_ROUND.get(e["id"]),
                "parent": EVENT_PARENT[e["id"]].replace("_", "-")
                if e["id"] in EVENT_PARENT
                else None,
                "participants": participants,
                "details": details,
                "uncertain": bool(e.get("uncertain")),
                "uncertain_note": e.get("uncertain_note") or "",
                "sources": e.get("sources", []),
            }
        )
    return events


def build_zones(facts: dict, polygons: dict) -> list:
    zones = []
    for z in facts["zones"]:
        zid = z["id"]
        feature = polygons[zid]
        props = feature["properties"]
        zones.append(
            {
                "slug": zid.replace("_", "-"),
                "number": z["zone_number_in_memorandum"],
                "name": z["name"],
                "short_name": ZONE_SHORT[zid],
                "name_ar": props.get("name_ar", ""),
                "governorates": ZONE_GOVS[zid],
                "governorates_text": "; ".join(z["governorates"]),
                "centre": [z["centre"]["lat"], z["centre"]["lon"]],
                "polygon": feature["geometry"],
                "polygon_approximate": True,
                "polygon_note": f"{props.get('caveat', '')} Method: {props.get('method', '')}",
                "population_note": z.get("population_and_size") or "",
                "monitoring": z.get("monitoring") or props.get("monitors", ""),
                "status_changes": [
                    {"date": d, "status": s, "note": note, "date_precision": "day"}
                    for d, s, note in ZONE_STATUS[zid]
                ],
                "uncertain": True,
                "uncertain_note": "Polygon and centre are rough approximations; no official map.",
                "sources": z["sources"],
            }
        )
    return zones


def _drop_corpus_quotes(established: dict, shared: Path) -> None:
    """Blank a quote that is text of an article in ``shared/corpus`` (the evaluation's
    third-party articles stay in ../shared, never in the repository; see DATA.md)."""
    corpus = [json.loads(p.read_text()).get("text", "") for p in (shared / "corpus").glob("*.json")]
    blanked = 0
    for known in established.values():
        quote = known.get("quote", "")
        if quote and any(quote[:60] in text for text in corpus):
            known["quote"] = ""
            blanked += 1
    if blanked:
        print(f"{blanked} quotes left out: they are text of the evaluation corpus")


def main(shared: Path) -> None:
    facts = json.loads((shared / "reference" / "astana_facts.json").read_text())
    polygons = {
        f["properties"]["zone_id"]: f
        for f in json.loads((shared / "geo" / "deescalation_zones_approx.geojson").read_text())[
            "features"
        ]
    }
    rounds, statements = build_rounds(facts)
    events, zones = build_events(facts), build_zones(facts, polygons)
    established = json.loads(CITATIONS.read_text())["citations"] if CITATIONS.exists() else {}
    _drop_corpus_quotes(established, shared)
    dropped: list[str] = []
    indexes: list[str] = []
    for record in rounds + statements + events + zones:
        record["sources"] = sources_of(record, record["sources"], established, dropped, indexes)
    data = {
        "meta": {
            "title": "Astana process reference dataset",
            "compiled": facts["meta"].get("compiled"),
            "conventions": facts["meta"].get("conventions"),
            "built_from": "shared/reference/astana_facts.json, shared/geo/ (see DATA.md)",
        },
        "participants": [
            {
                "slug": s,
                "name": n,
                "short_name": sn,
                "kind": k,
                "is_guarantor": g,
                "aliases": [{"name": a, "lang": lang} for a, lang in al],
            }
            for s, n, sn, k, g, al in PARTICIPANTS
        ],
        "places": [
            {
                "slug": s,
                "name": n,
                "kind": k,
                "country": c,
                "governorate": g,
                "latitude": lat,
                "longitude": lon,
                "aliases": [{"name": a, "lang": lang} for a, lang in al],
            }
            for s, n, k, c, g, lat, lon, al in PLACES
        ],
        "rounds": rounds,
        "statements": statements,
        "events": events,
        "zones": zones,
        "post_2024_status": facts.get("post_2024_status"),
    }
    add_translations(data)  # ru/tr/ar names for every record (scripts/reference_translations.py)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "astana.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    shutil.copyfile(shared / "geo" / "syria_adm1.geojson", OUT / "syria_adm1.geojson")
    shutil.copyfile(shared / "geo" / "syria_adm0.geojson", OUT / "syria_adm0.geojson")
    print(
        f"wrote {OUT / 'astana.json'}: {len(rounds)} rounds, {len(statements)} statements, "
        f"{len(data['events'])} events, {len(data['zones'])} zones"
    )
    cited = [
        c
        for k in ("rounds", "statements", "events", "zones")
        for r in data[k]
        for c in r["sources"]
    ]
    for name in ("outlet", "published", "title", "quote"):
        print(f"{sum(1 for c in cited if c[name])} of {len(cited)} citations have {name}")
    print(f"{len(dropped)} citations of the other tier dropped where a better source exists")
    print(f"{len(indexes)} citations of a section or tag page dropped where the record has another")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared").resolve())
