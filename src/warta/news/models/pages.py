"""The page tree of a news site: one home, its sections, their articles."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left, Length, Substr
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from warta.discovery.panels import related_news_panel
from warta.news.blocks import ArticleBodyBlock
from warta.newsroom.forms import ArticlePageForm
from warta.newsroom.search_preview import SearchPreviewPanel
from warta.newsroom.slugs import FreeSlugOnCreate

# What an article page and every article card needs, fetched with the article in one query.
ARTICLE_RELATIONS = ("featured_image", "reporter", "editor", "source")
# What a card shows (link, title, time, lead, picture; the API's cards too) and what its
# picture's renditions need: fetching only these halves the cost of the query and the objects.
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "first_published_at",
    "lead",
    "featured_image",
    "featured_caption",
    "featured_credit",
    *(
        f"featured_image__{name}"
        for name in (
            "title",
            "description",
            "file",
            "width",
            "height",
            "focal_point_x",
            "focal_point_y",
            "focal_point_width",
            "focal_point_height",
        )
    ),
)


def _restricted_above(path, deeper_than=0):
    """Return whether a view restriction sits on the page at `path` or above it (an Exists).

    Restrictions on pages whose path is `deeper_than` long or shorter are left out.
    """
    restrictions = PageViewRestriction.objects.alias(closed_length=Length("page__path")).filter(
        page__path=Substr(path, 1, F("closed_length")), closed_length__gt=deeper_than
    )
    return Exists(restrictions)


def _alias_of_private():
    """Return whether a page is an alias of a page at or under a restricted one (an Exists)."""
    original = Page.objects.filter(pk=OuterRef("alias_of_id"))
    return Exists(original.filter(_restricted_above(OuterRef("path"))))


def closed_paths():
    """Return the tree paths under which no page is open to an anonymous reader, in one query.

    The Python twin of `ArticlePageQuerySet.readable` for pages already in hand: restricted
    pages, and aliases of pages at or under a restricted one.
    """
    closed = Page.objects.filter(Q(view_restrictions__isnull=False) | Q(_alias_of_private()))
    return tuple(sorted(set(closed.values_list("path", flat=True))))


class ArticlePageQuerySet(PageQuerySet):
    def readable(self, site_path="", opened=None):
        """Return what an anonymous reader may open: the one rule of every public list.

        Live articles in a live section, with no view restriction (password, login, groups) on
        them, their section or site, nor on the page an alias copies; under `site_path` (a
        site's home's tree path) when given, so one site never lists another's articles.
        `opened` is the page being served, whose own restrictions this reader has passed: the
        articles under it count only the restrictions below it.
        """
        # Restrictions above the page being served were checked when it was served.
        opened_length = len(opened.path) if opened is not None else 0
        unpublished_parent = Page.objects.filter(
            live=False, path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        )
        articles = self.live().exclude(
            _restricted_above(OuterRef("path"), opened_length)
            | _alias_of_private()
            | Exists(unpublished_parent)
        )
        if opened is not None:
            articles = articles.filter(path__startswith=opened.path)
        return articles.filter(path__startswith=site_path) if site_path else articles

    def cards(self, site_path="", opened=None):
        """Readable articles with what a card shows (title, image, time), newest first."""
        return (
            self.readable(site_path, opened)
            .select_related("featured_image")
            .only(*CARD_FIELDS)
            # Page's own id, not the article's page_ptr_id: the same number, but only a column of
            # the page table lets the database walk the newest-first index without sorting.
            .order_by("-first_published_at", "-id")
        )

    def in_section(self, section):
        return self.filter(path__startswith=section.path, depth=section.depth + 1)

    def in_section_of(self, article):
        return self.filter(path__startswith=article.section_path, depth=article.depth)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ChildRoutingMixin:
    """Route to a child page of one known type in one query instead of Wagtail's two."""

    child_model = None
    child_relations = ()

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        child = self.known_child(request, slug) if remaining else None
        if child is None:
            try:
                # The parent's path as a computed prefix, not `path__startswith`: the slug's
                # index then finds the child alone, where PostgreSQL would also scan the whole
                # section's range of the path index (14,000 rows at 100,000 articles).
                child = (
                    self.child_queryset()
                    .alias(parent_path=Left("path", len(self.path)))
                    .filter(parent_path=self.path, depth=self.depth + 1)
                    .get(slug=slug)
                )
            except self.child_model.DoesNotExist as error:
                raise Http404 from error
        child._cached_parent_obj = self
        if remaining:
            return child.route(request, remaining)
        if not child.live:
            raise Http404
        return RouteResult(child)

    def child_queryset(self):
        return self.child_model.objects.select_related(*self.child_relations)

    def known_child(self, request, slug):
        """Return the child named `slug` without a query when one is at hand, else None."""
        return None


