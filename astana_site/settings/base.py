"""Settings shared by every environment. Everything that varies comes from the environment.

See ``.env.example`` for each variable and its safe default.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-local-development-only")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "axes",
    "astana_site.apps.SiteConfig",
    "ingest",
    "rounds",
    "review",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "astana_site.middleware.MalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which sends static files precompressed; above whatever reads the body.
    "astana_site.middleware.PublicGZipMiddleware",
    # After GZip: the ETag is that of the uncompressed page; a repeat GET of an unchanged page
    # is answered 304.
    "django.middleware.http.ConditionalGetMiddleware",
    # Records read for a GET are not saved: they skip the snapshot a save compares with.
    "astana_site.reads.ReadOnlyRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (which may redirect to a prefixed path).
    "astana_site.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "astana_site.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins per user name and per address; refuses both once locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "astana_site.urls"
WSGI_APPLICATION = "astana_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dashboard.context_processors.languages",
            ],
            # {% tr record "name" %}: record names in the reader's language, on every page.
            "builtins": ["dashboard.templatetags.content"],
        },
    },
]

# SQLite by default (embedded, no server); DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections (seconds; 0 closes after each request), checked before reuse.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a poll writes; NORMAL syncs at checkpoints, not on
    # every commit (safe against corruption; the last commits may be lost on power failure).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ------------------------------------------------------------------------------
# English is the source language and its pages are unprefixed (/rounds/8/); Russian, Turkish and
# Arabic pages live under /ru/, /tr/ and /ar/ (``i18n_patterns``, prefix_default_language=False).
# The admin and the API stay unprefixed and follow the language cookie, then Accept-Language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
]
# One catalogue for every app, inside a package so the wheel (and the image) ships it; the
# compiled .mo files are made by `make install` / `make test` (compilemessages), not committed.
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
# Dates in each language's conventions (astana_site/formats/<lang>/formats.py over Django's).
FORMAT_MODULE_PATH = ["astana_site.formats"]
# The reader's choice from the switcher, kept a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# A strict Content-Security-Policy (django-csp): only our own scripts, styles and images.
# plotly.js (through d3) sets inline style *attributes* for rich text in hover labels;
# ``style-src-attr`` allows those without allowing inline <style> elements or scripts.
# ``astana_site.middleware`` relaxes it for the admin and the API docs only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

LOGIN_URL = "admin:login"

# --- Clients, throttling and the shared cache -----------------------------------------------
# How many reverse proxies this deployment runs in front of the app (each appends to
# X-Forwarded-For). 0: none, the socket address is the client and the header is ignored.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
# Throttle counters and the like live in one cache all web workers share: Redis when
# CACHE_URL names it, the database otherwise (its table is made after every `migrate`, by
# `astana_site.apps`).
CACHE_URL = env("CACHE_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "astana_site.redis_cache.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "astana_cache",
        }
    }
# Expensive reads (API list pages for anonymous readers, the home page's data) are kept in
# that cache until a service writes (astana_site.cache), at most this many seconds.
READ_CACHE_ENABLED = env.bool("READ_CACHE_ENABLED", default=True)
READ_CACHE_SECONDS = env.int("READ_CACHE_SECONDS", default=600)
# The count of an API list (its COUNT reads every matching row) is kept in that cache per
# filter until a service writes, for every reader (astana_site.api.pagination).
COUNT_CACHE_ENABLED = env.bool("COUNT_CACHE_ENABLED", default=True)
# Small tables an API list shows a name or number of (places, rounds, governorates) are kept
# in each web process per data version, read again after a service writes or after
# READ_CACHE_SECONDS (astana_site.cache.kept_rows).
KEPT_TABLES_ENABLED = env.bool("KEPT_TABLES_ENABLED", default=True)
# Admin login: locked for AXES_COOLOFF_TIME hours after AXES_FAILURE_LIMIT failures, counted per
# user name and, separately, per client address (stored in the database, shared by workers).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "astana_site.clients.client_ip"
AXES_RESET_ON_SUCCESS = True
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- REST framework -------------------------------------------------------------------------
# The API's defaults, declared once; a view names only what differs from them. Token first:
# an anonymous write is told to authenticate (401 with ``WWW-Authenticate: Token``).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["astana_site.api.permissions.ReadAnyWriteWithModelPermission"],
    # Filtering, search (``search``/``q``) and ``ordering`` are parameters of each FilterSet.
    "DEFAULT_FILTER_BACKENDS": ["astana_site.api.filtering.FilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "astana_site.api.renderers.JSONRenderer",
        "astana_site.api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "astana_site.api.negotiation.StrictContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "astana_site.api.pagination.StandardPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_CLASSES": [
        "astana_site.api.throttling.AnonThrottle",
        "astana_site.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="600/hour"),
        "user": env("API_THROTTLE_USER", default="6000/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "astana_site.api.schema.TrackerAutoSchema",
    "EXCEPTION_HANDLER": "astana_site.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Astana Process Tracker API",
    "DESCRIPTION": (
        "Rounds, guarantors, statements, events and de-escalation zones of the Astana "
        "peace process on Syria, with the sources behind every fact."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One named enum per choice list (several models have a "kind" or a "status").
    "ENUM_NAME_OVERRIDES": {
        "RoundStatusEnum": "rounds.choices.RoundStatus",
        "EventStatusEnum": "rounds.choices.EventStatus",
        "EventKindEnum": "rounds.choices.EventKind",
        "StatementKindEnum": "rounds.choices.StatementKind",
        "ParticipantKindEnum": "rounds.choices.ParticipantKind",
        "PlaceKindEnum": "rounds.choices.PlaceKind",
        "DelegationRoleEnum": "rounds.choices.DelegationRole",
        "ZoneStatusEnum": "rounds.choices.ZoneStatus",
        "DatePrecisionEnum": "rounds.choices.DatePrecision",
        "SuggestionKindEnum": "rounds.choices.SuggestionKind",
        "SuggestionStatusEnum": "rounds.choices.SuggestionStatus",
        "SourceKindEnum": "ingest.choices.SourceKind",
        "ArticleStatusEnum": "ingest.choices.ArticleStatus",
    },
}

# --- Celery ---------------------------------------------------------------------------------
# No broker configured: tasks run eagerly in-process, so the embedded default needs no server
# (production refuses that unless TASKS_IN_PROCESS=true says it is meant).
TASKS_IN_PROCESS = env.bool("TASKS_IN_PROCESS", default=False)
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or "memory://"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "poll-due-sources": {
        "task": "ingest.tasks.poll_due_sources_task",
        "schedule": env.int("INGEST_POLL_TICK_SECONDS", default=300),
    },
}

# --- Ingestion ------------------------------------------------------------------------------
INGEST_ALLOW_LOOPBACK = env.bool("INGEST_ALLOW_LOOPBACK", default=False)
INGEST_FETCH_TIMEOUT = env.float("INGEST_FETCH_TIMEOUT", default=10.0)
INGEST_MAX_BYTES = env.int("INGEST_MAX_BYTES", default=5_000_000)
INGEST_MAX_REDIRECTS = env.int("INGEST_MAX_REDIRECTS", default=5)
# One deadline over a whole fetch (connect, headers, body, every redirect); well inside the
# task's soft time limit, so a dripping server ends as a recorded timeout, not a killed task.
INGEST_FETCH_DEADLINE = env.float("INGEST_FETCH_DEADLINE", default=30.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Lockouts are warnings; every failed attempt and its startup banner would be noise.
    "loggers": {"axes": {"level": "WARNING"}},
}
# The task that links understood articles to curated records and queues suggestions. Named by
# setting so the ingest app never imports the curated domain.
INGEST_LINK_TASK = "review.tasks.article_link_task"
# Returns (number, start, end, city) of the known rounds, to help understanding date a round.
INGEST_ROUND_CALENDAR = "rounds.selectors.round_calendar"
# Kombu's Redis transport redelivers a task whose worker died after this many seconds.
# It sweeps for such tasks every interval x throttle seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
