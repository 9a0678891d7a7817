"""A family's shortlist (issue 12): up to five trials, kept in the link alone; add and
remove links that work without JavaScript; a page to print for the doctor; bad or
oversized links read safely, in a fixed number of queries."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from conditions.models import GlossaryTerm
from trials.registry import importer
from trials.shortlist import MAX_TRIALS, Shortlist

from .test_trial_sites import OURS, site, trial_with

pytestmark = pytest.mark.django_db

IDS = [f"NCT0777000{n}" for n in range(1, 8)]
BOSTON = {"lat": 42.3584, "lon": -71.0598}
WORCESTER = {"lat": 42.2626, "lon": -71.8023}


def parse(value: str) -> Shortlist:
    return Shortlist.from_query(QueryDict(mutable=True) | {"shortlist": value})


@pytest.mark.parametrize(
    ("value", "ids", "note"),
    [
        ("NCT07770001,NCT07770002", IDS[:2], None),
        ("nct07770001 NCT07770002;NCT07770001", IDS[:2], None),  # case, repeats
        ("NCT07770001,<script>,NCT1", IDS[:1], "We left out &lt;script&gt;, NCT1"),
        (",".join(IDS), IDS[:MAX_TRIALS], "we kept the first 5"),
        ("NCT0777000１", [], "We left out"),  # a full-width digit is no NCT ID
        ("NCT07770001\x00", IDS[:1], None),
        ("x" * 5000, [], "too long to read"),
        ("", [], None),
    ],
)
def test_the_link_is_read_safely(value, ids, note):
    shortlist = parse(value)
    assert shortlist.ids == ids
    notes = escape(" ".join(shortlist.notes))
    assert (note in notes) if note else not shortlist.notes


@pytest.fixture
def trials(trial_listing, our_center):
    importer.import_payload(
        [
            trial_with(
                site("Worcester Children's", geoPoint=WORCESTER, city="Worcester"),
                site(OURS, geoPoint=BOSTON),
                nct_id=IDS[0],
            ),
            trial_with(
                site("Boston General", geoPoint=BOSTON),
                site("Worcester Children's", geoPoint=WORCESTER, city="Worcester"),
                nct_id=IDS[1],
            ),
            *(trial_with(site("Elsewhere"), nct_id=nct) for nct in IDS[2:6]),
        ]
    )
    return trial_listing


def links(html: str, marker: str) -> list[str]:
    return [
        escape_free(href)
        for href in re.findall(rf'<a href="([^"]*)"[^>]*{marker}', html)
    ]


def escape_free(href: str) -> str:
    return href.replace("&amp;", "&")


def shortlist_of(href: str) -> str:
    return parse_qs(urlsplit(href).query).get("shortlist", [""])[0]


def test_adding_from_the_listing_keeps_the_filters_and_the_list(client, trials):
    html = client.get(
        trials.url, {"where": "anywhere", "phase": "", "shortlist": IDS[0]}
    ).content.decode()
    assert "Your shortlist: 1 trial." in html
    assert '<input type="hidden" name="shortlist" value="NCT07770001">' in html
    add = links(html, "data-shortlist-add")
    assert len(add) == 5  # every trial but the one already on the list
    assert all(shortlist_of(href).startswith(IDS[0] + ",") for href in add)
    assert all("where=anywhere" in href for href in add)
    (remove,) = links(html, "data-shortlist-remove")
    assert shortlist_of(remove) == ""
    assert remove.endswith(f"#trial-{IDS[0]}")
    # The trial links carry the list, so a trial page can add to it.
    assert f'href="/trials/{IDS[1].lower()}/?shortlist={IDS[0]}"' in html


def test_a_full_shortlist_offers_no_more_adding(client, trials):
    html = client.get(trials.url, {"where": "anywhere", "shortlist": ",".join(IDS[:5])})
    html = html.content.decode()
    assert "Your shortlist is full (5 trials)." in html
    assert links(html, "data-shortlist-add") == []


def test_the_trial_page_adds_itself_to_the_list_it_came_with(client, trials):
    html = client.get(f"/trials/{IDS[1].lower()}/", {"shortlist": IDS[0]}).content
    (add,) = links(html.decode(), "data-shortlist-add")
    assert urlsplit(add).path == "/trials/shortlist/"
    assert shortlist_of(add) == f"{IDS[0]},{IDS[1]}"


def shortlist_page(client, value, **params):
    response = client.get("/trials/shortlist/", {"shortlist": value, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_the_shortlist_page_shows_each_trial_in_the_familys_order(client, trials):
    html = shortlist_page(client, f"{IDS[1]},{IDS[0]},NCT09999999,{IDS[1]}")
    assert html.index(IDS[1]) < html.index(f"<dd>{IDS[0]}</dd>")
    assert html.count('class="shortlist-trial"') == 2
    assert "We could not find NCT09999999 on our site" in html
    assert '<meta name="robots" content="noindex">' in html
    # Removing one leaves the other, with the unknown ID dropped.
    removes = links(html, "data-shortlist-remove")
    assert [shortlist_of(href) for href in removes] == [IDS[0], IDS[1]]
    assert f"http://testserver/trials/shortlist/?shortlist={IDS[1]}%2C{IDS[0]}" in html
    assert escape("Questions to ask your child's care team") in html  # a variable now
    assert "<li>What are the possible benefits and risks?</li>" in html


def test_each_trial_names_ours_or_else_the_nearest_open_site(client, trials):
    html = shortlist_page(client, f"{IDS[0]},{IDS[1]}", zip="01608")  # Worcester
    first, second = html.split('class="shortlist-trial"')[1:3]
    assert escape(OURS) in first  # ours, though Worcester is nearer
    assert "Worcester Children&#x27;s, Worcester, Massachusetts (about" in second
    html = shortlist_page(client, f"{IDS[0]},{IDS[1]}", zip="0160")
    assert "We ignored the ZIP code" in html


def test_glossary_words_used_are_explained(client, trials):
    GlossaryTerm.objects.create(
        term="side effects", definition="Problems a medicine causes."
    )
    trials.shortlist_questions = "What side effects could my child have?"
    trials.save_revision().publish()
    html = shortlist_page(client, IDS[0])
    assert "Words used on this page" in html
    assert "Problems a medicine causes." in html


def test_drafts_and_private_trials_are_never_shown(client, trials):
    from trials.models import ClinicalTrialPage  # noqa: PLC0415

    ClinicalTrialPage.objects.get(nct_id=IDS[2]).unpublish()
    html = shortlist_page(client, f"{IDS[2]},{IDS[3]}")
    assert html.count('class="shortlist-trial"') == 1
    assert f"We could not find {IDS[2]}" in html


def test_the_queries_do_not_grow_with_the_link(client, trials):
    def count(value):
        client.get("/trials/shortlist/", {"shortlist": value})  # warm
        with CaptureQueriesContext(connection) as captured:
            client.get("/trials/shortlist/", {"shortlist": value})
        return len(captured)

    one = count(IDS[0])
    assert count(",".join(IDS[:5])) == one
    assert count(",".join(IDS + [f"NCT0{n:07d}" for n in range(40)])) == one
