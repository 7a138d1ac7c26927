"""Settings come from the environment; production refuses to start half-configured."""

import json
import os
import subprocess
import sys

import pytest

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "SESSION_COOKIE_SECURE": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": getattr(settings, "CSRF_COOKIE_SECURE", False),
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "TIME_ZONE": settings.TIME_ZONE,
    "SITE_NAME": settings.WARTA_SITE_NAME,
    "BASE_URL": settings.WARTA_BASE_URL,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
}))
"""

WARTA_VARIABLES = (
    "PYTEST_XDIST_WORKER",
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "WARTA_ENV",
    "WARTA_ALLOWED_HOSTS",
    "WARTA_SITE_NAME",
    "WARTA_TIME_ZONE",
    "WARTA_BASE_URL",
    "WARTA_DEBUG",
)


def run_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in WARTA_VARIABLES}
    clean.update(WARTA_VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="warta.settings")
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_in(tmp_path, **env):
    result = run_settings(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_embedded_defaults(tmp_path):
    values = settings_in(tmp_path)
    assert values["DEBUG"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(tmp_path / "var" / "warta.sqlite3")
    assert values["CACHE"].endswith("LocMemCache")
    assert values["TIME_ZONE"] == "Asia/Jakarta"
    assert values["SITE_NAME"] == "Warta"
    assert values["LANGUAGE_CODE"] == "id"


def test_development_secret_key_is_generated_once_and_kept(tmp_path):
    first = settings_in(tmp_path)["SECRET_KEY"]
    second = settings_in(tmp_path)["SECRET_KEY"]
    assert first == second
    assert len(first) >= 50
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text() == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_environment_overrides(tmp_path):
    values = settings_in(
        tmp_path,
        DATABASE_URL="postgres://warta@db.internal:5432/warta",
        REDIS_URL="redis://cache.internal:6379/2",
        WARTA_SITE_NAME="Kabar Makassar",
        WARTA_TIME_ZONE="Asia/Makassar",
        WARTA_BASE_URL="https://kabar.example/",
    )
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["NAME"] == "warta"
    assert values["CACHE"] == "django_redis.cache.RedisCache"
    assert values["SITE_NAME"] == "Kabar Makassar"
    assert values["TIME_ZONE"] == "Asia/Makassar"
    assert values["BASE_URL"] == "https://kabar.example"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"WARTA_ALLOWED_HOSTS": "kabar.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "WARTA_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(tmp_path, env, named):
    result = run_settings(tmp_path, WARTA_ENV="production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set {named}" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_production_turns_debug_off_and_cookies_secure(tmp_path):
    values = settings_in(
        tmp_path, WARTA_ENV="production", SECRET_KEY="s" * 60, WARTA_ALLOWED_HOSTS="kabar.example"
    )
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["ALLOWED_HOSTS"] == ["kabar.example"]


def test_unknown_environment_name_is_refused(tmp_path):
    result = run_settings(tmp_path, WARTA_ENV="staging")
    assert result.returncode != 0
    assert "Set WARTA_ENV" in result.stderr
