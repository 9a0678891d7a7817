"""The out-of-date banner on translated pages (medical_review/translations.py)."""

from django import template

from medical_review.translations import status_for

register = template.Library()


@register.inclusion_tag("medical_review/translation_notice.html", takes_context=True)
def translation_notice(context):
    """“The English version of this page was updated on …”, on a translation made from
    an older English revision; nothing elsewhere (no query on English pages)."""
    page = context.get("page")
    status = status_for(page) if page is not None else None
    if status is None:
        return {"status": None}
    return {"status": status, "english": page.source_page}
