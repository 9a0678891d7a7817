"""Every public page type of the demo content is valid HTML, by the Nu Html Checker
(vnu.jar, pinned in package.json) run on the pages a real server sends."""

import urllib.request

from .demo_server import DEMO_PATHS
from .html_validator import needs_vnu, vnu_errors

pytestmark = needs_vnu


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is checked too
        return error.read()


def test_every_page_type_is_valid_html(demo_base_url, tmp_path):
    pages = {
        path: fetch(demo_base_url + path)
        for path in {**DEMO_PATHS, "search": "/search/?q=carcinoid"}.values()
    }
    assert vnu_errors(pages, tmp_path) == []
