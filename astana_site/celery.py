"""The Celery application.

Without ``CELERY_BROKER_URL`` tasks run eagerly in-process (the embedded default); with it
they go to the broker and a worker (``celery -A astana_site worker``) runs them.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana_site.settings.local")

app = Celery("astana_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
