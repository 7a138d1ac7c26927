"""Feeds, sitemaps and robots.txt; included before Wagtail's page routes."""

from django.urls import path

from warta.distribution import feeds, views

app_name = "distribution"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.index, name="sitemap"),
    path("sitemap-pages.xml", views.pages, name="sitemap_pages"),
    path("sitemap-articles-<int:page>.xml", views.articles, name="sitemap_articles"),
    path("sitemap-news.xml", views.news, name="sitemap_news"),
    path("feed/", feeds.SiteFeed(), name="feed"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="feed_atom"),
    path("tag/<str:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tag/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("penulis/<str:slug>/feed/", feeds.ReporterFeed(), name="reporter_feed"),
    path("penulis/<str:slug>/feed/atom/", feeds.ReporterAtomFeed(), name="reporter_feed_atom"),
    # Last: a section's slug is any first path segment that the patterns above did not claim.
    path("<str:slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("<str:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
]
