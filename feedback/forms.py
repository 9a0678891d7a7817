"""The two feedback forms. Everything posted is untrusted: ids are parsed by the form,
text is bounded and refused if it carries control or bidi-override characters."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH

HONEYPOT = "website"

# Control characters other than tab and line breaks, and the zero-width and
# bidirectional override characters that can make text read differently than typed.
_UNUSUAL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def no_unusual_characters(value: str) -> None:
    if _UNUSUAL_CHARACTERS.search(value):
        raise ValidationError(
            _(
                "Your text has characters we cannot store (invisible or control "
                "characters). Please type it again without them."
            ),
            code="unusual_characters",
        )


class HoneypotMixin(forms.Form):
    """A field people never see or fill; scripts that fill every field do."""

    website = forms.CharField(required=False, max_length=200)

    @property
    def caught(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class VoteForm(HoneypotMixin):
    page = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    token = forms.CharField(max_length=300)
    helpful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])

    @property
    def is_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "yes"


class CommentForm(HoneypotMixin):
    vote = forms.CharField(max_length=300, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What was missing?"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        validators=[no_unusual_characters],
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Please keep it under %(limit_value)d characters "
                "(you typed %(show_value)d)."
            )
        },
    )
