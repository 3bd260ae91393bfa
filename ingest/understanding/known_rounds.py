"""The rounds of the Astana format as recorded in the project's reference facts.

Used only as a fallback: to number a held meeting whose text gives its dates but not its
number ("the May 4 meeting on Syria in Astana" is round 4), to place a numbered round whose
text names no city, and to tell whether a numbered round was already held when the article
appeared. The text always wins over this table.
"""

from __future__ import annotations

import datetime as dt

_D = dt.date.fromisoformat

# (number, start, end, city as canonical gazetteer name)
ROUNDS: tuple[tuple[int, dt.date, dt.date, str], ...] = tuple(
    (number, _D(start), _D(end), city)
    for number, start, end, city in (
        (1, "2017-01-23", "2017-01-24", "Astana"),
        (2, "2017-02-15", "2017-02-16", "Astana"),
        (3, "2017-03-14", "2017-03-15", "Astana"),
        (4, "2017-05-03", "2017-05-04", "Astana"),
        (5, "2017-07-04", "2017-07-05", "Astana"),
        (6, "2017-09-14", "2017-09-15", "Astana"),
        (7, "2017-10-30", "2017-10-31", "Astana"),
        (8, "2017-12-21", "2017-12-22", "Astana"),
        (9, "2018-05-14", "2018-05-15", "Astana"),
        (10, "2018-07-30", "2018-07-31", "Sochi"),
        (11, "2018-11-28", "2018-11-29", "Astana"),
        (12, "2019-04-25", "2019-04-26", "Astana"),
        (13, "2019-08-01", "2019-08-02", "Astana"),
        (14, "2019-12-10", "2019-12-11", "Astana"),
        (15, "2021-02-16", "2021-02-17", "Sochi"),
        (16, "2021-07-07", "2021-07-08", "Astana"),
        (17, "2021-12-21", "2021-12-22", "Astana"),
        (18, "2022-06-15", "2022-06-16", "Astana"),
        (19, "2022-11-22", "2022-11-23", "Astana"),
        (20, "2023-06-20", "2023-06-21", "Astana"),
        (21, "2024-01-24", "2024-01-25", "Astana"),
        (22, "2024-11-11", "2024-11-12", "Astana"),
    )
)
BY_NUMBER = {number: (start, end, city) for number, start, end, city in ROUNDS}


def round_on(start: dt.date, end: dt.date) -> int | None:
    """The number of the round whose dates overlap ``start``..``end``, if exactly one does."""
    hits = [n for n, s, e, _ in ROUNDS if start <= e and s <= end]
    return hits[0] if len(hits) == 1 else None


def last_round_before(day: dt.date) -> int | None:
    """The number of the last round that ended on or before ``day``."""
    done = [n for n, _, e, _ in ROUNDS if e <= day]
    return done[-1] if done else None
