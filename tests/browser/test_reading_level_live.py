"""The reading level panel follows what the editor types, in a real browser
(issue 16, item 7): no save needed, and the figure is the server's."""

import re

from tests.browser.admin import sign_in
from tests.demo_server import local_server

LONG_WINDED = (
    "Neuroendocrine neoplasms are heterogeneous malignancies originating from "
    "specialized hormone-secreting cells distributed throughout the gastrointestinal "
    "tract, and their biological behavior varies considerably depending on "
    "proliferative activity and anatomical localization."
)


def test_the_figure_changes_as_the_editor_types(browser):
    with local_server(
        ("load_demo_content",),
        ("createsuperuser", "--noinput", "--username", "ed", "--email", "e@x.org"),
        extra_env={"DJANGO_SUPERUSER_PASSWORD": "reading-test-password-123"},
    ) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, url, "ed", "reading-test-password-123")
        page.goto(url + "/admin/pages/search/?q=neuroendocrine")
        page.get_by_role(
            "link", name=re.compile("^Neuroendocrine tumors")
        ).first.click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

        panel = page.locator("[data-reading-level]")
        saved = panel.locator("[data-grade]").get_attribute("data-grade")
        assert "Measured from the last saved version" in panel.inner_text()

        page.fill("#id_summary", LONG_WINDED)
        panel.get_by_text("Measured from what you have typed").wait_for(timeout=10_000)
        typed = panel.locator("[data-grade]").get_attribute("data-grade")
        assert typed and typed != saved
        assert f"grade {typed}" in panel.inner_text()
        # Screen readers hear the new grade once, not the whole panel.
        status = panel.locator("[data-reading-level-status]")
        assert status.inner_text() == f"Reading level now grade {typed}."
        context.close()
