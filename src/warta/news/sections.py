"""The site's sections and name, looked up once per request."""

from django.conf import settings
from django.core.cache import caches

from wagtail.models import Site

SECTIONS_CACHE_TIMEOUT = 3600


def current_site(request):
    return Site.find_for_request(request)


def site_path(request):
    """Return the tree path of the request's site's home, under which its articles live."""
    site = current_site(request)
    return site.root_page.path if site else ""


def site_name(request):
    site = current_site(request)
    return (site.site_name if site else "") or settings.WARTA_SITE_NAME


def shared_cache():
    # The page cache's store is shared by every app process (Redis, else files under ./var/):
    # a section published through one process must change the menu in all of them.
    return caches["pages"]


def sections_cache_key(site_id):
    return f"warta:sections:{site_id}"


def forget_sections():
    """Drop the cached section lists: a section was published, unpublished, moved or deleted."""
    keys = [sections_cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
    shared_cache().delete_many([*keys, sections_cache_key(None)])


def _load_sections(site):
    from warta.news.models import SectionPage

    sections = SectionPage.objects.live().order_by("path").defer("description")
    if site:
        root = site.root_page
        sections = sections.filter(path__startswith=root.path, depth=root.depth + 1)
    return {section.path: section for section in sections}


def live_sections(request):
    """Return the live sections of the request's site, keyed by their tree path.

    Every page's menu needs them and they change a few times a year, so they are cached
    until a section is published, unpublished, moved or deleted (see `news.signals`).
    """
    cached = getattr(request, "_warta_sections", None)
    if cached is None:
        site = current_site(request)
        key = sections_cache_key(site.pk if site else None)
        cached = shared_cache().get(key)
        if cached is None:
            cached = _load_sections(site)
            shared_cache().set(key, cached, SECTIONS_CACHE_TIMEOUT)
        request._warta_sections = cached
    return cached
