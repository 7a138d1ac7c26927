"""Where the site's pages and feeds live, as absolute URLs for the request's host."""

from django.urls import reverse

from warta.news.sections import current_site

REPORTER_PAGE = "/penulis/%(slug)s/"
TAG_PAGE = "/tag/%(slug)s/"


class SiteLinks:
    """Turn pages of the request's site into absolute URLs without a query per page."""

    def __init__(self, request):
        self.request = request
        self.site = current_site(request)
        self.root = request.build_absolute_uri("/")
        self.root_path = self.site.root_page.url_path if self.site else "/"

    def absolute(self, path):
        return self.request.build_absolute_uri(path)

    def page(self, page):
        """Return the absolute URL of a page of this site from its url_path alone."""
        return self.url_path(page.url_path)

    def url_path(self, url_path):
        return self.root + url_path[len(self.root_path) :]

    def reporter(self, reporter):
        return self.absolute(REPORTER_PAGE % {"slug": reporter.slug})

    def tag(self, tag):
        return self.absolute(TAG_PAGE % {"slug": tag.slug})


def feed_urls(kind, slug=None):
    """Return the (RSS, Atom) paths of the site's feed or of one section, tag or reporter."""
    if kind == "site":
        return reverse("distribution:feed"), reverse("distribution:feed_atom")
    return (
        reverse(f"distribution:{kind}_feed", kwargs={"slug": slug}),
        reverse(f"distribution:{kind}_feed_atom", kwargs={"slug": slug}),
    )
