"""WSGI entry point, served by `warta serve` (granian) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")

application = get_wsgi_application()
