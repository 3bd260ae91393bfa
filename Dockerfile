# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=astana_site.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 tracker
COPY pyproject.toml requirements.lock README.md ./
COPY astana_site ./astana_site
COPY rounds ./rounds
COPY ingest ./ingest
RUN pip install --no-cache-dir -c requirements.lock .
COPY manage.py ./
COPY templates ./templates
COPY static ./static
# collectstatic needs settings that import; the build-time key is never used to serve.
RUN DJANGO_SECRET_KEY=build-only-$(python -c "import secrets; print(secrets.token_urlsafe(48))") \
    DJANGO_ALLOWED_HOSTS=build python manage.py collectstatic --noinput
USER tracker
EXPOSE 8000
CMD ["gunicorn", "astana_site.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
