"""Backup and restore: a restore into an empty database gives everything back.

The round trip runs on the engine the test suite runs on (SQLite by default, PostgreSQL
when DATABASE_URL points there). When the suite runs on PostgreSQL, the SQLite round
trip still runs, in a subprocess with its own SQLite database: both are always tested.
"""

import filecmp
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from unittest import mock

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from netsite import backup
from tests import factories

ROOT = Path(__file__).resolve().parents[2]

# Committed data is needed (pg_dump reads it from another connection); the data that
# migrations create is put back for the tests that come after.
roundtrip = pytest.mark.django_db(transaction=True, serialized_rollback=True)

KEY_ROWS = {
    "wagtailcore_page": "id, title, url_path, live, path",
    "wagtailcore_revision": "id, object_id, content_type_id",
    "wagtailimages_image": "id, title, file, width, height",
    "auth_user": "id, username, password, is_superuser",
}


def key_rows(db_connection) -> dict[str, list[tuple]]:
    cursor = db_connection.cursor()
    try:
        rows = {}
        for table, columns in KEY_ROWS.items():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")  # noqa: S608
            rows[table] = [tuple(row) for row in cursor.fetchall()]
        return rows
    finally:
        cursor.close()


def make_content(home):
    """Pages with several revisions, an image with its file, and users."""
    page = factories.StandardPageFactory(parent=home, title="Visiting us")
    for title in ("Visiting the center", "Visiting our center"):
        page.title = title
        page.save_revision().publish()
    condition_index = factories.ConditionIndexPageFactory(parent=home)
    condition = factories.ConditionPageFactory(
        parent=condition_index, title="Neuroblastoma"
    )
    condition.save_revision().publish()
    image = wagtail_factories.ImageFactory(title="Team photo")
    user_model = get_user_model()
    user_model.objects.create_superuser("admin", "admin@example.org", "pw-0123456789")
    user_model.objects.create_user("editor", "editor@example.org", "pw-9876543210")
    return image


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the suite's engine, dropped afterwards."""
    source = backup.Database.from_settings(connection.settings_dict)
    if source.engine == "sqlite":
        yield backup.Database(engine="sqlite", name=str(tmp_path / "restored.sqlite3"))
        return
    import psycopg2

    name = f"netsite_restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=source.user or None,
        password=source.password or None,
        host=source.host or None,
        port=source.port or None,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield backup.Database(
            engine="postgresql",
            name=name,
            user=source.user,
            password=source.password,
            host=source.host,
            port=source.port,
        )
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def database_url(database: backup.Database) -> str:
    if database.engine == "sqlite":
        return f"sqlite:///{database.name}"
    auth = database.user + (f":{database.password}" if database.password else "")
    host = database.host or "localhost"
    port = f":{database.port}" if database.port else ""
    return f"postgres://{auth}@{host}{port}/{database.name}"


