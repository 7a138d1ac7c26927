"""A person and their byline: a new user gets a Reporter byline linked to the account."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin import messages as admin_messages


def initials_of(name):
    """Return the sign-off initials of a name: 'Muhammad Rizki' gives 'mr'."""
    return "".join(word[0] for word in name.lower().split() if word[0].isalnum())[:12] or "x"


def byline_for(user):
    """Return the user's byline, creating it from their name when they have none."""
    from warta.news.models import Reporter

    existing = Reporter.objects.filter(user=user).first()
    if existing is not None:
        return existing, False
    name = user.get_full_name().strip() or user.get_username()
    return Reporter.objects.create(full_name=name, initials=initials_of(name), user=user), True


def create_byline(request, user):
    """After an Admin creates a user: make the byline and say where to edit it."""
    byline, created = byline_for(user)
    if not created:
        return
    edit_url = reverse("wagtailsnippets_news_reporter:edit", args=[byline.pk])
    admin_messages.success(
        request,
        _("Byline “%(name)s” (%(initials)s) created for this user at /penulis/%(slug)s/.")
        % {"name": byline.full_name, "initials": byline.initials, "slug": byline.slug},
        buttons=[admin_messages.button(edit_url, _("Edit byline"), new_window=False)],
    )
