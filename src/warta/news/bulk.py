"""Write many live articles into Wagtail's tree at once, for benchmarks and large tests."""

import uuid
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.signals import post_save

from wagtail.models import Locale, Page
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from warta.news.latest import new_version
from warta.news.models import ArticlePage

BATCH = 1000


def insert_live_articles(section, entries):
    """Insert live articles under `section`; return their pages in the entries' order.

    Each entry is (title, slug, published, fields), `fields` being ArticlePage's own fields.
    The tree paths are computed here as treebeard would: one `add_child()` per article takes
    several queries each, minutes per ten thousand. The articles get no revision and no
    search-index entry.
    """
    if not entries:
        return []
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    # Ask the database, not the section object: its numchild is stale after an earlier call.
    last_path = (
        Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    position = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    pages = [
        Page(
            title=title,
            draft_title=title,
            slug=slug,
            path=Page._get_path(section.path, section.depth + 1, position + number),
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            content_type=content_type,
            locale=locale,
            translation_key=uuid.uuid4(),
        )
        for number, (title, slug, published, _) in enumerate(entries, start=1)
    ]
    Page.objects.bulk_create(pages, batch_size=BATCH)
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(pages))
    articles = [
        ArticlePage(page_ptr_id=page.pk, **fields)
        for page, (*_, fields) in zip(pages, entries, strict=True)
    ]
    ArticlePage.objects._insert(articles, fields=ArticlePage._meta.local_concrete_fields, raw=True)
    new_version()  # no publish signal here: the newest and related lists must still see them
    return pages


@contextmanager
def unindexed_saves():
    """Skip the search and reference index updates of article saves made inside the block.

    Adding a page, saving its revision and publishing it save it two or three times; each save
    would restem its whole text for the search index. The caller indexes once, when done.
    """
    disconnected = post_save.disconnect(post_save_signal_handler, sender=ArticlePage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        if disconnected:
            post_save.connect(post_save_signal_handler, sender=ArticlePage)