@roundtrip
def test_restore_into_an_empty_database_gives_everything_back(
    home, site, tmp_path, fresh_database
):
    image = make_content(home)
    expected_rows = key_rows(connection)
    expected_counts = backup.count_rows(connection, backup.counted_tables())
    assert expected_counts["revisions"] >= 3
    assert expected_counts["users"] == 2

    call_command("backup_site", output_dir=str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    assert backup.read_manifest(folder)["counts"] == expected_counts

    restored_media = tmp_path / "restored-media"
    call_command(
        "restore_site",
        str(folder),
        database_url=database_url(fresh_database),
        media_root=str(restored_media),
        interactive=False,
    )

    restored = fresh_database.connect()
    try:
        assert backup.count_rows(restored, backup.counted_tables()) == expected_counts
        assert key_rows(restored) == expected_rows
    finally:
        restored.close()
    original_file = Path(settings.MEDIA_ROOT) / image.file.name
    assert filecmp.cmp(original_file, restored_media / image.file.name, shallow=False)


def test_the_restore_check_counts_what_was_restored(tmp_path):
    target = backup.Database(engine="sqlite", name=str(tmp_path / "empty.sqlite3"))
    sqlite3.connect(target.name).close()
    with pytest.raises(backup.BackupError, match="Restore check failed.*no such table"):
        backup.verify(target, {"pages": 1})


def test_an_unfinished_backup_is_refused(tmp_path):
    (tmp_path / "netsite-backup-x.partial").mkdir()
    with pytest.raises(CommandError, match="not a finished backup"):
        call_command(
            "restore_site",
            str(tmp_path / "netsite-backup-x.partial"),
            interactive=False,
        )


def resign(folder: Path, **changes) -> None:
    """Rewrite the manifest with ``changes`` and a matching checksum, as someone
    would who meant to get a damaged file past the checks."""
    manifest = backup.read_manifest(folder)
    manifest.update(changes)
    for name in manifest["files"]:
        manifest["files"][name] = {
            "bytes": (folder / name).stat().st_size,
            "sha256": backup.sha256_of(folder / name),
        }
    text = json.dumps(manifest)
    (folder / backup.MANIFEST).write_text(text)
    (folder / backup.MANIFEST_DIGEST).write_text(
        hashlib.sha256(text.encode()).hexdigest()
    )


@pytest.fixture
def made_backup(home, site, tmp_path, settings):
    """A real backup of the suite's database with some content and one media file."""
    settings.MEDIA_ROOT = str(tmp_path / "site-media")
    make_content(home)
    return backup.backup(tmp_path / "backups", media_root=Path(settings.MEDIA_ROOT))


@pytest.fixture
def current(tmp_path, fresh_database):
    """What a refused restore must leave alone: a target database and media folder."""
    media = tmp_path / "current-media"
    media.mkdir()
    (media / "keep.txt").write_text("current")

    def untouched():
        assert sorted(path.name for path in media.iterdir()) == ["keep.txt"]
        if fresh_database.engine == "sqlite":
            assert not Path(fresh_database.name).exists()
            return
        restored = fresh_database.connect()
        try:
            with restored.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = 'public'"
                )
                assert cursor.fetchone()[0] == 0
        finally:
            restored.close()

    return fresh_database, media, untouched


def restore_refused(folder, current, match):
    database, media, untouched = current
    with pytest.raises(backup.BackupError, match=match):
        backup.restore(folder, database, media_root=media)
    untouched()


@roundtrip
def test_an_edited_manifest_is_refused_before_anything_changes(made_backup, current):
    manifest = backup.read_manifest(made_backup)
    manifest["counts"]["pages"] += 1  # the backup would claim a page the dump lacks
    (made_backup / backup.MANIFEST).write_text(json.dumps(manifest))
    restore_refused(made_backup, current, "has been changed since the backup")


@roundtrip
def test_a_manifest_naming_other_files_is_refused(made_backup, current):
    resign(made_backup, database_file="../../etc/passwd")
    restore_refused(made_backup, current, "not a manifest this site writes")


@roundtrip
def test_a_truncated_media_archive_is_refused_before_anything_changes(
    made_backup, current
):
    archive = made_backup / backup.MEDIA_ARCHIVE
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    restore_refused(made_backup, current, "media.tar.gz is .* bytes; .*truncated")
    resign(made_backup)  # sizes and checksums now agree: the archive itself is short
    restore_refused(made_backup, current, "media.tar.gz is damaged or incomplete")


@roundtrip
def test_a_damaged_database_file_is_refused_before_anything_changes(
    made_backup, current
):
    name = backup.read_manifest(made_backup)["database_file"]
    data = bytearray((made_backup / name).read_bytes())
    if name == backup.SQLITE_COPY:
        # Scramble pages in the middle: the header still says "SQLite format 3".
        data[4096 : 4096 * 6] = bytes(range(256)) * 80
        expected = "database.sqlite3 is (damaged|not a readable SQLite database)"
    else:
        data[:16] = b"not a pg dump..."
        expected = "database.dump is not a readable PostgreSQL dump"
    (made_backup / name).write_bytes(bytes(data))
    restore_refused(made_backup, current, "does not match its checksum")
    resign(made_backup)
    restore_refused(made_backup, current, expected)


def test_a_manifest_that_is_not_json_is_a_clear_error(tmp_path, capsys):
    (tmp_path / backup.MANIFEST).write_text("{not json")
    with pytest.raises(CommandError, match="manifest.json cannot be read"):
        call_command("restore_site", str(tmp_path), interactive=False)


