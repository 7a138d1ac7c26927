"""The beacon that counts a view: sent by the reader's browser after the article loads."""

from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from warta.news.models import ArticlePage
from warta.readership.backends import get_backend
from warta.readership.bots import is_bot

LIVE_CHECK_SECONDS = 300


def is_live_article(article_id):
    """Return whether the id is of a live article, asking the database once per 5 minutes."""
    key = f"readership:live:{article_id}"
    live = cache.get(key)
    if live is None:
        live = ArticlePage.objects.live().filter(pk=article_id).exists()
        cache.set(key, live, LIVE_CHECK_SECONDS)
    return live


@csrf_exempt  # a beacon carries no token, and counting a view changes nothing of the reader's
@require_POST
@never_cache
def count_view(request, article_id):
    """Count one view of a live article unless a robot or a prefetch asks; answer 204."""
    prefetch = request.headers.get("Sec-Purpose", request.headers.get("Purpose", ""))
    if (
        not is_bot(request.headers.get("User-Agent", ""))
        and "prefetch" not in prefetch
        and is_live_article(article_id)
    ):
        get_backend().record(article_id)
    return HttpResponse(status=204)
