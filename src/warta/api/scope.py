"""What one request may read: the live, public sections and articles of the request's site.

Wagtail's `live` flag covers the page itself only; a reader must also not see an article whose
section is unpublished, that sits under a private (view-restricted) page, that is an alias of a
private page, or that belongs to another site of the installation. The rule is the one of every
public list, `ArticlePageQuerySet.readable` in SQL and `closed_paths` for pages in hand: `Scope`
fetches the site's live sections and the closed paths once per request (two queries), so every
endpoint filters the same way in SQL (`articles()`) and in Python (`allows()`).
"""

from django.db.models.functions import Substr

from warta.news.models import ArticlePage
from warta.news.models.pages import closed_paths
from warta.news.sections import current_site, live_sections


class Scope:
    """The request's site, its live public sections by tree path, and its private subtrees."""

    def __init__(self, request):
        self.request = request
        self.site = current_site(request)
        self.private_paths = closed_paths()
        self.sections = {
            path: section
            for path, section in live_sections(request).items()
            if not self.is_private(path)
        }
        self.home = self.site.root_page if self.site else None
        # Site-relative URLs (media) are made absolute on the site's own address.
        self.base_url = (
            self.site.root_url if self.site else request.build_absolute_uri("/")
        ).rstrip("/") + "/"
        self.section_path_length = len(next(iter(self.sections), ""))
        self._home_url = None
        self._route_urls = {}

    def route_url(self, name, slug):
        """Return the absolute URL of a home page archive (/tag/x/, /penulis/x/), or ""."""
        key = (name, slug)
        if key not in self._route_urls:
            url = ""
            if self.home is not None:
                if self._home_url is None:
                    self._home_url = self.home.get_full_url(self.request)
                home = self.home.specific_deferred
                url = self._home_url + home.reverse_subpage(name, args=[slug])
            self._route_urls[key] = url
        return self._route_urls[key]

    @classmethod
    def of(cls, request):
        """Return the request's scope, built on first use."""
        scope = getattr(request, "_warta_api_scope", None)
        if scope is None:
            scope = request._warta_api_scope = cls(request)
        return scope

    def is_private(self, path):
        return any(path.startswith(private) for private in self.private_paths)

    def allows(self, page):
        """Tell whether a live article may be shown: in a public section of this site."""
        return (
            page is not None
            and page.live
            and page.path[: self.section_path_length] in self.sections
            and not self.is_private(page.path)
        )

    def section_by_slug(self, slug):
        return next((s for s in self.sections.values() if s.slug == slug), None)

    def section_of(self, article):
        return self.sections.get(article.path[: self.section_path_length])

    def articles(self):
        """Return the live articles this request may read (any order, nothing joined)."""
        if not self.sections:
            return ArticlePage.objects.none()
        return (
            ArticlePage.objects.readable(self.home.path if self.home else "")
            .alias(api_section_path=Substr("path", 1, self.section_path_length))
            .filter(api_section_path__in=list(self.sections))
        )
