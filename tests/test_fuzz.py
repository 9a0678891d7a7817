"""Malformed input at every public URL: paths, query strings, headers and bodies.

Whatever arrives, the answer is a page or a 4xx, never a 500. Deterministic lists of
nasty values cover the known troublemakers (NUL bytes, broken UTF-8, huge numbers,
SQL and markup); hypothesis then throws arbitrary text at the two forms that take free
input (the trial filters and the search). The page cache is on, as in production.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trials.models import Phase

from . import factories

pytestmark = pytest.mark.django_db

NASTY_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    "' OR '1'='1' --",
    "<script>alert(1)</script>",
    "\x00",
    "%00",
    "%ff%fe",
    "١٢٣",
    "😀" * 50,
    "a" * 5000,
    "../../etc/passwd",
    "${jndi:ldap://x}",
    "[]",
    "{}",
]
NASTY_PATH_SUFFIXES = [
    "%00/",
    "%00",
    "..%2f..%2fetc%2fpasswd",
    "%ff%fe/",
    "%c0%ae%c0%ae/",
    "x" * 3000 + "/",
    "😀/",
    ";jsessionid=1/",
    "//",
    "?",
    "index.php",
    "%2e%2e/%2e%2e/",
    "a/b/c/d/e/f/g/h/i/j/",
]
NASTY_HEADERS = [
    {"HTTP_ACCEPT_LANGUAGE": "xx-\x00-" + "9" * 500},
    {"HTTP_COOKIE": "sessionid=\x00; csrftoken=" + "x" * 5000},
    {"HTTP_COOKIE": "messages=not-signed; sessionid="},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday at noon"},
    {"HTTP_IF_NONE_MATCH": '"' + "a" * 4000},
    {"HTTP_RANGE": "bytes=-1--2"},
    {"HTTP_X_FORWARDED_FOR": "not-an-ip, 999.1.1.1, ::zz"},
    {"HTTP_X_FORWARDED_PROTO": "gopher"},
    {"HTTP_X_REQUEST_ID": "\n\r" + "<b>" * 100},
    {"HTTP_USER_AGENT": "\x00" + "A" * 10000},
    {"HTTP_ACCEPT": "*/*;q=not-a-number"},
    {"HTTP_HOST": "evil.example.com"},
    {"HTTP_HOST": "testserver:99999999"},
    {"CONTENT_TYPE": "multipart/form-data; boundary="},
]
TRIAL_PARAMS = ["q", "condition", "status", "phase", "age", "age_unit", "group", "page"]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 300


@pytest.fixture
def urls(home, site, condition_index, program_index, trial_listing):
    """Every kind of public URL, on a small but complete site."""
    condition = factories.ConditionPageFactory(parent=condition_index)
    factories.ConditionAliasFactory(page=condition, name="NETs")
    program = factories.ProgramPageFactory(parent=program_index)
    factories.ConditionProgramFactory(page=condition, program=program)
    factories.ProgramTeamMemberFactory(page=program)
    trial = factories.ClinicalTrialPageFactory(
        parent=trial_listing, collaborative_group=factories.CollaborativeGroupFactory()
    )
    trial.conditions.add(condition)
    trial.phases.add(Phase.objects.first())
    trial.save()
    standard = factories.StandardPageFactory(parent=home)
    return [
        "/",
        standard.url,
        condition_index.url,
        condition.url,
        program_index.url,
        program.url,
        trial_listing.url,
        trial.url,
        "/search/",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
    ]


@pytest.fixture
def client():
    # Crashes re-raise in the test (with their traceback) instead of becoming a 500.
    return Client(raise_request_exception=True)


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what!r}"


def test_nasty_paths(client, urls):
    for url in urls:
        base = url if url.endswith("/") else url + "/"
        for suffix in NASTY_PATH_SUFFIXES:
            assert_no_server_error(client.get(base + suffix), base + suffix)


def test_nasty_query_strings_everywhere(client, urls):
    for url in urls:
        for value in NASTY_VALUES:
            params = dict.fromkeys(TRIAL_PARAMS, value)
            assert_no_server_error(client.get(url, params), (url, value))


@pytest.mark.parametrize("url_name", ["trials", "search"])
def test_each_filter_alone_with_nasty_values(client, urls, trial_listing, url_name):
    url = trial_listing.url if url_name == "trials" else "/search/"
    for name in TRIAL_PARAMS:
        for value in NASTY_VALUES:
            assert_no_server_error(client.get(url, {name: value}), (url, name, value))
        # The same key many times, and the key with no value at all.
        query = "&".join([f"{name}=1"] * 50) + f"&{name}"
        assert_no_server_error(client.get(f"{url}?{query}"), (url, query))


def test_nasty_headers(client, urls):
    for url in urls:
        for headers in NASTY_HEADERS:
            assert_no_server_error(client.get(url, **headers), (url, headers))


def test_nasty_bodies(client, urls):
    bodies = [
        (
            "application/x-www-form-urlencoded",
            "&".join(f"f{i}=x" for i in range(10_001)),
        ),
        ("application/x-www-form-urlencoded", "%ff%fe=%00&=&&=="),
        ("multipart/form-data; boundary=xyz", "--xyz\r\nbroken"),
        ("application/json", '{"unterminated": '),
        ("text/plain", "\x00" * 1000),
        ("application/x-www-form-urlencoded", "q=" + "a" * 100_000),
    ]
    for url in urls:
        for content_type, body in bodies:
            response = client.post(url, data=body, content_type=content_type)
            assert_no_server_error(response, (url, content_type))
        for method in (client.put, client.patch, client.delete, client.options):
            response = method(url, data=bodies[1][1], content_type=bodies[1][0])
            assert_no_server_error(response, (method.__name__, url))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=st.dictionaries(st.sampled_from(TRIAL_PARAMS), st.text(max_size=300)))
def test_trial_filters_take_any_text(client, trial_listing, params):
    assert_no_server_error(client.get(trial_listing.url, params), params)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.text(max_size=400), page=st.one_of(st.text(max_size=30), st.integers()))
def test_search_takes_any_text(client, site, query, page):
    response = client.get("/search/", {"q": query, "page": page})
    assert_no_server_error(response, (query, page))
