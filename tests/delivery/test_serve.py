"""`warta serve` in production collects static files when the manifest is missing."""

from unittest import mock

from warta.delivery.management.commands import serve


def test_production_serve_collects_static_files_once(settings, tmp_path):
    settings.PRODUCTION = True
    settings.STATIC_ROOT = tmp_path
    command = serve.Command()
    with mock.patch.object(serve, "call_command") as call:
        command.collect_static_if_missing()
        call.assert_called_once_with("collectstatic", interactive=False, verbosity=0)
        (tmp_path / "staticfiles.json").write_text("{}")
        command.collect_static_if_missing()
        assert call.call_count == 1, "a present manifest is not collected again"


def test_development_serves_static_files_from_the_apps(settings, tmp_path):
    settings.PRODUCTION = False
    settings.STATIC_ROOT = tmp_path
    with mock.patch.object(serve, "call_command") as call:
        serve.Command().collect_static_if_missing()
    call.assert_not_called()


def test_workers_default_to_the_core_count(monkeypatch):
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 6)
    assert serve.default_workers() == 6
