"""The wheel carries everything the apps need at run time (the Docker image installs only the
wheel): templates, static files and the reference data, and the site runs from it alone."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# What the Dockerfile's build stage copies: the wheel is built from these alone.
BUILD_INPUTS = ["pyproject.toml", "README.md", "NOTICE"]
PACKAGES = ["astana_site", "ingest", "rounds", "review", "dashboard"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy, as the Dockerfile does, so the build leaves nothing in the source tree.
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "build backend" in result.stderr.lower():
        pytest.skip(f"no build backend available: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr[-2000:]
    (path,) = out.glob("astana_tracker-*.whl")
    return path


def test_the_wheel_holds_reference_data_templates_and_static_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "rounds/reference/astana.json",
        "rounds/reference/syria_adm1.geojson",
        "rounds/templates/rounds/api/redoc.html",
        "dashboard/templates/base.html",
        "dashboard/templates/404.html",
        "dashboard/templates/dashboard/home.html",
        "dashboard/templates/dashboard/includes/chart_scripts.html",
        "dashboard/static/js/charts.js",
        "dashboard/static/vendor/plotly/plotly.min.js",
        "dashboard/static/vendor/plotly/locales/ar.js",
        "astana_site/locale/ar/LC_MESSAGES/django.po",
        "astana_site/formats/ru/formats.py",
        "review/templates/admin/rounds/suggestion/change_form.html",
        "review/static/css/review.css",
        "ingest/understanding/__init__.py",
    ]:
        assert expected in names, expected
    assert not any(name.startswith(("tests/", "bench/", "scripts/")) for name in names)


def test_the_site_runs_from_the_wheel_alone(wheel, tmp_path):
    # Given the wheel unpacked somewhere else, first on the path (no source tree)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import json, django, pathlib\n"
        "django.setup()\n"
        "import dashboard, rounds.reference\n"
        f"here = pathlib.Path(dashboard.__file__)\n"
        f"assert here.is_relative_to({str(site)!r}), here\n"
        "from django.template.loader import get_template\n"
        "get_template('dashboard/home.html'); get_template('404.html')\n"
        "json.loads((rounds.reference.REFERENCE_DIR / 'astana.json').read_text())\n"
        "from django.core.management import call_command\n"
        "call_command('collectstatic', '--noinput', verbosity=0)\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "DJANGO_SETTINGS_MODULE": "astana_site.settings.test",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    # When it starts and gathers its static files
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    # Then templates, reference data and static files all come from the wheel
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "js" / "charts.js").is_file()
    assert (tmp_path / "static" / "css" / "review.css").is_file()


def test_docker_compose_still_describes_the_stack():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "beat"}
    for name in ("migrate", "web", "worker", "beat"):
        assert services[name]["build"] == "."
        assert services[name]["environment"]["DJANGO_SETTINGS_MODULE"].startswith("astana_site.")
    assert "django-admin migrate" in services["migrate"]["command"]
    assert services["web"]["command"].startswith("gunicorn astana_site.wsgi:application")
    dockerfile = (ROOT / "Dockerfile").read_text()
    for app in ("astana_site", "ingest", "rounds", "review", "dashboard"):
        assert f"COPY {app} ./{app}" in dockerfile
    assert "manage.py" not in dockerfile
