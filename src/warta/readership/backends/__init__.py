"""Pick the counter's storage: the BACKEND of settings.WARTA_READERSHIP."""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

REDIS_BACKEND = "warta.readership.backends.redis.RedisBackend"
DATABASE_BACKEND = "warta.readership.backends.database.DatabaseBackend"


def backend_options():
    options = dict(getattr(settings, "WARTA_READERSHIP", {}))
    options.setdefault("BACKEND", REDIS_BACKEND if settings.REDIS_URL else DATABASE_BACKEND)
    return options


@cache
def get_backend():
    """Return the configured counter, built once per process."""
    options = backend_options()
    path = options.pop("BACKEND")
    try:
        backend_class = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"WARTA_READERSHIP['BACKEND'] = {path!r} cannot be imported: set it to "
            f"{REDIS_BACKEND!r} or {DATABASE_BACKEND!r}."
        ) from error
    return backend_class(**{key.lower(): value for key, value in options.items()})
