"""`/healthz/`: is this app server up? Answered before anything else, for monitors on loopback.

It reads no database and no cache, and does not depend on the Host header or the scheme: a
probe of `http://127.0.0.1:8001/healthz/` gets 200 with the production settings.
"""

from django.http import HttpResponse

HEALTH_PATH = "/healthz/"


class HealthMiddleware:
    """Answer GET and HEAD of /healthz/ with 200 "ok", never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return HttpResponse(
                "ok\n", content_type="text/plain", headers={"Cache-Control": "no-store"}
            )
        return self.get_response(request)
