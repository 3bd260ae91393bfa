"""Server time of the pages and API lists at today's size and at N times it, on SQLite and
PostgreSQL, each against a baseline measured in the same run.

    .venv/bin/python bench/bench_web.py                      # factors from BENCH_FACTOR (1,100)
    BENCH_FACTOR=1,10 .venv/bin/python bench/bench_web.py --repeat 5
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/astana_bench .venv/bin/python bench/bench_web.py

For each database and factor, a database holding the reference history plus
``generate_scale_data --factor N --seed 1`` is made once: SQLite files are kept in
``bench/.cache/`` between runs; PostgreSQL databases are named ``<BENCH_PG_URL's name>_x<N>``
and kept too (generation is idempotent, so a kept database is only topped up). Then, in one
process per database and factor, with DEBUG off and the read cache off (server time of a
cold read, not of a cache hit), each URL is requested through Django's test client: one warm-up,
then ``--repeat`` timed requests (``BENCH_REPEAT``, 9) of a page, ``--api-repeat``
(``BENCH_API_REPEAT``, 31) of an API list and its baseline; the median and the spread
(min-max) are reported. An API list takes a few milliseconds: on a shared 2-CPU machine the
places list's ratio at 100x (16 rows), as a median of 9, read from 1.57x to 2.45x in five
runs; as a median of 31 pairs, from 1.72x to 1.91x in eight (docs/PERFORMANCE.md). 31 pairs
cost a second or two per list.

Baselines, timed in the same process between the measured URLs:
- API: a plain Django view returning ``JsonResponse(list(Model.objects.values()[:100]))``
  of the same model (same default ordering), for the list fetched with ``page_size=100``,
  the two requested in turn;
- pages: a static file (``css/site.css``) served by WhiteNoise.

Writes its section of docs/PERFORMANCE.md to ``$BENCH_SECTION_FILE`` (bench/run_all.py) or
prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
PYTHON = sys.executable
SEED = 1
PAGE_SIZE = 100

PAGES = [
    "/",
    "/rounds/",
    "/events/",
    "/rounds/8/",
    "/zones/",
    "/articles/",
    "/search/?q=sochi",
]
# (list URL, model label of the baseline)
API_LISTS = [
    ("/api/v1/rounds/", "rounds.Round"),
    ("/api/v1/events/", "rounds.Event"),
    ("/api/v1/statements/", "rounds.Statement"),
    ("/api/v1/citations/", "rounds.Citation"),
    ("/api/v1/attendance/", "rounds.Delegation"),
    ("/api/v1/articles/", "ingest.Article"),
    ("/api/v1/places/", "rounds.Place"),
]
STATIC = "/static/css/site.css"


# --- Preparing the databases (parent process) -----------------------------------------------


def _manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _populate(env: dict, factor: float) -> None:
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_reference", "-v", "0")
    _manage(env, "generate_scale_data", "--factor", str(factor), "--seed", str(SEED))


def _factor_name(factor: float) -> str:
    return f"{factor:g}".replace(".", "_")


def sqlite_url(factor: float, base_env: dict) -> str:
    """A SQLite file with the workload of ``factor``, made once and kept in bench/.cache."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"scale-{_factor_name(factor)}-seed{SEED}.sqlite3"
    if not path.exists():
        part = path.with_suffix(".part")
        for leftover in CACHE.glob(part.name + "*"):
            leftover.unlink()
        print(f"[bench_web] generating {path.name} (kept for later runs)", file=sys.stderr)
        _populate({**base_env, "DATABASE_URL": f"sqlite:///{part}"}, factor)
        part.rename(path)
    return f"sqlite:///{path}"


def postgres_url(base_url: str, factor: float, base_env: dict) -> str:
    """``base_url``'s database name with ``_x<factor>``, created and topped up if needed."""
    import psycopg2

    parts = urlsplit(base_url)
    name = f"{parts.path.lstrip('/')}_x{_factor_name(factor)}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    conn = psycopg2.connect(admin.replace("postgres://", "postgresql://", 1))
    conn.autocommit = True
    with conn.cursor() as c:
        c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not c.fetchone():
            c.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    url = urlunsplit(parts._replace(path=f"/{name}"))
    print(f"[bench_web] preparing {name}", file=sys.stderr)
    _populate({**base_env, "DATABASE_URL": url}, factor)
    return url


# --- Measuring (child process, one database and factor) -------------------------------------


def _timed(client, url: str, repeat: int) -> dict:
    return _timed_alternately(client, [url], repeat)[url]


