"""The trial listing by place (issue 12): trials at our center by default, where Site
settings name our facilities; trials near a family's ZIP code with the nearest open
site and its distance; bad ZIP codes noted, never an error; a fixed query count."""

import math
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trials.distance import miles_between, zip_centroid
from trials.models import ClinicalTrialPage
from trials.registry import importer

from .test_trial_facets import found, option_counts
from .test_trial_sites import OURS, site, trial_with

pytestmark = pytest.mark.django_db

BOSTON = {"lat": 42.3584, "lon": -71.0598}
WORCESTER = {"lat": 42.2626, "lon": -71.8023}  # ~40 miles west of Boston
NEW_YORK = {"lat": 40.7128, "lon": -74.0060}  # ~190 miles
DENVER = {"lat": 39.7392, "lon": -104.9903}


@pytest.fixture
def trials(trial_listing):
    """Four trials: ours in Boston, one in Worcester and New York, one in Denver with
    a closed Boston site, and one whose only site has no geoPoint."""
    importer.import_payload(
        [
            trial_with(site(OURS, geoPoint=BOSTON), nct_id="NCT05550001"),
            trial_with(
                site("Worcester Children's", geoPoint=WORCESTER),
                site("New York Kids", geoPoint=NEW_YORK),
                nct_id="NCT05550002",
            ),
            trial_with(
                site("Denver Children's", geoPoint=DENVER),
                site("Boston Closed Site", "COMPLETED", geoPoint=BOSTON),
                nct_id="NCT05550003",
            ),
            trial_with(site("Nowhere Known", geoPoint=None), nct_id="NCT05550004"),
        ]
    )
    return trial_listing


