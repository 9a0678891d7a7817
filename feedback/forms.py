"""The two feedback forms. Everything posted is untrusted: ids are parsed by the form,
text is bounded and refused if it carries control or bidi-override characters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netsite.text import validate_safe_text

from .models import COMMENT_MAX_LENGTH

HONEYPOT = "website"


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
        validators=[validate_safe_text],
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Please keep it under %(limit_value)d characters "
                "(you typed %(show_value)d)."
            )
        },
    )