class AncestorsInHandMixin:
    """Check view restrictions in one query when routing left the ancestors in hand.

    Wagtail reads the ancestors first, then their restrictions. The route already holds the
    section and the site's home (treebeard's cached parent), so their ids are known; only the
    tree's root, above every site and never an alias, is matched by depth. With an alias in
    the chain, or an ancestor not in hand, Wagtail's own two queries decide.
    """

    def get_view_restrictions(self):
        in_hand, page = [], self
        while page is not None:
            in_hand.append(page)
            page = page.__dict__.get("_cached_parent_obj")
        if in_hand[-1].depth != 2 or any(ancestor.alias_of_id for ancestor in in_hand):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.filter(
            Q(page_id__in=[ancestor.pk for ancestor in in_hand]) | Q(page__depth=1)
        )


class HomePage(AncestorsInHandMixin, RoutablePageMixin, ChildRoutingMixin, Page):
    """The front page; tag and reporter archives are its sub-routes (/tag/..., /penulis/...)."""

    main_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("main story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to show the newest article"),
    )
    breaking_active = models.BooleanField(_("show the breaking news banner"), default=False)
    breaking_text = models.CharField(_("breaking news text"), max_length=160, blank=True)
    breaking_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("breaking news page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    breaking_url = models.URLField(
        _("breaking news link"),
        blank=True,
        help_text=_("Used when no page is chosen, e.g. a live stream elsewhere"),
    )

    max_count = 1  # one front page; a second site gets its own tree through Wagtail's Sites
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage"]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("breaking_active"),
                FieldPanel("breaking_text"),
                FieldRowPanel([FieldPanel("breaking_page"), FieldPanel("breaking_url")]),
            ],
            heading=_("Breaking news"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("main_story"),
                InlinePanel("secondary_stories", max_num=4, label=_("secondary story")),
            ],
            heading=_("Headlines"),
        ),
    ]

    class Meta:
        verbose_name = _("home page")

    @property
    def child_model(self):
        return SectionPage

    def known_child(self, request, slug):
        # On the way to an article, the section comes from the cached live sections.
        from warta.news.sections import live_sections

        children = (
            section
            for section in live_sections(request).values()
            if section.slug == slug and section.path[: -self.steplen] == self.path
        )
        return next(children, None)

    def clean(self):
        super().clean()
        if self.breaking_active and not self.breaking_text.strip():
            raise ValidationError(
                {"breaking_text": _("Write the banner's text, or switch the banner off.")}
            )

    @property
    def breaking_href(self):
        if self.breaking_page_id:
            return self.breaking_page.url
        return self.breaking_url

    def as_published(self):
        """Return the home as it is now, banner and stories included.

        Routing starts from the copy cached with the site (`news.middleware`), which may be
        older than the last publish of the home.
        """
        return type(self).objects.get(pk=self.pk)

    @re_path(r"^$")
    def index_route(self, request, *args, **kwargs):
        from warta.news.listings import home_context

        home = self.as_published()
        return home.render(request, context_overrides=home_context(home, request))

    @re_path(r"^tag/(?P<slug>[^/]+)/$", name="tag")
    def tag_archive(self, request, slug):
        from warta.news.listings import tag_context

        return self.as_published().render(
            request,
            context_overrides=tag_context(self, request, slug),
            template="news/tag_page.html",
        )

    @re_path(r"^penulis/(?P<slug>[^/]+)/$", name="reporter")
    def reporter_archive(self, request, slug):
        from warta.news.listings import reporter_context

        return self.as_published().render(
            request,
            context_overrides=reporter_context(self, request, slug),
            template="news/reporter_page.html",
        )


