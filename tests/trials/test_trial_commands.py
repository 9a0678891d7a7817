"""`manage.py import_trials` and `manage.py sync_trials`: output and exit status."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.ctgov_records import FakeRegistry, sample_path, studies_page, study
from trials.models import ClinicalTrialPage
from trials.registry import importer

pytestmark = pytest.mark.django_db


def run(*args, stdin: bytes | None = None, monkeypatch=None):
    """Run a command; return (stdout, stderr, error or None)."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def registry(monkeypatch):
    """The registry API, faked: the commands' default fetch goes here."""
    fake = FakeRegistry()
    monkeypatch.setattr(importer, "default_fetch", fake)
    return fake


def test_import_a_downloaded_study_file(trial_listing):
    out, err, error = run("import_trials", "--file", str(sample_path("NCT09990001")))

    assert error is None and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("created    NCT09990001  Created and published")
    assert lines[-1] == "1 study: 1 created."
    assert ClinicalTrialPage.objects.get().nct_id == "NCT09990001"


def test_a_studies_page_with_bad_records_imports_the_rest_and_fails(
    trial_listing, tmp_path
):
    path = tmp_path / "studies.json"
    payload = studies_page(
        study("NCT05550001"),
        study("NCT05550002", eligibilityModule__minimumAge="6 Monthss"),
        study("NCT05550003", designModule__phases=["PHASE3"]),
    )
    path.write_text(json.dumps(payload))

    out, err, error = run("import_trials", "--file", str(path))

    assert error is not None
    assert str(error) == "1 study was rejected or skipped; see the messages above."
    assert "rejected   NCT05550002" in err
    assert "protocolSection.eligibilityModule.minimumAge" in err
    assert "created    NCT05550001" in out and "created    NCT05550003" in out
    assert out.splitlines()[-1] == "3 studies: 2 created, 1 rejected."
    assert sorted(ClinicalTrialPage.objects.values_list("nct_id", flat=True)) == [
        "NCT05550001",
        "NCT05550003",
    ]


def test_a_second_run_reports_unchanged(trial_listing, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(study()))
    run("import_trials", "--file", str(path))

    out, _err, error = run("import_trials", "--file", str(path))

    assert error is None
    assert out.splitlines() == [
        "unchanged  NCT05550001  NCT05550001 is already up to date with the "
        "registry; nothing was changed.",
        "1 study: 1 unchanged.",
    ]


def test_import_from_standard_input(trial_listing, monkeypatch):
    data = json.dumps([study("NCT05550001"), study("NCT05550002")]).encode()

    out, _err, error = run(
        "import_trials", "--file", "-", stdin=data, monkeypatch=monkeypatch
    )

    assert error is None
    assert out.splitlines()[-1] == "2 studies: 2 created."


@pytest.mark.parametrize(
    "content",
    [b"", b"not json at all", b'{"studies": [{"protocolSection": {', b"\x89PNG\r\n"],
)
def test_a_file_that_is_not_json_fails_without_writing(
    trial_listing, tmp_path, content
):
    path = tmp_path / "broken.json"
    path.write_bytes(content)

    _out, err, error = run("import_trials", "--file", str(path))

    assert error is not None
    assert "Rejected the data: not valid JSON" in err
    assert not ClinicalTrialPage.objects.exists()


def test_a_missing_file_is_a_clear_error(trial_listing, tmp_path):
    _out, _err, error = run("import_trials", "--file", str(tmp_path / "nope.json"))

    assert error is not None and "There is no file" in str(error)


def test_nothing_to_import_is_a_usage_error():
    _out, _err, error = run("import_trials")

    assert error is not None and "NCT IDs" in str(error)


def test_import_by_nct_id_fetches_from_the_registry(trial_listing, registry):
    registry.add(study("NCT05550001"))

    out, err, error = run("import_trials", "NCT05550001", "NCT05550002", "bogus")

    assert error is not None and "2 studies were rejected" in str(error)
    assert registry.calls == ["NCT05550001", "NCT05550002"]
    assert "created    NCT05550001" in out
    assert "rejected   NCT05550002" in err and "HTTP 404" in err
    assert "'bogus': it is not an NCT ID" in err
    assert out.splitlines()[-1] == "3 studies: 1 created, 2 rejected."


def test_revisions_can_name_the_user(trial_listing, registry, django_user_model):
    user = django_user_model.objects.create_user("cron", password="x" * 12)
    registry.add(study())

    run("import_trials", "NCT05550001", "--user", "cron")

    assert ClinicalTrialPage.objects.get().latest_revision.user == user
    _out, _err, error = run("import_trials", "NCT05550001", "--user", "nobody")
    assert error is not None and "There is no user 'nobody'" in str(error)


def test_sync_updates_every_registry_trial(trial_listing, registry):
    importer.import_payload([study("NCT05550001"), study("NCT05550002")])
    registry.add(study("NCT05550001"))
    registry.add(study("NCT05550002", statusModule__overallStatus="TERMINATED"))

    out, err, error = run("sync_trials")

    assert error is None and err == ""
    assert "unchanged  NCT05550001" in out
    assert "updated    NCT05550002" in out and "no longer open" in out
    assert out.splitlines()[-1] == "2 studies: 1 updated, 1 unchanged."
    assert ClinicalTrialPage.objects.get(nct_id="NCT05550002").overall_status == (
        "TERMINATED"
    )


def test_sync_fails_when_the_registry_fails(trial_listing, registry):
    importer.import_payload([study("NCT05550001"), study("NCT05550002")])
    registry.add(study("NCT05550002"))  # NCT05550001 answers 404

    out, err, error = run("sync_trials")

    assert error is not None and "1 study was rejected" in str(error)
    assert "rejected   NCT05550001" in err
    assert "unchanged  NCT05550002" in out


def test_sync_with_nothing_from_the_registry_says_so(trial_listing, registry):
    out, _err, error = run("sync_trials")

    assert error is None and "nothing to sync" in out
    assert registry.calls == []


def test_manage_py_exits_with_status_1_on_rejection(trial_listing, tmp_path, capsys):
    from django.core.management import ManagementUtility

    path = tmp_path / "bad.json"
    path.write_text(json.dumps(study(statusModule__overallStatus="OPEN")))

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_trials", "--file", str(path)]).execute()

    assert exit_info.value.code == 1
    assert "overallStatus" in capsys.readouterr().err
