"""The article edit form: an editor marks a significant update with a correction note."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    mark_significant = forms.BooleanField(
        label=_("This edit is a significant update"),
        required=False,
        help_text=_(
            "Tick for a correction or a substantial change: readers then see "
            "'Updated: <time>' and the note. Leave it empty for typo fixes."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("mark_significant") and not cleaned_data.get("correction_note"):
            self.add_error(
                "correction_note",
                _("Write a short note for readers saying what changed, or untick the box."),
            )
        return cleaned_data

    def save(self, commit=True):
        if self.cleaned_data.get("mark_significant"):
            self.instance.significant_update_at = timezone.now()
        return super().save(commit=commit)
