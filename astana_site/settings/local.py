"""Local development: debug on, loopback fetching allowed for trying feeds on this machine."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
INGEST_ALLOW_LOOPBACK = env.bool("INGEST_ALLOW_LOOPBACK", default=True)
