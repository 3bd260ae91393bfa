"""The site's own wiring as an app: it owns no models, only what every deployment needs after
``migrate``."""

from django.apps import AppConfig, apps
from django.core.management import call_command
from django.db.models.signals import post_migrate


def _cache_table(sender, using="default", verbosity=1, **kwargs) -> None:
    """Create the database cache's table (idempotent): the throttle counters and other shared
    state live there when no CACHE_URL names Redis, so a plain ``migrate`` leaves a working
    site, whatever runs it (``make migrate``, the compose file, a script).

    ``post_migrate`` is sent once per app that has models (this one has none): the table is made
    after the last of them."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender is with_models[-1]:
        call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))


class SiteConfig(AppConfig):
    name = "astana_site"
    verbose_name = "Site wiring"

    def ready(self) -> None:
        post_migrate.connect(_cache_table, dispatch_uid="astana_site.cache_table")
