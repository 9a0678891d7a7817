"""Template helpers used by the site's base templates."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as written ("617-555-0100") to a tel: link target ("tel:6175550100")."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The home page's live children marked "show in menus", with the current one flagged."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = []
    for page in (
        Page.objects.child_of(site.root_page).live().public().in_menu().specific(defer=True)
    ):
        items.append(
            {
                "title": page.title,
                "url": page.get_url(request),
                "current": bool(current_path) and current_path.startswith(page.path),
            }
        )
    return items
