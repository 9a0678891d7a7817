"""Atom feeds of trials per condition (issue 12): new, newly open and newly closed,
linked from the condition page and the listing, public pages only, cached."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests import factories
from tests.ctgov_records import study
from trials.models import ClinicalTrialPage
from trials.registry import importer

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def net(condition_index, trial_listing):
    net = factories.ConditionPageFactory(parent=condition_index, title="Neuroblastoma")
    net.save_revision().publish()
    for nct_id in ("NCT05550001", "NCT05550002"):
        importer.import_payload(
            study(nct_id, conditionsModule__conditions=["Neuroblastoma"])
        )
    # Closed later, by a sync: the feed says so.
    importer.import_payload(
        study("NCT05550002", statusModule__overallStatus="TERMINATED")
    )
    return net


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    found = []
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        found.append(
            (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href"))
        )
    return found


def test_the_condition_feed_says_what_happened(client, net):
    found = entries(client, f"/feeds/trials/{net.slug}/")
    titles = [title for title, _ in found]
    assert titles[0].startswith("No longer open: ")  # the newest event
    assert titles[1].startswith("New trial: ")
    assert all(link.startswith("http://testserver/trials/") for _, link in found)


def test_the_condition_page_and_the_listing_link_their_feeds(client, net):
    html = client.get(net.url).content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Clinical trials for Neuroblastoma" href="/feeds/trials/{net.slug}/">'
        in html
    )
    listing = ClinicalTrialPage.objects.first().get_parent()
    assert 'href="/feeds/trials/"' in client.get(listing.url).content.decode()
    assert len(entries(client, "/feeds/trials/")) == 2


def test_private_pages_are_in_no_feed(client, net):
    private = ClinicalTrialPage.objects.get(nct_id="NCT05550001")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert all(
        "nct05550001" not in link for _, link in entries(client, "/feeds/trials/")
    )
    PageViewRestriction.objects.create(page=net, restriction_type="login")
    assert client.get(f"/feeds/trials/{net.slug}/").status_code == 404


def test_an_unknown_condition_is_a_404(client, net):
    assert client.get("/feeds/trials/no-such-condition/").status_code == 404


def test_feeds_are_served_from_the_page_cache(client, net, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    client.get("/feeds/trials/")
    assert client.get("/feeds/trials/")["X-Page-Cache"] == "HIT"
