# The app image: gunicorn serving netsite with production settings.
# Same steps as `make run`: install requirements.txt, migrate, (optionally) load demo content.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=netsite.settings.production \
    PORT=8000 \
    WEB_CONCURRENCY=3 \
    GUNICORN_THREADS=2

# postgresql-client: pg_dump / pg_restore for `manage.py backup_site` / `restore_site`
# (Debian bookworm's is 15, the server's version). Pillow's wheels bring their own image
# libraries, AVIF and WebP encoders included.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo zlib1g libwebp7 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 netsite
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=netsite:netsite . .
# collectstatic needs settings but no real secrets or database.
RUN SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 REQUESTS_ENABLED=false \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/backups \
    && chown -R netsite:netsite /app/media /app/static /app/backups

USER netsite
EXPOSE 8000
CMD ["sh", "docker/start.sh"]
