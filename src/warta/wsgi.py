"""WSGI entry point, served by `warta serve` (granian) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")

from warta.delivery.wsgi import PageCacheApplication  # noqa: E402 - needs the settings module

# Fresh page-cache hits are answered before Django builds a request (docs/delivery.md).
application = PageCacheApplication(get_wsgi_application())
