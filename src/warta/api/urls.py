"""URLs of the read API: every endpoint served through `caching.served`."""

from django.urls import URLPattern

from warta.api.caching import served
from warta.api.endpoints import api


def served_patterns(patterns):
    return [
        URLPattern(pattern.pattern, served(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]


app_name = "api"  # the namespace Django Ninja reverses its own URLs in
urlpatterns = served_patterns(api.urls[0])
