"""The query-saving page lookups still find exactly what Wagtail's own would.

HomePage.route finds a page by its URL path in one lookup, BasePage skips the view
restriction check while no page is private, and ``public()`` reads the private pages
from the cache. Each must answer as Wagtail does: right page, 404s, private sections.
"""

import pytest
import wagtail_factories
from wagtail.models import PageViewRestriction

from conditions.models import ConditionPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_nested_pages_are_found(client, home, site):
    parent = factories.StandardPageFactory(parent=home, slug="about")
    child = factories.StandardPageFactory(
        parent=parent, slug="visiting", title="Visiting"
    )
    response = client.get("/about/visiting/")
    assert response.status_code == 200
    assert response.context["page"] == child


@pytest.mark.parametrize("path", ["/about/nope/", "/nope/", "/about/visiting/extra/"])
def test_unknown_paths_are_404(client, home, site, path):
    parent = factories.StandardPageFactory(parent=home, slug="about")
    factories.StandardPageFactory(parent=parent, slug="visiting")
    assert client.get(path).status_code == 404


def test_a_draft_page_is_404(client, home, site):
    page = factories.StandardPageFactory(parent=home, slug="draft")
    page.unpublish()
    assert client.get("/draft/").status_code == 404


def test_a_live_page_under_a_draft_parent_is_still_served(client, home, site):
    """As in Wagtail: only the page itself must be live."""
    parent = factories.StandardPageFactory(parent=home, slug="section")
    factories.StandardPageFactory(parent=parent, slug="inside")
    parent.unpublish()
    assert client.get("/section/inside/").status_code == 200


def test_a_page_of_another_site_is_not_reachable(client, home, site, root_page):
    other_home = wagtail_factories.PageFactory(parent=root_page, slug="other-home")
    wagtail_factories.PageFactory(parent=other_home, slug="secret")
    assert client.get("/secret/").status_code == 404


def test_private_pages_are_left_out_of_listings(client, condition_index):
    public = factories.ConditionPageFactory(parent=condition_index, title="Public one")
    private = factories.ConditionPageFactory(
        parent=condition_index, title="Private one"
    )
    assert set(ConditionPage.objects.public()) == {public, private}
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert list(ConditionPage.objects.public()) == [public]
    html = client.get(condition_index.url).content.decode()
    assert "Public one" in html
    assert "Private one" not in html
    assert client.get(private.url).status_code == 302  # to the login page


def test_a_private_section_hides_its_descendants(client, condition_index):
    page = factories.ConditionPageFactory(parent=condition_index)
    PageViewRestriction.objects.create(
        page=condition_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert list(ConditionPage.objects.public()) == []
    assert client.get(page.url).status_code == 302
