"""Is a trial's listing current? Our study team's confirmations, and when to warn.

Every trial page says when we last synced it with the registry, when the study team
last updated the registry record (``lastUpdatePostDate``), and when our own team last
confirmed the listing. A trial open to new patients whose registry record is over a
year old, or that our team has not confirmed for 90 days, tells families "This listing
may be out of date; call to check" and is on the staff report "Trials to confirm".

Confirmations are rows of their own, not page fields: confirming is not an edit, needs
no review and makes no revision, and each one records who confirmed and when.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from .registry import values

REGISTRY_RECORD_STALE_AFTER = datetime.timedelta(days=365)
CONFIRMATION_STALE_AFTER = datetime.timedelta(days=90)


class TrialConfirmation(models.Model):
    """Our study team's word, at a moment, that a trial's listing is current."""

    trial = models.ForeignKey(
        "trials.ClinicalTrialPage",
        on_delete=models.CASCADE,
        related_name="confirmations",
        help_text="The trial whose listing was confirmed.",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who confirmed it (empty once their account is deleted, or for the "
        "demo content).",
    )
    confirmed_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When it was confirmed."
    )

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        verbose_name = "trial confirmation"

    def __str__(self) -> str:
        return f"{self.trial_id} confirmed {self.confirmed_at:%Y-%m-%d}"


def with_last_confirmed(queryset: models.QuerySet, *, who=False) -> models.QuerySet:
    """Trials annotated with ``last_confirmed_at`` (and ``last_confirmed_by_id`` if
    ``who``), as subqueries: no extra query."""
    latest = TrialConfirmation.objects.filter(trial=models.OuterRef("pk")).order_by(
        "-confirmed_at", "-pk"
    )
    columns = {"last_confirmed_at": models.Subquery(latest.values("confirmed_at")[:1])}
    if who:
        columns["last_confirmed_by_id"] = models.Subquery(
            latest.values("confirmed_by")[:1]
        )
    return queryset.annotate(**columns)


def _record_cutoff(now: datetime.datetime) -> str:
    """Registry records last updated before this ISO date are over a year old. The
    registry's dates are ISO text ("2025-03-01", or "2025-03" for a month), which
    compare as text, in Python and in the database alike."""
    return (timezone.localdate(now) - REGISTRY_RECORD_STALE_AFTER).isoformat()


def stale_reasons(trial, now: datetime.datetime | None = None) -> list[str]:
    """Why an open trial's listing may be out of date (empty: it is not, or closed).

    ``trial.last_confirmed_at`` must be set (``with_last_confirmed`` or the page's
    own context)."""
    if trial.overall_status not in values.OPEN_STATUSES:
        return []
    now = now or timezone.now()
    reasons = []
    updated = trial.registry_last_updated
    if updated and updated < _record_cutoff(now):
        reasons.append("registry record over a year old")
    confirmed = getattr(trial, "last_confirmed_at", None)
    if confirmed is None:
        reasons.append("never confirmed by our team")
    elif confirmed < now - CONFIRMATION_STALE_AFTER:
        reasons.append("not confirmed for 90 days")
    return reasons


def stale_q(now: datetime.datetime | None = None) -> models.Q:
    """The database's version of ``stale_reasons`` (on ``with_last_confirmed``)."""
    now = now or timezone.now()
    old_record = models.Q(registry_last_updated__lt=_record_cutoff(now)) & ~models.Q(
        registry_last_updated=""
    )
    unconfirmed = models.Q(last_confirmed_at__isnull=True) | models.Q(
        last_confirmed_at__lt=now - CONFIRMATION_STALE_AFTER
    )
    return models.Q(overall_status__in=values.OPEN_STATUSES) & (
        old_record | unconfirmed
    )


def confirm(trial, user) -> TrialConfirmation:
    """Record that ``user`` confirmed the trial's listing now, in the audit log too."""
    from wagtail.log_actions import log  # noqa: PLC0415 - needs the app registry

    confirmation = TrialConfirmation.objects.create(trial=trial, confirmed_by=user)
    log(instance=trial, action="trials.confirm_listing", user=user)
    return confirmation
