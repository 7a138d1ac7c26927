"""The site's sections and name, looked up once per request."""

from django.conf import settings

from wagtail.models import Site


def current_site(request):
    return Site.find_for_request(request)


def site_name(request):
    site = current_site(request)
    return (site.site_name if site else "") or settings.WARTA_SITE_NAME


def live_sections(request):
    """Return the live sections of the request's site, keyed by their tree path."""
    cached = getattr(request, "_warta_sections", None)
    if cached is None:
        from warta.news.models import SectionPage

        site = current_site(request)
        sections = SectionPage.objects.live().order_by("path")
        if site:
            sections = sections.filter(path__startswith=site.root_page.path)
        cached = {section.path: section for section in sections.defer("description")}
        request._warta_sections = cached
    return cached
