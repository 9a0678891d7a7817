"""`make run`'s local admin login: created with a stored password, never in production."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.management.commands import ensure_dev_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".dev-admin-password"
    monkeypatch.setattr(ensure_dev_admin, "PASSWORD_FILE", path)
    return path


def test_the_printed_login_works_and_stays_the_same(settings, password_file):
    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_dev_admin", "--url", "http://127.0.0.1:8765/", stdout=out)

    password = password_file.read_text().strip()
    assert f"http://127.0.0.1:8765/admin/  username: admin  password: {password}" in (
        out.getvalue()
    )
    user = authenticate(username="admin", password=password)
    assert user is not None and user.is_superuser
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"

    call_command("ensure_dev_admin", stdout=StringIO())  # again: same password
    assert password_file.read_text().strip() == password
    assert authenticate(username="admin", password=password) is not None


def test_it_refuses_to_run_without_debug(settings, password_file):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_dev_admin", stdout=StringIO())
    assert not password_file.exists()
