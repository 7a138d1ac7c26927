"""A backup archive is checked whole before any byte of it is written, and never escapes its folder.

The restore runs on every Python the project supports: Debian 12's own python3 (3.11.2, whose
`extractall` has no `filter`) as well as the test run's.
"""

import io
import sqlite3
import stat
import subprocess
import sys
import sysconfig
import tarfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from tests.backup.test_backup import rewrite_archive
from tests.delivery.services import warta_env
from tests.news.factories import make_image, make_site
from warta.backup.archive import BackupError, unpack

pytestmark = pytest.mark.django_db(transaction=True)

DEBIAN_PYTHON = Path("/usr/bin/python3")


@pytest.fixture
def archive(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_site(sections=("Umum",))
    make_image("Banjir Medan")
    get_user_model().objects.create_user("redaktur", "redaktur@example.com", "sandi-rahasia-9")
    path = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(path), stdout=StringIO())
    return path


def test_the_archive_is_readable_by_its_owner_only(archive):
    """It holds password hashes and TOTP secrets: mode 600 whatever the umask."""
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def test_a_wrong_checksum_stops_the_restore_before_any_file_is_written(archive, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    # The last member is damaged: every file before it would be on disk if extraction came first.
    with tarfile.open(archive) as tar:
        last = tar.getnames()[-1]
    rewrite_archive(archive, damaged, lambda name, data: data + b"x" if name == last else data)
    into = tmp_path / "into"
    into.mkdir()
    with pytest.raises(BackupError, match="wrong checksum"):
        unpack(damaged, into)
    assert list(into.rglob("*")) == []


def hostile_member(kind):
    """Return a TarInfo (and its data) of the given kind of hostile member."""
    if kind == "symlink":
        member = tarfile.TarInfo("media/original_images/peta.jpg")
        member.type, member.linkname = tarfile.SYMTYPE, "/etc/passwd"
    elif kind == "hard link":
        member = tarfile.TarInfo("media/original_images/peta.jpg")
        member.type, member.linkname = tarfile.LNKTYPE, "/etc/passwd"
    elif kind == "device":
        member = tarfile.TarInfo("media/original_images/peta.jpg")
        member.type, member.devmajor, member.devminor = tarfile.CHRTYPE, 1, 5
    elif kind == "fifo":
        member = tarfile.TarInfo("media/original_images/peta.jpg")
        member.type = tarfile.FIFOTYPE
    elif kind == "absolute path":
        member = tarfile.TarInfo("/tmp/warta-escaped-by-restore")
    else:
        member = tarfile.TarInfo("media/../../warta-escaped-by-restore")
    data = b"" if member.type != tarfile.REGTYPE else b"keluar dari folder"
    member.size = len(data)
    return member, data


HOSTILE = ["symlink", "hard link", "device", "fifo", "absolute path", "dot-dot path"]


@pytest.mark.parametrize("kind", HOSTILE)
def test_links_devices_and_escaping_paths_are_refused(archive, tmp_path, kind):
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(archive) as good, tarfile.open(hostile, "w:gz") as bad:
        for member in good.getmembers():
            bad.addfile(member, good.extractfile(member))
        member, data = hostile_member(kind)
        bad.addfile(member, io.BytesIO(data))
    into = tmp_path / "a" / "b" / "into"
    into.mkdir(parents=True)
    with pytest.raises(BackupError, match="nothing was restored|Nothing was restored"):
        unpack(hostile, into)
    assert list(into.rglob("*")) == []
    assert not (tmp_path / "a" / "warta-escaped-by-restore").exists()
    with pytest.raises(CommandError, match="not written by `warta backup`|damaged"):
        call_command("restore", str(hostile), "--force")


def python_with_warta(python, folder):
    """Build a venv from `python` that sees this checkout and its installed dependencies."""
    subprocess.run([str(python), "-m", "venv", "--without-pip", str(folder)], check=True)
    site_packages = folder / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    purelib = sysconfig.get_paths()["purelib"]
    (site_packages / "site-packages" / "warta-checkout.pth").write_text(
        f"import site; site.addsitedir({purelib!r})\n"
    )
    return folder / "bin" / "python"


def empty_database(tmp_path, name):
    """Return (DATABASE_URL, cleanup) for an empty database of the test run's engine."""
    if connection.vendor == "sqlite":
        path = tmp_path / f"{name}.sqlite3"
        return f"sqlite:///{path}", lambda: None
    database = f"{connection.settings_dict['NAME']}_{name}"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
        cursor.execute(f'CREATE DATABASE "{database}"')
    params = connection.settings_dict
    url = (
        f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        f"/{database}"
    )

    def drop():
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    return url, drop


def usernames(url):
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return {row[0] for row in db.execute("SELECT username FROM auth_user")}
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        return {row[0] for row in db.execute("SELECT username FROM auth_user")}


PYTHONS = {
    "debian python3": DEBIAN_PYTHON,
    "this python": Path(sys.executable),
}


@pytest.mark.parametrize("python", PYTHONS.values(), ids=PYTHONS.keys())
def test_restore_works_on_debians_python_and_this_one(archive, tmp_path, python):
    if not python.exists():
        pytest.skip(f"{python} is not installed (Debian 12: apt-get install python3)")
    version = subprocess.run(
        [str(python), "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version == str(sys.version_info[:2]), "the checkout's packages are built for this one"
    interpreter = python_with_warta(python, tmp_path / "venv")
    url, drop = empty_database(tmp_path, "restored")
    try:
        done = subprocess.run(
            [str(interpreter), "-m", "warta", "restore", str(archive)],
            env=warta_env(
                DATABASE_URL=url,
                WARTA_VAR_DIR=str(tmp_path / "var"),
                WARTA_MEDIA_ROOT=str(tmp_path / "restored-media"),
            ),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "redaktur" in usernames(url)
    finally:
        drop()
    restored = [p for p in (tmp_path / "restored-media").rglob("*") if p.is_file()]
    assert restored, "the image files came back"