def listed(client, listing, **params):
    response = client.get(listing.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    return [
        nct
        for nct in ("NCT05550001", "NCT05550002", "NCT05550003", "NCT05550004")
        if nct in html
    ], html


def test_without_our_facilities_every_hospital_counts(client, trials):
    found, html = listed(client, trials)
    assert found == ["NCT05550001", "NCT05550002", "NCT05550003", "NCT05550004"]
    assert 'name="where"' not in html


def test_our_center_is_the_default_and_can_be_switched_off(client, trials, our_center):
    found, html = listed(client, trials)
    assert found == ["NCT05550001"]
    assert 'name="where"' in html
    found, _ = listed(client, trials, where="anywhere")
    assert len(found) == 4


@pytest.mark.parametrize(
    ("zip_code", "within", "expected"),
    [
        ("02215", "25", ["NCT05550001"]),  # Boston only: the Boston site of 3 is closed
        ("02215", "50", ["NCT05550001", "NCT05550002"]),  # and Worcester
        ("02215", "250", ["NCT05550001", "NCT05550002"]),  # New York is the same trial
        ("80218", "25", ["NCT05550003"]),  # Denver
    ],
)
def test_trials_near_a_zip_code(client, trials, zip_code, within, expected):
    found, html = listed(
        client, trials, zip=zip_code, distance=within, where="anywhere"
    )
    assert found == expected
    assert "NCT05550004" not in found  # no geoPoint: never "near"


def test_the_nearest_site_and_its_distance_are_shown(client, trials):
    _, html = listed(client, trials, zip="02215", distance="250")
    home = zip_centroid("02215")
    # Worked out independently of trials.distance (spherical law of cosines).
    lat1, lon1 = map(math.radians, home)
    lat2, lon2 = map(math.radians, (WORCESTER["lat"], WORCESTER["lon"]))
    expected = 3958.8 * math.acos(
        math.sin(lat1) * math.sin(lat2)
        + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    )
    assert (
        abs(miles_between(home, (WORCESTER["lat"], WORCESTER["lon"])) - expected) < 0.01
    )
    assert (
        f"Worcester Children&#x27;s, Boston, Massachusetts (about {round(expected)} miles)"
        in html
    )


@pytest.mark.parametrize(
    "bad", ["0221", "ABCDE", "00000", "٠٢٢١٥", "02215-1234", "x" * 500]
)
def test_a_bad_zip_code_is_noted_and_ignored(client, trials, bad):
    found, html = listed(client, trials, zip=bad, distance="25")
    assert len(found) == 4
    assert "We ignored Near ZIP code because the value was not valid." in html


def test_a_bad_distance_falls_back_with_a_note(client, trials):
    found, html = listed(client, trials, zip="02215", distance="7")
    assert "We ignored Within" in html
    assert found == ["NCT05550001", "NCT05550002"]  # the default, 100 miles


def test_the_listing_by_zip_costs_a_fixed_number_of_queries(client, trials, our_center):
    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            client.get(trials.url, params)
        return len(captured)

    client.get(trials.url)  # warm the caches every variant shares
    plain = queries(where="anywhere")
    near = queries(where="anywhere", zip="02215", distance="250")
    here_near = queries(zip="02215", distance="25")
    # One query for the open sites in the widest circle's box, one for the trial IDs
    # the counts beside each distance are taken from (trials/facets.py).
    assert near == plain + 2
    assert here_near == near


def test_trials_near_a_zip_code_come_nearest_first(client, trials):
    response = client.get(trials.url, {"zip": "01608", "distance": "250"})  # Worcester
    order = re.findall(r"<span>(NCT\d{8})</span>", response.content.decode())
    assert order == ["NCT05550002", "NCT05550001"]  # Worcester's own site, then Boston
    # Without a ZIP code, the same trials are in title order.
    response = client.get(trials.url, {"where": "anywhere"})
    order = re.findall(r"<span>(NCT\d{8})</span>", response.content.decode())
    titles = dict(ClinicalTrialPage.objects.values_list("nct_id", "title"))
    assert order == sorted(order, key=titles.get)
    assert len(order) == 4


def test_each_distance_shows_how_many_trials_it_gives(client, trials):
    html = client.get(trials.url, {"zip": "02215"}).content.decode()
    for miles, count in (("25", 1), ("50", 2), ("100", 2), ("250", 2)):
        assert f'<option value="{miles}"' in html
        assert re.search(rf'value="{miles}"[^>]*>{miles} miles \({count}\)<', html)
        shown = client.get(trials.url, {"zip": "02215", "distance": miles})
        assert (
            f"{count} trial{'s' if count != 1 else ''} found" in shown.content.decode()
        )


@pytest.mark.parametrize(
    "chosen", [{}, {"status": "all"}, {"zip": "02215", "where": "anywhere"}]
)
def test_where_and_distance_counts_are_what_they_give(
    client, trials, our_center, chosen
):
    counts = option_counts(client.get(trials.url, chosen).content.decode())
    assert "where" in counts
    for name, options in counts.items():
        for value, (label, count) in options.items():
            html = client.get(trials.url, {**chosen, name: value}).content.decode()
            assert found(html) == count, f"{name}={value} ({label})"


def test_from_a_zip_search_the_trial_page_lists_the_nearest_sites_first(client, trials):
    html = client.get(trials.url, {"zip": "10001", "where": "anywhere"}).content
    assert b"/trials/nct05550002/?zip=10001" in html  # the card keeps the ZIP code
    page = client.get("/trials/nct05550002/", {"zip": "10001"}).content.decode()
    sites = page[page.index("data-trial-sites") :]
    assert sites.index("New York Kids") < sites.index("Worcester Children")
    assert "Nearest to 10001 first." in sites
    # New York Kids is about 3 miles from 10001's centroid; Worcester about 150.
    assert re.search(r"\(about [1-5] miles from 10001\)", sites)
    assert re.search(r"\(about 1[4-6]\d miles from 10001\)", sites)
    # Without a ZIP code: by state and city, as before.
    page = client.get("/trials/nct05550002/").content.decode()
    assert "Nearest to" not in page


def test_the_listing_by_zip_with_counts_costs_the_same_for_many_trials(
    client, trials, our_center
):
    params = {"zip": "02215", "distance": "250", "where": "anywhere", "status": "all"}

    def count():
        client.get(trials.url, params)
        with CaptureQueriesContext(connection) as captured:
            client.get(trials.url, params)
        return len(captured)

    few = count()
    importer.import_payload(
        [
            trial_with(
                site(OURS, geoPoint=BOSTON),
                site("Worcester Children's", geoPoint=WORCESTER),
                nct_id=f"NCT0556{n:04d}",
            )
            for n in range(30)
        ]
    )
    assert count() == few
