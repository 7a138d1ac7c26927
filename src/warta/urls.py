from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_file

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("cari/", include("warta.discovery.urls")),
    path("api/v1/", include("warta.api.urls")),
    path("-/", include("warta.readership.urls")),
]

if settings.WARTA_SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    path("", include("warta.distribution.urls")),
    path("", include(wagtail_urls)),
]
