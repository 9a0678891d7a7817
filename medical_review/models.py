"""The medical review fields that condition and trial pages mix in.

A page type that mixes in ``MedicalReviewFields`` declares that its content is medical:
it goes live only through the Medical review workflow (see ``medical_review.setup``),
its approval writes the public review line, and it is listed when a review is due.
The app's own tables are the reviewer profiles (``profiles``) and the workflow step
that reads them (``task``), imported here so Django finds them.
"""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .forms import MedicalReviewPageForm
from .profiles import ReviewerProfile
from .task import MedicalReviewTask

__all__ = ["MedicalReviewFields", "MedicalReviewTask", "ReviewerProfile"]


class MedicalReviewFields(models.Model):
    """When clinicians last reviewed a page's medical content, and when they must again."""

    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="Filled in when a medical reviewer approves the page. Only a Site "
        "administrator can change it, to correct a mistake.",
    )
    reviewed_by = models.CharField(
        max_length=255,
        blank=True,
        help_text="Name and credentials of the clinician who reviewed the page, as shown "
        "to families (for example “Jane Doe, MD”).",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the medical content must be reviewed again. Set automatically "
        "on approval; the page is listed in “Due for medical review” from 30 days before.",
    )

    # Only the workflow writes the three fields; administrators may correct them.
    base_form_class = MedicalReviewPageForm

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed"),
                FieldPanel("reviewed_by"),
                FieldPanel("next_review_due"),
            ],
            heading="Medical review",
        )
    ]

    class Meta:
        abstract = True

    @property
    def review_overdue(self) -> bool:
        """True once the next review date has passed, so the page claims nothing stale."""
        return (
            bool(self.next_review_due) and self.next_review_due < timezone.localdate()
        )

    def review_notes(self) -> list[str]:
        """What a reviewer should know that the field-by-field comparison cannot show
        (content that changes outside review). A page type adds its own."""
        return []

    def review_schema(self) -> dict:
        """lastReviewed and reviewedBy for this page's schema.org ``MedicalWebPage``."""
        return {
            "lastReviewed": self.last_reviewed.isoformat()
            if self.last_reviewed
            else None,
            "reviewedBy": {"@type": "Person", "name": self.reviewed_by}
            if self.reviewed_by
            else None,
        }
