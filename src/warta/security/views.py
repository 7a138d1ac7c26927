"""Admin views of two-factor sign-in: the code page after the password, and enrolment."""

from base64 import b32encode

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.admin import messages

import segno

from warta.security import totp


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """Ask for the code of the user's authenticator app after the password."""
    device = totp.confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(safe_next(request))
    form = totp.CodeForm(device, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        form.sign_in(request)
        return redirect(safe_next(request))
    context = {"form": form, "next": safe_next(request)}
    return TemplateResponse(request, "security/verify.html", context)


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Turn two-factor sign-in on (scan, confirm with a code) or off (confirm with a code)."""
    user = request.user
    active = totp.confirmed_device(user)
    device = active or totp.pending_device(user)
    form = totp.CodeForm(device, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        if active:
            type(active).objects.filter(user=user).delete()
            messages.success(request, _("Two-factor sign-in is off."))
        else:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            form.sign_in(request)
            messages.success(request, _("Two-factor sign-in is on."))
        return redirect("warta_security_totp_setup")
    context = {"form": form, "active": active is not None, "site_name": settings.WARTA_SITE_NAME}
    if not active:
        uri = device.config_url
        context |= {
            "config_url": uri,
            "qr_code": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
            "secret": b32encode(device.bin_key).decode(),
        }
    return TemplateResponse(request, "security/setup.html", context)
