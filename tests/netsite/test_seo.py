"""What machines and sharing see: sitemap, robots.txt, share tags, A–Z, redirects."""

import re

import pytest
import wagtail_factories
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.S)


def meta(html, attribute, name):
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html
    )
    return match.group(1) if match else None


@pytest.fixture
def pages(home, condition_index, program_index, trial_listing):
    condition = factories.ConditionPageFactory(
        parent=condition_index,
        title="Neuroendocrine tumors",
        summary="Growths that develop from hormone-producing tissue.",
    )
    for name in ("NETs", "Carcinoid tumors", "Islet cell tumors"):
        factories.ConditionAliasFactory(page=condition, name=name)
    draft = factories.ConditionPageFactory(
        parent=condition_index, title="Unpublished draft", live=False
    )
    private = factories.ConditionPageFactory(parent=condition_index, title="Staff only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    program = factories.ProgramPageFactory(parent=program_index)
    trial = factories.ClinicalTrialPageFactory(parent=trial_listing)
    standard = factories.StandardPageFactory(parent=home, title="About us")
    # Published as editors do, so each page has the revision dates the sitemap reads.
    sections = (home, condition_index, program_index, trial_listing)
    for page in (*sections, condition, private, program, trial, standard):
        page.save_revision().publish()
    return {
        "condition": condition,
        "draft": draft,
        "private": private,
        "program": program,
        "trial": trial,
        "standard": standard,
        "condition_index": condition_index,
    }


# --- sitemap.xml and robots.txt -------------------------------------------------------


def test_sitemap_lists_live_public_pages_with_last_modified(pages, client, home):
    response = client.get("/sitemap.xml")
    xml = response.content.decode()

    assert response.status_code == 200
    for key in ("condition", "program", "trial", "standard", "condition_index"):
        assert f"<loc>http://testserver{pages[key].url}</loc>" in xml
    assert "<loc>http://testserver/</loc>" in xml
    assert xml.count("<url>") == xml.count("<lastmod>")
    assert "Unpublished" not in xml and pages["draft"].slug not in xml
    assert pages["private"].slug not in xml


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(site, client):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


# --- Head tags ------------------------------------------------------------------------


def test_pages_have_canonical_description_and_share_tags(pages, client):
    html = client.get(pages["condition"].url).content.decode()
    url = "http://testserver/conditions/neuroendocrine-tumors/"

    assert f'<link rel="canonical" href="{url}">' in html
    summary = "Growths that develop from hormone-producing tissue."
    assert meta(html, "name", "description") == summary
    assert meta(html, "property", "og:title") == "Neuroendocrine tumors"
    assert meta(html, "property", "og:description") == summary
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:type") == "article"
    assert (
        meta(html, "property", "og:site_name") == "Test Children&#x27;s Cancer Center"
    )
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    image = meta(html, "property", "og:image")
    assert image == "http://testserver/static/img/share-default.png"
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "name", "twitter:image") == image


def test_the_home_page_is_a_website_for_open_graph(pages, client):
    html = client.get("/").content.decode()

    assert meta(html, "property", "og:type") == "website"


def test_the_home_page_welcome_is_its_description(pages, client, home):
    home.intro = "Care and research for children with cancer."
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert meta(html, "name", "description") == home.intro
    assert meta(html, "property", "og:description") == home.intro
    home.search_description = "Written for search engines."
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert meta(html, "name", "description") == "Written for search engines."


