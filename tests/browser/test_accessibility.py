"""axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every public page type, on a phone and
a desktop, plus reflow at 320 px and 200 % text zoom."""

import pytest

from tests.demo_server import DEMO_PATHS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", DEMO_PATHS.values(), ids=DEMO_PATHS.keys())
def test_no_axe_violations(page, base_url, axe_source, path):
    page.goto(base_url + path)
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("path", DEMO_PATHS.values(), ids=DEMO_PATHS.keys())
def test_reflows_at_320_px_without_horizontal_scrolling(browser, base_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_text_zoomed_to_200_percent_still_fits_a_phone(browser, base_url):
    # bypass_csp lets the test add its zoom style; the site keeps its strict policy.
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, bypass_csp=True
    )
    page = context.new_page()
    page.goto(base_url + DEMO_PATHS["condition"])
    page.add_style_tag(content="html { font-size: 200% !important; }")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_one_h1_lang_and_landmarks(page, base_url):
    for path in DEMO_PATHS.values():
        page.goto(base_url + path)
        assert page.locator("h1").count() == 1, path
        expected = "es" if path.startswith("/es/") else "en"
        assert page.get_attribute("html", "lang") == expected, path
        for landmark in ("header", "main", "footer", "nav"):
            assert page.locator(landmark).count() >= 1, f"{path} has no <{landmark}>"
