"""Fuzz the API against its own OpenAPI schema with Schemathesis, anonymously and as an analyst.

Starts a throw-away server on 127.0.0.1 (a fresh SQLite database in a temporary directory,
migrated and loaded with the reference data), creates an analyst with an API token, then runs
``schemathesis run --checks all`` over every operation twice: without credentials and with the
analyst's token. Exits non-zero if either run finds a server error or a response that breaks
the schema. Bounded: ``--max-examples`` per operation (``SCHEMATHESIS_MAX_EXAMPLES``, default
25) and ``--max-time`` per run (``SCHEMATHESIS_MAX_TIME``, default 150 s).

    .venv/bin/python bench/run_schemathesis.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25")
MAX_TIME = os.environ.get("SCHEMATHESIS_MAX_TIME", "150")

# One relaxation, for one check. ``positive_data_acceptance`` expects every schema-valid request
# to succeed, but some of the curated data's rules cannot be written in OpenAPI: an end date on
# or after the start date, the allowed status transitions, and references to records that exist
# (a slug is any string to the schema). The API answers those with 422 (well-formed, against the
# rules), which this check would otherwise count as a rejection of valid data. A 400 (malformed)
# on schema-valid input still fails the check. NUL bytes are not generated: no text field or
# parameter accepts them (PostgreSQL cannot store them), which a JSON schema cannot express.
# Writes to a record need ``If-Match`` with its current ETag, which a generated string matches
# only by chance: such a write is a 412 (documented; a rejection too when the request is
# otherwise invalid in a way the server does not check first), and one without the header a 428
# (documented; the status RFC 6585 gives a missing precondition, which the missing-header
# check counts as a rejection).
CONFIG = """
[generation]
allow-x00 = false
codec = "utf-8"

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "412", "422", "429"]

[checks.negative_data_rejection]
expected-statuses = [
  "400", "401", "403", "404", "405", "406", "409", "412", "415", "422", "428", "429", "5xx"
]

[checks.missing_required_header]
expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]
"""

SETUP_ANALYST = """
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user = User.objects.create_user("fuzz-analyst", password="unused-password", is_staff=True)
user.groups.add(Group.objects.get(name="Analysts"))
print(Token.objects.create(user=user).key)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer {url} within {timeout} s.")


def schemathesis(schema_url: str, config: Path, *extra: str) -> int:
    command = [
        str(BIN / "schemathesis"),
        "--config-file",
        str(config),
        "run",
        schema_url,
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--max-time",
        MAX_TIME,
        # One worker: the throw-away database is SQLite, which serialises writers anyway.
        "--workers",
        "1",
        "--seed",
        os.environ.get("SCHEMATHESIS_SEED", "20170123"),
        "--request-timeout",
        "30",
        *extra,
    ]
    print("$", " ".join(c if "Token " not in c else "Authorization: Token ***" for c in command))
    return subprocess.run(command, cwd=ROOT).returncode


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="astana-schemathesis-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "astana_site.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
        }
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_reference", "-v", "0")
        token = manage(env, "shell", "-c", SETUP_ANALYST, capture=True).strip().splitlines()[-1]
        config = Path(tmp) / "schemathesis.toml"
        config.write_text(CONFIG)

        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(tmp) / "server.log", "w"),  # noqa: SIM115
        )
        try:
            schema_url = f"http://127.0.0.1:{port}/api/v1/schema/"
            wait_for(schema_url)
            print("\n==== schemathesis: anonymous ====", flush=True)
            anonymous = schemathesis(schema_url, config)
            print("\n==== schemathesis: analyst (token) ====", flush=True)
            analyst = schemathesis(schema_url, config, "--header", f"Authorization: Token {token}")
        finally:
            server.terminate()
            server.wait(timeout=10)
            log = (Path(tmp) / "server.log").read_text()
            if "Traceback" in log:
                print("\n==== server tracebacks ====")
                print(log[-6000:])
    print(f"\nanonymous run: exit {anonymous}; analyst run: exit {analyst}")
    return 1 if anonymous or analyst else 0


if __name__ == "__main__":
    sys.exit(main())
