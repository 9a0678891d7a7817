"""“Was this page helpful?” in a real browser without JavaScript: vote, comment, no
cookie, no axe-core violations on the thank-you page; and the questions block prints
(the feedback form does not)."""

import time

from tests.demo_server import DEMO_PATHS

from .test_accessibility import axe_violations


def test_vote_and_comment_without_javascript_or_cookies(browser, base_url, axe_source):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(base_url + DEMO_PATHS["program"])
        time.sleep(2.2)  # a person reads before answering (feedback/tokens.py)
        page.get_by_role("button", name="No", exact=True).click()
        assert page.locator("h1").inner_text() == "Thank you"
        context_js = browser.new_context(bypass_csp=True)  # axe needs a script
        checker = context_js.new_page()
        checker.goto(page.url)
        assert axe_violations(checker, axe_source) == []
        context_js.close()
        page.get_by_label("What was missing?").fill("Parking and where to go")
        time.sleep(2.2)
        page.get_by_role("button", name="Send").click()
        assert "Thank you for telling us" in page.content()
        assert context.cookies() == []
    finally:
        context.close()


def test_the_questions_print_with_room_for_answers_and_the_form_does_not(
    browser, base_url
):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(base_url + DEMO_PATHS["trial (open)"])
        questions = page.locator(".care-questions")
        assert questions.count() == 1
        assert "What is this trial trying to find out?" in questions.inner_text()
        assert page.locator("[data-page-feedback]").is_visible()
        page.emulate_media(media="print")
        assert page.locator("#care-questions-heading").is_visible()
        assert not page.locator("[data-page-feedback]").is_visible()
        gap = questions.locator("li").first.evaluate(
            "li => parseFloat(getComputedStyle(li).paddingBottom)"
        )
        assert gap > 20  # room to write the answer
        assert page.pdf(format="Letter")
    finally:
        context.close()
