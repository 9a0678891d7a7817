"""Requests are deleted on schedule: `purge_requests`, run nightly by the cron service."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from intake.models import FamilyRequest
from tests import factories

pytestmark = pytest.mark.django_db


def ago(days, hours=0):
    return timezone.now() - timedelta(days=days, hours=hours)


@override_settings(INTAKE_RETENTION_DAYS=90, INTAKE_HANDLED_RETENTION_DAYS=14)
def test_old_and_long_handled_requests_go_and_the_rest_stay(capsys):
    old = factories.FamilyRequestFactory(received_at=ago(90, hours=1))
    recent = factories.FamilyRequestFactory(received_at=ago(89))
    handled_long_ago = factories.FamilyRequestFactory(
        received_at=ago(30), handled_at=ago(14, hours=1)
    )
    handled_lately = factories.FamilyRequestFactory(
        received_at=ago(30), handled_at=ago(13)
    )

    call_command("purge_requests")

    assert set(FamilyRequest.objects.all()) == {recent, handled_lately}
    assert "Deleted 2 requests past the retention period" in capsys.readouterr().out
    deleted = set(
        ModelLogEntry.objects.filter(action="intake.deleted").values_list(
            "object_id", flat=True
        )
    )
    assert deleted == {str(old.pk), str(handled_long_ago.pk)}


def test_the_clock_moved_forward_takes_todays_requests_too():
    """What the nightly job will do 91 days from now, seen from today."""
    from intake.retention import purge_expired

    factories.FamilyRequestFactory.create_batch(3)
    assert purge_expired(now=timezone.now() + timedelta(days=91)) == 3
    assert not FamilyRequest.objects.exists()


def test_nothing_to_delete_is_said_plainly(capsys):
    factories.FamilyRequestFactory()
    call_command("purge_requests")
    assert "Deleted 0 requests" in capsys.readouterr().out
    assert FamilyRequest.objects.count() == 1
