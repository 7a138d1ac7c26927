"""The admin accounts the sign-in tests use: Sari and Budi, superusers with one password."""

from django.contrib.auth import get_user_model

PASSWORD = "kopi-tubruk-pagi-hari"


def make_superuser(username):
    return get_user_model().objects.create_superuser(username, f"{username}@example.com", PASSWORD)
