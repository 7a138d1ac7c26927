"""Back up and restore the database and the media files as one checked archive.

The archive is a .tar.gz holding `manifest.json`, the database dump and `media/...`. The
manifest lists every other member with its SHA-256: restore checks them all before it
touches anything. SQLite is copied with its online backup API (consistent while the site
runs); PostgreSQL is dumped with pg_dump's custom format and loaded with pg_restore.
"""

import functools
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
MANIFEST_LIMIT = 64 << 20  # a manifest lists checksums: far smaller than this
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on, with a message for the operator."""


@dataclass
class Result:
    path: Path
    engine: str
    files: int
    size: int


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def engine_of(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def postgres_env(alias="default"):
    """Return the environment and the database argument for pg_dump and pg_restore."""
    database = settings.DATABASES[alias]
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[name] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    env["PGCONNECT_TIMEOUT"] = str(database.get("OPTIONS", {}).get("connect_timeout", 10))
    return env, database["NAME"]


def postgres_tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client), the same major version as the server."
        )
    return path


def run_tool(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump_database(target, alias="default"):
    """Write a consistent copy of the database to `target`."""
    if engine_of(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    env, name = postgres_env(alias)
    run_tool([postgres_tool("pg_dump"), "--format=custom", f"--file={target}", name], env)


def create_backup(path, alias="default"):
    """Write the database and the media files to a .tar.gz at `path`; return a Result."""
    path = Path(path)
    engine = engine_of(alias)
    media_root = Path(settings.MEDIA_ROOT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".warta-backup-") as scratch:
        dump = Path(scratch) / DUMPS[engine]
        dump_database(dump, alias)
        members = {DUMPS[engine]: dump}
        if media_root.is_dir():
            for file in sorted(media_root.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    members[f"{MEDIA}/{file.relative_to(media_root).as_posix()}"] = file
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created": timezone.now().isoformat(),
            "database": DUMPS[engine],
            "files": {name: sha256_of(file) for name, file in members.items()},
        }
        manifest_file = Path(scratch) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=1, sort_keys=True))
        # Written beside the target and renamed at the end: a failed backup leaves no archive.
        # Mode 600 from the start: the archive holds password hashes and TOTP secrets.
        partial = Path(scratch) / "archive.tar.gz"
        partial.touch(mode=0o600)
        partial.chmod(0o600)
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_file, MANIFEST)
            for name, file in members.items():
                archive.add(file, name)
        os.replace(partial, path)
    return Result(path=path, engine=engine, files=len(members) - 1, size=path.stat().st_size)


def check_member(member, path):
    """Refuse a member that is not a plain file or folder inside the archive's own tree."""
    name = PurePosixPath(member.name)
    if not (member.isfile() or member.isdir()):
        what = "a link" if member.issym() or member.islnk() else "a device or special file"
        raise BackupError(
            f"The archive {path} holds {what} ({member.name}): Warta's backups never do. "
            "It was not written by `warta backup`; nothing was restored."
        )
    if name.is_absolute() or ".." in name.parts or "\\" in member.name or not name.parts:
        raise BackupError(
            f"The archive {path} names a file outside its own folder ({member.name}): "
            "it was not written by `warta backup`; nothing was restored."
        )


def read_members(path):
    """Check every member of the archive at `path`; return (manifest bytes, {name: sha256})."""
    manifest, digests = None, {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            check_member(member, path)
            if member.isdir():
                continue
            if member.name in digests or (member.name == MANIFEST and manifest is not None):
                raise BackupError(f"The archive {path} names {member.name} twice: it is damaged.")
            stream = archive.extractfile(member)
            if member.name == MANIFEST:
                manifest = stream.read(MANIFEST_LIMIT + 1)
                continue
            digest = hashlib.sha256()
            for block in iter(functools.partial(stream.read, 1 << 20), b""):
                digest.update(block)
            digests[member.name] = digest.hexdigest()
    return manifest, digests


def parse_manifest(path, manifest):
    try:
        if manifest is None or len(manifest) > MANIFEST_LIMIT:
            raise ValueError("missing or too large")
        manifest = json.loads(manifest)
        files, engine = manifest["files"], manifest["engine"]
        if not isinstance(files, dict):
            raise TypeError("its file list is not a mapping")
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"The archive {path} has no readable manifest: {error}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The archive {path} is of an unknown format: {manifest.get('format')}.")
    if engine not in DUMPS or manifest.get("database") != DUMPS[engine]:
        raise BackupError(f"The archive {path} holds no database dump Warta can restore.")
    return manifest


