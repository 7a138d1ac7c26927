from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from warta.news.models import Reporter, Source


class ReporterViewSet(SnippetViewSet):
    model = Reporter
    icon = "user"
    list_display = ["full_name", "initials", "user"]
    search_fields = ["full_name", "initials"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    list_display = ["name", "home_url"]
    search_fields = ["name"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    items = (ReporterViewSet, SourceViewSet)
    menu_icon = "group"
    menu_label = _("Newsroom")
    menu_name = "newsroom"


register_snippet(NewsroomViewSetGroup)
