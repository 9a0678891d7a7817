"""Fixtures for browser tests: Debian's Chromium driven by Playwright.

Skipped, with the reason, where Chromium or Playwright is missing; `.ci/run` installs
Chromium so they always run in CI. Never `playwright install`: no browser downloads.
"""

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    reason = None
    if not Path(CHROMIUM).exists():
        reason = "no /usr/bin/chromium: run `apt-get install -y chromium` to enable"
    else:
        try:
            import playwright  # noqa: F401, PLC0415
        except ImportError:
            reason = "playwright is not installed: `make install` installs it"
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def base_url(demo_base_url):
    return demo_base_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(params=[390, 1280], ids=["phone-390", "desktop-1280"])
def page(request, browser):
    width = request.param
    # bypass_csp lets the tests inject axe-core; the site keeps its strict policy.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci` (make test does it)")
    return AXE.read_text()
