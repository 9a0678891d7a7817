"""A shortlist of three trials prints on at most two pages (issue 12), on A4 and on
US Letter, in Chromium, and without the links to change it."""

import re

import pytest

from tests.demo_server import DEMO_PATHS

# A page object in the PDF (not the /Pages tree). Chromium writes them uncompressed.
PDF_PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_three_trials_print_on_at_most_two_pages(browser, base_url, paper):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(base_url + DEMO_PATHS["shortlist"])
        assert page.locator(".shortlist-trial").count() == 3
        pdf = page.pdf(format=paper, print_background=False)
        pages = len(PDF_PAGE_RE.findall(pdf))
        assert 1 <= pages <= 2, f"{pages} pages on {paper}"
        page.emulate_media(media="print")
        assert not page.locator("[data-shortlist-remove]").first.is_visible()
        assert page.locator("#questions-heading").is_visible()
    finally:
        context.close()


def test_adding_and_removing_work_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + DEMO_PATHS["trial listing"] + "?where=anywhere")
        page.locator("[data-shortlist-add]").first.click()
        assert "Your shortlist: 1 trial." in page.content()
        page.get_by_text("See, share and print your shortlist").click()
        assert page.locator(".shortlist-trial").count() == 1
        page.locator("[data-shortlist-remove]").first.click()
        assert "Your shortlist is empty." in page.content()
    finally:
        context.close()
