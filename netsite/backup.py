"""Back up and restore the whole site: the database and the uploaded media.

A backup is a folder::

    netsite-backup-20260101-020000/
        database.dump      PostgreSQL: pg_dump's custom format (pg_restore reads it)
        database.sqlite3   SQLite: a consistent copy (SQLite's online backup API)
        media.tar.gz       MEDIA_ROOT (images, documents, renditions)
        manifest.json      when, which engine, and how many pages, revisions, images,
                           documents and users it holds, checked again after a restore

Used by ``manage.py backup_site`` / ``restore_site`` and ``make backup`` /
``make restore`` (docs/operations.md). Plain functions, so tests can call them.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import dj_database_url

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"


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
        counts = count_rows(connection, counted_tables())
        if database.engine == "postgresql":
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    str(partial / PG_DUMP),
                    *database.pg_args(),
                    database.name,
                ],
                database.pg_env(),
            )
        else:
            connection.ensure_connection()
            # The online backup API copies a consistent snapshot, even of a database
            # in use (and of the in-memory test database), unlike copying the file.
            with sqlite3.connect(partial / SQLITE_COPY) as copy:
                connection.connection.backup(copy)
            copy.close()
        media = _archive_media(media_root, partial / MEDIA_ARCHIVE)
        manifest = {
            "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
            "engine": database.engine,
            "database_file": PG_DUMP
            if database.engine == "postgresql"
            else SQLITE_COPY,
            "media_archive": MEDIA_ARCHIVE if media else None,
            "counts": counts,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    # Only a finished backup gets its final name: a crash never leaves a half backup
    # that looks complete.
    partial.rename(target)
    return target


def _archive_media(media_root: Path | None, archive: Path) -> bool:
    if media_root is None or not Path(media_root).is_dir():
        return False
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(media_root, arcname="media")
    return True


# --- Restore --------------------------------------------------------------------------


def read_manifest(backup_dir: Path) -> dict:
    path = Path(backup_dir) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{backup_dir} is not a finished backup (no {MANIFEST}).")
    return json.loads(path.read_text())


def restore(backup_dir: Path, database: Database, media_root: Path | None) -> dict:
    """Restore a backup into ``database`` (replacing its contents) and ``media_root``.

    Returns the manifest's counts after checking the restored database holds exactly
    as many pages, revisions, images, documents and users as the backup did.
    """
    backup_dir = Path(backup_dir)
    manifest = read_manifest(backup_dir)
    if manifest["engine"] != database.engine:
        raise BackupError(
            f"This is a {manifest['engine']} backup; it cannot be restored into "
            f"{database.engine}. Restore it into a {manifest['engine']} database."
        )
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
    restored = verify(database, manifest["counts"])
    return restored


def _restore_media(archive: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            # Strip the leading "media/" so files land directly in MEDIA_ROOT.
            member.name = member.name.split("/", 1)[1] if "/" in member.name else ""
        members = [m for m in tar.getmembers() if m.name]
        # The "data" filter refuses absolute paths, "..", links out of the folder, etc.
        tar.extractall(media_root, members=members, filter="data")  # noqa: S202


def verify(database: Database, expected: dict[str, int]) -> dict[str, int]:
    """Count the restored rows; raise if anything is missing or extra."""
    connection = database.connect()
    try:
        actual = count_rows(connection, counted_tables())
    finally:
        connection.close()
    if actual != expected:
        raise BackupError(f"Restore check failed: expected {expected}, found {actual}.")
    return actual
