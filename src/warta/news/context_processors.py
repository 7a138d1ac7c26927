"""Values every page of the readers' site needs: the site name and its sections."""

from django.utils.functional import SimpleLazyObject

from warta.news.sections import live_sections, site_name


def site(request):
    return {
        "site_name": SimpleLazyObject(lambda: site_name(request)),
        "nav_sections": SimpleLazyObject(lambda: list(live_sections(request).values())),
    }
