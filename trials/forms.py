"""Validation of the trial page's registry fields in the admin."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from medical_review.forms import MedicalReviewPageForm

from .registry import values

nct_id_validator = RegexValidator(
    values.NCT_ID_RE, "Enter an NCT ID: “NCT” followed by 8 digits, e.g. NCT01234567."
)


def validate_registry_age(value: str) -> None:
    """Accept an age as the registry writes it: "<number> <unit>", e.g. "6 Months"."""
    try:
        values.parse_age(value)
    except values.RecordError as error:
        raise ValidationError(
            "Write the age as a number and a unit, e.g. “6 Months” or “21 Years”."
        ) from error


class ClinicalTrialPageForm(MedicalReviewPageForm):
    """Accepts an NCT ID as editors paste it (" nct01234567 ") and stores it upper-case."""

    def clean_nct_id(self):
        # None, not "": a translation has none (unique, so one "" would be taken).
        return (self.cleaned_data.get("nct_id") or "").strip().upper() or None
