"""WSGI entry point for gunicorn. Production sets DJANGO_SETTINGS_MODULE explicitly."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsite.settings.production")

application = get_wsgi_application()
