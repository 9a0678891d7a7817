"""A Medical reviewer's approval in a real browser (issue 16, items 1-3): the review
screen shows what changed against the live page, approving opens a confirmation naming
the reviewer as their profile says, and ends with "approved and live" and a link; the
public page then carries that name and those credentials."""

from tests.browser.admin import sign_in
from tests.demo_server import local_server

SUBMIT = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from conditions.models import ConditionPage
from medical_review.models import ReviewerProfile
reviewer = get_user_model().objects.create_user(
    "rita", password="review-test-password-123", first_name="Rita", last_name="Reviewer"
)
reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
ReviewerProfile.objects.create(
    user=reviewer, public_name="Rita Reviewer", credentials="MD",
    specialty="Pediatric Oncology",
)
editor = get_user_model().objects.create_user("eddie", password="x" * 20)
page = ConditionPage.objects.live().get(slug="neuroendocrine-tumors")
draft = page.get_latest_revision_as_object()
draft.summary += " Reviewed in the browser test."
draft.save_revision(user=editor)
page.get_workflow().start(page, editor)
print(page.pk)
"""


def test_a_reviewer_compares_confirms_and_sees_it_live(browser):
    with local_server(("load_demo_content",), ("shell", "-c", SUBMIT)) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, url, "rita", "review-test-password-123")

        # Dashboard › Awaiting your review › … › Approve and publish… opens the dialog.
        awaiting = page.locator("section", has_text="Awaiting your review").first
        awaiting.get_by_role("button", name="Actions").first.click()
        awaiting.get_by_role("button", name="Approve and publish").first.click()
        dialog = page.locator(".modal-content")
        dialog.locator("form").wait_for()
        assert "What changes on the live page" in dialog.inner_text()
        assert "Summary" in dialog.locator(".review-changed-fields").inner_text()
        signed = "Medically reviewed by Rita Reviewer, MD, Pediatric Oncology on"
        assert signed in dialog.inner_text()

        # The whole comparison is one link away, against the live page.
        changes_url = dialog.get_by_role(
            "link", name="See every change side by side"
        ).get_attribute("href")
        dialog.locator("textarea[name=comment]").fill("Checked against our protocol.")
        dialog.locator("button[type=submit]").click()
        # Back on the dashboard (where it started), with the report of what happened.
        page.get_by_text("is approved and live").wait_for()
        banner = page.locator(".messages")
        assert "is approved and live" in banner.inner_text()
        live = banner.get_by_role("link", name="View the live page").get_attribute(
            "href"
        )

        public = context.new_page()
        assert live == "/conditions/neuroendocrine-tumors/"
        public.goto(url + live)
        assert signed in public.locator("main").inner_text()
        page.goto(url + changes_url)
        assert "not in review now" in page.locator("main").inner_text()
        context.close()
