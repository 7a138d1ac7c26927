"""Turn a source's feed items into attributed articles: one transaction per item, never twice."""

import hashlib
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.search import index

from warta.delivery.tasks import purge_page
from warta.ingest import dedupe, merges
from warta.ingest.clean import clean_body, plain_text, shorten
from warta.ingest.feeds import FEED_TYPES, FeedError, parse_feed
from warta.ingest.fetch import FetchError, fetch
from warta.ingest.images import ImageRejected, download_image, save_image
from warta.ingest.models import (
    ArticleFingerprint,
    ArticleOriginal,
    ArticleSource,
    FeedStatus,
    IngestedItem,
)
from warta.ingest.ownership import forget_people_drafts, merge_candidates, owns, people_drafts
from warta.ingest.translators import get_translator
from warta.ingest.translators.base import TranslationError
from warta.news.bulk import unindexed_saves
from warta.news.models import ArticlePage, SectionPage, Source

logger = logging.getLogger(__name__)

FEED_MAX_BYTES = 10 * 1024 * 1024
LEAD_LENGTH = 600
INDEX_BATCH = 500
OUTCOMES = ("new", "duplicate", "updated", "failed")


@dataclass
class Summary:
    """What one pass over one source did."""

    source: Source
    new: int = 0
    duplicate: int = 0
    updated: int = 0
    failed: int = 0
    error: str = ""
    retry_after: int | None = None
    notes: list = field(default_factory=list)

    @property
    def outcome(self):
        if self.error and not (self.new or self.duplicate or self.updated):
            return FeedStatus.Outcome.FAILED
        if self.failed or self.error:
            return FeedStatus.Outcome.PARTIAL
        return FeedStatus.Outcome.OK


@dataclass
class Story:
    """A feed item made ready for the site: clean text and what identifies it."""

    title: str
    lead: str
    body: str
    text: str
    content_hash: str


def due_sources(now=None):
    """Return the active sources with a feed whose next run has come."""
    now = now or timezone.now()
    return (
        Source.objects.filter(active=True)
        .exclude(feed_url="")
        .filter(
            Q(feed_status__isnull=True)
            | Q(feed_status__next_run_at__isnull=True)
            | Q(feed_status__next_run_at__lte=now)
        )
        .select_related("section")
        .order_by("name")
    )


# Sources being read in the background, by id: one reading of a source at a time.
_reading = {}
_reading_lock = threading.Lock()
# One item written at a time in this process: parallel sources must not race for the same
# story (a merge missed) or the same place in the page tree.
_writing = threading.Lock()


def poll_due_sources():
    """Start reading every due source in the background (the job `warta scheduler` runs).

    Each source is read in a thread of its own, and not again while it still is: a source
    that hangs delays only itself, never scheduled publishing nor the other sources. Return
    the threads started.
    """
    started = []
    for source in due_sources():
        with _reading_lock:
            if source.pk in _reading and _reading[source.pk].is_alive():
                continue
            thread = threading.Thread(
                target=_read_in_background, args=(source,), name=f"ingest-{source.pk}"
            )
            _reading[source.pk] = thread
        thread.start()
        started.append(thread)
    return started


def _read_in_background(source):
    try:
        ingest_sources([source])
    except Exception:  # recorded in the log; the next poll tries again
        logger.exception("Reading %s in the background failed", source)
    finally:
        connections.close_all()  # this thread's own connections


def ingest_sources(sources, progress=None):
    """Read each source; a broken source is recorded and never stops the others."""
    with _writing:
        index_missing_articles()
    return [ingest_source(source, progress=progress) for source in sources]


def ingest_source(source, progress=None):
    """Read one source's feed and ingest its items; record and return the summary."""
    summary = Summary(source=source)
    try:
        result = fetch(
            source.feed_url,
            max_bytes=getattr(settings, "WARTA_INGEST_MAX_FEED_BYTES", FEED_MAX_BYTES),
            accept=FEED_TYPES,
            total_timeout=getattr(settings, "WARTA_INGEST_TIMEOUT", 30),
        )
        items = parse_feed(
            result.body, url=result.url, content_type=result.headers.get("content-type", "")
        )
    except (FetchError, FeedError) as error:
        summary.error = str(error)
        summary.retry_after = getattr(error, "retry_after", None)
        items = []
    except Exception as error:  # an unforeseen failure of one source is recorded, not raised
        logger.exception("Reading the feed of %s failed", source)
        summary.error = f"Unexpected error while reading the feed: {error!r}"
        items = []
    if items:
        ingester = Ingester(source)
        if progress:
            progress.start(source, len(items))
        for item in items:
            try:
                with _writing:
                    outcome = ingester.ingest(item)
            except Exception as error:
                logger.exception("Ingesting %r from %s failed", item.guid, source)
                summary.failed += 1
                summary.error = f"Item {item.title or item.guid!r} failed: {error}"
            else:
                setattr(summary, outcome, getattr(summary, outcome) + 1)
            if progress:
                progress.advance()
        summary.notes = ingester.notes
    record(summary)
    return summary


