"""Read-only editor panels for condition pages."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from .readability import reading_level


class ReadingLevelPanel(Panel):
    """Shows the page's reading level (Flesch–Kincaid grade) against the site's target.

    Measured on the server from the latest saved revision when the editor opens the
    page; with JavaScript, measured again (on the server, by the same code) from what
    is typed, a moment after each change. It is advice only: it adds no form fields
    and never stops a page being saved or published.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Reading level")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "reading_level"

    class BoundPanel(Panel.BoundPanel):
        template_name = "conditions/admin/reading_level_panel.html"

        class Media:
            js = ["conditions/js/reading-level.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["level"] = reading_level(self.instance)
            context["live_url"] = self.live_url()
            return context

        def live_url(self) -> str:
            """Where the script posts the form: this page, or its parent when new."""
            url = reverse("conditions_reading_level")
            if self.instance.pk:
                return f"{url}?page={self.instance.pk}"
            parent = getattr(self.form, "parent_page", None)
            return f"{url}?parent={parent.pk}" if parent else ""
