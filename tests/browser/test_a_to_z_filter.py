"""The conditions A–Z filter (conditions/js/az-filter.js) matches each entry by its own
name: a condition by its title, another name by that name, never by the title it
points to."""

from tests.demo_server import DEMO_PATHS


def visible_entries(page) -> list[str]:
    return page.eval_on_selector_all(
        ".az-list > li", "items => items.filter(i => !i.hidden).map(i => i.textContent)"
    )


def test_the_filter_matches_each_entry_by_its_own_name(page, base_url):
    page.goto(base_url + DEMO_PATHS["condition index"])
    box = page.get_by_label("Filter the list by name")
    assert box.is_visible()  # shown by the script

    box.fill("carcinoid")
    assert visible_entries(page) == ["Carcinoid tumors — see Neuroendocrine tumors"]
    assert page.locator("[data-az-filter-status]").text_content() == (
        "1 name matches “carcinoid”."
    )

    box.fill("neuroendocrine")
    assert visible_entries(page) == ["Neuroendocrine tumors"]

    box.fill("")
    assert len(visible_entries(page)) >= 4  # the title and its three other names
