"""On a 390 × 844 phone the trial listing shows results first (issue 12): the filters
are a disclosure, and the first trial card starts on the first screen."""

from tests.demo_server import DEMO_PATHS


def test_the_first_trial_starts_on_the_first_screen_of_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base_url + DEMO_PATHS["trial listing"])
        card = page.locator(".trial-card").first
        box = card.bounding_box()
        assert box is not None and box["y"] < 844, box
        assert page.locator("details[data-filters]").get_attribute("open") is None
        # The disclosure opens from the keyboard, and the filters are there.
        page.locator("details[data-filters] > summary").focus()
        page.keyboard.press("Enter")
        assert page.locator("details[data-filters] select[name=status]").is_visible()
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_are_open(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + DEMO_PATHS["trial listing"])
        assert page.locator("details[data-filters]").get_attribute("open") == ""
        assert page.locator("select[name=status]").is_visible()
    finally:
        context.close()
