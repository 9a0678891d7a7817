"""Template helpers for the search page."""

from django import template
from django.urls import reverse

from conditions.models import ConditionIndexPage
from netsite.schema import SCHEMA, json_ld_script, site_root_url

register = template.Library()


def search_graph(request) -> dict:
    """The JSON-LD document for the search page, which is not a Wagtail page."""
    home = site_root_url(request)
    url = home.rstrip("/") + reverse("search")
    return {
        "@context": SCHEMA,
        "@graph": [
            {
                "@type": "SearchResultsPage",
                "@id": url + "#webpage",
                "url": url,
                "name": "Search",
                "breadcrumb": {"@id": url + "#breadcrumb"},
            },
            {
                "@type": "BreadcrumbList",
                "@id": url + "#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": home},
                    {"@type": "ListItem", "position": 2, "name": "Search", "item": url},
                ],
            },
        ],
    }


@register.simple_tag(takes_context=True)
def search_structured_data(context):
    """JSON-LD for the search page: a SearchResultsPage and its breadcrumbs."""
    request = context.get("request")
    return json_ld_script(search_graph(request)) if request else ""


@register.simple_tag(takes_context=True)
def condition_index_url(context):
    """The URL of the live conditions A–Z page, or "" when there is none."""
    request = context.get("request")
    index = ConditionIndexPage.objects.live().public().first()
    return index.get_url(request) if index else ""
