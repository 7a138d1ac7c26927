class TranslationError(Exception):
    """The translator could not translate; the message says why."""


class BaseTranslator:
    """Translate the title, lead and body of a story from one language into another."""

    enabled = True

    def __init__(self, **options):
        self.options = options

    def translate(self, text, *, source, target, html=False):
        """Return text translated from source into target."""
        raise NotImplementedError