@roundtrip
def test_restore_checks_then_asks_before_replacing_anything(
    home, site, tmp_path, settings
):
    folder = backup.backup(tmp_path / "backups", media_root=None)
    target = tmp_path / "target.sqlite3"
    engine = backup.read_manifest(folder)["engine"]
    url = f"sqlite:///{target}" if engine == "sqlite" else None
    out = io.StringIO()
    with (
        mock.patch("builtins.input", return_value="no") as asked,
        mock.patch.object(backup, "restore") as restore,
        pytest.raises(CommandError, match="cancelled"),
    ):
        call_command("restore_site", str(folder), database_url=url, stdout=out)
    assert "every file is whole" in out.getvalue()
    asked.assert_called_once()
    restore.assert_not_called()
    assert not target.exists()


@roundtrip
def test_a_backup_taken_while_the_site_is_written_restores_cleanly(
    home, site, tmp_path, fresh_database, monkeypatch
):
    """A user is added (and committed) just as the dump starts: the dump and the
    manifest's counts must agree about it, so the restore's check passes."""
    make_content(home)
    real_run = backup._run

    def write_then_run(command, env):
        if command[0] == "pg_dump":
            get_user_model().objects.create_user("late", "late@example.org", "pw-x")
        return real_run(command, env)

    monkeypatch.setattr(backup, "_run", write_then_run)
    if connection.vendor == "sqlite":
        # The online backup copies at once; write right after it, before the counts
        # of the old code were compared with it.
        real_copy = backup._copy_sqlite

        def copy_then_write(conn, path):
            counts = real_copy(conn, path)
            get_user_model().objects.create_user("late", "late@example.org", "pw-x")
            return counts

        monkeypatch.setattr(backup, "_copy_sqlite", copy_then_write)
    folder = backup.backup(tmp_path / "backups", media_root=None)
    counts = backup.restore(folder, fresh_database, media_root=None)
    assert counts == backup.read_manifest(folder)["counts"]


@roundtrip
def test_restoring_the_sites_own_database_empties_the_page_cache(
    client, home, site, settings, tmp_path
):
    settings.PAGE_CACHE_TIMEOUT = 300
    page = factories.StandardPageFactory(parent=home, title="Before the restore")
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "HIT"
    folder = backup.backup(tmp_path / "backups", media_root=None)
    out = io.StringIO()
    with mock.patch.object(backup, "restore", return_value={"pages": 3}) as restore:
        call_command("restore_site", str(folder), interactive=False, stdout=out)
    restore.assert_called_once()
    assert "Cleared the site's cache" in out.getvalue()
    assert client.get(page.url)["X-Page-Cache"] == "MISS"


def test_media_archives_cannot_write_outside_the_media_folder(tmp_path):
    import tarfile

    evil = tmp_path / "media.tar.gz"
    payload = tmp_path / "payload.txt"
    payload.write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(payload, arcname="media/../../escaped.txt")
    with pytest.raises(tarfile.FilterError):
        backup._restore_media(evil, tmp_path / "media")
    assert not (tmp_path.parent / "escaped.txt").exists()


SQLITE_CONTENT = """
from tests.netsite.test_backup import make_content
from netsite.models import HomePage
make_content(HomePage.objects.get())
"""


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="the in-process round trip covers SQLite"
)
def test_sqlite_round_trip_when_the_suite_runs_on_postgresql(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netsite.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}",
    }

    def manage(*args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("migrate", "--noinput")
    manage("shell", "-c", SQLITE_CONTENT)
    manage("backup_site", "--output-dir", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    target = tmp_path / "restored.sqlite3"
    out = manage(
        "restore_site",
        str(folder),
        "--database-url",
        f"sqlite:///{target}",
        "--noinput",
        "--media-root",
        str(tmp_path / "media"),
    )
    assert "Restored and checked" in out
    import sqlite3

    source = sqlite3.connect(tmp_path / "source.sqlite3")
    restored = sqlite3.connect(target)
    try:
        assert key_rows(restored) == key_rows(source)
    finally:
        source.close()
        restored.close()
