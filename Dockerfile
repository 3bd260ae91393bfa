# One image for web, worker and beat (see docker-compose.yml). The first stage builds the wheel;
# the image installs it with its package data (templates, static files, reference data) and
# holds no source tree, so what runs is exactly what the wheel ships.
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml requirements.lock README.md NOTICE ./
COPY astana_site ./astana_site
COPY ingest ./ingest
COPY rounds ./rounds
COPY review ./review
COPY dashboard ./dashboard
# The interface's translations, compiled into the package (astana_site/locale/*/LC_MESSAGES).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends gettext >/dev/null \
    && for po in astana_site/locale/*/LC_MESSAGES/django.po; do msgfmt -c -o "${po%.po}.mo" "$po"; done \
    && rm -rf /var/lib/apt/lists/*
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=astana_site.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles
WORKDIR /app
RUN useradd --create-home --uid 1000 tracker && chown tracker /app
COPY requirements.lock /tmp/requirements.lock
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-cache-dir -c /tmp/requirements.lock /tmp/wheels/*.whl \
    && rm -rf /tmp/wheels /tmp/requirements.lock
# collectstatic needs settings that import; the build-time key is never used to serve.
RUN DJANGO_SECRET_KEY=build-only-$(python -c "import secrets; print(secrets.token_urlsafe(48))") \
    DJANGO_ALLOWED_HOSTS=build django-admin collectstatic --noinput
USER tracker
EXPOSE 8000
CMD ["gunicorn", "astana_site.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
