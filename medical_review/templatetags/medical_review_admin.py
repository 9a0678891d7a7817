"""Template tags for the Medical review confirmations in the admin."""

from django import template
from django.utils import timezone

from medical_review.changes import review_summary
from medical_review.profiles import signature_for
from medical_review.reviews import add_months, review_interval_months
from medical_review.translations import untranslated_segments

register = template.Library()


@register.simple_tag(takes_context=True)
def review_confirmation(context, page):
    """What approving ``page`` would do: the changes, the signature, the dates."""
    request = context["request"]
    summary = review_summary(page, request)
    today = timezone.localdate()
    return {
        "summary": summary,
        "signature": signature_for(request.user),
        "untranslated": untranslated_segments(summary.page),
        "today": today,
        "next_review_due": add_months(today, review_interval_months(summary.page)),
    }
