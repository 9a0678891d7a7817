"""sitemap.xml for every language: each page with its translations as alternates.

Wagtail's own sitemap lists the site's root page and what is under it, which is the
English tree alone; the Spanish tree is a sibling of it (``/es/``). This one lists the
live public pages under every translation of the root, and gives each the
``<xhtml:link rel="alternate" hreflang>`` of its live translations, found among the
same pages (no query per page).
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Locale, Page


class Sitemap(WagtailSitemap):
    """The pages of every language, each with its translations as alternates."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        under_a_root = Q()
        for path in roots.values_list("path", flat=True):
            under_a_root |= Q(path__startswith=path)
        pages = list(
            Page.objects.filter(under_a_root)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        self.alternates = defaultdict(list)
        for page in pages:
            self.alternates[page.translation_key].append(
                {
                    "lang_code": languages.get(page.locale_id, ""),
                    "location": page.get_full_url(self.request),
                }
            )
        return pages

    def _urls(self, page, protocol, domain):
        """Wagtail's entries (each page's ``get_sitemap_urls``), with alternates for
        the pages that exist in more than one language."""
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list:
            alternates = self.alternates.get(item.translation_key, [])
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
