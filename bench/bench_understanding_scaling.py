"""How understanding scales with text length (issue: linear, not quadratic).

Runs ``understand`` on generated texts of 10 KB, 100 KB and 1 MB, once with ordinary sentences
and once without a single sentence break (a table, a dump, a hostile page), and prints ms per
text and ms per KB. Run: ``.venv/bin/python bench/bench_understanding_scaling.py``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.understanding import understand  # noqa: E402

_SAMPLE = (
    "the round of Astana talks on Syria was held in Astana on 21 December delegations of "
    "Russia Iran and Turkey met next meeting will be in Sochi in late January"
)
WORDS = tuple(_SAMPLE.split())
SIZES = (10_000, 100_000, 1_000_000)


def _text(size: int, breaks: bool, rng: random.Random) -> str:
    out, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
        out.append(sentence + (". " if breaks else " "))
        length += len(out[-1])
    return "".join(out)[:size]


def main() -> None:
    rng = random.Random(7)
    understand("warm up: the eighth round of the Astana talks on Syria")
    print(f"{'text':<28}{'size':>10}{'ms':>10}{'ms/KB':>8}")
    for breaks in (True, False):
        label = "with sentences" if breaks else "no sentence break"
        for size in SIZES:
            text = _text(size, breaks, rng)
            started = time.perf_counter()
            understand(text, published=dt.date(2017, 12, 22))
            ms = 1000 * (time.perf_counter() - started)
            print(f"{label:<28}{size:>10,}{ms:>10.0f}{ms / (size / 1000):>8.2f}")


if __name__ == "__main__":
    main()
