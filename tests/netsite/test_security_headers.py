"""Security headers on public pages, the admin, errors and non-page views."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]}."""
    result = {}
    for part in header.split(";"):
        name, *sources = part.split()
        result[name] = sources
    return result


@pytest.fixture
def about(home, site):
    return factories.StandardPageFactory(parent=home, title="About us")


def test_public_pages_get_the_strict_policy(client, about):
    response = client.get(about.url)
    policy = directives(response["Content-Security-Policy"])
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }


def test_public_pages_have_no_inline_script_or_style(client, about):
    """The strict policy would block them, so none may be in our templates."""
    html = client.get(about.url).content.decode()
    for snippet in ("<script>", "<script ", " style=", "<style", "onclick=", "onload="):
        if snippet == "<script ":
            # Only data blocks (JSON-LD) or external files are allowed.
            for tag in html.split("<script ")[1:]:
                head = tag.split(">", 1)[0]
                assert 'type="application/ld+json"' in head or "src=" in head, head
            continue
        assert snippet not in html, snippet


def test_the_admin_gets_its_relaxed_policy(client, home):
    response = client.get("/admin/login/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/robots.txt", "/healthz", "/no-such-page/"])
def test_every_response_has_the_common_headers(client, site, path):
    response = client.get(path)
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]


def test_pages_cannot_be_framed(client, about):
    response = client.get(about.url)
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == [
        "'none'"
    ]


def test_hsts_on_https_with_production_values(client, about, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get(about.url, secure=True)
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
