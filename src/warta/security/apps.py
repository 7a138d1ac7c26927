from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Security headers, login throttling and two-factor sign-in (docs/security.md)."""

    name = "warta.security"
    label = "warta_security"
    verbose_name = "Keamanan"
