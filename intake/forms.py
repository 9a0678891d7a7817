"""The request form families fill in: only what a team needs to call back.

One question per field, in plain words; every answer is length-limited and checked for
characters that have no place in it. Editors reword labels and hints in Settings ›
Request forms (intake/models/wording.py); the checks stay the same.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from netsite.spam import SpamCheckedForm
from netsite.text import validate_safe_text, validate_single_line

from .models.requests import RELATIONSHIP_CHOICES, FamilyRequest

PHONE_CHARACTERS = set("0123456789 +-().extEXT")
# What an empty required answer says, whatever editors call the field.
REQUIRED_MESSAGES = {
    "requester_name": _("Enter your name"),
    "relationship": _("Choose your relationship to the child"),
    "child_age": _("Enter the child's age"),
    "question": _("Enter your question"),
    "consent": _("Tick the box to agree, so we can send this"),
}


def _line(label, max_length, required=True, help_text="", **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs=attrs),
    )


def _text(label, max_length, required=True, help_text="", rows=4):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=[validate_safe_text],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class FamilyRequestForm(SpamCheckedForm):
    """Who is asking, how to reach them, the child's age and story so far, the question."""

    requester_name = _line(
        _("Your name"),
        120,
        help_text=_("So the team knows whom to ask for."),
        autocomplete="name",
    )
    relationship = forms.ChoiceField(
        label=_("Your relationship to the child"),
        choices=RELATIONSHIP_CHOICES,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("We send a receipt here, with none of your answers in it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = _line(
        _("Phone"),
        40,
        required=False,
        help_text=_("Give a phone number, an e-mail address, or both."),
        autocomplete="tel",
        type="tel",
    )
    best_time = _line(
        _("Best time to call"),
        200,
        required=False,
        help_text=_("For example, “weekday mornings”."),
    )
    child_age = _line(
        _("The child's age"), 40, help_text=_("For example, “7 years” or “18 months”.")
    )
    diagnosis = _text(
        _("Diagnosis, if you know it"),
        1000,
        required=False,
        help_text=_("A few words are enough."),
        rows=3,
    )
    treated_where = _text(
        _("Where has the child been treated so far?"),
        500,
        required=False,
        help_text=_("The hospital or doctor, if any."),
        rows=2,
    )
    question = _text(
        _("Your question"), 2000, help_text=_("Up to 2,000 characters."), rows=6
    )
    consent = forms.BooleanField(label=_("I agree"))

    min_seconds = settings.INTAKE_MIN_SECONDS

    def __init__(self, *args, question_label="", wording=(), consent_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if question_label:
            self.fields["question"].label = question_label
        for row in wording:  # the editors' wording (intake/models/wording.py)
            if row.field in self.fields:
                self.fields[row.field].label = row.label
                self.fields[row.field].help_text = row.help_text
        if consent_text:
            self.fields["consent"].label = consent_text
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (
            not set(phone) <= PHONE_CHARACTERS or sum(ch.isdigit() for ch in phone) < 7
        ):
            raise forms.ValidationError(
                _("Enter a phone number with at least 7 digits, like 617-555-0100."),
                code="phone",
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not self.is_spam and not (cleaned.get("email") or cleaned.get("phone")):
            if "email" not in self.errors and "phone" not in self.errors:
                self.add_error(
                    "phone",
                    _("Enter a phone number or an e-mail address, so we can reply."),
                )
        return cleaned

    def stored_values(self) -> dict:
        """The answers the request stores (encrypted)."""
        return {name: self.cleaned_data[name] for name in FamilyRequest.FAMILY_FIELDS}
