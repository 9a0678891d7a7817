"""Text from outside (registry records, what visitors type): what is never let in."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Control characters other than tab and newlines (NUL cannot even be stored in
# PostgreSQL), and the bidirectional embedding/override/isolate controls, which can make
# text display in an order other than the one it is stored in. Nothing legitimate in
# registry text or a visitor's message needs them.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]")


def validate_safe_text(value: str) -> None:
    """Form validator: refuse text with control or bidi-override characters."""
    if UNSAFE_CHARACTERS.search(value):
        raise ValidationError(
            _("Remove the special (invisible) characters from this answer."),
            code="unsafe_characters",
        )


def validate_single_line(value: str) -> None:
    """Form validator: one line (names and phone numbers end up in e-mail headers)."""
    validate_safe_text(value)
    if LINE_BREAKS.search(value):
        raise ValidationError(_("Write this on one line."), code="line_break")