def record(summary):
    """Store a run's outcome on the source's feed status and plan its next run."""
    now = timezone.now()
    wait = timedelta(minutes=max(1, summary.source.poll_minutes))
    if summary.retry_after:
        wait = max(wait, timedelta(seconds=min(summary.retry_after, 86400)))
    FeedStatus.objects.update_or_create(
        source=summary.source,
        defaults={
            "last_run_at": now,
            "next_run_at": now + wait,
            "outcome": summary.outcome,
            "new": summary.new,
            "duplicate": summary.duplicate,
            "updated": summary.updated,
            "failed": summary.failed,
            "last_error": "\n".join(filter(None, [summary.error, *summary.notes]))[:2000],
        },
    )


class Ingester:
    """Ingest the items of one source."""

    def __init__(self, source):
        self.source = source
        self.section = source.section or SectionPage.objects.order_by("path").first()
        self.translator = get_translator()
        self.site_language = settings.LANGUAGE_CODE.split("-")[0]
        self.notes = []  # what the run's report must tell the editors

    def ingest(self, item):
        """Ingest one item and return its outcome: new, duplicate or updated."""
        story = prepare(item)
        guid_key = dedupe.key(item.guid)
        url = dedupe.normalize_url(item.url)
        url_key = dedupe.key(url) if url else ""

        seen = IngestedItem.objects.filter(source=self.source, guid_key=guid_key).first()
        if seen is None and url_key:
            seen = (
                IngestedItem.objects.filter(url_key=url_key, article__in=merge_candidates())
                .order_by("pk")
                .first()
            )
        if seen is not None:
            return self.known(seen, item, story, guid_key, url_key)

        sig = dedupe.signature(dedupe.shingles(story.text))
        stated = dedupe.facts(story.text)
        refused = merges.refused(self.source, guid_key, url_key)
        match = dedupe.find_near_duplicate(sig, stated, refused=refused)
        if match is not None:
            with transaction.atomic():
                self.attribute(match[0], item)
                self.remember(item, story, guid_key, url_key, match[0])
                merges.keep(match[0], match[1], self.source, guid_key, item, story)
            return "duplicate"
        return self.create(item, story, guid_key, url_key, sig, stated)

    def known(self, seen, item, story, guid_key, url_key):
        with transaction.atomic():
            if seen.source_id != self.source.pk:
                self.attribute(seen.article_id, item)
            if seen.source_id != self.source.pk or seen.guid_key != guid_key:
                # The same story under a new GUID (or from another source): remember this name.
                self.remember(item, story, guid_key, url_key, seen.article_id)
                return "duplicate"
            if seen.content_hash == story.content_hash:
                return "duplicate"
            if not owns(self.source, seen.article_id):
                # Another's article, or a person's since ingest: the source stays credited only.
                self.attribute(seen.article_id, item)
                seen.content_hash = story.content_hash
                seen.save(update_fields=["content_hash", "updated_at"])
                self.notes.append(
                    f"The change to {story.title!r} was not applied: the article is not this "
                    "source's, or an editor has worked on it since. Compare by hand if needed."
                )
                return "duplicate"
            self.update(seen, story)
        return "updated"

    def attribute(self, article_id, item):
        """Add this source to an existing article's sources."""
        article = ArticlePage.objects.only("source_id", "live").get(pk=article_id)
        if article.source_id == self.source.pk:
            return
        _, created = ArticleSource.objects.get_or_create(
            article_id=article_id,
            source=self.source,
            defaults={"original_url": item.url[:1000]},
        )
        if created and article.live:
            # Readers see the new source on the Sumber Berita line: drop the cached page.
            transaction.on_commit(lambda: purge_page.enqueue(article_id))

    def remember(self, item, story, guid_key, url_key, article_id):
        IngestedItem.objects.update_or_create(
            source=self.source,
            guid_key=guid_key,
            defaults={
                "guid": item.guid,
                "url": item.url[:1000],
                "url_key": url_key,
                "content_hash": story.content_hash,
                "article_id": article_id,
            },
        )

    def update(self, seen, story):
        article = seen.article
        draft = article.get_latest_revision_as_object()
        draft.title = story.title
        draft.draft_title = story.title
        draft.lead = story.lead
        draft.body = [("paragraph", RichText(story.body))] if story.body else []
        with indexed_once(draft):
            revision = draft.save_revision()
            if self.source.auto_publish:
                revision.publish()
        seen.content_hash = story.content_hash
        seen.save(update_fields=["content_hash", "updated_at"])
        sig = dedupe.signature(dedupe.shingles(story.text))
        dedupe.index_article(article.pk, sig, dedupe.facts(story.text))

    def create(self, item, story, guid_key, url_key, sig, stated):
        if self.section is None:
            raise FeedError("There is no section to put articles in: run `warta init` first.")
        if item.dropped_link:
            self.notes.append(
                f"{item.title!r} was kept without a link to the original: {item.dropped_link!r} "
                "is not a web address. Add the link by hand if the wire has one."
            )
        original = None
        if self.needs_translation():
            original = story
            story = self.translate(story)
        picture = None
        if item.image_url:
            try:
                picture = download_image(item.image_url)
            except ImageRejected as error:
                logger.info("Image of %r skipped: %s", item.guid, error)
        with transaction.atomic():
            image = save_image(*picture, story.title) if picture else None
            article = ArticlePage(
                title=story.title,
                draft_title=story.title,
                slug=slug_for(story.title, guid_key),
                lead=story.lead,
                body=[("paragraph", RichText(story.body))] if story.body else [],
                source=self.source,
                original_url=item.url[:1000],
                first_published_at=item.published,
                featured_image=image,
                featured_credit=(item.image_credit or self.source.name)[:200] if image else "",
                featured_caption=item.image_caption[:500] if image else "",
                live=False,
            )
            if item.categories:
                article.tags.add(*dict.fromkeys(item.categories))
            with indexed_once(article):
                self.section.add_child(instance=article)
                # add_child has validated the page; the revision needs no second full_clean.
                revision = article.save_revision(clean=False)
                if self.source.auto_publish:
                    revision.publish()
            if original is not None:
                ArticleOriginal.objects.create(
                    article=article,
                    language=self.source.language,
                    title=original.title[:500],
                    lead=original.lead,
                    body=original.body,
                )
            self.remember(
                item, story if original is None else original, guid_key, url_key, article.pk
            )
            dedupe.index_article(article.pk, sig, stated)
        return "new"

    def needs_translation(self):
        language = (self.source.language or "").split("-")[0].lower()
        return self.translator.enabled and language and language != self.site_language

    def translate(self, story):
        source, target = self.source.language, self.site_language
        try:
            title = plain_text(self.translator.translate(story.title, source=source, target=target))
            lead = plain_text(self.translator.translate(story.lead, source=source, target=target))
            body = clean_body(
                self.translator.translate(story.body, source=source, target=target, html=True)
            )
        except TranslationError as error:
            logger.warning("Translation failed, keeping the original: %s", error)
            return story
        return Story(
            title=shorten(title, 255) or story.title,
            lead=shorten(lead, LEAD_LENGTH),
            body=body,
            text=dedupe.article_text(title, lead, plain_text(body)),
            content_hash=story.content_hash,
        )


