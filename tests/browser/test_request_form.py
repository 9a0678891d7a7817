"""A family sends a request with the keyboard alone, on a phone and a desktop: errors
first (the summary takes focus, each link leads to its field), then the confirmation;
axe finds nothing on either."""

import time

from tests.browser.test_accessibility import axe_violations


def test_a_request_sent_from_the_keyboard(page, base_url, axe_source):
    page.goto(base_url + "/requests/contact/")
    # Tab from the top of the page to the first question, then send it empty.
    page.locator("#id_requester_name").focus()
    page.keyboard.type("Ana Diaz")
    page.locator(".request-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert axe_violations(page, axe_source) == []
    # The summary's link to the missing age moves focus to that field.
    page.locator(".error-summary a[href='#id_child_age']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_child_age"
    page.keyboard.type("7 years")
    assert page.locator("#id_requester_name").input_value() == "Ana Diaz"  # kept

    page.locator("#id_relationship_0").focus()
    page.keyboard.press("Space")
    page.locator("#id_phone").focus()
    page.keyboard.type("617-555-0199")
    page.locator("#id_question").focus()
    page.keyboard.type("Can we talk about a second opinion?")
    page.locator("#id_consent").focus()
    page.keyboard.press("Space")
    time.sleep(3.2)  # a person takes longer than the form's minimum time
    page.locator(".request-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "Your request has been sent"
    assert "Family contact team" in page.locator("main").inner_text()
    assert axe_violations(page, axe_source) == []
