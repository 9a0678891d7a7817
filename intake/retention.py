"""Requests are kept only as long as a team needs them (settings: INTAKE_*_DAYS)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import FamilyRequest


def purge_expired(now=None) -> int:
    """Delete every request past its retention period; return how many went.

    Each deletion is in the audit log (the request's number and kind, nothing the
    family wrote), so a team can see that a request was deleted on schedule.
    """
    now = now or timezone.now()
    with transaction.atomic():
        expired = list(
            FamilyRequest.objects.due_for_deletion(now)
            .select_for_update()
            .only("pk", "kind")
        )
        for family_request in expired:
            log(family_request, "intake.deleted")
        FamilyRequest.objects.filter(pk__in=[r.pk for r in expired]).delete()
    return len(expired)