def damaged(path, names, what):
    shown = ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")
    return BackupError(
        f"The archive {path} is damaged: {len(names)} file(s) {what} ({shown}). "
        "Nothing was restored."
    )


def verify(path):
    """Check every member's type, name and checksum against the manifest; return the manifest.

    Nothing is written to disk: the archive is read as a stream.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup archive at {path}.")
    try:
        manifest_bytes, found = read_members(path)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"The archive {path} is damaged and cannot be read: {error}.") from error
    manifest = parse_manifest(path, manifest_bytes)
    files = manifest["files"]
    problems = [
        (sorted(set(files) - set(found)), "missing"),
        (
            sorted(name for name in set(files) & set(found) if found[name] != files[name]),
            "with a wrong checksum",
        ),
        (sorted(set(found) - set(files)), "not in the manifest"),
    ]
    for names, what in problems:
        if names:
            raise damaged(path, names, what)
    return manifest


def extract(path, manifest, into):
    """Write the archive's checked files under `into` (mode 600), checking each digest again."""
    into = Path(into)
    files = manifest["files"]
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                check_member(member, path)
                if not member.isfile() or member.name == MANIFEST:
                    continue
                target = into.joinpath(*PurePosixPath(member.name).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                digest = hashlib.sha256()
                stream = archive.extractfile(member)
                with os.fdopen(os.open(target, flags, 0o600), "wb") as out:
                    for block in iter(functools.partial(stream.read, 1 << 20), b""):
                        digest.update(block)
                        out.write(block)
                # The archive may have changed since it was checked: the file must match again.
                if digest.hexdigest() != files.get(member.name):
                    raise damaged(path, [member.name], "changed while it was restored")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"The archive {path} is damaged and cannot be read: {error}.") from error


def unpack(path, into):
    """Check the whole archive, then extract it into `into`; return the manifest.

    Checksums are verified before anything is written, and the files are written by Warta
    itself (no `extractall`), the same way on every Python version.
    """
    manifest = verify(path)
    extract(path, manifest, into)
    return manifest


def database_has_tables(alias="default"):
    connection = connections[alias]
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def load_database(dump, engine, alias="default"):
    """Replace the database's content with the dump's."""
    connection = connections[alias]
    if engine == "sqlite":
        source = sqlite3.connect(dump)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            if cursor.fetchone()[0] != "ok":
                raise BackupError("The restored SQLite database fails its integrity check.")
        return
    with connection.cursor() as cursor:
        # pg_restore --clean drops only what the dump has: start from an empty schema instead.
        cursor.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    connection.close()
    env, name = postgres_env(alias)
    run_tool(
        [
            postgres_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={name}",
            str(dump),
        ],
        env,
    )


def restore_media(folder):
    """Copy the archive's media files into MEDIA_ROOT, each written whole then renamed."""
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    if not folder.is_dir():
        return count
    for file in sorted(folder.rglob("*")):
        if not file.is_file():
            continue
        target = media_root / file.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(file, partial)
        os.replace(partial, target)
        count += 1
    return count


def restore_backup(path, force=False, alias="default"):
    """Check the archive at `path`, then load its database and media; return a Result."""
    path = Path(path)
    engine = engine_of(alias)
    with tempfile.TemporaryDirectory(prefix="warta-restore-") as scratch:
        manifest = unpack(path, scratch)
        if manifest["engine"] != engine:
            raise BackupError(
                f"The archive holds a {manifest['engine']} database; this site uses {engine}. "
                "Move data between them with `warta dumpdata` and `warta loaddata`."
            )
        if not force and database_has_tables(alias):
            raise BackupError(
                "The database is not empty: restoring would replace everything in it. "
                "Give --force to do that, or point DATABASE_URL to an empty database."
            )
        load_database(Path(scratch) / manifest["database"], engine, alias)
        files = restore_media(Path(scratch) / MEDIA)
    return Result(path=path, engine=engine, files=files, size=path.stat().st_size)
