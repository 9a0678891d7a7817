"""Keyboard-only use: the skip link comes first, focus is always visible, and the trial
filters can be used without a mouse."""

from tests.demo_server import DEMO_PATHS

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName, text: (el.textContent || '').trim(), id: el.id, name: el.name || '',
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== 'none',
        onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0,
    };
}"""


def focused(page):
    return page.evaluate(FOCUS_STYLE)


def test_the_skip_link_is_first_visible_and_moves_focus_to_main(page, base_url):
    page.goto(base_url + DEMO_PATHS["condition"])
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Skip to main content"
    assert first["onScreen"] and (first["outline"] or first["shadow"])
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_every_header_link(page, base_url):
    page.goto(base_url + DEMO_PATHS["home"])
    seen = []
    for _ in range(12):  # the skip link, site name, search, language, phone, menu
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["outline"] or state["shadow"], f"no visible focus on {state}"
        seen.append(state["text"])
    assert "Conditions we treat" in seen
    assert "Clinical trials" in seen


def test_trial_filters_work_from_the_keyboard(page, base_url):
    page.goto(base_url + DEMO_PATHS["trial listing"])
    names = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["outline"] or state["shadow"], f"no visible focus on {state}"
        names.append(state["name"] or state["text"])
        if (
            state["tag"] == "SUMMARY"
            and not page.locator("details[data-filters]").get_attribute("open") == ""
        ):
            # On a phone the filters are a closed disclosure: open it from the keyboard.
            page.keyboard.press("Enter")
        if state["name"] == "status":
            # Include closed trials using the keyboard alone: typing a letter picks
            # the option that starts with it ("All, including closed").
            page.keyboard.type("A")
        if state["name"] == "where":
            # And every hospital, not only ours: the next option, "At any hospital".
            page.keyboard.press("ArrowDown")
        if state["text"] == "Show trials":
            with page.expect_navigation():
                page.keyboard.press("Enter")
            break
    assert {"q", "condition", "status", "phase", "age"} <= set(names)
    assert "status=all" in page.url and "where=anywhere" in page.url
    assert page.locator(".trial-card").count() == 3


def test_the_header_search_works_from_the_keyboard(page, base_url):
    page.goto(base_url + DEMO_PATHS["program"])
    for _ in range(12):  # the skip link, site name, search, language, phone, menu
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["outline"] or state["shadow"], f"no visible focus on {state}"
        if state["name"] == "q":
            break
    assert state["name"] == "q"
    page.keyboard.type("carcinoid")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=carcinoid" in page.url
    first = page.locator("main a").filter(has_text="Neuroendocrine tumors").first
    assert first.is_visible()
