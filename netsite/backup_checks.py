"""Is a backup sound? Everything a restore needs, checked before it changes anything.

- The manifest is the one the backup wrote (its SHA-256 in ``manifest.sha256``) and
  names only the backup's own files.
- Every file has the size and SHA-256 the manifest gives: nothing truncated or edited.
- The database file opens and is whole: SQLite's ``PRAGMA integrity_check`` and the
  counts in the copy itself; PostgreSQL's dump is listed by ``pg_restore --list``.
- The media archive reads to its end and holds the files and bytes the manifest says,
  none of which could land outside the media folder.

Any failure is a :class:`~netsite.backup.BackupError` saying what is wrong; nothing
here writes anywhere.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tarfile
import zlib
from pathlib import Path

from .backup import (
    MANIFEST,
    MANIFEST_DIGEST,
    MEDIA_ARCHIVE,
    PG_DUMP,
    SQLITE_COPY,
    BackupError,
    _run,
    count_rows,
    counted_tables,
    read_manifest,
    sha256_of,
)

DATABASE_FILES = {"postgresql": PG_DUMP, "sqlite": SQLITE_COPY}


def check_backup(backup_dir: Path, engine: str) -> dict:
    """The backup's manifest, once every check has passed."""
    backup_dir = Path(backup_dir)
    manifest = read_manifest(backup_dir)
    _check_manifest_digest(backup_dir)
    if manifest.get("engine") != engine:
        raise BackupError(
            f"This is a {manifest.get('engine')} backup; it cannot be restored into "
            f"{engine}. Restore it into a {manifest.get('engine')} database."
        )
    _check_shape(manifest, engine)
    for name, expected in manifest["files"].items():
        _check_file(backup_dir / name, expected)
    database_file = backup_dir / manifest["database_file"]
    if engine == "sqlite":
        _check_sqlite(database_file, manifest["counts"])
    else:
        _check_pg_dump(database_file)
    if manifest["media_archive"]:
        _check_media(backup_dir / MEDIA_ARCHIVE, manifest["media"])
    return manifest


def _check_manifest_digest(backup_dir: Path) -> None:
    digest_path = backup_dir / MANIFEST_DIGEST
    if not digest_path.is_file():
        raise BackupError(
            f"{backup_dir} has no {MANIFEST_DIGEST}: it is not a finished backup, or "
            "was made by an older version. Nothing was changed."
        )
    expected = digest_path.read_text().strip()
    actual = hashlib.sha256((backup_dir / MANIFEST).read_bytes()).hexdigest()
    if actual != expected:
        raise BackupError(
            f"{MANIFEST} in {backup_dir} has been changed since the backup was made "
            "(its checksum does not match). Nothing was changed."
        )


def _check_shape(manifest: dict, engine: str) -> None:
    files = manifest.get("files")
    counts = manifest.get("counts")
    wanted = {
        DATABASE_FILES[engine],
        *([MEDIA_ARCHIVE] if manifest.get("media_archive") else []),
    }
    if (
        manifest.get("database_file") != DATABASE_FILES[engine]
        or manifest.get("media_archive") not in (None, MEDIA_ARCHIVE)
        or not isinstance(files, dict)
        or set(files) != wanted
        or not isinstance(counts, dict)
        or set(counts) != set(counted_tables())
        or (
            manifest.get("media_archive")
            and not isinstance(manifest.get("media"), dict)
        )
    ):
        raise BackupError(
            f"{MANIFEST} is not a manifest this site writes. Nothing was changed."
        )


def _check_file(path: Path, expected: dict) -> None:
    if not path.is_file():
        raise BackupError(
            f"{path.name} is missing from the backup. Nothing was changed."
        )
    size = path.stat().st_size
    if size != expected.get("bytes"):
        raise BackupError(
            f"{path.name} is {size:,} bytes; the backup wrote {expected.get('bytes')}. "
            "It is truncated or was replaced. Nothing was changed."
        )
    if sha256_of(path) != expected.get("sha256"):
        raise BackupError(
            f"{path.name} does not match its checksum: it was changed or damaged "
            "after the backup. Nothing was changed."
        )


def _check_sqlite(path: Path, expected_counts: dict) -> None:
    try:
        copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = copy.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":
                raise BackupError(
                    f"{path.name} is damaged (SQLite: {result}). Nothing was changed."
                )
            counts = count_rows(copy, counted_tables())
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"{path.name} is not a readable SQLite database ({error}). Nothing was changed."
        ) from None
    if counts != expected_counts:
        raise BackupError(
            f"{path.name} holds {counts}, not the {expected_counts} the manifest "
            "lists. Nothing was changed."
        )


def _check_pg_dump(path: Path) -> None:
    try:
        _run(["pg_restore", "--list", str(path)], dict(os.environ))
    except BackupError as error:
        raise BackupError(
            f"{path.name} is not a readable PostgreSQL dump ({error}). Nothing was changed."
        ) from None


def _check_media(archive: Path, expected: dict) -> None:
    files = size = 0
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:  # reads the archive to its very end
                tarfile.data_filter(member, "/restore-check")
                if member.isfile():
                    files += 1
                    size += member.size
                    extracted = tar.extractfile(member)
                    while extracted.read(1024 * 1024):
                        pass
    except tarfile.FilterError as error:
        raise BackupError(
            f"{archive.name} holds a file that would land outside the media folder "
            f"({error}). Nothing was changed."
        ) from None
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(
            f"{archive.name} is damaged or incomplete ({error}). Nothing was changed."
        ) from None
    if (files, size) != (expected.get("files"), expected.get("bytes")):
        raise BackupError(
            f"{archive.name} holds {files} files ({size} bytes); the backup archived "
            f"{expected.get('files')} ({expected.get('bytes')} bytes). Nothing was "
            "changed."
        )
