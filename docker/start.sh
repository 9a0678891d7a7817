#!/bin/sh
# Container start: wait for the database, apply migrations, then serve with gunicorn.
# LOAD_DEMO_CONTENT=1 also loads the demo content, as `make run` does.
set -eu

python - <<'PY'
import os, sys, time
import django
django.setup()
from django.db import connection
for attempt in range(60):
    try:
        connection.ensure_connection()
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - any failure means "not ready yet"
        print(f"Waiting for the database ({error.__class__.__name__})…", flush=True)
        time.sleep(1)
sys.exit("The database did not answer within 60 seconds.")
PY

python manage.py migrate --noinput
if [ "${LOAD_DEMO_CONTENT:-0}" = "1" ]; then
    python manage.py load_demo_content
fi

# Workers, threads and timeouts come from the environment: see docker/gunicorn.conf.py.
exec gunicorn netsite.wsgi:application --config docker/gunicorn.conf.py