def test_every_page_links_a_favicon_and_favicon_ico_finds_it(pages, client):
    html = client.get(pages["condition"].url).content.decode()
    assert (
        '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    )

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"


def test_a_page_share_image_is_cropped_to_1200_by_630(pages, client):
    image = wagtail_factories.ImageFactory(
        title="Team photo", file__width=1600, file__height=1200
    )
    condition = pages["condition"]
    condition.social_image = image
    condition.save()

    html = client.get(condition.url).content.decode()

    url = meta(html, "property", "og:image")
    assert url.startswith("http://testserver/media/images/")
    assert ".fill-1200x630" in url
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"
    assert meta(html, "property", "og:image:alt") == "Team photo"


def test_a_missing_share_image_file_falls_back_to_the_default(pages, client):
    image = wagtail_factories.ImageFactory(title="Gone")
    image.file.storage.delete(image.file.name)
    condition = pages["condition"]
    condition.social_image = image
    condition.save()

    response = client.get(condition.url)

    assert response.status_code == 200
    image_url = meta(response.content.decode(), "property", "og:image")
    assert image_url.endswith("/static/img/share-default.png")


def test_share_tags_escape_page_text(pages, client):
    condition = pages["condition"]
    condition.title = 'Tumors "quoted" <b>'
    condition.save()

    html = client.get(condition.url).content.decode()

    assert (
        '<meta property="og:title" content="Tumors &quot;quoted&quot; &lt;b&gt;">'
        in html
    )


def test_the_default_share_image_is_small():
    from pathlib import Path

    from PIL import Image

    path = Path(__file__).resolve().parents[2] / "netsite/static/img/share-default.png"
    assert path.stat().st_size <= 30 * 1024
    assert Image.open(path).size == (1200, 630)


# --- Breadcrumbs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["condition", "program", "trial", "standard", "condition_index"]
)
def test_every_page_below_home_has_breadcrumbs(pages, client, key):
    html = client.get(pages[key].url).content.decode()
    nav = re.search(
        r'<nav class="breadcrumbs wrap" aria-label="Breadcrumb">(.*?)</nav>', html, re.S
    )

    assert nav, f"no breadcrumbs on {key}"
    assert 'href="/"' in nav.group(1)
    assert 'aria-current="page"' in nav.group(1)


# --- The conditions A–Z ---------------------------------------------------------------


def test_a_to_z_lists_aliases_that_point_to_their_condition(pages, client):
    html = client.get("/conditions/").content.decode()
    text = re.sub(r"<[^>]+>", "", html)

    assert "Carcinoid tumors — see Neuroendocrine tumors" in text
    assert "Islet cell tumors — see Neuroendocrine tumors" in text
    alias_entry = re.search(r"<li>Carcinoid tumors — see (.*?)</li>", html, re.S)
    assert 'href="/conditions/neuroendocrine-tumors/"' in alias_entry.group(1)


def test_a_to_z_is_grouped_with_jump_links(pages, client):
    html = client.get("/conditions/").content.decode()

    for letter in ("C", "I", "N"):
        assert f'<a href="#letter-{letter}">{letter}</a>' in html
        assert f'id="letter-{letter}"' in html
    group_c = re.search(r'id="letter-C".*?</section>', html, re.S).group(0)
    assert "Carcinoid tumors" in group_c and "Islet cell" not in group_c
    assert "Unpublished draft" not in html and "Staff only" not in html


def test_a_to_z_filter_is_an_external_deferred_script(pages, client):
    html = client.get("/conditions/").content.decode()

    scripts = SCRIPT_TAG.findall(html)
    external = [attrs for attrs in scripts if "src=" in attrs]
    assert any(
        "conditions/js/az-filter.js" in attrs and "defer" in attrs for attrs in external
    )
    # No inline JavaScript anywhere (a strict CSP forbids it); JSON-LD is data, not
    # code.
    inline = [attrs for attrs in scripts if "src=" not in attrs]
    assert all('type="application/ld+json"' in attrs for attrs in inline)
    # The filter box is hidden until the script shows it: no dead control without JS.
    assert re.search(r"<form [^>]*data-az-filter hidden>", html)


# --- Redirects ------------------------------------------------------------------------


def test_a_renamed_page_keeps_its_old_link(
    pages, client, django_capture_on_commit_callbacks
):
    condition = pages["condition"]
    old_url = condition.url
    condition.slug = "nets"
    # Wagtail creates the redirect when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        condition.save_revision().publish()

    response = client.get(old_url)

    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/conditions/nets/")
    assert Redirect.objects.filter(old_path=old_url.rstrip("/")).exists()


def test_a_moved_page_keeps_its_old_link(pages, client, home):
    standard = pages["standard"]
    old_url = standard.url
    parent = factories.StandardPageFactory(parent=home, title="Who we are", slug="who")
    standard.move(parent, pos="last-child")

    response = client.get(old_url)

    assert response.status_code in (301, 302)
    assert response["Location"].endswith(f"/who/{standard.slug}/")
