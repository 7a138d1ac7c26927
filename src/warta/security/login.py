"""Throttle admin sign-ins (django-axes): per account and per address, with a clear message."""

from django.contrib.auth import get_user_model
from django.forms.utils import ErrorDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off

from warta.api.throttle import client_address as api_client_address


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse sign-ins while the account or the address is locked out.

    Sign-ins without a request (a shell, the test client's `login()`) come from no address
    and are not throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request):
    """Return the address a sign-in comes from, behind WARTA_PROXY_COUNT proxies."""
    return api_client_address(request)


def lockout_message(request):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    if not minutes:
        return _("Too many failed sign-ins from this address. Ask an administrator to unlock it.")
    return ngettext(
        "Too many failed sign-ins from this address. "
        "Try again in %(minutes)d minute.",
        "Too many failed sign-ins from this address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """Show the sign-in page again, with the lockout message and status 429."""
    form = get_user_login_form()(request, data=request.POST or None)
    # The form must not authenticate again: its errors are only the lockout.
    form._errors = ErrorDict()
    form.cleaned_data = {}
    form.add_error(None, lockout_message(request))
    user_model = get_user_model()
    context = {
        "form": form,
        "next": request.POST.get("next", "") or request.GET.get("next", ""),
        "show_password_reset": password_reset_enabled(),
        "username_field": user_model._meta.get_field(user_model.USERNAME_FIELD).verbose_name,
    }
    return render(request, "wagtailadmin/login.html", context, status=429)
