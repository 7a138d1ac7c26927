"""Many live articles fast: straight into the page tree, without revisions."""

import itertools
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from wagtail.models import Locale, Page

from tests.news.factories import paragraphs
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
    """Insert `count` live articles into a section in three queries, newest first.

    For the Google News cap, which needs more than a thousand articles: `add_child()` for each
    would take minutes on PostgreSQL. The tree paths are computed here, as treebeard would.
    """
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    last_path = (
        Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    position = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    pages = []
    for i in range(count):
        number = next(counter)
        moment = newest - i * step
        slug = f"berita-massal-{number}"
        pages.append(
            Page(
                title=f"Berita massal {number}",
                draft_title=f"Berita massal {number}",
                slug=slug,
                path=Page._get_path(section.path, section.depth + 1, position + i + 1),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=moment,
                last_published_at=moment,
                content_type=content_type,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + count)
    articles = [ArticlePage(page_ptr_id=page.pk, **fields) for page in pages]
    ArticlePage.objects._insert(articles, fields=ArticlePage._meta.local_concrete_fields, raw=True)
    return list(
        ArticlePage.objects.filter(pk__in=[p.pk for p in pages]).order_by("-first_published_at")
    )
