"""Request links for a page, and accessible form fields for the request forms."""

from django import template

from ..kinds import KINDS
from ..views import offered_kinds, request_url

register = template.Library()


@register.simple_tag
def request_links(page) -> list[dict]:
    """The request forms a page offers, as ``{"label", "url"}`` (no query)."""
    return [
        {"label": KINDS[kind].link_label, "url": request_url(kind, page)}
        for kind in offered_kinds(page)
    ]


@register.simple_tag
def field_description_ids(field) -> str:
    """The ids of the field's hint and error, for ``aria-describedby``."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def described_widget(field):
    """The field's input, described by its hint and error (and marked invalid by
    Django when it has one)."""
    attrs = {}
    if ids := field_description_ids(field):
        attrs["aria-describedby"] = ids
    return field.as_widget(attrs=attrs)