@contextmanager
def indexed_once(article):
    """Update the search and reference indexes of an article once, not on each of its saves."""
    with unindexed_saves():
        yield
    saved = ArticlePage.objects.get(pk=article.pk)
    index.insert_or_update_object(saved)
    ReferenceIndex.create_or_update_for_object(saved)


def prepare(item):
    """Clean a feed item into a Story."""
    body = clean_body(item.content or item.summary)
    summary_text = plain_text(item.summary)
    body_text = plain_text(body)
    lead = summary_text if summary_text and summary_text != body_text else ""
    if not lead:
        lead = body_text
    title = shorten(item.title, 255) or shorten(body_text, 80) or item.guid[:80]
    lead = shorten(lead, LEAD_LENGTH)
    text = dedupe.article_text(title, lead if lead not in body_text else "", body_text)
    digest = hashlib.sha256("\x00".join((title, lead, body)).encode()).hexdigest()
    return Story(title=title, lead=lead, body=body, text=text, content_hash=digest)


def slug_for(title, guid_key):
    base = slugify(title)[:60].strip("-") or "berita"
    return f"{base}-{guid_key[:8]}"


def body_text(article):
    """Return the plain text of an article's paragraphs."""
    parts = []
    for block in article.body:
        if block.block_type == "paragraph":
            parts.append(plain_text(block.value.source))
        elif block.block_type == "quote":
            parts.append(block.value["text"])
    return " ".join(parts)


def index_missing_articles(batch=INDEX_BATCH):
    """Fingerprint the articles written or loaded since the last run; return how many."""
    forget_people_drafts()
    count = 0
    while True:
        indexed = ArticleFingerprint.objects.values("article_id")
        articles = list(
            ArticlePage.objects.exclude(pk__in=indexed)
            .exclude(people_drafts())
            .only("title", "lead", "body")
            .order_by("pk")[:batch]
        )
        if not articles:
            return count
        signatures = {}
        for article in articles:
            text = dedupe.article_text(article.title, article.lead, body_text(article))
            signatures[article.pk] = (
                dedupe.signature(dedupe.shingles(text)),
                dedupe.facts(text),
            )
        with transaction.atomic():
            dedupe.index_many(signatures)
        count += len(articles)
