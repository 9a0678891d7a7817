"""The count beside each filter option (issue 12): "Phase 2 (4)" is what choosing
Phase 2 gives, with every other filter kept; the counts cost a fixed number of
queries whatever the number of trials, conditions or sites."""

import re

import pytest
from django.utils.html import escape

from .test_trial_listing import make_trial, trials  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

SELECT_RE = re.compile(r'<select name="(\w+)"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option value="([^"]*)"[^>]*>([^<]*?) \((\d+)\)</option>')
FOUND_RE = re.compile(r"(\d+) trials? found")


def option_counts(html: str) -> dict[str, dict[str, tuple[str, int]]]:
    """{select name: {option value: (label, count)}} for the options with a count."""
    counts = {}
    for name, options in SELECT_RE.findall(html):
        counted = OPTION_RE.findall(options)
        if counted:
            counts[name] = {value: (label, int(n)) for value, label, n in counted}
    return counts


def found(html: str) -> int:
    return int(FOUND_RE.search(html).group(1))


def get(client, listing, params) -> str:
    response = client.get(listing.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_each_option_shows_how_many_trials_it_gives(client, trials):  # noqa: F811
    listing = trials["net"].get_parent()
    html = get(client, listing, {})
    counts = option_counts(html)
    net, group = trials["condition"], trials["group"]
    assert counts["status"] == {
        "open": ("Open to new patients", 2),
        "all": ("All, including closed", 3),
    }
    assert counts["condition"][str(net.pk)] == ("NETs", 1)  # the closed one is left out
    assert counts["phase"]["PHASE1"] == ("Phase 1", 1)
    assert counts["phase"]["PHASE3"] == ("Phase 3", 0)
    assert counts["group"][str(group.pk)] == (f"{escape(str(group))}", 1)
    assert ">Any phase<" in html  # "any" has no count: it is the sum of nothing


@pytest.mark.parametrize(
    "chosen",
    [{}, {"status": "all"}, {"phase": "PHASE1"}, {"age": "20", "status": "all"}],
    ids=["defaults", "all", "phase 1", "age 20"],
)
def test_choosing_an_option_gives_the_number_it_showed(client, trials, chosen):  # noqa: F811
    listing = trials["net"].get_parent()
    counts = option_counts(get(client, listing, chosen))
    assert set(counts) == {"status", "condition", "phase", "group"}
    for name, options in counts.items():
        for value, (label, count) in options.items():
            html = get(client, listing, {**chosen, name: value})
            assert found(html) == count, f"{name}={value} ({label})"


def test_a_filter_keeps_its_own_alternatives_counted(client, trials):  # noqa: F811
    listing = trials["net"].get_parent()
    counts = option_counts(get(client, listing, {"phase": "PHASE1"}))
    # Phase 2 is still offered with what it would give, not with 0.
    assert counts["phase"]["PHASE2"] == ("Phase 2", 1)
    assert counts["condition"][str(trials["condition"].pk)] == ("NETs", 0)
