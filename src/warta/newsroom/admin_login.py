"""The admin's sign-in form, with its password field labelled in the editor's language."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


class NewsroomLoginForm(LoginForm):
    """Wagtail's sign-in form: its password field has no label of its own ("Password")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
