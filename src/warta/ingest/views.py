"""The admin's merged stories: each merge with both sources' texts, and a split in one action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from warta.ingest import merges
from warta.ingest.models import MergedStory
from warta.news.models import ArticlePage

PAGE_SIZE = 50


def check(request):
    if not request.user.has_perm("ingest.change_mergedstory"):
        raise PermissionDenied


def merged_list(request):
    """List the latest merges: which item went into which article, from which source."""
    check(request)
    merged = MergedStory.objects.select_related("article", "source")[:PAGE_SIZE]
    return TemplateResponse(request, "ingest/merged_list.html", {"merged": merged})


@require_http_methods(["GET", "POST"])
def merged_detail(request, pk):
    """Show both sources' texts side by side; a POST splits the merged story off."""
    check(request)
    merged = get_object_or_404(MergedStory.objects.select_related("article", "source"), pk=pk)
    if request.method == "POST":
        restored = merges.split(merged)
        messages.success(
            request,
            _("“%(title)s” is its own article again and will not be merged with “%(other)s”.")
            % {"title": merged.title, "other": merged.article.title},
        )
        return redirect("wagtailadmin_pages:edit", restored)
    article = ArticlePage.objects.select_related("source").get(pk=merged.article_id)
    return TemplateResponse(
        request,
        "ingest/merged_detail.html",
        {"merged": merged, "article": article, "article_text": article_text(article)},
    )


def article_text(article):
    from warta.ingest.runs import body_text

    return body_text(article)
