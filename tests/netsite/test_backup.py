"""Backup and restore: a restore into an empty database gives everything back.

The round trip runs on the engine the test suite runs on (SQLite by default, PostgreSQL
when DATABASE_URL points there). When the suite runs on PostgreSQL, the SQLite round
trip still runs, in a subprocess with its own SQLite database: both are always tested.
"""

import filecmp
import os
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


@roundtrip
def test_a_restore_check_catches_missing_rows(home, site, tmp_path, fresh_database):
    make_content(home)
    folder = backup.backup(tmp_path, media_root=None)
    manifest_path = folder / backup.MANIFEST
    manifest = backup.read_manifest(folder)
    manifest["counts"]["pages"] += 1  # the backup claims a page the dump lacks
    manifest_path.write_text(__import__("json").dumps(manifest))
    with pytest.raises(backup.BackupError, match="Restore check failed"):
        backup.restore(folder, fresh_database, media_root=None)


def test_an_unfinished_backup_is_refused(tmp_path):
    (tmp_path / "netsite-backup-x.partial").mkdir()
    with pytest.raises(CommandError, match="not a finished backup"):
        call_command(
            "restore_site",
            str(tmp_path / "netsite-backup-x.partial"),
            interactive=False,
        )


def test_a_backup_is_not_restored_into_another_engine(tmp_path):
    (tmp_path / backup.MANIFEST).write_text(
        '{"engine": "postgresql", "database_file": "database.dump", "counts": {}}'
    )
    target = backup.Database(engine="sqlite", name=str(tmp_path / "x.sqlite3"))
    with pytest.raises(backup.BackupError, match="cannot be restored into sqlite"):
        backup.restore(tmp_path, target, media_root=None)


def test_restore_asks_before_replacing_anything(tmp_path):
    (tmp_path / backup.MANIFEST).write_text(
        '{"engine": "sqlite", "database_file": "database.sqlite3", '
        '"created_at": "then", '
        '"counts": {}}'
    )
    target = tmp_path / "target.sqlite3"
    with (
        mock.patch("builtins.input", return_value="no"),
        pytest.raises(CommandError, match="cancelled"),
    ):
        call_command("restore_site", str(tmp_path), database_url=f"sqlite:///{target}")
    assert not target.exists()


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
