"""Telling people from scripts on public forms, with no CAPTCHA and no cookie.

Two checks that cost a person nothing: a honeypot field that people never see (it is
hidden from sight and from screen readers) and scripts fill in, and the time the form
was open, from a signed timestamp written into it when it was shown. Forms that use
them subclass :class:`SpamCheckedForm`; the view turns ``form.is_spam`` into a 400.
"""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "netsite.spam.form-started"
#: A form older than this is shown again to be sent anew (and cannot be replayed).
MAX_FORM_AGE = 24 * 60 * 60


def started_token(now: float | None = None) -> str:
    return signing.dumps(int(now if now is not None else time.time()), salt=SALT)


class SpamCheckedForm(forms.Form):
    """A form with a honeypot and a minimum time between showing and sending.

    ``min_seconds`` is the least time a person takes to fill the form in.
    """

    min_seconds = 3

    # Named like a field scripts love to fill in; see the template for how it is hidden.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()
        self.is_spam = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_spam = True
            return cleaned
        if self._errors:
            # Shown again anyway, with a fresh clock: the answers' errors are enough.
            return cleaned
        try:
            shown_at = float(signing.loads(cleaned.get("started") or "", salt=SALT))
        except (signing.BadSignature, TypeError, ValueError):
            shown_at = 0.0  # forged or missing: as good as expired
        age = time.time() - shown_at
        if age > MAX_FORM_AGE:
            raise forms.ValidationError(
                _("This form was open too long. Check your answers and send it again."),
                code="expired",
            )
        if age < self.min_seconds:
            raise forms.ValidationError(
                _("This was sent very quickly. Check your answers and send it again."),
                code="too_fast",
            )
        return cleaned

    def restart_clock(self) -> None:
        """Show a bound form again with a fresh timestamp, so it can be sent again."""
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = started_token()
