"""Project wiring: settings, the Celery app and root URLs. No models live here."""

from .celery import app as celery_app

__all__ = ("celery_app",)
