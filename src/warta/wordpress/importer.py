"""Import a WordPress export: sections, reporters, articles, images and old URLs.

Running it again updates the posts that changed and creates nothing twice: every WordPress
object is remembered in `ImportedObject` with a checksum of its export text.
"""

import hashlib
import html
import io
import re
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Revision
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail.signals import page_published

from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend

from warta.delivery import pagecache
from warta.news.bulk import unindexed_saves
from warta.news.models import ArticlePage, Reporter, SectionPage, Source
from warta.news.setup import prepare_site
from warta.wordpress import redirects
from warta.wordpress.content import ImageRef, convert
from warta.wordpress.media import MediaLibrary
from warta.wordpress.models import ImportedObject
from warta.wordpress.wxr import Malformed, WXRReader

LIVE_STATUSES = ("publish", "future")  # the ones whose old URLs were (or will be) public
SKIPPED_STATUSES = ("trash", "auto-draft", "inherit")
# WordPress's default category, in English and Indonesian installs: Warta's "Umum".
DEFAULT_CATEGORIES = {"uncategorized", "uncategorised", "tak-berkategori", "tidak-berkategori"}
DEFAULT_SECTION = ("umum", "Umum")
# Custom fields of common Indonesian news themes, compared lowercased without a leading '_'.
SOURCE_FIELDS = ("sumber", "sumber_berita", "sumber-berita", "source", "news_source", "via")
REPORTER_FIELDS = ("penulis", "reporter", "wartawan", "nama_penulis", "author_name", "writer")
EDITOR_FIELDS = ("editor", "redaktur", "penyunting", "editor_name")
LEAD_LENGTH = 600
# Tasks publishing enqueues for readers' caches (purges, the first render of each article),
# which an import replaces by one purge of the whole page cache.
PURGE_TASKS = ("warta.delivery.tasks.", "warta.api.tasks.")
REFRESH_RELATED = "warta.discovery.tasks.refresh_related"
# Above this many published articles, related lists are rebuilt in bulk, not one by one.
BULK_RELATED = 100


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (position, reason) of skipped items

    def count(self, key, amount=1):
        self.counts[key] += amount

    def warn(self, message, position=None):
        self.warnings.append(f"{position}: {message}" if position else message)


