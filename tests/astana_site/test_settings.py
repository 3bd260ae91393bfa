import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _check(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "astana_site.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "secret",
    ["", "django-insecure-local-development-only", "short-key"],
    ids=["missing", "default", "short"],
)
def test_production_refuses_a_missing_or_default_secret_key(secret):
    result = _check({"DJANGO_SECRET_KEY": secret, "DJANGO_ALLOWED_HOSTS": "tracker.example.org"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_missing_allowed_hosts():
    result = _check({"DJANGO_SECRET_KEY": "x" * 20 + "k3y-" + "y" * 40})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


REAL_SECRET = "a8f9Zq!kL2mN4pR7tV0wX3yB6cE9gH1jK5nQ8sU2vY5zA7dF0hJ3lM6oP9rT2"


def test_production_check_deploy_is_clean_with_real_settings():
    result = _check(
        {
            "DJANGO_SECRET_KEY": REAL_SECRET,
            "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/14",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_broker():
    result = _check(
        {
            "DJANGO_SECRET_KEY": REAL_SECRET,
            "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
            "CELERY_BROKER_URL": "",
        }
    )
    assert result.returncode != 0
    assert "CELERY_BROKER_URL" in result.stderr


def test_production_runs_tasks_in_process_only_when_asked():
    result = _check(
        {
            "DJANGO_SECRET_KEY": REAL_SECRET,
            "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
            "CELERY_BROKER_URL": "",
            "TASKS_IN_PROCESS": "true",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
