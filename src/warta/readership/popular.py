"""The most-read articles of the last 24 hours and 7 days, as cards."""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from warta.news.models import ArticlePage
from warta.news.sections import live_sections, site_path
from warta.readership.backends import get_backend

# (key, hours, heading): the windows of the `Terpopuler` block.
WINDOWS = (("day", 24, _("Last 24 hours")), ("week", 24 * 7, _("Last 7 days")))
# Rankings are cached this long: with the database backend's flush (20 s) a view shows
# in `Terpopuler` within a minute.
RANKING_SECONDS = 30
CACHE_KEY = "readership:most-read:%(limit)d"


def rankings(limit):
    """Return {window key: [article ids]} from the backend, cached for RANKING_SECONDS."""
    key = CACHE_KEY % {"limit": limit}
    ranked = cache.get(key)
    if ranked is None:
        backend = get_backend()
        # Ask for spares: some ids may be of articles unpublished since.
        ranked = {
            name: [pk for pk, _views in backend.top(hours, limit * 2)]
            for name, hours, _heading in WINDOWS
        }
        cache.set(key, ranked, RANKING_SECONDS)
    return ranked


def most_read(request, limit=5):
    """Return the windows with their readable article cards of this site, in one query."""
    ranked = rankings(limit)
    wanted = {pk for ids in ranked.values() for pk in ids}
    cards = {}
    if wanted:
        cards = ArticlePage.objects.cards(site_path(request)).filter(pk__in=wanted)
        cards = {card.pk: card for card in cards}
        sections = live_sections(request)
        for card in cards.values():
            card.section = sections.get(card.section_path)
    return [
        {
            "key": name,
            "heading": heading,
            "cards": [cards[pk] for pk in ranked[name] if pk in cards][:limit],
        }
        for name, _hours, heading in WINDOWS
    ]