class WordPressImporter:
    """Import one WXR file; `progress(done_bytes, total_bytes)` is called as items go by."""

    def __init__(
        self, path, media_dir=None, fetch_media=False, dry_run=False, progress=None, site=None
    ):
        self.path = path
        self.media_dir = media_dir
        self.fetch_media = fetch_media
        self.dry_run = dry_run
        self.progress = progress
        self.report = Report()
        self.sections = {}  # category slug -> SectionPage
        self.reporters = {}  # login or name -> Reporter
        self.sources = {}
        self.media = None
        self.channel = None
        self.site_url = ""
        self.old_hosts = set()
        self.media_mode = f"media={bool(media_dir)};fetch={bool(fetch_media)}"

    # Running -------------------------------------------------------------------------------

    def run(self):
        """Import the file and return the report; with dry_run, roll everything back."""
        self._scan_attachments()
        # A real run commits item by item (a crash keeps what was done; the next run goes on
        # from there); a dry run is one transaction rolled back at the end.
        atomic = transaction.atomic() if self.dry_run else nullcontext()
        with tasks_held() as held, atomic, unindexed_saves():
            self._prepare()
            with open(self.path, "rb") as handle:
                reader = WXRReader(handle)
                size = self._size(handle)
                for entry in reader:
                    self._one(entry)
                    if self.progress:
                        self.progress(reader.bytes_read, size)
            if self.dry_run:
                transaction.set_rollback(True)
        if not self.dry_run:
            run_after_import(held)
        return self.report

    def _size(self, handle):
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(0)
        return size

    def _scan_attachments(self):
        """Read attachments first: a post may name its images before the export lists them."""
        with open(self.path, "rb") as handle:
            reader = WXRReader(handle)
            attachments = [
                entry
                for entry in reader
                if not isinstance(entry, Malformed) and entry.post_type == "attachment"
            ]
        self.channel = reader.channel
        self.site_url = (
            self.channel.base_site_url or self.channel.base_blog_url or self.channel.link
        ).rstrip("/")
        for url in (self.channel.base_site_url, self.channel.base_blog_url, self.channel.link):
            host = urlsplit(url).hostname
            if host:
                self.old_hosts.update({host, host.removeprefix("www."), "www." + host})
        self.media = MediaLibrary(
            self.site_url,
            self.report,
            media_dir=self.media_dir,
            fetch_media=self.fetch_media,
            dry_run=self.dry_run,
        )
        for attachment in attachments:
            self.media.register(attachment)

    def _one(self, entry):
        if isinstance(entry, Malformed):
            self.report.errors.append((str(entry.position), entry.reason))
            self.report.count("skipped (malformed)")
            return
        try:
            with transaction.atomic():
                if entry.post_type == "post":
                    page = self._post(entry)
                    if page is not None:
                        index.insert_or_update_object(page)
                        ReferenceIndex.create_or_update_for_object(page)
                elif entry.post_type == "attachment":
                    self._attachment(entry)
                else:
                    self.report.count(f"skipped ({entry.post_type})")
        except Exception as error:  # one bad post must not stop the archive
            self.report.errors.append((str(entry.position), f"{type(error).__name__}: {error}"))
            self.report.count("skipped (failed)")

    # Sections, reporters, sources -------------------------------------------------------------

    def _prepare(self):
        site, _created = prepare_site(section_titles=[])
        self.home = site.root_page.specific
        self.categories = {term.slug: term for term in self.channel.categories}
        self.category_ids = {term.wp_id: term.slug for term in self.channel.categories}
        for term in self.channel.categories:
            self._section(term.slug, term.name)
        for author in self.channel.authors:
            if author.login:
                self._author(author.login, author.display_name, author.email)

    def _section(self, slug, name=""):
        slug = unquote(slug or "")
        if slug in self.sections:
            return self.sections[slug]
        if slug in DEFAULT_CATEGORIES or not slug:
            wanted_slug, title = DEFAULT_SECTION
        else:
            wanted_slug, title = slugify(slug, allow_unicode=True) or "kategori", name or slug
        mapping = self._mapping(ImportedObject.Kind.CATEGORY, slug)
        section = None
        if mapping:
            section = SectionPage.objects.filter(pk=mapping.object_id).first()
        if section is None:
            section = (
                SectionPage.objects.child_of(self.home).filter(slug=wanted_slug).first()
                or SectionPage.objects.child_of(self.home).filter(title__iexact=title).first()
            )
        if section is None:
            section = SectionPage(title=html.unescape(title)[:255], slug=wanted_slug)
            self.home.add_child(instance=section)
            section.save_revision().publish()
            self.report.count("sections")
            term = self.categories.get(slug)
            if term and term.parent:
                parent = self.categories.get(term.parent)
                self.report.warn(
                    _(
                        "Category %(name)s sat inside %(parent)s; sections are not nested, "
                        "so it became a section of its own."
                    )
                    % {"name": section.title, "parent": parent.name if parent else term.parent}
                )
        self._remember(ImportedObject.Kind.CATEGORY, slug, section.pk)
        self.sections[slug] = section
        self._category_redirects(slug, section)
        return section

    def _category_redirects(self, slug, section):
        """Send WordPress's category archives (/category/x/, /?cat=ID) to the section."""
        if not slug:
            return
        base = "/" + urlsplit(self.channel.base_blog_url or self.site_url).path.strip("/")
        term = self.categories.get(slug)
        parents = []
        while term and term.parent and term.parent not in parents:
            parents.insert(0, term.parent)  # WordPress nests archives: /category/a/b/
            term = self.categories.get(term.parent)
        urls = [f"{base.rstrip('/')}/category/{'/'.join([*parents, slug])}/"]
        if self.categories.get(slug) and self.categories[slug].wp_id.isdigit():
            cat_url = redirects.query_url(base, "cat", self.categories[slug].wp_id)
            urls.append(cat_url)
        for url in urls:
            if redirects.point(url, section):
                self.report.count("redirects")

    def _author(self, login, display_name="", email=""):
        if login in self.reporters:
            return self.reporters[login]
        mapping = self._mapping(ImportedObject.Kind.AUTHOR, login)
        reporter = None
        if mapping:
            reporter = Reporter.objects.filter(pk=mapping.object_id).first()
        full_name = html.unescape(display_name or login)
        if reporter is None:
            reporter = self._reporter_named(full_name, initials=initials_of(full_name, login))
        self._remember(
            ImportedObject.Kind.AUTHOR,
            login,
            reporter.pk,
            data={"login": login, "email": email, "display_name": full_name},
        )
        self.reporters[login] = reporter
        return reporter

    def _reporter_named(self, name, initials=None):
        """Find a reporter by name or initials (custom fields carry either), or create one."""
        name = name.strip()[:120]
        key = "name:" + name.lower()
        if key in self.reporters:
            return self.reporters[key]
        reporter = (
            Reporter.objects.filter(full_name__iexact=name).first()
            or Reporter.objects.filter(initials__iexact=name).first()
        )
        if reporter is None:
            slug = base = slugify(name, allow_unicode=True)[:110] or "penulis"
            number = 1
            while Reporter.objects.filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            reporter = Reporter.objects.create(
                full_name=name,
                slug=slug,
                initials=(initials or initials_of(name))[:12],
            )
            self.report.count("reporters")
        self.reporters[key] = reporter
        return reporter

    def _source(self, value):
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.hostname:
            name = parts.hostname.removeprefix("www.")
            home_url = f"{parts.scheme}://{parts.hostname}/"
            original_url = value[:1000]
        else:
            name, home_url, original_url = value[:120], "", ""
        if name not in self.sources:
            source = Source.objects.filter(name__iexact=name).first()
            if source is None:
                source = Source.objects.create(name=name, home_url=home_url)
                self.report.count("sources")
            self.sources[name] = source
        return self.sources[name], original_url

    # Posts -------------------------------------------------------------------------------------

    def _post(self, item):
        if item.status in SKIPPED_STATUSES:
            self.report.count(f"skipped ({item.status})")
            return
        # Where images may come from is part of the checksum: a re-run with --media-dir
        # fills in the images a first run without it had to leave out.
        checksum = hashlib.sha256(f"{item.checksum};{self.media_mode}".encode()).hexdigest()
        mapping = self._mapping(ImportedObject.Kind.POST, str(item.post_id))
        page = None
        if mapping:
            page = ArticlePage.objects.filter(pk=mapping.object_id).first()
            if page is not None and mapping.checksum == checksum:
                self.report.count("posts unchanged")
                return
        section = self._post_section(item)
        fields = self._post_fields(item)
        tags = [html.unescape(name or slug)[:100] for slug, name in item.tags]
        if page is None and item.status == "publish" and not item.password:
            page = self._create_published(section, item, fields, tags)
            self.report.count("posts created")
            self.report.count("published")
        else:
            if page is None:
                page = ArticlePage(**fields)
                page.slug = self._free_slug(section, item)
                page.live = False
                section.add_child(instance=page)
                self.report.count("posts created")
            else:
                for name, value in fields.items():
                    setattr(page, name, value)
                if page.get_parent().pk != section.pk:
                    page.move(section, pos="last-child")
                    page.refresh_from_db()
                    for name, value in fields.items():
                        setattr(page, name, value)
                self.report.count("posts updated")
            page.tags.clear()
            if tags:
                page.tags.add(*tags)
            self._protect(page, item)  # before it goes live: never public for a moment
            self._publish(page, item)
        self._remember(ImportedObject.Kind.POST, str(item.post_id), page.pk, checksum=checksum)
        if item.status in LIVE_STATUSES:
            self._post_redirects(item, page)
        return page

    def _post_section(self, item):
        primary = item.meta.get("_yoast_wpseo_primary_category") or item.meta.get(
            "rank_math_primary_category"
        )
        slug = self.category_ids.get(primary or "")
        if not slug and item.categories:
            slug = item.categories[0][0]
        if slug and slug not in self.categories:
            # A category the header did not declare: take the post's word for it.
            name = next((name for s, name in item.categories if s == slug), slug)
            return self._section(slug, name)
        return self._section(slug or "")

    def _post_fields(self, item):
        title = html.unescape(re.sub(r"<[^>]+>", "", item.title)).strip()
        if not title:
            title = _("(untitled WordPress post %(id)s)") % {"id": item.post_id}
            self.report.warn(_("Post has no title."), item.position)
        conversion = convert(item.content, old_hosts=self.old_hosts)
        for message in conversion.warnings:
            self.report.warn(message, item.position)
        for name in sorted(conversion.unknown_shortcodes):
            self.report.warn(
                _("Unknown shortcode [%(name)s] kept as text.") % {"name": name}, item.position
            )
            self.report.count("unknown shortcodes")
        fields = {
            "title": Truncator(title).chars(255),
            "lead": self._lead(item),
            "body": self._body(conversion.blocks, item),
            # A draft gets its date when an editor publishes it, as in WordPress.
            "first_published_at": self._date(item) if item.status in LIVE_STATUSES else None,
            "go_live_at": None,
        }
        fields.update(self._featured(item))
        fields.update(self._people(item))
        return fields

    def _lead(self, item):
        text = html.unescape(re.sub(r"<[^>]+>", " ", item.excerpt))
        text = re.sub(r"\s+", " ", text).strip()
        if len(text) > LEAD_LENGTH:
            self.report.warn(_("Excerpt shortened to fit the lead."), item.position)
            text = Truncator(text).chars(LEAD_LENGTH)
        return text

    def _date(self, item):
        if item.date:
            return item.date
        if item.local_date:
            return timezone.make_aware(item.local_date)
        return None

    def _body(self, blocks, item):
        body = []
        for kind, value in blocks:
            if kind == "paragraph":
                body.append(("paragraph", RichText(value)))
            elif kind == "image":
                found = self.media.image_for(value)
                if found:
                    image, caption, _alt = found
                    body.append(("image", {"image": image, "caption": caption[:500], "credit": ""}))
            else:
                body.append((kind, value))
        return body

    def _featured(self, item):
        thumbnail = item.meta.get("_thumbnail_id", "")
        if not thumbnail.isdigit():
            return {"featured_image": None, "featured_caption": ""}
        found = self.media.image_for(ImageRef(attachment_id=int(thumbnail)))
        if not found:
            return {"featured_image": None, "featured_caption": ""}
        image, caption, _alt = found
        return {"featured_image": image, "featured_caption": caption[:500]}

    def _people(self, item):
        meta = {key.lower().lstrip("_"): value for key, value in item.meta.items() if value}
        fields = {"reporter": None, "editor": None, "source": None, "original_url": ""}
        if item.creator:
            fields["reporter"] = self._author(item.creator)
        if name := first_of(meta, REPORTER_FIELDS):
            fields["reporter"] = self._reporter_named(name)
        if name := first_of(meta, EDITOR_FIELDS):
            fields["editor"] = self._reporter_named(name)
        if value := first_of(meta, SOURCE_FIELDS):
            fields["source"], fields["original_url"] = self._source(value)
        return fields

    def _free_slug(self, section, item):
        base = slugify(unquote(item.post_name), allow_unicode=True)[:240]
        base = base or slugify(item.title, allow_unicode=True)[:240] or f"post-{item.post_id}"
        slug, number = base, 1
        siblings = Page.objects.child_of(section)
        while siblings.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        if number > 1:
            self.report.warn(
                _("Slug %(old)s is taken in its section; the article got %(new)s.")
                % {"old": base, "new": slug},
                item.position,
            )
        return slug

    def _create_published(self, section, item, fields, tags):
        """Add a live article with its revision in one save, as publishing would leave it.

        Wagtail's `save_revision().publish()` saves a new page twice more and rebuilds it from
        the revision's JSON: a third of an import's time, for nothing a new page needs.
        """
        page = ArticlePage(**fields)
        page.slug = self._free_slug(section, item)
        page.live = True
        page.has_unpublished_changes = False
        now = timezone.now()
        page.first_published_at = page.first_published_at or now
        page.last_published_at = now
        if tags:
            page.tags.add(*tags)
        section.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        page_published.send(sender=ArticlePage, instance=page, revision=revision)
        return page

    def _publish(self, page, item):
        status = item.status
        if status == "publish":
            page.save_revision().publish()
            self.report.count("published")
        elif status == "future":
            page.go_live_at = item.date or self._date(item)
            if page.go_live_at and page.go_live_at > timezone.now():
                page.save_revision().publish()  # Wagtail schedules it for go_live_at
                self.report.count("scheduled")
            else:  # its time has passed since the export: WordPress would have published it
                page.save_revision().publish()
                self.report.count("published")
        else:
            if page.live:
                page.unpublish()
            page.save_revision()
            if status == "pending":
                self._submit_for_review(page, item)
            elif status == "private":
                self.report.warn(
                    _("Was private in WordPress: imported as a draft so no reader sees it."),
                    item.position,
                )
            self.report.count("drafts")

    def _protect(self, page, item):
        """Keep a WordPress post's password: the article asks readers for the same one."""
        if not item.password:
            return
        restriction = PageViewRestriction.objects.filter(
            page=page, restriction_type=PageViewRestriction.PASSWORD
        ).first() or PageViewRestriction(page=page, restriction_type=PageViewRestriction.PASSWORD)
        restriction.password = item.password[:255]
        restriction.save()
        self.report.count("password-protected")
        self.report.warn(
            _("Had a password in WordPress: imported private, with the same password."),
            item.position,
        )

    def _submit_for_review(self, page, item):
        workflow = page.get_workflow()
        if workflow is None or page.workflow_in_progress:
            self.report.warn(
                _("Was pending review; no review workflow is set up, so it stays a draft."),
                item.position,
            )
            return
        workflow.start(page, user=None)
        self.report.count("awaiting review")

    def _post_redirects(self, item, page):
        urls = {item.link}
        if item.guid and "?p=" in item.guid:
            urls.add(item.guid)
        base = self.channel.base_blog_url or self.site_url
        urls.add(redirects.query_url(base, "p", item.post_id))
        for url in filter(None, urls):
            if self._same_site(url) and redirects.point(url, page):
                self.report.count("redirects")

    # Attachments -----------------------------------------------------------------------------

    def _attachment(self, item):
        attachment = self.media.attachments.get(item.post_id) or self.media.register(item)
        image = self.media.attachment_image(attachment)
        if image is None:
            return
        self.report.count("attachments")
        if self.dry_run:
            return
        file_url = image.file.url
        base = self.channel.base_blog_url or self.site_url
        for url in [attachment.url, *self._size_urls(attachment)]:
            if url and self._same_site(url) and redirects.point(url, file_url):
                self.report.count("redirects")
        # The attachment's own page goes to the article it belongs to, else to the file.
        parent = self._mapping(ImportedObject.Kind.POST, str(attachment.parent))
        target = file_url
        if parent and (article := ArticlePage.objects.filter(pk=parent.object_id).first()):
            target = article
        for url in (attachment.link, redirects.query_url(base, "attachment_id", item.post_id)):
            if url and self._same_site(url) and redirects.point(url, target):
                self.report.count("redirects")

    def _size_urls(self, attachment):
        relative = attachment.relative_path
        if not relative or not attachment.url.endswith(relative):
            return []
        prefix = attachment.url[: -len(relative)]
        return [prefix + relative for relative in attachment.size_files]

    # Bookkeeping ---------------------------------------------------------------------------

    def _same_site(self, url):
        host = urlsplit(url).hostname
        return host is None or host in self.old_hosts

    def _mapping(self, kind, wp_id):
        return ImportedObject.objects.filter(site_url=self.site_url, kind=kind, wp_id=wp_id).first()

    def _remember(self, kind, wp_id, object_id, checksum="", data=None):
        defaults = {"object_id": object_id, "checksum": checksum}
        if data is not None:
            defaults["data"] = data
        ImportedObject.objects.update_or_create(
            site_url=self.site_url, kind=kind, wp_id=wp_id, defaults=defaults
        )