class HomeHeadline(Orderable):
    """One of the up to four secondary stories beside the main story."""

    page = ParentalKey(HomePage, related_name="secondary_stories", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("secondary story")


class SectionPage(AncestorsInHandMixin, ChildRoutingMixin, Page):
    """A kategori of the site (Umum, Peristiwa, Nasional, ...)."""

    description = models.TextField(_("description"), blank=True)

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    child_relations = ARTICLE_RELATIONS
    content_panels = Page.content_panels + [FieldPanel("description")]
    per_page = 20

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    @property
    def child_model(self):
        return ArticlePage

    def child_queryset(self):
        """Fetch the article with flags that spare its page a query for what it lacks."""
        from warta.discovery.models import RelatedChoice
        from warta.ingest.models import ArticleSource

        # Raw EXISTS: the ORM's Exists() costs as much to build as the query it spares.
        flags = {
            name: RawSQL(  # noqa: S611 - table names from the models, no outside input
                f"EXISTS (SELECT 1 FROM {model._meta.db_table} WHERE article_id = "  # noqa: S608
                f"{ArticlePage._meta.db_table}.page_ptr_id)",
                (),
                output_field=models.BooleanField(),
            )
            for name, model in (
                ("has_related_choices", RelatedChoice),
                ("has_additional_sources", ArticleSource),
            )
        }
        return super().child_queryset().annotate(**flags)

    def get_context(self, request, *args, **kwargs):
        from warta.news.listings import paginate

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(
            request, ArticlePage.objects.cards(opened=self).in_section(self), self.per_page
        )
        return context


def editor_chooser():
    """The byline chooser of the editor field: it asks for the editor, not "a reporter"."""
    from wagtail.snippets.widgets import AdminSnippetChooser

    from warta.news.models.snippets import Reporter

    return AdminSnippetChooser(
        Reporter,
        choose_one_text=_("Choose the editor"),
        choose_another_text=_("Choose another editor"),
        link_to_chosen_text=_("Edit this byline"),
    )


# Labels an editor may type before a correction note; the article shows its own "Koreksi:".
CORRECTION_LABELS = ("koreksi", "ralat", "correction")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(FreeSlugOnCreate, AncestorsInHandMixin, Page):
    lead = models.TextField(
        _("lead"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences: shown in lists, feeds and search results"),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=80,
        blank=True,
        help_text=_("Where the story was reported, e.g. 'Astana'"),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_caption = models.CharField(_("caption"), max_length=500, blank=True)
    featured_credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, help_text=_("Shown as 'Foto: …'")
    )
    reporter = models.ForeignKey(
        "news.Reporter",
        verbose_name=_("reporter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    editor = models.ForeignKey(
        "news.Reporter",
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_articles",
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    source = models.ForeignKey(
        "news.Source",
        verbose_name=_("news source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("For republished wire news: shown as 'Sumber Berita'"),
    )
    original_url = models.URLField(_("original article URL"), max_length=1000, blank=True)
    significant_update_at = models.DateTimeField(
        _("significant update at"),
        null=True,
        blank=True,
        help_text=_("Set when an editor marks an edit as significant; shown as 'Diperbarui'"),
    )
    correction_note = models.TextField(
        _("correction note"),
        max_length=500,
        blank=True,
        help_text=_("What changed, for readers: shown under the update time"),
    )
    baca_juga_auto = models.BooleanField(
        _("automatic Read also links"),
        default=True,
        help_text=_("Place Baca Juga links from the related news when the body has none"),
    )

    objects = ArticlePageManager()
    base_form_class = ArticlePageForm

    parent_page_types = ["news.SectionPage"]
    subpage_types = []  # an article is a leaf: related stories are linked, not nested

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("dateline"),
        MultiFieldPanel(
            [
                FieldPanel("featured_image"),
                FieldPanel("featured_caption"),
                FieldPanel("featured_credit"),
            ],
            heading=_("Featured image"),
        ),
        FieldPanel("body"),
        FieldRowPanel(
            [FieldPanel("reporter"), FieldPanel("editor", widget=editor_chooser())],
            heading=_("Byline"),
        ),
        FieldPanel("tags"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("original_url")], heading=_("Attribution")),
        related_news_panel,
        MultiFieldPanel(
            [
                FieldPanel("mark_significant"),
                FieldPanel("correction_note"),
                FieldPanel("significant_update_at", read_only=True),
            ],
            heading=_("Correction"),
        ),
    ]
    # The preview sits under the SEO title and search description it shows.
    promote_panels = Page.promote_panels[:1] + [SearchPreviewPanel()] + Page.promote_panels[1:]
    settings_panels = [
        FieldPanel("first_published_at"),
        FieldPanel("backdate"),
    ] + Page.settings_panels

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_context(self, request, *args, **kwargs):
        from warta.news.article import article_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_context(self, request))
        return context

    @classmethod
    def get_search_fields(cls):
        """Index the analysed text alone for full text, so every backend ranks the same terms.

        The raw title stays an autocomplete field: the admin's page search uses that.
        """
        return [
            field
            for field in super().get_search_fields()
            if not isinstance(field, index.SearchField) or field.field_name == "search_text"
        ]

    def search_text(self):
        """Return the analysed (stemmed) title, lead, body and tags the search index holds."""
        from warta.discovery.search import article_search_text

        return article_search_text(self)

    @property
    def date_modified(self):
        """When readers were last told the article changed: for JSON-LD dateModified."""
        return self.significant_update_at or self.first_published_at

    @property
    def correction_text(self):
        """Return the correction note without a "Koreksi:" the editor typed: the page adds it."""
        note = self.correction_note.strip()
        head, colon, rest = note.partition(":")
        if colon and head.strip().lower() in CORRECTION_LABELS:
            return rest.strip()
        return note

    @property
    def byline_initials(self):
        """The '(m/ci)' sign-off: reporter's and editor's initials."""
        initials = [person.initials for person in (self.reporter, self.editor) if person]
        return "/".join(initials)

    @property
    def section_path(self):
        return self.path[: -self.steplen]
