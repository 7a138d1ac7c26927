"""Production settings pass Django's deployment checklist with no warning at all."""

import os
import secrets
import subprocess
import sys


def deploy_check(tmp_path, **overrides):
    """Run `warta check --deploy --fail-level WARNING` as production would (None drops a name)."""
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("WARTA_", "DJANGO_", "PYTEST_"))
        and name not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")
    }
    environ |= {
        "WARTA_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "WARTA_ALLOWED_HOSTS": "berita.example,www.berita.example",
        "WARTA_BASE_URL": "https://berita.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'warta.sqlite3'}",
        "WARTA_VAR_DIR": str(tmp_path / "var"),
        "WARTA_STATIC_ROOT": str(tmp_path / "static"),
        "WARTA_MEDIA_ROOT": str(tmp_path / "media"),
        "WARTA_PROXY_COUNT": "1",  # behind nginx, as deploy/warta.env.example ships it
    } | overrides
    environ = {name: value for name, value in environ.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-m", "warta", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_with_redis_passes_too(tmp_path):
    result = deploy_check(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_fails_when_a_setting_weakens(tmp_path):
    """The same run fails when HSTS is switched off: the check is really being made."""
    result = deploy_check(tmp_path, WARTA_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr
