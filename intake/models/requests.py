"""A family's request as it is stored: what they typed is encrypted at rest."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from fernet_fields import EncryptedCharField, EncryptedTextField
from wagtail.models import Page

from .. import kinds
from .teams import IntakeTeam

RELATIONSHIP_CHOICES = [
    ("parent", _("Parent or guardian")),
    ("patient", _("I am the patient")),
    ("family", _("Another family member")),
    ("clinician", _("Doctor or nurse")),
    ("other", _("Someone else")),
]


class FamilyRequestQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Only the requests routed to a team the user belongs to: not administrators'
        or superusers' by virtue of their role, since what a family wrote is for the
        team that answers it."""
        if not user.is_active or not user.has_perm("intake.view_familyrequest"):
            return self.none()
        return self.filter(team__members=user)

    def due_for_deletion(self, now=None):
        """Requests past the retention period: received, or marked handled, too long ago."""
        now = now or timezone.now()
        received_before = now - timezone.timedelta(days=settings.INTAKE_RETENTION_DAYS)
        handled_before = now - timezone.timedelta(
            days=settings.INTAKE_HANDLED_RETENTION_DAYS
        )
        return self.filter(
            models.Q(received_at__lt=received_before)
            | models.Q(handled_at__lt=handled_before)
        )


class FamilyRequest(models.Model):
    """A question or request a family sent through the site, for one team to answer.

    Every field the family filled in is encrypted (Fernet, keys from the environment:
    ``REQUESTS_ENCRYPTION_KEYS``); the rest (kind, team, page, dates) routes and lists
    it. ``str()`` names no one, because it is what Wagtail's audit log keeps.
    """

    kind = models.CharField(max_length=20, choices=kinds.CHOICES)
    team = models.ForeignKey(
        IntakeTeam, on_delete=models.PROTECT, related_name="requests"
    )
    about_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="sent from",
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_text = models.TextField(
        help_text="The consent line the family agreed to, as it read then."
    )

    # What the family typed (encrypted; lengths are checked by the form).
    requester_name = EncryptedCharField("name", max_length=120)
    relationship = EncryptedCharField(max_length=20, choices=RELATIONSHIP_CHOICES)
    email = EncryptedCharField("e-mail", max_length=254, blank=True)
    phone = EncryptedCharField(max_length=40, blank=True)
    best_time = EncryptedCharField("best time to call", max_length=200, blank=True)
    child_age = EncryptedCharField("child's age", max_length=40)
    diagnosis = EncryptedTextField(blank=True)
    treated_where = EncryptedTextField("treated so far at", blank=True)
    question = EncryptedTextField()

    objects = FamilyRequestQuerySet.as_manager()

    #: What the family wrote (encrypted), in the order the form asks it.
    FAMILY_FIELDS = (
        "requester_name",
        "relationship",
        "email",
        "phone",
        "best_time",
        "child_age",
        "diagnosis",
        "treated_where",
        "question",
    )

    page_cache_watch = False  # never on a public page; must not empty the page cache
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "family request"
        # view: read and export (Intake coordinators, for their teams' requests);
        # change: mark handled.
        default_permissions = ("view", "change")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def status(self) -> str:
        """“New”, or when it was marked handled (the admin's list)."""
        if self.handled_at is None:
            return "New"
        return f"Handled {timezone.localtime(self.handled_at):%b %-d, %Y}"
