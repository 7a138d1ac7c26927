"""The demo's admin account, whose password is generated once and kept under ./var/."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

DEMO_USERNAME = "admin"


def demo_admin():
    """Return (username, password) of the demo's superuser, creating or repairing it."""
    path = settings.VAR_DIR / "demo_admin_password"
    password = path.read_text().strip() if path.exists() else ""
    if not password:
        password = secrets.token_urlsafe(12)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(password)
        path.chmod(0o600)
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True},
    )
    if not user.check_password(password):
        user.set_password(password)
        user.save()
    return DEMO_USERNAME, password
