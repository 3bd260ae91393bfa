"""Production serving: static files under hashed names, precompressed (brotli and gzip) and
cached for a year; public pages gzipped, never a signed-in session's or the admin's."""

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_serve_hashed_precompressed_static_files():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="astana_site.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "-production-like-secret-for-this-test-only-0123456789",
        DJANGO_ALLOWED_HOSTS="tracker.example.org",
        TASKS_IN_PROCESS="true",
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND']); print(settings.MIDDLEWARE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    backend, middleware = result.stdout.splitlines()
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage", result.stderr
    assert middleware.index("WhiteNoiseMiddleware") < middleware.index("PublicGZipMiddleware")
    assert middleware.index("PublicGZipMiddleware") < middleware.index("ConditionalGetMiddleware")


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    return tmp_path


def test_static_files_get_hashed_names_and_brotli_and_gzip_copies(production_static):
    url = static("vendor/plotly/plotly.min.js")

    name = re.search(r"/static/(vendor/plotly/plotly\.min\.[0-9a-f]{12}\.js)$", url)
    assert name, url
    assert (production_static / name.group(1)).exists()
    assert (production_static / (name.group(1) + ".br")).exists()
    assert (production_static / (name.group(1) + ".gz")).exists()


def test_hashed_static_files_are_served_compressed_and_cached_for_a_year(production_static):
    url = static("js/charts.js")

    brotli = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    plain = Client().get(url)

    assert brotli.status_code == 200
    assert brotli["Content-Encoding"] == "br"
    assert "immutable" in brotli["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", brotli["Cache-Control"]).group(1)) >= 365 * 86400
    assert "Content-Encoding" not in plain


def test_plotly_bundle_stays_under_a_megabyte():
    from django.contrib.staticfiles import finders

    assert Path(finders.find("vendor/plotly/plotly.min.js")).stat().st_size <= 1_000_000


def test_public_pages_are_gzipped(client):
    response = client.get("/rounds/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert b"Rounds of the Astana process" in gzip.decompress(response.content)


def test_a_signed_in_session_and_the_admin_are_never_compressed(client, admin_user):
    login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    client.force_login(admin_user)
    page = client.get("/rounds/", HTTP_ACCEPT_ENCODING="gzip")

    assert "Content-Encoding" not in login
    assert "Content-Encoding" not in page


def test_a_repeat_visit_to_an_unchanged_page_is_answered_304(client):
    first = client.get("/")

    repeat = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert repeat.status_code == 304 and repeat.content == b""
