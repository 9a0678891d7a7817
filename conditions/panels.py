"""Read-only editor panels for condition pages."""

from wagtail.admin.panels import Panel

from .readability import reading_level


class ReadingLevelPanel(Panel):
    """Shows the page's reading level (Flesch–Kincaid grade) against the site's target.

    Measured from the page as the editor opened it, i.e. the latest saved revision,
    so it changes when a draft is saved. It is advice only: it adds no form fields and
    never stops a page being saved or published.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Reading level")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "reading_level"

    class BoundPanel(Panel.BoundPanel):
        template_name = "conditions/admin/reading_level_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["level"] = reading_level(self.instance)
            return context
