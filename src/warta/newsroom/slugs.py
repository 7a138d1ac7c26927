"""A new article whose address is taken gets the next free one, never an error or a 500.

Starting a story twice, or saving a schedule while autosave is still creating the page, posts a
second new page with the slug of the first. WordPress answers with "judul-2"; so does Warta, and
the editor is told at the top of the page which address was taken.
"""

from django.contrib import messages
from django.utils.translation import gettext as _


def free_slug(parent, slug, page=None):
    """Return `slug`, or `slug-2`, `slug-3`... whichever no sibling under `parent` uses."""
    candidate, suffix = slug, 1
    while not type(parent)._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


class FreeSlugOnCreate:
    """A page mixin: the last check before a new page is written takes a free slug.

    The admin's form checks the slug too, but a twin created between that check and the write
    (autosave racing a submit) would otherwise raise a ValidationError: a 500.
    """

    def _check_slug_is_unique(self):
        if self.pk is None and self.path and self.slug:
            chosen = free_slug(self.get_parent(), self.slug, self)
            if chosen != self.slug:
                self.taken_slug, self.slug = self.slug, chosen
        super()._check_slug_is_unique()


def clean_new_slug(form, slug):
    """Return a free slug for the page a create form is adding, remembering the taken one."""
    if form.instance.pk is not None or not slug or form.parent_page is None:
        return slug
    chosen = free_slug(form.parent_page, slug, form.instance)
    if chosen != slug:
        form.instance.taken_slug = slug
    return chosen


def tell_about_taken_slug(request, page):
    """Say which address was taken and which one the new article got."""
    taken = getattr(page, "taken_slug", None)
    if taken and request.accepts("text/html"):
        messages.warning(
            request,
            _(
                "The address '%(taken)s' is already used by another article in this section "
                "(perhaps a draft saved automatically): this article got '%(slug)s'. "
                "Change it under Promote if you like."
            )
            % {"taken": taken, "slug": page.slug},
        )
