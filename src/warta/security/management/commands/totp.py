from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from django_otp.plugins.otp_totp.models import TOTPDevice

from warta.security import totp


class Command(BaseCommand):
    help = (
        "Turn two-factor sign-in on for a user (prints the otpauth:// URI for the "
        "authenticator app) or off."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "remove"])
        parser.add_argument("username")

    def handle(self, action, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        if action == "remove":
            deleted, _ = TOTPDevice.objects.filter(user=user).delete()
            self.stdout.write(f"Two-factor sign-in off for {username} ({deleted} device(s)).")
            return
        device = totp.enroll(user)
        self.stdout.write(device.config_url)
        self.stderr.write(
            f"Two-factor sign-in on for {username}: open the URI above in an authenticator app "
            "(or make it a QR code); any earlier device no longer works."
        )
