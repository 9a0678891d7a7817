"""The site's own editors' guide (docs/editors.md), served in the admin's Help menu.

Staff need the guide for *this* site (its review workflow, its imports, the roles),
not only Wagtail's general one. The Markdown file in the repository stays the one source;
it is rendered here with markdown-it-py, raw HTML off, and kept until the file changes.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE = settings.BASE_DIR / "docs" / "editors.md"


@lru_cache(maxsize=2)
def _rendered(modified: float) -> str:
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    return markdown.render(GUIDE.read_text(encoding="utf-8"))


def guide_html() -> str:
    """The guide as HTML (our own text, raw HTML disabled all the same)."""
    return mark_safe(_rendered(GUIDE.stat().st_mtime))  # noqa: S308 - markdown-it escapes


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    """Any signed-in member of staff may read it."""

    template_name = "netsite/admin/editors_guide.html"
    page_title = "Editors' guide"
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "guide": guide_html()}
