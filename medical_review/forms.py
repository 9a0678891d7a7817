"""The edit form of every page under Medical review: only the workflow writes the review
record; a Site administrator may correct it, and each correction is in the audit log.

Editors and reviewers see "Last reviewed", "Reviewed by" and "Next review due" but
cannot change them (the fields are disabled, so a posted value is ignored, not just
hidden): moving "next review due" would take a page off the due-for-review report.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.log_actions import log

from netsite.page_cache import bump_generation

REVIEW_FIELDS = ("last_reviewed", "reviewed_by", "next_review_due")
# Whoever may set the review policy (Site settings › review interval) may correct a
# review record: Site administrators and superusers.
CORRECT_PERMISSION = "netsite.change_sitesettings"
CORRECT_ACTION = "medical_review.correct_review"


class MedicalReviewPageForm(WagtailAdminPageForm):
    """The page form for ``MedicalReviewFields`` pages (their ``base_form_class``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        may_correct = (
            self.instance.pk is not None  # a new page has no review to correct
            and user is not None
            and user.has_perm(CORRECT_PERMISSION)
        )
        for name in REVIEW_FIELDS:
            field = self.fields.get(name)
            if field is None or may_correct:
                continue
            field.disabled = True
            field.help_text = (
                "Written by the Medical review workflow when a reviewer approves the "
                "page. A Site administrator can correct it."
            )

    def save(self, commit=True):
        corrected = {
            name: [_text(self.initial.get(name)), _text(self.cleaned_data.get(name))]
            for name in REVIEW_FIELDS
            if name in self.changed_data
        }
        page = super().save(commit=commit)
        if corrected:
            # At once on the live page too: these pages publish only through review,
            # whose approval writes a new record, so a correction kept in a draft
            # would never reach families.
            type(page).objects.filter(pk=page.pk).update(
                **{name: getattr(page, name) for name in corrected}
            )
            bump_generation(f"review record of page {page.pk} corrected")
            log(
                instance=page, action=CORRECT_ACTION, user=self.for_user, data=corrected
            )
        return page


def _text(value) -> str:
    return "" if value in (None, "") else str(value)
