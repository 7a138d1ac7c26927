"""The article page lists every source of a merged story, in one query however many."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.news.factories import make_article, make_site, make_source
from tests.news.pagetext import parse, visible_text
from warta.ingest.models import ArticleSource

pytestmark = pytest.mark.django_db


def render(client, article):
    """Render the page afresh (not from the page cache) and count its queries."""
    for alias in ("default", "pages"):
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    return visible_text(parse(response)).replace(" ,", ","), len(queries)


def test_every_source_is_listed_without_a_query_per_source(client):
    sections = make_site()[1]
    article = make_article(
        sections["Umum"], source=make_source("interfax.ru"), original_url="https://interfax.ru/1"
    )
    ArticleSource.objects.create(
        article=article, source=make_source("tass.ru"), original_url="https://tass.ru/1"
    )
    text, one_extra = render(client, article)
    assert "Sumber Berita : interfax.ru, tass.ru" in text

    for name in ("ria.ru", "antaranews.com"):
        ArticleSource.objects.create(article=article, source=make_source(name))
    text, three_extra = render(client, article)
    assert "Sumber Berita : interfax.ru, tass.ru, ria.ru, antaranews.com" in text
    assert three_extra == one_extra
    page = client.get(article.url).content.decode()
    assert '<a href="https://tass.ru/1" rel="nofollow noopener">tass.ru</a>' in page
