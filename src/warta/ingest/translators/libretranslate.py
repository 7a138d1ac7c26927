"""A client for a LibreTranslate-compatible HTTP API (POST /translate)."""

import json
import urllib.error
import urllib.request

from django.core.exceptions import ImproperlyConfigured

from warta.ingest.translators.base import BaseTranslator, TranslationError


class LibreTranslator(BaseTranslator):
    timeout = 30

    def __init__(self, url="", api_key="", **options):
        super().__init__(**options)
        if not url:
            raise ImproperlyConfigured(
                "Set WARTA_TRANSLATOR_URL to the LibreTranslate server, "
                "e.g. http://127.0.0.1:5000, or set WARTA_TRANSLATOR=none."
            )
        if not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured("Set WARTA_TRANSLATOR_URL to an http:// or https:// URL.")
        self.url = url.rstrip("/") + "/translate"
        self.api_key = api_key
        # The translator is the newsroom's own service: no proxy from the environment.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def translate(self, text, *, source, target, html=False):
        if not text.strip():
            return text
        payload = {"q": text, "source": source, "target": target}
        payload["format"] = "html" if html else "text"
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(  # noqa: S310 - the URL is the newsroom's own setting
            self.url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                answer = json.loads(response.read(10 * 1024 * 1024))
        except urllib.error.HTTPError as error:
            raise TranslationError(
                f"The translator answered {error.code}: {_error_text(error)}"
            ) from error
        except (OSError, ValueError) as error:
            raise TranslationError(f"The translator could not be reached: {error}") from error
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, str):
            raise TranslationError("The translator's answer has no translatedText.")
        return translated


def _error_text(error):
    try:
        return json.loads(error.read(65536)).get("error", "")
    except (ValueError, AttributeError, OSError):
        return ""
