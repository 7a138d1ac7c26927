"""Prepare a site for a newsroom: its home page, sections and name. Idempotent."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page, Site

from warta.news.models import HomePage, SectionPage


@transaction.atomic
def prepare_site(site_name=None, section_titles=None):
    """Return the default site and the sections created now, creating what is missing.

    The site keeps its name unless `site_name` is given.
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=site_name or settings.WARTA_SITE_NAME, slug="beranda")
        )

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = site_name or site.site_name or settings.WARTA_SITE_NAME
    site.save()
    # Wagtail's own migration leaves a "Welcome" placeholder page; the home page replaces it.
    for placeholder in Page.objects.filter(depth=2).exclude(pk=home.pk):
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()

    created = []
    existing = set(home.get_children().values_list("slug", flat=True))
    for title in section_titles or settings.WARTA_SECTIONS:
        slug = slugify(title)
        if slug not in existing:
            home.add_child(instance=SectionPage(title=title, slug=slug))
            existing.add(slug)
            created.append(title)
    return site, created


def set_site_address(site, base_url=None):
    """Give the site WARTA_BASE_URL's hostname and port: purges go out under that host."""
    parts = urlsplit(base_url or settings.WARTA_BASE_URL)
    site.hostname = parts.hostname or site.hostname
    site.port = parts.port or (443 if parts.scheme == "https" else 80)
    site.save(update_fields=["hostname", "port"])
    return site
