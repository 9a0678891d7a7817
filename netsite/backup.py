"""Back up and restore the whole site: the database and the uploaded media.

A backup is a folder::

    netsite-backup-20260101-020000/
        database.dump      PostgreSQL: pg_dump's custom format (pg_restore reads it)
        database.sqlite3   SQLite: a consistent copy (SQLite's online backup API)
        media.tar.gz       MEDIA_ROOT (images, documents, renditions)
        manifest.json      when, which engine, how many pages, revisions, images,
                           documents and users it holds, how many media files and
                           bytes, and each file's size and SHA-256
        manifest.sha256    the manifest's own SHA-256

The counts are taken in the same snapshot as the dump (PostgreSQL: an exported
snapshot pg_dump uses too; SQLite: counted in the copy), so a backup taken while the
site is being edited restores and checks cleanly. A restore checks everything first
(netsite/backup_checks.py) and touches current data only when all of it is sound.

Used by ``manage.py backup_site`` / ``restore_site`` and ``make backup`` /
``make restore`` (docs/operations.md). Plain functions, so tests can call them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import dj_database_url

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
MANIFEST_DIGEST = "manifest.sha256"


class BackupError(Exception):
    """A backup or restore could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class Database:
    """Where a database is: its engine and connection details (from Django or a URL)."""

    engine: str  # "postgresql" or "sqlite"
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, settings_dict: dict) -> Database:
        engine = settings_dict["ENGINE"]
        if "postgresql" in engine:
            kind = "postgresql"
        elif "sqlite" in engine:
            kind = "sqlite"
        else:
            raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
        return cls(
            engine=kind,
            name=str(settings_dict["NAME"]),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
        )

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls.from_settings(dj_database_url.parse(url))

    def pg_args(self) -> list[str]:
        """Connection options for pg_dump / pg_restore (the password goes by env)."""
        args = []
        if self.host:
            args += ["--host", self.host]
        if self.port:
            args += ["--port", self.port]
        if self.user:
            args += ["--username", self.user]
        return args

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def connect(self):
        """A plain DB-API connection, independent of Django's (to check a restore)."""
        if self.engine == "sqlite":
            return sqlite3.connect(self.name)
        import psycopg2

        return psycopg2.connect(
            dbname=self.name,
            user=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
        )


def counted_tables() -> dict[str, str]:
    """What a restore must give back in full: label → database table."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    return {
        "pages": Page._meta.db_table,
        "revisions": Revision._meta.db_table,
        "images": get_image_model()._meta.db_table,
        "documents": get_document_model()._meta.db_table,
        "users": get_user_model()._meta.db_table,
    }


def count_rows(connection, tables: dict[str, str]) -> dict[str, int]:
    """Row counts through a DB-API connection (Django's, psycopg2's or sqlite3's)."""
    cursor = connection.cursor()
    try:
        counts = {}
        for label, table in tables.items():
            # Table names come from the models, never from input.
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            counts[label] = cursor.fetchone()[0]
        return counts
    finally:
        cursor.close()


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed. Install the PostgreSQL client "
            "(Debian: apt-get install postgresql-client) of the server's version."
        )
    result = subprocess.run(  # noqa: S603 - fixed pg_* commands, no shell
        command, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


# --- Backup ---------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(output_dir: Path, media_root: Path | None, alias: str = "default") -> Path:
    """Back up database ``alias`` and ``media_root`` into a new folder; return it."""
    from django.db import connections

    connection = connections[alias]
    database = Database.from_settings(connection.settings_dict)
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(output_dir) / f"netsite-backup-{stamp}"
    suffix = 1
    while target.exists():  # two backups in one second get distinct folders
        suffix += 1
        target = Path(output_dir) / f"netsite-backup-{stamp}-{suffix}"
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True)
    try:
        if database.engine == "postgresql":
            database_file = PG_DUMP
            counts = _dump_postgresql(database, partial / PG_DUMP)
        else:
            database_file = SQLITE_COPY
            counts = _copy_sqlite(connection, partial / SQLITE_COPY)
        media = _archive_media(media_root, partial / MEDIA_ARCHIVE)
        files = [database_file, *([MEDIA_ARCHIVE] if media else [])]
        manifest = {
            "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
            "engine": database.engine,
            "database_file": database_file,
            "media_archive": MEDIA_ARCHIVE if media else None,
            "media": media,
            "counts": counts,
            "files": {
                name: {
                    "bytes": (partial / name).stat().st_size,
                    "sha256": sha256_of(partial / name),
                }
                for name in files
            },
        }
        text = json.dumps(manifest, indent=2) + "\n"
        (partial / MANIFEST).write_text(text)
        (partial / MANIFEST_DIGEST).write_text(
            hashlib.sha256(text.encode()).hexdigest() + "\n"
        )
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    # Only a finished backup gets its final name: a crash never leaves a half backup
    # that looks complete.
    partial.rename(target)
    return target


