"""Admin forms: an article's significant-update note, and who may aim a wire source."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    mark_significant = forms.BooleanField(
        label=_("This edit is a significant update"),
        required=False,
        help_text=_(
            "Tick for a correction or a substantial change: readers then see "
            "'Updated: <time>' and the note. Leave it empty for typo fixes."
        ),
    )
    backdate = forms.BooleanField(
        label=_("Back-date to the go-live time"),
        required=False,
        help_text=_(
            "For a go-live time already past: publish now, dated at that time "
            "(the first published time)."
        ),
    )

    def __init__(self, *args, **kwargs):
        from warta.newsroom.safeguards import prepare_fields

        super().__init__(*args, **kwargs)
        prepare_fields(self)

    def clean_slug(self):
        from warta.newsroom.slugs import clean_new_slug

        return clean_new_slug(self, self.cleaned_data.get("slug"))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("mark_significant") and not cleaned_data.get("correction_note"):
            self.add_error(
                "correction_note",
                _("Write a short note for readers saying what changed, or untick the box."),
            )
        from warta.newsroom.safeguards import check_before_going_live

        check_before_going_live(self, cleaned_data)
        return cleaned_data

    def save(self, commit=True):
        if self.cleaned_data.get("mark_significant"):
            self.instance.significant_update_at = timezone.now()
        return super().save(commit=commit)


class SourceForm(WagtailAdminModelForm):
    """The news source form: only the wire desk may aim a feed at a section or auto-publish it."""

    def save(self, commit=True):
        from warta.newsroom.roles import may_run_wire_desk

        if not may_run_wire_desk(self.for_user):
            # Whatever the form, revision or copy carried: keep what the wire desk stored.
            keep_wire_settings(self.instance)
        return super().save(commit=commit)


def keep_wire_settings(source):
    """Reset a source's wire settings to the stored ones, or to none for a new source."""
    fields = [source._meta.get_field(name) for name in WIRE_FIELDS]
    stored = type(source).objects.filter(pk=source.pk).values(*(f.attname for f in fields))
    stored = stored.first() if source.pk else None
    for field in fields:
        value = stored[field.attname] if stored else field.get_default()
        setattr(source, field.attname, value)


WIRE_FIELDS = ("feed_url", "section", "auto_publish")
