"""A megabyte of text with no sentence break is ingested in bounded time.

Understanding was quadratic in the length of a sentence (1 MB took 159 s, 4.9 MB was killed
at 120 s, under the 5 MB cap). The fix belongs to ``ingest/understanding`` (made linear there);
until it lands this file is marked ``linear_text`` and left out of ``make test`` and CI
(``-m "not linear_text"``): drop the marker's deselection in the Makefile with that change.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Linear understanding does a megabyte in seconds (extrapolated from 100 KB: under 10 s on CI's
# machine); quadratic needs about a minute here and 159 s on the machine of the report.
BOUND_SECONDS = 25
WORDS = [
    "astana",
    "talks",
    "guarantors",
    "syria",
    "meeting",
    "round",
    "delegation",
    "kazakhstan",
    "sochi",
    "idlib",
]

pytestmark = pytest.mark.linear_text


def test_a_megabyte_without_sentence_breaks_is_ingested_in_bounded_time(tmp_path):
    # Given a file under the 5 MB cap with no sentence break at all
    size = 1_000_000
    text = " ".join(WORDS[i % len(WORDS)] for i in range(size // 7))[: size - 1]
    path = tmp_path / "no_breaks.txt"
    path.write_text(text, encoding="utf-8")
    # When it is ingested (a fresh process and database, so nothing is cached)
    db = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "astana_site.settings.test", "DATABASE_URL": f"sqlite:///{db}"}
    )
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, timeout=120)
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest_file", str(path), "--published", "2017-12-22"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BOUND_SECONDS,
    )
    # Then it completes, as one stored article
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"id"' in result.stdout
