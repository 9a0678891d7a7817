"""The Content-Security-Policy blocks nothing the site needs, in a real browser.

Public pages get the strict policy, the Wagtail admin its relaxed one; a browser
reports every blocked script, style, image or frame as a ``securitypolicyviolation``
event, and these tests collect them. Unlike the other browser tests, the policy is
enforced here (no ``bypass_csp``).
"""

import pytest

from tests.browser.admin import sign_in
from tests.demo_server import DEMO_PATHS, local_server

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def strict_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()


def violations(page) -> list[str]:
    page.wait_for_timeout(300)  # late-loading images and scripts report too
    return page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("name", sorted(DEMO_PATHS))
def test_public_pages_break_no_rule_of_the_strict_policy(strict_page, base_url, name):
    response = strict_page.goto(base_url + DEMO_PATHS[name], wait_until="load")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations(strict_page) == []


def admin_server():
    """A server on a fresh database with one superuser (the demo has no admin user)."""
    return local_server(
        ("createsuperuser", "--noinput", "--username", "csp", "--email", "c@x.org"),
        extra_env={"DJANGO_SUPERUSER_PASSWORD": "csp-test-password-123"},
    )


def test_the_admin_works_under_its_own_policy(strict_page):
    with admin_server() as url:
        page = strict_page
        sign_in(page, url, "csp", "csp-test-password-123")
        assert violations(page) == []
        # The page editor (with its preview panel) is the admin's heaviest screen.
        page.goto(url + "/admin/pages/add/netsite/standardpage/3/", wait_until="load")
        page.fill("#id_title", "Checking the admin's policy")
        page.wait_for_timeout(500)
        assert violations(page) == []
        response = page.goto(url + "/admin/pages/", wait_until="load")
        header = response.headers["content-security-policy"]
        assert "'unsafe-inline'" in header
        assert violations(page) == []
