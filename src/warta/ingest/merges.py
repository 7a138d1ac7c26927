"""Merged stories: what ingest merged as the same story, kept whole so an editor can split it.

A feed item found to tell the same event as an article adds its source to that article; its
own text is kept here. Splitting (one action in the admin) turns the item back into its own
article, with its source, URL and date, and remembers never to merge the pair again.
"""

from django.db import transaction

from warta.delivery.tasks import purge_page
from warta.ingest import dedupe
from warta.ingest.clean import plain_text
from warta.ingest.feeds import FeedItem
from warta.ingest.models import ArticleSource, IngestedItem, MergedStory, MergeRefusal


def refused(source, guid_key, url_key):
    """Return the articles an editor split this item from: never merge it with them again."""
    query = MergeRefusal.objects.filter(source=source, guid_key=guid_key)
    if url_key:
        query = query | MergeRefusal.objects.filter(url_key=url_key)
    return set(query.values_list("article_id", flat=True))


def keep(article_id, similarity, source, guid_key, item, story):
    """Keep the text of an item merged into an article, for the editors and for a split."""
    ingested = IngestedItem.objects.get(source=source, guid_key=guid_key)
    MergedStory.objects.update_or_create(
        item=ingested,
        defaults={
            "article_id": article_id,
            "source": source,
            "title": story.title[:500],
            "lead": story.lead,
            "body": story.body,
            "published_at": item.published,
            "similarity": similarity,
        },
    )


def split(merged):
    """Turn a merged story back into its own article; return that article's id.

    The pair is remembered as refused, so reading the feed again never merges them again.
    """
    from warta.ingest.runs import Ingester, Story

    ingested = merged.item
    item = FeedItem(
        guid=ingested.guid,
        url=ingested.url,
        title=merged.title,
        summary=merged.lead,
        content=merged.body,
        published=merged.published_at,
    )
    text = dedupe.article_text(merged.title, merged.lead, plain_text(merged.body))
    story = Story(
        title=merged.title,
        lead=merged.lead,
        body=merged.body,
        text=text,
        content_hash=ingested.content_hash,
    )
    kept = merged.article_id
    with transaction.atomic():
        MergeRefusal.objects.create(
            article_id=kept,
            source=merged.source,
            guid_key=ingested.guid_key,
            url_key=ingested.url_key,
        )
        others = MergedStory.objects.filter(article_id=kept, source=merged.source)
        if not others.exclude(pk=merged.pk).exists():
            ArticleSource.objects.filter(article_id=kept, source=merged.source).delete()
        merged.delete()
        ingester = Ingester(merged.source)
        ingester.create(
            item,
            story,
            ingested.guid_key,
            ingested.url_key,
            dedupe.signature(dedupe.shingles(text)),
            dedupe.facts(text),
        )
        restored = IngestedItem.objects.get(pk=ingested.pk).article_id
        transaction.on_commit(lambda: purge_page.enqueue(kept))
    return restored
