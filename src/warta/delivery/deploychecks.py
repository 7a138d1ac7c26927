"""`warta check --deploy`: the deployment of docs/deployment.md is wired together right.

- the Wagtail site's hostname and port are WARTA_BASE_URL's (purges go out with that host);
- with WARTA_PURGE_URL, a test purge of the home page reaches the front cache;
- in production, WARTA_PROXY_COUNT is set (behind nginx: 1), or every reader is 127.0.0.1;
- the sign-ins recorded so far did not all come from loopback (the proxy's address) while the
  site's public address is not loopback.
"""

import ipaddress
import os
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

from warta.delivery.frontcache import PURGED, send_purge


def base_address():
    """Return (hostname, port) of WARTA_BASE_URL."""
    parts = urlsplit(settings.WARTA_BASE_URL)
    return (parts.hostname or ""), parts.port or (443 if parts.scheme == "https" else 80)


def default_site():
    from wagtail.models import Site

    try:
        return Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: nothing to compare
        return None


@register(deploy=True)
def check_site_address(app_configs=None, **kwargs):
    site = default_site()
    if site is None:
        return []
    hostname, port = base_address()
    if (site.hostname, site.port) == (hostname, port):
        return []
    return [
        Error(
            f"The site's address is {site.hostname}:{site.port}, but WARTA_BASE_URL is "
            f"{settings.WARTA_BASE_URL}: purges go out for the wrong host and readers get "
            "stale pages.",
            hint="Run `warta init` again with WARTA_BASE_URL set: it sets the site's address.",
            id="warta.E101",
        )
    ]


def fetch(url, timeout=5):
    """GET `url` without following redirects; return (status, headers)."""
    try:
        with urlopen(Request(url, headers={"User-Agent": "Warta-check"}), timeout=timeout) as r:  # noqa: S310
            return r.status, r.headers
    except HTTPError as error:
        return error.code, error.headers


@register(deploy=True)
def check_front_cache_purge(app_configs=None, **kwargs):
    location = os.environ.get("WARTA_PURGE_URL")
    site = default_site()
    if not location or site is None:
        return []
    home = settings.WARTA_BASE_URL + "/"
    try:
        fetch(home)
        status, headers = fetch(home)
    except (URLError, OSError) as error:
        return [
            Error(
                f"The site does not answer at {home} from this host ({error}), so the front "
                "cache's purge cannot be tried.",
                hint="Check nginx and WARTA_BASE_URL (and that this host resolves its name).",
                id="warta.E102",
            )
        ]
    # A cached copy, fresh or being refreshed (proxy_cache_use_stale updating).
    if status != 200 or headers.get("X-Cache-Status") not in ("HIT", "STALE", "UPDATING"):
        return [
            Error(
                f"The home page through the front cache answered {status} with "
                f"X-Cache-Status {headers.get('X-Cache-Status')!r} on the second request: "
                "the front cache does not cache it.",
                hint="Use deploy/nginx/warta.conf as shipped (docs/deployment.md, step 6).",
                id="warta.E102",
            )
        ]
    page_url = site.root_url + "/"
    try:
        purged = send_purge(location, page_url)
    except (URLError, OSError) as error:
        purged = error
    if purged != PURGED:
        return [
            Error(
                f"A test purge of {page_url} at WARTA_PURGE_URL ({location}) answered "
                f"{purged}: the cached home page was not removed, so publishing will not "
                "reach readers until the cache expires.",
                hint="The site's hostname must be the host nginx caches under (`warta init` "
                "sets it from WARTA_BASE_URL), and the purge server must key like the cache.",
                id="warta.E102",
            )
        ]
    return []


@register(deploy=True)
def check_proxy_count(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    configured = os.environ.get("WARTA_PROXY_COUNT", "").strip()
    if configured and (settings.WARTA_PROXY_COUNT or not os.environ.get("WARTA_PURGE_URL")):
        return []
    return [
        Warning(
            "Behind nginx Warta sees every reader as 127.0.0.1 unless WARTA_PROXY_COUNT is set: "
            "one stranger's wrong passwords then lock every editor's address, and readers "
            "share one API limit.",
            hint="Set WARTA_PROXY_COUNT=1 behind the shipped nginx (deploy/warta.env.example), "
            "or WARTA_PROXY_COUNT=0 when readers connect to `warta serve` directly.",
            id="warta.W103",
        )
    ]


def is_loopback(address):
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return address == "localhost"


@register(deploy=True)
def check_clients_seen(app_configs=None, **kwargs):
    """Warn when every recent sign-in came from loopback although readers come from outside."""
    from axes.models import AccessFailureLog, AccessLog

    if is_loopback(base_address()[0]):
        return []
    try:
        seen = {
            address
            for model in (AccessLog, AccessFailureLog)
            for address in model.objects.order_by("-attempt_time").values_list(
                "ip_address", flat=True
            )[:200]
        }
    except DatabaseError:  # not migrated yet: nothing seen
        return []
    seen.discard(None)
    if not seen or not all(is_loopback(address) for address in seen):
        return []
    return [
        Warning(
            f"Every sign-in recorded lately came from {', '.join(sorted(seen))}: the app sees "
            "its proxy's address, not the readers'. Sign-in lockouts and API limits then hit "
            "everyone at once.",
            hint="Set WARTA_PROXY_COUNT to the number of proxies in front of Warta (1 behind "
            "the shipped nginx), and keep nginx's X-Forwarded-For header.",
            id="warta.W104",
        )
    ]
