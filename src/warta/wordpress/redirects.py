"""Old WordPress addresses kept alive as Wagtail redirects."""

from urllib.parse import urlsplit

from django.http import HttpResponsePermanentRedirect

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

# WordPress answers these on its front page whatever the permalink structure.
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat")


def old_path(url):
    """Return the normalised path of an old URL, or '' for the old front page itself."""
    path = Redirect.normalise_path(url)
    return "" if path == "/" else path


def point(url, target):
    """Redirect an old URL permanently to a page or a URL; return whether it is new."""
    path = old_path(url)
    if not path:
        return False
    defaults = {"is_permanent": True, "redirect_page": None, "redirect_link": ""}
    if isinstance(target, str):
        defaults["redirect_link"] = target
    else:
        defaults["redirect_page"] = target
    _, created = Redirect.objects.update_or_create(site=None, old_path=path, defaults=defaults)
    return created


def query_url(base_path, key, value):
    """Return '/?p=123' (under the old blog's own path) for a query-string permalink."""
    base = "/" + urlsplit(base_path).path.strip("/")
    return f"{base.rstrip('/')}/?{key}={value}"


class QueryRedirectMiddleware:
    """Answer WordPress's '/?p=123' links, which Wagtail's redirects never see.

    Wagtail looks redirects up only after a 404, and the front page answers any query string
    with a 200. Only requests carrying one of WordPress's own query keys cost a lookup.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.GET:
            for key in QUERY_KEYS:
                value = request.GET.get(key, "")
                if value.isdigit():
                    path = Redirect.normalise_path(f"{request.path}?{key}={value}")
                    redirect = (
                        Redirect.get_for_site(Site.find_for_request(request))
                        .filter(old_path=path)
                        .select_related("redirect_page")
                        .first()
                    )
                    if redirect is not None and redirect.link:
                        return HttpResponsePermanentRedirect(redirect.link)
        return self.get_response(request)
