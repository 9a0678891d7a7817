"""A page a visitor may not view appears on no public surface (issue 11, Medium 5).

The demo site is loaded, a second condition page is linked from everywhere a page can
be linked from (program pages, the related-conditions list, a trial's conditions, a
search promotion, the A–Z, the trial filter, the sitemap, JSON-LD), every public page
is visited so the page cache holds it, and then the page is made private. Walking every
surface again, neither its title nor its address may appear anywhere.
"""

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction, Site

from conditions.models import ConditionPage
from trials.models import ClinicalTrialPage

MARKER = "Zorblax syndrome"


@pytest.fixture
def demo_site(db, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Site.objects.update(hostname="testserver", port=80)


@pytest.fixture
def secret(demo_site):
    """A live condition page, linked from every surface that can link a page."""
    original = ConditionPage.objects.live().filter(locale__language_code="en").get()
    secret = original.copy(
        update_attrs={"title": MARKER, "slug": "zorblax", "short_name": "Zorblax"},
        keep_live=True,
    ).specific
    assert secret.care_programs.exists()  # so program pages would list it
    original.related_conditions.add(secret)
    original.save_revision().publish()
    trial = ClinicalTrialPage.objects.live().first()
    trial.conditions.add(secret)
    trial.save_revision().publish()
    query = Query.get("zorblax")
    SearchPromotion.objects.create(query=query, page=secret, sort_order=0)
    SearchPromotion.objects.create(
        query=Query.get(original.title), page=secret, sort_order=0
    )
    return secret


def public_surfaces(original_title):
    """Every page a visitor can reach, plus search, its promotions and the sitemap."""
    urls = [
        page.url
        for page in Page.objects.live().public().filter(depth__gte=2).specific()
        if page.title != MARKER
    ]
    return [
        *urls,
        "/search/?q=zorblax",
        f"/search/?q={original_title}",
        "/search/?q=syndrome",
        "/sitemap.xml",
        "/robots.txt",
    ]


@pytest.mark.parametrize("restriction", ["login", "password"])
def test_a_private_page_is_on_no_public_surface(client, secret, restriction):
    original = (
        ConditionPage.objects.exclude(pk=secret.pk)
        .filter(locale__language_code="en")
        .get()
    )
    surfaces = public_surfaces(original.title)
    # Before: it is linked from these surfaces (so the check below can fail), and
    # they are now in the page cache.
    before = {url: client.get(url).content.decode() for url in surfaces}
    shown_on = {url for url, html in before.items() if secret.url in html}
    assert shown_on >= {
        original.url,
        "/search/?q=zorblax",
        "/sitemap.xml",
        *(link.program.url for link in secret.care_programs.all()),
    }

    PageViewRestriction.objects.create(
        page=secret, restriction_type=restriction, password="s3cret-family"
    )

    for url in surfaces:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert MARKER not in html, url
        assert secret.url not in html, url
    # The page itself asks for a sign-in or its password.
    assert MARKER not in client.get(secret.url).content.decode()
