"""The medical review fields that condition and trial pages mix in.

A page type that mixes in ``MedicalReviewFields`` declares that its content is medical:
it goes live only through the Medical review workflow (see ``medical_review.setup``),
its approval writes the public review line, and it is listed when a review is due.
The app's own tables are the reviewer profiles (``profiles``), the workflow step
that reads them (``task``) and which English revision each translation was made
from (``translations``), imported here so Django finds them.
"""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .forms import MedicalReviewPageForm
from .profiles import ReviewerProfile
from .task import MedicalReviewTask
from .translations import TranslationStatus

__all__ = [
    "MedicalReviewFields",
    "MedicalReviewTask",
    "ReviewerProfile",
    "TranslationStatus",
]


REVIEW_FIELDS = ("last_reviewed", "reviewed_by", "next_review_due")


class TranslatableFieldsWithoutReview:
    """wagtail-localize's automatic list of a page type's translatable and synchronised
    fields, without the review record: a translation is reviewed on its own (its
    own “Revisado por … el …” line), never by copying the English page's review.
    A page type may leave out more fields (``also_left_out``) that it reads from its
    English original instead."""

    def __init__(self, also_left_out=()):
        self.left_out = set(REVIEW_FIELDS) | set(also_left_out)

    def __get__(self, instance, owner):
        from wagtail_localize.fields import get_translatable_fields

        if owner.__dict__.get("_deriving_translatable_fields"):
            raise AttributeError  # wagtail-localize then derives the list itself
        owner._deriving_translatable_fields = True
        try:
            fields = get_translatable_fields(owner)
        finally:
            owner._deriving_translatable_fields = False
        return [field for field in fields if field.field_name not in self.left_out]


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
    # A copy, and a translation, starts unreviewed: the review is the workflow's.
    exclude_fields_in_copy = list(REVIEW_FIELDS)
    translatable_fields = TranslatableFieldsWithoutReview()

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
