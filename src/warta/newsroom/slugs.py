"""A new article whose address is taken gets the next free one, never an error or a 500.

A click that still posts to "add" after autosave created the page goes to that page instead.

Starting a story twice, or saving a schedule while autosave is still creating the page, posts a
second new page with the slug of the first. WordPress answers with "judul-2"; so does Warta, and
the editor is told at the top of the page which address was taken.
"""

from datetime import timedelta

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


# How recent an unpublished twin must be to be this editor's own autosave of the same page.
TWIN_SECONDS = 120


def autosaved_twin(request, parent_page, page_class):
    """Return the page autosave created a moment ago for the form now posting to "add"."""
    from django.utils import timezone
    from django.utils.text import slugify

    slug = request.POST.get("slug") or slugify(request.POST.get("title", ""), allow_unicode=True)
    if not slug or not request.user.is_authenticated:
        return None
    return (
        page_class.objects.child_of(parent_page)
        .filter(slug=slug, owner=request.user, live=False, first_published_at__isnull=True)
        .filter(latest_revision_created_at__gte=timezone.now() - timedelta(seconds=TWIN_SECONDS))
        .first()
    )


def continue_autosaved_page(request, parent_page, page_class):
    """Send a save, submit or schedule still aimed at "add" to the page autosave just created.

    Autosave creates the page and then moves the form to the page's edit address; a click in
    between posts to "add" again. A 307 makes the browser post the same form to the edit
    address, so the click saves the one article instead of creating a second.
    """
    from django.http import HttpResponseRedirect
    from django.urls import reverse

    if request.method != "POST" or not request.accepts("text/html"):
        return None
    twin = autosaved_twin(request, parent_page, page_class)
    if twin is None:
        return None
    response = HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[twin.pk]))
    response.status_code = 307  # the same method and form, to the edit address
    return response
