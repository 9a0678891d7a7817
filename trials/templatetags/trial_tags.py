"""Template helpers for trial pages."""

import datetime

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import gettext as _

from trials.registry.values import is_real_date

register = template.Library()


@register.filter
def registry_date(value: str):
    """A registry date as people say it, with the exact date for machines:
    "2025-03-01" → <time datetime="2025-03-01">March 1, 2025</time>; "2025-03" →
    "March 2025"; "2025" → "2025". Anything else is shown as it is (escaped)."""
    if not value or not is_real_date(value):
        return value
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        words = str(parts[0])
    else:
        day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
        # The formats are translated ("3 de marzo de 2025" in Spanish).
        words = format_date(day, _("F j, Y") if len(parts) == 3 else _("F Y"))
    return format_html('<time datetime="{}">{}</time>', value, words)
