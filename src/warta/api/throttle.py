"""Rate limit per client address: a fixed window counted in Django's cache (Redis in production).

Each address may make WARTA_API_RATE_LIMIT requests per window; the next one gets a 429 with
Retry-After saying when the window ends. The counter is one atomic `incr` per request. When
the cache is unreachable the API keeps answering (the limit fails open, like the cache).
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import JsonResponse
from django.utils.translation import gettext as _

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(value):
    """Return (requests, seconds) of a rate like '120/minute'; (0, 0) switches the limit off."""
    value = str(value or "").strip().lower()
    if value in ("", "0", "off", "none"):
        return 0, 0
    count, _slash, period = value.partition("/")
    try:
        requests = int(count)
        seconds = PERIODS[period.rstrip("s") or "minute"] if not period.isdigit() else int(period)
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"Set WARTA_API_RATE_LIMIT like '120/minute' (per second, minute, hour or day) "
            f"or 'off'; got {value!r}."
        ) from error
    return requests, seconds


def client_address(request):
    """Return the client's address, read from X-Forwarded-For behind WARTA_PROXY_COUNT proxies."""
    proxies = settings.WARTA_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(request):
    """Count the request; return a 429 response when its address is over the limit, else None."""
    limit, seconds = parse_rate(settings.WARTA_API_RATE_LIMIT)
    if not limit:
        return None
    now = time.time()
    window = int(now // seconds)
    key = f"api:rate:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the counter was evicted between add and incr: start it again
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count is None or count <= limit:
        return None
    retry_after = max(1, math.ceil((window + 1) * seconds - now))
    response = JsonResponse(
        {
            "detail": _(
                "Too many requests from your address: at most %(limit)s every %(seconds)s "
                "seconds. Try again in %(retry)s seconds."
            )
            % {"limit": limit, "seconds": seconds, "retry": retry_after}
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response
