"""Many live articles fast: straight into the page tree, without revisions."""

import itertools
from datetime import timedelta

from tests.news.factories import paragraphs
from warta.news.bulk import insert_live_articles
from warta.news.models import ArticlePage

counter = itertools.count()


def quick_articles(section, count, newest, step=timedelta(minutes=1), tags=(), body=None, **fields):
    """Add `count` live articles to a section, the first at `newest`, each `step` older."""
    created = []
    for i in range(count):
        number = next(counter)
        moment = newest - i * step
        article = ArticlePage(
            title=f"Berita cepat {number}",
            slug=f"berita-cepat-{number}",
            lead=f"Ringkasan berita cepat {number}.",
            first_published_at=moment,
            last_published_at=moment,
            live=True,
            body=body if body is not None else [paragraphs(f"Isi berita {number}.")],
            **fields,
        )
        if tags:
            article.tags.add(*tags)
        section.add_child(instance=article)
        created.append(article)
    return created


def bulk_articles(section, count, newest, step=timedelta(minutes=1), **fields):
    """Insert `count` live articles into a section in a few queries, newest first.

    For the Google News cap, which needs more than a thousand articles: `add_child()` for each
    would take minutes on PostgreSQL.
    """
    entries = []
    for i in range(count):
        number = next(counter)
        entries.append(
            (f"Berita massal {number}", f"berita-massal-{number}", newest - i * step, fields)
        )
    pages = insert_live_articles(section, entries)
    return list(
        ArticlePage.objects.filter(pk__in=[p.pk for p in pages]).order_by("-first_published_at")
    )
