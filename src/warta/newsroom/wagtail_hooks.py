from django.db.models import Q
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from warta.newsroom.bylines import create_byline
from warta.newsroom.panels import dashboard_panels
from warta.newsroom.review import (
    drop_restart_workflow,
    replace_review_message,
    show_requested_changes,
)
from warta.newsroom.search import visible_pages
from warta.newsroom.slugs import continue_autosaved_page, tell_about_taken_slug


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels):
    from warta.newsroom.start import WriteArticlePanel

    panels.append(WriteArticlePanel())
    panels.extend(dashboard_panels(request.user))


@hooks.register("construct_explorer_page_queryset")
def hide_others_drafts(parent_page, pages, request):
    """Show a reporter the live pages and their own drafts only, not colleagues' drafts."""
    user = request.user
    if user.is_superuser or "change" in parent_page.permissions_for_user(user).permissions:
        return pages
    return pages.filter(Q(live=True) | Q(owner=user))


@hooks.register("construct_page_chooser_queryset")
def hide_others_drafts_in_chooser(pages, request):
    return visible_pages(pages, request.user)


@hooks.register("after_create_page")
def say_which_slug_was_taken(request, page):
    tell_about_taken_slug(request, page)


@hooks.register("insert_editor_js")
def field_counters():
    return format_html('<script src="{}" defer></script>', static("newsroom/js/counter.js"))


hooks.register("before_edit_page", show_requested_changes)
hooks.register("after_edit_page", replace_review_message)
hooks.register("construct_page_action_menu", drop_restart_workflow)
hooks.register("after_create_user", create_byline)
hooks.register("before_create_page", continue_autosaved_page)


@hooks.register("construct_help_menu")
def drop_wagtail_release_notes(request, menu_items):
    """Editors need no "What's new in Wagtail" (in English) in their help menu."""
    menu_items[:] = [item for item in menu_items if not item.name.startswith("whats-new")]
