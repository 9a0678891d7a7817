"""The page queryset every page type of this site uses.

Wagtail's ``public()`` reads all page view restrictions from the database each time it
is called, even on a site that has none, and a page render calls it several times. Here
the restricted paths come from ``restricted_page_paths()``, kept in the cache until a
restriction or the page tree changes, so the check costs no query.
"""

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from .page_cache import restricted_page_paths


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        """Pages under a view restriction: the restricted page and its descendants."""
        q = Q()
        for path in restricted_page_paths():
            q |= Q(path__startswith=path)
        # Matches nothing when no page is private (as Wagtail's own private_q does).
        return q if q else Q(pk__in=[])


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


def site_pages() -> SitePageQuerySet:
    """All pages, of any type, through this queryset (``Page.objects`` is Wagtail's)."""
    from wagtail.models import Page

    return SitePageQuerySet(Page).order_by("path")


def is_public(page) -> bool:
    """Whether every visitor may see ``page``: live and under no view restriction.

    For pages already in hand (a link's target, a promotion's page), so that lists of
    them need no query per page; querysets use ``.live().public()`` instead. Anything
    shown on a public surface (listings, links, JSON-LD, search) passes one of the two.
    """
    return page.live and not any(
        page.path.startswith(path) for path in restricted_page_paths()
    )