def _dump_postgresql(database: Database, path: Path) -> dict[str, int]:
    """pg_dump in a snapshot that the counts are taken in too, so that rows written
    during the backup are in both or in neither."""
    connection = database.connect()
    try:
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = count_rows(connection, counted_tables())
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                "--file",
                str(path),
                *database.pg_args(),
                database.name,
            ],
            database.pg_env(),
        )
        return counts
    finally:
        connection.close()


def _copy_sqlite(connection, path: Path) -> dict[str, int]:
    """SQLite's online backup API copies a consistent snapshot, even of a database in
    use (and of the in-memory test database); the counts come from that copy."""
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
        # The site runs in WAL mode (settings: SQLITE_OPTIONS), which the copy inherits;
        # a backup is one self-contained file, so it keeps a rollback journal instead.
        copy.execute("PRAGMA journal_mode=DELETE")
        counts = count_rows(copy, counted_tables())
    copy.close()
    return counts


def _archive_media(media_root: Path | None, archive: Path) -> dict | None:
    """Archive MEDIA_ROOT; return how many files and bytes it holds (None: none)."""
    if media_root is None or not Path(media_root).is_dir():
        return None
    files = size = 0
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(media_root, arcname="media")
        for member in tar.getmembers():
            if member.isfile():
                files += 1
                size += member.size
    return {"files": files, "bytes": size}


# --- Restore --------------------------------------------------------------------------


def read_manifest(backup_dir: Path) -> dict:
    """The manifest of a finished backup (not yet checked: see backup_checks)."""
    path = Path(backup_dir) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{backup_dir} is not a finished backup (no {MANIFEST}).")
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, OSError) as error:
        raise BackupError(f"{path} cannot be read ({error}).") from None
    if not isinstance(manifest, dict):
        raise BackupError(f"{path} is not a backup manifest.")
    return manifest


def restore(backup_dir: Path, database: Database, media_root: Path | None) -> dict:
    """Restore a backup into ``database`` (replacing its contents) and ``media_root``.

    Everything in the backup is checked first (checksums, the database file's
    integrity, the media archive read to its end); nothing current is touched unless
    all of it is sound. Returns the counts after checking the restored database holds
    exactly as many pages, revisions, images, documents and users as the backup did.
    """
    from .backup_checks import check_backup

    backup_dir = Path(backup_dir)
    manifest = check_backup(backup_dir, database.engine)
    source = backup_dir / manifest["database_file"]
    if database.engine == "postgresql":
        # One transaction: a restore that fails part-way changes nothing.
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *database.pg_args(),
                "--dbname",
                database.name,
                str(source),
            ],
            database.pg_env(),
        )
    else:
        Path(database.name).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source) as src, sqlite3.connect(database.name) as dst:
            src.backup(dst)
        src.close()
        dst.close()
    if manifest.get("media_archive") and media_root is not None:
        _restore_media(backup_dir / manifest["media_archive"], Path(media_root))
    return verify(database, manifest["counts"])


def _restore_media(archive: Path, media_root: Path) -> None:
    """Unpack into a folder inside MEDIA_ROOT, then swap it in: an archive that fails
    part-way leaves the current media as they were. (Inside, not beside: MEDIA_ROOT
    may be a mounted volume, which cannot be renamed.)"""
    media_root.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".restoring-", dir=media_root))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = []
            for member in tar.getmembers():
                # Strip the leading "media/" so files land directly in MEDIA_ROOT.
                member.name = member.name.split("/", 1)[1] if "/" in member.name else ""
                if member.name:
                    members.append(member)
            # The "data" filter refuses absolute paths, "..", links out of the folder.
            tar.extractall(incoming, members=members, filter="data")  # noqa: S202
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    replaced = Path(tempfile.mkdtemp(prefix=".replaced-", dir=media_root))
    for entry in media_root.iterdir():
        if entry not in (incoming, replaced):
            entry.rename(replaced / entry.name)
    for entry in incoming.iterdir():
        entry.rename(media_root / entry.name)
    incoming.rmdir()
    shutil.rmtree(replaced, ignore_errors=True)


def verify(database: Database, expected: dict[str, int]) -> dict[str, int]:
    """Count the restored rows; raise if anything is missing or extra."""
    try:
        connection = database.connect()
        try:
            actual = count_rows(connection, counted_tables())
        finally:
            connection.close()
    except Exception as error:  # noqa: BLE001 - sqlite3's or psycopg2's, said plainly
        raise BackupError(
            f"Restore check failed: the restored database cannot be read ({error})."
        ) from None
    if actual != expected:
        raise BackupError(f"Restore check failed: expected {expected}, found {actual}.")
    return actual
