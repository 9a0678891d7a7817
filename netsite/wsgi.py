"""WSGI entry point for gunicorn. Production sets DJANGO_SETTINGS_MODULE explicitly."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsite.settings.production")
# A web request gives up on a database statement after 5 s (netsite/settings/base.py);
# commands run by hand or by cron keep no such limit.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "5000")

application = get_wsgi_application()
