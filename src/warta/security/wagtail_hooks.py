from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from warta.security import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("masuk/kode/", views.verify, name="warta_security_totp_verify"),
        path("akun/dua-langkah/", views.setup, name="warta_security_totp_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("warta_security_totp_setup"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Ask for a code from an authenticator app after the password."),
    }
