"""Field-level precision/recall/F1 of ``ingest.understanding.understand``.

Usage::

    .venv/bin/python bench/eval_corpus.py [-v] [--corpus DIR] [--facts FILE]

Two sets are scored, each twice (with and without a round calendar):

1. the shared corpus of real articles (default ``../shared/corpus`` next to the repository);
2. the project's own test texts, ``tests/ingest/understanding/data/*.json`` (written for the
   project in English, Russian, Turkish and Arabic; same item format as the corpus). The
   extractor was fixed while looking at these, so their scores are optimistic;
3. ``tests/ingest/understanding/data/unseen/*.json``, written after the last change to the
   extractor and not used for tuning: the closest thing to unseen articles here;
4. ``tests/ingest/understanding/data/verbs_datelines/*.json``: 14 texts (en/ru/tr/ar) on
   meetings named only by a verb and wire datelines, scored once before the extractor was
   changed for them (numbers in docs/EXTRACTION.md), then used to fix it.

The calendar is built from the reference facts (default
``../shared/reference/astana_facts.json``: ``rounds[].number/start_date/end_date/city``), the
way the ingestion service passes curated rounds. Without the file, only the "no calendar" runs
are made. Scores are micro-averaged: true/false positives and false negatives are summed over
all articles. How each field is matched is documented in docs/EXTRACTION.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.understanding import KnownRound, understand  # noqa: E402
from ingest.understanding.gazetteer import canonical_name  # noqa: E402

SHARED = REPO.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus"
DEFAULT_FACTS = SHARED / "reference" / "astana_facts.json"
PROJECT_TEXTS = REPO / "tests" / "ingest" / "understanding" / "data"
UNSEEN_TEXTS = PROJECT_TEXTS / "unseen"
VERB_DATELINE_TEXTS = PROJECT_TEXTS / "verbs_datelines"

GUARANTORS = {"Russia", "Iran", "Turkey"}
FIELDS = (
    "relevant",
    "round_number",
    "meeting_dates",
    "meeting_places",
    "guarantors",
    "announced",
    "documents",
)


def load_calendar(path: Path) -> tuple[KnownRound, ...]:
    """The rounds of the reference facts file as :class:`KnownRound` objects."""
    facts = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        KnownRound(
            number=r["number"],
            start=dt.date.fromisoformat(r["start_date"]),
            end=dt.date.fromisoformat(r["end_date"] or r["start_date"]),
            city=r.get("city"),
        )
        for r in facts["rounds"]
        if r.get("number") and r.get("start_date")
    )


def load_items(directory: Path) -> list[tuple[str, dict]]:
    """(name, item) for every item of every ``*.json`` in ``directory``; a file holds one item
    or a list of items."""
    items = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list):
            items.extend((f"{path.name}#{i}", item) for i, item in enumerate(data))
        else:
            items.append((path.name, data))
    return items


def _place(name: str | None) -> str | None:
    return canonical_name(name) if name else None


def _words(title: str) -> set[str]:
    stop = {"the", "and", "of", "on", "by", "for", "a", "in", "including", "those"}
    return {w for w in re.findall(r"\w{2,}", title.lower()) if w not in stop}


def _same_document(gold: str, pred: str) -> bool:
    a, b = _words(gold), _words(pred)
    if not a or not b:
        return False
    overlap = len(a & b)
    return overlap / len(a | b) >= 0.5 or overlap / min(len(a), len(b)) >= 0.8


def _count(gold: list, pred: list, same) -> tuple[int, int, int]:
    """Greedy one-to-one matching; returns (tp, fp, fn)."""
    unmatched = list(pred)
    tp = 0
    for item in gold:
        for candidate in unmatched:
            if same(item, candidate):
                unmatched.remove(candidate)
                tp += 1
                break
    return tp, len(pred) - tp, len(gold) - tp


def _day(value) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


def _snap(got: tuple, expected: set) -> tuple:
    """A vague window ("second half of February") may be drawn up to 2 days off at either end."""
    try:
        for e in expected:
            if (
                (_day(e[1]) - _day(e[0])).days >= 6
                and abs((_day(got[0]) - _day(e[0])).days) <= 2
                and abs((_day(got[1]) - _day(e[1])).days) <= 2
            ):
                return e
    except (TypeError, ValueError):
        pass
    return got


def _tally(expected: set, predicted: set, allowed: set = frozenset()) -> tuple[int, int, int]:
    """(tp, fp, fn) of a prediction against required answers and other acceptable ones."""
    ok = expected | allowed
    return len(expected & predicted), len(predicted - ok), len(expected - predicted)


def score_article(expected: dict, got: dict) -> dict[str, tuple[int, int, int]]:
    """tp/fp/fn per field, by the rules of ``shared/eval/score-corpus`` (see shared/corpus/
    README.md): a required answer missed is a false negative, an answer neither required nor
    allowed is a false positive. ``inferred`` dates, ``actual`` spans, ``other_meetings``,
    ``rounds_allowed`` and ``places_mentioned`` are allowed without being required."""
    held = [m for m in got["meetings"] if m["status"] != "announced"]
    announced = [m for m in got["meetings"] if m["status"] == "announced"]
    result: dict[str, tuple[int, int, int]] = {}
    gold_relevant = {True} if expected.get("relevant", True) else set()
    result["relevant"] = _tally(gold_relevant, {True} if got["relevant"] else set())
    number = expected.get("round_number")
    if expected.get("round_number_explicit", True) or number is None:
        result["round_number"] = _tally(
            {number} if number is not None else set(),
            set(got["round_numbers"]),
            # Texts written before ``rounds_allowed`` existed allow the next round, which a
            # text about round N plainly implies.
            set(
                expected["rounds_allowed"]
                if "rounds_allowed" in expected
                else ([number, number + 1] if number else [])
            ),
        )
    else:
        result["round_number"] = (0, 0, 0)
    dated = expected.get("meeting_dates", [])
    allowed_dates = {(d.get("start"), d.get("end")) for d in dated}
    allowed_dates |= {tuple(d["actual"].split("/")) for d in dated if d.get("actual")}
    allowed_dates |= {(d.get("start"), d.get("end")) for d in expected.get("other_meetings", [])}
    required_dates = {(d.get("start"), d.get("end")) for d in dated if not d.get("inferred")}
    result["meeting_dates"] = _tally(
        required_dates, {(m["start"], m["end"]) for m in held}, allowed_dates
    )
    places = {_place(p) for p in expected.get("meeting_locations", [])} - {None}
    ok_places = places | {_place(p) for p in expected.get("places_mentioned", [])}
    ok_places |= {_place(f.get("location")) for f in expected.get("future_meetings", [])}
    result["meeting_places"] = _tally(
        places, {_place(m["place"]) for m in held if m["place"]}, ok_places - {None}
    )
    result["guarantors"] = _tally(
        {_place(g) for g in expected.get("guarantors_mentioned", [])},
        {_place(p) for p in got["participants"]} & GUARANTORS,
    )
    future = {
        (f["start"], f["end"])
        for f in expected.get("future_meetings", [])
        if f.get("start") and f.get("end")
    }
    got_future = {(m["start"], m["end"]) for m in announced if m["start"]}
    result["announced"] = _tally(future, {_snap(g, future) for g in got_future})
    gold_docs = list(expected.get("documents_adopted", []))
    pred_docs = [d["title"] for d in got["documents"]]
    result["documents"] = _count(gold_docs, pred_docs, _same_document)
    return result


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(
    source: Path | list[tuple[str, dict]],
    *,
    calendar: Sequence[KnownRound] = (),
    verbose: bool = False,
    label: str | None = None,
) -> dict[str, tuple[float, float, float]]:
    """Score ``understand`` on a directory of items (or loaded items); print and return
    ``{field: (precision, recall, f1)}``."""
    items = load_items(source) if isinstance(source, Path) else source
    if label:
        print(f"\n## {label}")
    totals = {field: [0, 0, 0] for field in FIELDS}
    elapsed = []
    languages: dict[str, int] = {}
    for name, item in items:
        published = dt.date.fromisoformat(item["published"]) if item.get("published") else None
        started = time.perf_counter()
        got = understand(
            item["text"],
            published=published,
            language=item.get("language"),
            title=item.get("title"),
            calendar=calendar,
        ).to_dict()
        elapsed.append(time.perf_counter() - started)
        languages[item.get("language") or "?"] = languages.get(item.get("language") or "?", 0) + 1
        for field, counts in score_article(item["expected"], got).items():
            for i in range(3):
                totals[field][i] += counts[i]
            if verbose and (counts[1] or counts[2]):
                print(f"  {name} {field}: tp={counts[0]} fp={counts[1]} fn={counts[2]}")
    mean_ms = 1000 * sum(elapsed) / max(1, len(elapsed))
    mix = ", ".join(f"{n} {lang}" for lang, n in sorted(languages.items()))
    print(f"articles: {len(items)} ({mix}); mean time per article: {mean_ms:.2f} ms")
    print(f"{'field':<16}{'P':>7}{'R':>7}{'F1':>7}   tp  fp  fn")
    result = {}
    for field in FIELDS:
        tp, fp, fn = totals[field]
        p, r, f = prf(tp, fp, fn)
        result[field] = (p, r, f)
        print(f"{field:<16}{p:7.3f}{r:7.3f}{f:7.3f}  {tp:3d} {fp:3d} {fn:3d}")
    return result


def _option(name: str, default: Path) -> Path:
    if name in sys.argv:
        return Path(sys.argv[sys.argv.index(name) + 1])
    return default


def main() -> None:
    verbose = "-v" in sys.argv
    corpus = _option("--corpus", DEFAULT_CORPUS)
    facts = _option("--facts", DEFAULT_FACTS)
    calendar = load_calendar(facts) if facts.is_file() else ()
    warm_up = time.perf_counter()
    understand("The eighth round of the Astana talks on Syria was held on 21-22 December.")
    print(f"first call (compiles patterns): {1000 * (time.perf_counter() - warm_up):.1f} ms")
    print(f"calendar: {len(calendar)} rounds from {facts}" if calendar else "calendar: none")
    sets = [
        ("project test texts", PROJECT_TEXTS),
        ("project test texts not used for tuning", UNSEEN_TEXTS),
        ("verb-only meetings and wire datelines", VERB_DATELINE_TEXTS),
    ]
    if corpus.is_dir():
        sets.insert(0, ("shared corpus", corpus))
    else:
        print(f"corpus not found: {corpus}")
    for name, directory in sets:
        items = load_items(directory)
        if calendar:
            evaluate(items, calendar=calendar, verbose=verbose, label=f"{name}, with calendar")
        evaluate(items, verbose=verbose, label=f"{name}, without calendar")


if __name__ == "__main__":
    main()
