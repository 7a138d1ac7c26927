"""Pluggable translators: WARTA_INGEST_TRANSLATOR = {"BACKEND": ..., "URL": ..., "API_KEY": ...}."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

ALIASES = {
    "none": "warta.ingest.translators.none.NoTranslator",
    "": "warta.ingest.translators.none.NoTranslator",
    "libretranslate": "warta.ingest.translators.libretranslate.LibreTranslator",
}


def get_translator():
    """Return the translator the settings name."""
    config = dict(getattr(settings, "WARTA_INGEST_TRANSLATOR", {}) or {})
    backend = config.pop("BACKEND", "none") or "none"
    path = ALIASES.get(backend, backend)
    try:
        backend_class = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"Set WARTA_TRANSLATOR to 'none', 'libretranslate' or a dotted class path; "
            f"{backend!r} cannot be imported."
        ) from error
    return backend_class(**{key.lower(): value for key, value in config.items()})
