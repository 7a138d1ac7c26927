from warta.ingest.translators.base import BaseTranslator


class NoTranslator(BaseTranslator):
    """Keep every story in the language it came in."""

    enabled = False

    def translate(self, text, *, source, target, html=False):
        return text
