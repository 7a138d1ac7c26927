"""URLs of the read API: every endpoint served through `caching.served`, JSON 404 elsewhere."""

from django.http import JsonResponse
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _

from warta.api.caching import served
from warta.api.endpoints import api

app_name = "api"  # the namespace Django Ninja reverses its own URLs in


def served_patterns(patterns):
    return [
        URLPattern(pattern.pattern, served(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]


def unknown(request, rest):
    """Answer an address under /api/v1/ that has no endpoint, in JSON like the rest."""
    return JsonResponse(
        {
            "detail": _(
                "There is nothing at this address of the API; the endpoints are listed in "
                "%(document)s."
            )
            % {"document": request.build_absolute_uri("/api/v1/openapi.json")}
        },
        status=404,
    )


urlpatterns = served_patterns(api.urls[0]) + [re_path(r"^(?P<rest>.*)$", served(unknown))]
