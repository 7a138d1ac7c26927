"""Stories in another language are translated by a LibreTranslate-compatible server."""

import http.server
import json
import threading

from django.core.exceptions import ImproperlyConfigured

import pytest

from tests.ingest.feeds import rss, rss_item
from tests.ingest.server import Route
from tests.news.factories import make_site
from warta.ingest.models import ArticleOriginal
from warta.ingest.runs import ingest_source
from warta.ingest.translators import get_translator
from warta.ingest.translators.base import TranslationError
from warta.news.models import ArticlePage, Source

WORDS = {"Earthquake": "Gempa", "shakes": "mengguncang", "houses": "rumah", "damaged": "rusak"}


@pytest.fixture
def libretranslate():
    """A fake LibreTranslate: swaps known words, and checks the key and the languages."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append(payload)
            if payload.get("api_key") != "rahasia":
                self.answer(403, {"error": "Invalid API key"})
                return
            text = payload["q"]
            for english, indonesian in WORDS.items():
                text = text.replace(english, indonesian)
            if payload["format"] == "html":
                text += "<script>alert('translator')</script>"
            self.answer(200, {"translatedText": text})

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_foreign_story_is_translated_and_the_original_kept(libretranslate, feed_server, settings):
    url, requests = libretranslate
    settings.WARTA_INGEST_TRANSLATOR = {
        "BACKEND": "libretranslate",
        "URL": url,
        "API_KEY": "rahasia",
    }
    make_site()
    feed_server.routes["/rss"] = Route(
        body=rss(
            [
                rss_item(
                    "Earthquake shakes Almaty",
                    "Twelve houses damaged.",
                    guid="en-1",
                    content="<p>Twelve houses damaged in the night.</p>",
                )
            ]
        ).encode()
    )
    source = Source.objects.create(
        name="interfax.ru", feed_url=feed_server.url("/rss"), language="en"
    )
    assert ingest_source(source).new == 1

    article = ArticlePage.objects.get()
    assert article.title == "Gempa mengguncang Almaty"
    assert article.lead == "Twelve rumah rusak."
    assert article.body[0].value.source == "<p>Twelve rumah rusak in the night.</p>"
    original = ArticleOriginal.objects.get(article=article)
    assert (original.language, original.title) == ("en", "Earthquake shakes Almaty")
    assert original.body == "<p>Twelve houses damaged in the night.</p>"
    assert {(r["source"], r["target"]) for r in requests} == {("en", "id")}
    assert {r["format"] for r in requests} == {"text", "html"}


@pytest.mark.django_db
def test_same_language_is_not_translated(libretranslate, feed_server, settings):
    url, requests = libretranslate
    settings.WARTA_INGEST_TRANSLATOR = {
        "BACKEND": "libretranslate",
        "URL": url,
        "API_KEY": "rahasia",
    }
    make_site()
    feed_server.routes["/rss"] = Route(
        body=rss([rss_item("Gempa", "Rumah rusak.", guid="1")]).encode()
    )
    ingest_source(Source.objects.create(name="Antara", feed_url=feed_server.url("/rss")))
    assert requests == [] and not ArticleOriginal.objects.exists()


def test_client_reports_errors_in_plain_words(libretranslate, settings):
    url, _ = libretranslate
    settings.WARTA_INGEST_TRANSLATOR = {"BACKEND": "libretranslate", "URL": url, "API_KEY": "salah"}
    with pytest.raises(TranslationError, match="403: Invalid API key"):
        get_translator().translate("Earthquake", source="en", target="id")


def test_default_is_no_translation_and_bad_backends_name_the_fix(settings):
    settings.WARTA_INGEST_TRANSLATOR = {"BACKEND": "none"}
    translator = get_translator()
    assert not translator.enabled
    assert translator.translate("Earthquake", source="en", target="id") == "Earthquake"
    settings.WARTA_INGEST_TRANSLATOR = {"BACKEND": "libretranslate", "URL": ""}
    with pytest.raises(ImproperlyConfigured, match="WARTA_TRANSLATOR_URL"):
        get_translator()
    settings.WARTA_INGEST_TRANSLATOR = {"BACKEND": "nowhere.Translator"}
    with pytest.raises(ImproperlyConfigured, match="WARTA_TRANSLATOR"):
        get_translator()