@contextmanager
def tasks_held():
    """Hold the tasks publishing enqueues (purges, related lists) in a list until the end.

    With the immediate task backend each publication would purge the front page, its section
    and the feeds, and rank its related articles, on the spot: most of an import's time, spent
    on work the next publication redoes.
    """
    held = []
    previous = {}
    for alias, params in settings.TASKS.items():
        previous[alias] = task_backends[alias]
        holder = DummyBackend(alias, params)
        holder.results = held
        task_backends[alias] = holder
    try:
        yield held
    finally:
        for alias, backend in previous.items():
            task_backends[alias] = backend


def run_after_import(held):
    """Run the held tasks once each: one purge of the cache, related lists in bulk if many."""
    purges, related, others = 0, {}, {}
    for result in held:
        path = result.task.module_path
        if path.startswith(PURGE_TASKS):
            purges += 1
        elif path == REFRESH_RELATED:
            related[result.args[0]] = result
        else:
            others.setdefault((path, repr(result.args), repr(result.kwargs)), result)
    for result in others.values():
        result.task.enqueue(*result.args, **result.kwargs)
    if len(related) > BULK_RELATED:
        call_command("related", rebuild=True, stdout=io.StringIO())
    else:
        for result in related.values():
            result.task.enqueue(*result.args)
    if purges:
        # Every cached page turns stale and is rendered again at its next request.
        pagecache.touch_all()


def first_of(meta, keys):
    for key in keys:
        value = (meta.get(key) or "").strip()
        if value:
            return html.unescape(value)
    return ""


def initials_of(name, login=""):
    """Return the byline initials for a name ('Muhammad Rizki' -> 'mr')."""
    words = re.findall(r"\w+", name or "")
    if len(words) >= 2:
        return "".join(word[0] for word in words[:4]).lower()
    return (login or name or "?")[:12].lower()


def import_wordpress(path, **options):
    """Import a WXR file; see WordPressImporter for the options."""
    return WordPressImporter(path, **options).run()
