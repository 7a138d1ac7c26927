"""Optional TOTP two-factor sign-in for staff (django-otp): checking and enrolling devices."""

from urllib.parse import urlencode

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import django_otp
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Aplikasi autentikator"


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def code_pending(user):
    """Tell whether a signed-in user must still enter a code from their TOTP device."""
    if not user.is_authenticated or user.is_verified():
        return False
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def paths_open_before_code():
    return {reverse("warta_security_totp_verify"), reverse("wagtailadmin_logout")} | {
        reverse("wagtailadmin_javascript_catalog")
    }


def verify_url(next_url):
    return reverse("warta_security_totp_verify") + "?" + urlencode({"next": next_url})


def pending_device(user):
    """Return the user's device awaiting confirmation, creating it with a fresh key."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def enroll(user):
    """Give the user a new confirmed device (replacing any other) and return it."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)


class CodeForm(forms.Form):
    """A six-digit code, checked against one device with django-otp's throttling."""

    code = forms.CharField(
        label=gettext_lazy("Code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        # The failure count must be committed: errors are raised after the transaction.
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=self.device.pk)
            allowed, _extra = device.verify_is_allowed()
            verified = allowed and device.verify_token(code)
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a moment, then try again."), code="throttled"
            )
        if not verified:
            raise forms.ValidationError(
                _("The code is wrong or has expired. Enter the code the app shows now."),
                code="invalid",
            )
        self.device = device
        return code

    def sign_in(self, request):
        """Mark the session as verified by this device."""
        django_otp.login(request, self.device)
