"""Content-Security-Policy for readers and the admin, and the two-factor gate of the admin."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from warta.security import totp

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Send CONTENT_SECURITY_POLICY on readers' pages, WARTA_ADMIN_CONTENT_SECURITY_POLICY
    under /admin/ (Wagtail still needs inline scripts there).

    A preview is a readers' page that the admin's editor frames: Wagtail builds its request for
    the page's public address, so it is told apart by `is_preview`, not by the path.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_preview", False):
            parts.config = default_config(
                settings.CONTENT_SECURITY_POLICY["DIRECTIVES"] | {"frame-ancestors": ["'self'"]}
            )
        elif request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(
                settings.WARTA_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            )
        return parts


class TwoFactorMiddleware:
    """Hold a signed-in user who has a confirmed TOTP device until they enter a code.

    Until then the admin answers with the code page and every other view sees an anonymous
    visitor. Users without a device are not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Readers without a session cookie skip the check: it costs them nothing.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and totp.code_pending(request.user):
            path = request.path_info
            if path not in totp.paths_open_before_code():
                if path.startswith(ADMIN_PREFIX):
                    return redirect(totp.verify_url(request.get_full_path()))
                request.user = AnonymousUser()
        return self.get_response(request)