def _timed_alternately(client, urls: list[str], repeat: int) -> dict[str, dict]:
    """Each URL's times, requested in turn (``a b a b ...``): a list and its baseline meet the
    same moments of a shared machine, so their ratio holds, where two runs one after the
    other saw a neighbour's load in one and not the other."""
    sizes, statuses, times = {}, {}, {url: [] for url in urls}
    for url in urls:
        response = client.get(url)  # warm-up (and the size)
        statuses[url] = response.status_code
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}, not 200: nothing to measure")
        sizes[url] = len(response.content) if not response.streaming else 0
    for _ in range(repeat):
        for url in urls:
            start = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            times[url].append((time.perf_counter() - start) * 1000)
    return {
        url: {
            "status": statuses[url],
            "bytes": sizes[url],
            "median": statistics.median(times[url]),
            "min": min(times[url]),
            "max": max(times[url]),
        }
        for url in urls
    }


def measure(repeat: int, api_repeat: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana_site.settings.local")
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    settings.READ_CACHE_ENABLED = False
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = False
    settings.ROOT_URLCONF = "baseline_urls"
    settings.ALLOWED_HOSTS = ["*"]
    from django.core.cache import cache
    from django.db import connection

    from ingest.models import Article
    from rounds.models import Citation, Event, Round

    if os.environ.get("BENCH_CLEAR_CACHE"):
        cache.clear()  # the bench's own cache: no throttle counts left from earlier runs (429s)
    client = Client()
    result = {
        "vendor": connection.vendor,
        "counts": {
            "rounds": Round.objects.count(),
            "events": Event.objects.count(),
            "articles": Article.objects.count(),
            "citations": Citation.objects.count(),
        },
        "pages": {},
        "api": {},
        "api_repeat": api_repeat,
    }
    static = []
    for url in PAGES:
        static.append(_timed(client, STATIC, repeat))
        result["pages"][url] = _timed(client, url, repeat)
    result["static"] = {
        "median": statistics.median(s["median"] for s in static),
        "min": min(s["min"] for s in static),
        "max": max(s["max"] for s in static),
        "bytes": static[0]["bytes"],
    }
    for url, label in API_LISTS:
        api, base = f"{url}?page_size={PAGE_SIZE}&format=json", f"/bench-baseline/{label}/"
        times = _timed_alternately(client, [api, base], api_repeat)
        result["api"][url] = {"api": times[api], "baseline": times[base]}
    return result


def _child(db_url: str, repeat: int, api_repeat: int, base_env: dict) -> dict:
    env = {
        **base_env,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "astana_site.settings.local",
        "DJANGO_DEBUG": "false",
        # Persistent connections, as production runs (settings/production.py): not a new
        # connection, with cold catalog caches, per request.
        "DATABASE_CONN_MAX_AGE": "60",
        # Every request reads the data version (ETag); Redis is what production uses.
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", base_env.get("CACHE_URL", "")),
        # The cache is the bench's own (BENCH_CACHE_URL, or the bench database's table).
        "BENCH_CLEAR_CACHE": "1"
        if os.environ.get("BENCH_CACHE_URL") or not base_env.get("CACHE_URL")
        else "",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
    }
    out = subprocess.run(
        [PYTHON, __file__, "--child", "--repeat", str(repeat), "--api-repeat", str(api_repeat)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-3000:])
        out.check_returncode()
    return json.loads(out.stdout.strip().splitlines()[-1])


def _result_file(db: str, factor: float) -> Path:
    return CACHE / f"result-{db}-{_factor_name(factor)}.json"


# A measurement kept from an earlier run is reused when BENCH_REUSE_SECONDS says how old it may
# be (the report says so); by default every run measures everything again.
REUSE_SECONDS = float(os.environ.get("BENCH_REUSE_SECONDS", "0"))


# --- Report ---------------------------------------------------------------------------------


def _ms(m: dict, digits: int = 0) -> str:
    return f"{m['median']:,.{digits}f} ({m['min']:,.{digits}f}-{m['max']:,.{digits}f})"


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def report(runs: dict, factors: list[float], databases: list[str], notes: list[str], repeat: int):
    columns = [(db, f) for db in databases for f in factors if (db, f) in runs]
    head = " | ".join(f"{db} {f:g}x" for db, f in columns)
    lines = [
        "## Pages and API lists at today's size and at scale (bench_web)",
        "",
        "Command: `make bench` (or `.venv/bin/python bench/bench_web.py`; factors from "
        "`BENCH_FACTOR`, PostgreSQL from `BENCH_PG_URL` or `DATABASE_URL`).",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()}, shared cache "
        f"{os.environ.get('BENCH_CACHE_URL') or 'in the database'}, load average "
        f"{os.getloadavg()[0]:.1f} when the report was written): absolute times vary between "
        "runs with what else the machine does, the ratios less. Server time through "
        "Django's test client, DEBUG off, read cache off (an anonymous list's or page's "
        "whole answer is not kept), an API list's count kept until a write "
        "(`COUNT_CACHE_ENABLED`, as deployed; the first request after a write counts), "
        "the small tables a list names kept in the process until a write "
        "(`KEPT_TABLES_ENABLED`, as deployed; read in the warm-up), "
        "persistent database connections; "
        f"median of {repeat} after one warm-up (of each API list and its baseline: see "
        "below), (min-max) in brackets, milliseconds. Workload: the reference history plus "
        f"`generate_scale_data --factor N --seed {SEED}`.",
        "",
    ]
    lines += [f"- {n}" for n in notes]
    lines += ["", "Records in each database:", ""]
    lines += ["| | " + head + " |", "|---|" + "---|" * len(columns)]
    for kind in ["rounds", "events", "articles", "citations"]:
        lines.append(
            f"| {kind} | " + " | ".join(f"{runs[c]['counts'][kind]:,}" for c in columns) + " |"
        )
    lines += ["", "### Pages", "", "Baseline: a static file served by WhiteNoise.", ""]
    lines += ["| page | " + head + " | HTML at largest |", "|---|" + "---|" * (len(columns) + 1)]
    last = columns[-1] if columns else None
    for url in PAGES:
        cells = [_ms(runs[c]["pages"][url]) for c in columns]
        size = _kb(runs[last]["pages"][url]["bytes"]) if last else ""
        lines.append(f"| `{url}` | " + " | ".join(cells) + f" | {size} |")
    lines.append(
        "| *static file (WhiteNoise)* | "
        + " | ".join(_ms(runs[c]["static"]) for c in columns)
        + " | |"
    )
    lines += [
        "",
        "### API lists",
        "",
        f"`GET <list>?page_size={PAGE_SIZE}&format=json`, anonymous, against a plain view "
        f"returning `JsonResponse(list(Model.objects.values()[:{PAGE_SIZE}]))` of the same model "
        "in the same process, the two requested in turn"
        f"{_api_repeats(runs, columns)}; the ratio is API median / baseline median.",
        "",
    ]
    lines += ["| list | " + head + " |", "|---|" + "---|" * len(columns)]
    for url, label in API_LISTS:
        cells = []
        for c in columns:
            a = runs[c]["api"][url]
            ratio = a["api"]["median"] / a["baseline"]["median"]
            cells.append(
                f"{_ms(a['api'], 1)} vs {a['baseline']['median']:,.1f}: **{ratio:.2f}x**, "
                f"{_kb(a['api']['bytes'])}"
            )
        lines.append(f"| `{url}` ({label}) | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _api_repeats(runs: dict, columns: list) -> str:
    counts = sorted({runs[c].get("api_repeat") for c in columns} - {None})
    return f" {' or '.join(map(str, counts))} times each after one warm-up" if counts else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", 9)))
    parser.add_argument(
        "--api-repeat", type=int, default=int(os.environ.get("BENCH_API_REPEAT", 31))
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--databases", default=os.environ.get("BENCH_DATABASES", "sqlite,postgresql")
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.repeat, args.api_repeat)))
        return
    factors = [float(f) for f in os.environ.get("BENCH_FACTOR", "1,100").split(",") if f]
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    base_env.pop("DJANGO_SETTINGS_MODULE", None)
    pg = os.environ.get("BENCH_PG_URL") or (
        os.environ.get("DATABASE_URL", "")
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
        else ""
    )
    wanted = args.databases.split(",")
    databases, notes, runs = [], [], {}
    for db in wanted:
        if db == "postgresql" and not pg:
            notes.append(
                "PostgreSQL: not measured in this run (neither BENCH_PG_URL nor a PostgreSQL "
                "DATABASE_URL was set)."
            )
            continue
        databases.append(db)
        for factor in factors:
            kept = _result_file(db, factor)
            if kept.exists() and time.time() - kept.stat().st_mtime < REUSE_SECONDS:
                runs[(db, factor)] = json.loads(kept.read_text())
                taken = time.strftime("%H:%M UTC", time.gmtime(kept.stat().st_mtime))
                notes.append(f"{db} {factor:g}x: measured at {taken} by an earlier run, reused.")
                continue
            if db == "sqlite":
                url = sqlite_url(factor, base_env)
            else:
                url = postgres_url(pg, factor, base_env)
            print(f"[bench_web] measuring {db} {factor:g}x", file=sys.stderr)
            runs[(db, factor)] = _child(url, args.repeat, args.api_repeat, base_env)
            CACHE.mkdir(exist_ok=True)
            kept.write_text(json.dumps(runs[(db, factor)]))
    section = report(runs, factors, databases, notes, args.repeat)
    target = os.environ.get("BENCH_SECTION_FILE")
    if target:
        Path(target).write_text(section, encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()
